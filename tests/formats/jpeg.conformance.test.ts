// JPEG conformance against the shared conformance corpus (copied into tests/fixtures/jpeg, see its README.md):
// every `decode` file must give exactly Pillow's pixels (Pillow 9.4 on libjpeg-turbo 2.1.5, the corpus oracle),
// `either` files must decode or throw a PixtextError quickly, `optional` files must decode or say ERR_UNSUPPORTED.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { jpegCodec } from '../../src/formats/jpeg/index.js';
import type { RawImage } from '../../src/raw-image.js';
import { DEFAULT_MAX_PIXELS } from '../../src/raw-image.js';

interface Entry {
  file: string;
  expect: 'decode' | 'either' | 'optional' | 'reject';
  width: number | null;
  height: number | null;
  mode: 'L' | 'RGB' | null;
  sampling: string | null;
  content_format?: string;
  reference: { file: string; left: number; top: number; width: number; height: number } | null;
}

const FIXTURES = new URL('../fixtures/jpeg/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const manifest = JSON.parse(readFileSync(new URL('manifest.json', FIXTURES), 'utf8')) as { files: Entry[] };
const project = process.env.PIXTEXT_PROJECT ?? 'node';

/** Our pixels as RGB over the reference's crop box. */
function cropRgb(image: RawImage, box: NonNullable<Entry['reference']>): Uint8Array {
  const channels = image.mode === 'L' ? 1 : 3;
  const out = new Uint8Array(box.width * box.height * 3);
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const src = ((box.top + y) * image.width + box.left + x) * channels;
      const dst = (y * box.width + x) * 3;
      for (let c = 0; c < 3; c++) out[dst + c] = image.data[src + (channels === 1 ? 0 : c)]!;
    }
  }
  return out;
}

/**
 * `decode` files we refuse on purpose, with the code. progressive-missing-dc.jpg has an AC scan and no DC scan:
 * libjpeg only warns, but T.81 G.1.1.1.1 makes it corrupt, and refusing such scans keeps a tiny file from
 * making the decoder commit memory for a frame its data never fills (see tests/limits/jpeg.limits.test.ts).
 */
const REFUSED: Record<string, string> = { 'jpeg-decoder/progressive-missing-dc.jpg': ErrorCode.CORRUPT };

let identical = 0;

describe(`JPEG conformance (${project})`, () => {
  const decodable = manifest.files.filter((e) => e.expect === 'decode');

  it.each(decodable.map((e) => [e.file, e] as const))('decodes %s exactly as Pillow', (_, entry) => {
    expect(jpegCodec.header(fixture(entry.file))).toEqual({ width: entry.width, height: entry.height, mode: entry.mode });
    const refused = REFUSED[entry.file];
    if (refused !== undefined) {
      expect(() => jpegCodec.decode(fixture(entry.file), { maxPixels: DEFAULT_MAX_PIXELS })).toThrow(expect.objectContaining({ code: refused }));
      return;
    }
    const image = jpegCodec.decode(fixture(entry.file), { maxPixels: DEFAULT_MAX_PIXELS });
    expect([image.width, image.height, image.mode]).toEqual([entry.width, entry.height, entry.mode]);
    const reference = entry.reference!;
    const ours = cropRgb(image, reference);
    const pillow = fixture(reference.file);
    // Compare as one flag first (a per-byte toEqual on 100 kB arrays is slow), then show the first difference.
    const first = ours.findIndex((v, i) => v !== pillow[i]);
    expect(first === -1 ? 'identical' : `pixel ${Math.floor(first / 3)} channel ${first % 3}: ${ours[first]} vs ${pillow[first]}`).toBe('identical');
    expect(ours.length).toBe(pillow.length);
    identical++;
  });

  it.each(manifest.files.filter((e) => e.expect === 'either').map((e) => [e.file, e] as const))('decodes or rejects %s quickly', (_, entry) => {
    const bytes = fixture(entry.file);
    const started = performance.now();
    try {
      const image = jpegCodec.decode(bytes, { maxPixels: DEFAULT_MAX_PIXELS });
      expect(image.data.length).toBe(image.width * image.height * (image.mode === 'L' ? 1 : 3));
    } catch (error) {
      expect(error).toBeInstanceOf(PixtextError);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each(manifest.files.filter((e) => e.expect === 'optional').map((e) => [e.file] as const))('decodes %s or says ERR_UNSUPPORTED', (file) => {
    let outcome: string;
    try {
      jpegCodec.decode(fixture(file), { maxPixels: DEFAULT_MAX_PIXELS });
      outcome = 'decoded';
    } catch (error) {
      outcome = error instanceof PixtextError ? error.code : String(error);
    }
    expect(['decoded', ErrorCode.UNSUPPORTED]).toContain(outcome);
  });

  it('does not sniff a PNG named .jpg as JPEG', () => {
    const png = manifest.files.filter((e) => e.content_format === 'png');
    expect(png.length).toBeGreaterThan(0);
    for (const entry of png) {
      const bytes = fixture(entry.file);
      expect(jpegCodec.sniff(bytes)).toBe(false);
      expect(() => jpegCodec.decode(bytes, { maxPixels: DEFAULT_MAX_PIXELS })).toThrow(expect.objectContaining({ code: ErrorCode.CORRUPT }));
    }
  });

  afterAll(() => {
    if (identical > 0) console.log(`JPEG: ${identical} of ${decodable.length} corpus files decode to exactly Pillow's pixels (${project})`);
  });
});
