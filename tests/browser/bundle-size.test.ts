// Bundle size per feature: minified + gzip -9 of small browser apps built from the packed package
// (scripts/bundle-size.mjs). Every row must stay under the ceiling written for it in that script's FEATURES table,
// the one place ceilings live; and each app must carry the code of its features and no other codec (tree-shaking,
// checked by strings only one codec contains). No browser needed, so this never skips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES, formatTable, measureBundleSizes } from '../../scripts/bundle-size.mjs';
import type { BundleSize } from '../../scripts/bundle-size.mjs';
import { createConsumerProject } from './support/consumer.js';
import type { ConsumerProject } from './support/consumer.js';

// Strings that exist only in one codec's code (error messages and option names that survive minification); a codec
// counts as present when any of its strings is.
const MARKERS = {
  png: ['PNG IHDR'],
  deflate: ['invalid block type'], // the inflate, reached only through the PNG codec
  bmp: ['BMP header'],
  jpeg: ['scan data ends before its last MCU'], // the JPEG decoder
  npy: ['Fortran order'],
} as const;
type Codec = keyof typeof MARKERS;

let project: ConsumerProject | undefined;
const sizes = new Map<string, BundleSize>();
let table = '';

beforeAll(async () => {
  project = createConsumerProject();
  for (const result of await measureBundleSizes(project.dir)) sizes.set(result.id, result);
  table = `pixtext bundle sizes:\n${formatTable([...sizes.values()])}`;
  console.log(table);
}, 240_000);

afterAll(() => project?.dispose());

const size = (id: string): BundleSize => {
  const result = sizes.get(id);
  if (result === undefined) throw new Error(`no bundle-size row '${id}'`);
  return result;
};

/** Which codecs' code a bundle holds. */
const codecsIn = (id: string): Codec[] =>
  (Object.keys(MARKERS) as Codec[]).filter((codec) => MARKERS[codec].some((marker) => size(id).code.includes(marker)));

describe('bundle size per feature (esbuild, minified, gzip -9)', () => {
  it('measures every row of the table, each with a ceiling and its reason', () => {
    expect([...sizes.keys()]).toEqual(FEATURES.map((f) => f.id));
    for (const feature of FEATURES) {
      expect(feature.ceiling, feature.id).toBeGreaterThan(0);
      expect(feature.why.length, feature.id).toBeGreaterThan(20);
    }
    expect(size('raw-only').ceiling).toBe(8_000);
  });

  it.each(FEATURES.map((f) => f.id))('%s stays under its ceiling', (id) => {
    expect(size(id).gzip, table).toBeLessThanOrEqual(size(id).ceiling);
  });

  it('raw-only and a bare instance hold no codec', () => {
    expect(codecsIn('raw-only')).toEqual([]);
    expect(codecsIn('instance')).toEqual([]);
  });

  it('each codec alone brings that codec (PNG with deflate) and no other', () => {
    expect(codecsIn('png')).toEqual(['png', 'deflate']);
    expect(codecsIn('bmp')).toEqual(['bmp']);
    expect(codecsIn('jpeg')).toEqual(['jpeg']);
    expect(codecsIn('npy')).toEqual(['npy']);
  });

  it('each text form alone brings no codec', () => {
    for (const id of ['pil-dump', 'data-url', 'base64']) expect(codecsIn(id), id).toEqual([]);
  });

  it('the default entry and the whole package hold every codec (so the markers above mean something)', () => {
    expect(codecsIn('default')).toEqual(['png', 'deflate', 'bmp', 'jpeg', 'npy']);
    expect(codecsIn('whole-package')).toEqual(['png', 'deflate', 'bmp', 'jpeg', 'npy']);
  });

  it('sizes grow with what is bundled', () => {
    const gzip = (id: string) => size(id).gzip;
    expect(gzip('raw-only')).toBeLessThan(gzip('instance'));
    for (const id of ['png', 'bmp', 'jpeg', 'pil-dump', 'data-url', 'base64']) {
      expect(gzip('instance'), id).toBeLessThan(gzip(id));
      expect(gzip(id), id).toBeLessThan(gzip('default'));
    }
    expect(gzip('default')).toBeLessThanOrEqual(gzip('whole-package'));
  });
});
