// Issue 5 size budget: minified + gzip of three browser apps built from the packed package (scripts/bundle-size.mjs).
// (a) the envelope alone (rawImageToText/textToRawImage) must stay within its ceiling and carry no codec at all
// (tree-shaking verified by strings only a codec contains); (c) everything (the DESIGN §2 API with every codec and
// text form) must stay within its ceiling (ceilings: SCENARIOS in scripts/bundle-size.mjs); (c+) the whole package is reported. No browser needed, so this never skips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTable, measureBundleSizes } from '../../scripts/bundle-size.mjs';
import type { BundleSize } from '../../scripts/bundle-size.mjs';
import { createConsumerProject } from './support/consumer.js';
import type { ConsumerProject } from './support/consumer.js';

// Strings that exist only in one codec's code (error messages and option names that survive minification).
const MARKERS = {
  png: 'PNG IHDR',
  deflate: 'invalid block type', // fflate, reached only through the PNG codec
  bmp: 'BMP header',
  jpeg: 'scan data ends before its last MCU', // the JPEG decoder
} as const;

let project: ConsumerProject | undefined;
const sizes = new Map<string, BundleSize>();
let table = '';

beforeAll(async () => {
  project = createConsumerProject();
  for (const result of await measureBundleSizes(project.dir)) sizes.set(result.id, result);
  table = `pixtext bundle sizes:\n${formatTable([...sizes.values()])}`;
  console.log(table);
}, 180_000);

afterAll(() => project?.dispose());

const contains = (id: string) =>
  Object.fromEntries(Object.entries(MARKERS).map(([name, marker]) => [name, sizes.get(id)!.code.includes(marker)]));

describe('bundle size (esbuild, minified, gzip -9)', () => {
  it('(a) the envelope alone is within its ceiling (8 kB gzip)', () => {
    expect(sizes.get('envelope')!.gzip, table).toBeLessThanOrEqual(sizes.get('envelope')!.budget!);
  });

  it('(a) contains no codec: no PNG, deflate, BMP or JPEG code', () => {
    expect(contains('envelope')).toEqual({ png: false, deflate: false, bmp: false, jpeg: false });
  });

  it('(b) envelope + PNG brings PNG and deflate but neither BMP nor JPEG', () => {
    expect(contains('png')).toEqual({ png: true, deflate: true, bmp: false, jpeg: false });
  });

  it('(c) everything holds every codec (so the markers above mean something) and is within its ceiling (48 kB gzip)', () => {
    expect(contains('api')).toEqual({ png: true, deflate: true, bmp: true, jpeg: true });
    expect(sizes.get('api')!.gzip, table).toBeLessThanOrEqual(sizes.get('api')!.budget!);
  });

  it("(a') createPixtext() with nothing configured holds no codec either", () => {
    expect(contains('envelope-instance')).toEqual({ png: false, deflate: false, bmp: false, jpeg: false });
  });

  it('sizes grow with what is bundled', () => {
    const [a, instance, b, api, all] = ['envelope', 'envelope-instance', 'png', 'api', 'all'].map((id) => sizes.get(id)!.gzip);
    expect(a).toBeLessThan(instance!);
    expect(instance).toBeLessThan(b!);
    expect(b).toBeLessThan(api!);
    expect(api).toBeLessThanOrEqual(all!);
  });
});
