// JPEG conformance against the shared conformance corpus (copied into tests/fixtures/jpeg, see its README.md):
// every `decode` file must reach PSNR ≥ 30 dB against Pillow's decode, `either` files must decode or throw a
// PixtextError quickly, `optional` files must decode or say ERR_UNSUPPORTED.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { jpegCodec } from '../../src/formats/jpeg/index.js';
import type { RawImage } from '../../src/raw-image.js';
import { DEFAULT_MAX_PIXELS } from '../../src/raw-image.js';
import { psnr } from './jpeg-psnr.js';

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

const results: { file: string; sampling: string | null; db: number }[] = [];

describe(`JPEG conformance (${project})`, () => {
  const decodable = manifest.files.filter((e) => e.expect === 'decode');

  it.each(decodable.map((e) => [e.file, e] as const))('decodes %s close to Pillow', (_, entry) => {
    const image = jpegCodec.decode(fixture(entry.file), { maxPixels: DEFAULT_MAX_PIXELS });
    expect([image.width, image.height, image.mode]).toEqual([entry.width, entry.height, entry.mode]);
    expect(jpegCodec.header(fixture(entry.file))).toEqual({ width: entry.width, height: entry.height, mode: entry.mode });
    const reference = entry.reference!;
    const db = psnr(cropRgb(image, reference), fixture(reference.file));
    results.push({ file: entry.file, sampling: entry.sampling, db });
    expect(db).toBeGreaterThanOrEqual(30);
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
    if (results.length === 0) return;
    const sorted = results.map((r) => r.db).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const worst = results.reduce((a, b) => (b.db < a.db ? b : a));
    console.log(
      `JPEG PSNR vs Pillow over ${results.length} files (${project}): min ${worst.db.toFixed(2)} dB (${worst.file}), median ${median.toFixed(2)} dB`,
    );
  });
});
