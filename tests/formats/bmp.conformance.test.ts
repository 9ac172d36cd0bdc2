// Conformance over every BMP of the shared corpus (copied to tests/fixtures/bmp), driven by its trimmed oracle.
import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { bmpCodec } from '../../src/formats/bmp/index.js';
import { DEFAULT_MAX_PIXELS, type RawImage } from '../../src/raw-image.js';
import {
  manifest,
  maxAbsDiffAlphaAware,
  readFixture,
  readReference,
  rgba8,
  sha256,
  expectSameBytes,
  type BmpManifestEntry,
} from './bmp-test-helpers.js';

const options = { maxPixels: DEFAULT_MAX_PIXELS };
const entries = manifest();

/**
 * Files pixtext refuses, and why. Every other file in the manifest must decode. `b/` files the suite calls bad but
 * that hold a well-defined image (wrong bfSize, sizeImage or density; runs past the row end, which are clipped) decode.
 */
const REJECTED: Record<string, string> = {
  'bmpsuite/b/badbitcount.bmp': ErrorCode.CORRUPT, // 30000 bits per pixel
  'bmpsuite/b/badheadersize.bmp': ErrorCode.CORRUPT, // 66-byte info header
  'bmpsuite/b/badpalettesize.bmp': ErrorCode.CORRUPT, // 305,402,420 palette entries declared
  'bmpsuite/b/badplanes.bmp': ErrorCode.CORRUPT,
  'bmpsuite/b/badwidth.bmp': ErrorCode.CORRUPT, // negative width
  'bmpsuite/b/pal8badindex.bmp': ErrorCode.CORRUPT, // indices beyond the palette
  'bmpsuite/b/reallybig.bmp': ErrorCode.TOO_LARGE, // 3,000,000 × 2,000,000
  'bmpsuite/b/rletopdown.bmp': ErrorCode.CORRUPT, // RLE cannot be top-down
  'bmpsuite/b/shortfile.bmp': ErrorCode.TRUNCATED,
  'bmpsuite/q/pal1huffmsb.bmp': ErrorCode.UNSUPPORTED, // OS/2 Huffman 1D
  'bmpsuite/q/rgb24jpeg.bmp': ErrorCode.UNSUPPORTED, // embedded JPEG
  'bmpsuite/q/rgb24png.bmp': ErrorCode.UNSUPPORTED, // embedded PNG
  'bmpsuite/q/rgb24rle24.bmp': ErrorCode.UNSUPPORTED, // OS/2 RLE24
  'bmpsuite/q/rgba64.bmp': ErrorCode.UNSUPPORTED, // 64-bit scRGB
  'bmpsuite/x/ba-bm.bmp': ErrorCode.UNSUPPORTED, // OS/2 bitmap array container
  'pillow/l2rgb_read.bmp': ErrorCode.CORRUPT, // absurd header (planes 12336)
  'pillow/mmap_error.bmp': ErrorCode.CORRUPT, // bfOffBits points into its 252-entry palette
};

/**
 * Channels wider than 8 bits: the suite's rendering is a 16-bit PNG whose 8-bit form keeps the high byte, while we
 * round v × 255 / max, so they may differ by 1 (the corpus's own tolerance for such files).
 */
const WIDE_CHANNEL_TOLERANCE: Record<string, number> = {
  'bmpsuite/q/rgba32-61754.bmp': 1,
  'bmpsuite/q/rgba32-81284.bmp': 1,
};

/** Times a decode; the image or the error, never anything but a PixtextError. */
function timedDecode(entry: BmpManifestEntry): { image?: RawImage; error?: PixtextError; ms: number } {
  const bytes = readFixture(entry.file);
  const start = performance.now();
  try {
    const image = bmpCodec.decode(bytes, options);
    return { image, ms: performance.now() - start };
  } catch (error) {
    if (!(error instanceof PixtextError)) throw error;
    return { error, ms: performance.now() - start };
  }
}

/** Checks decoded pixels against every expectation the oracle has for the file. */
function expectMatchesOracle(entry: BmpManifestEntry, image: RawImage): void {
  const rgba = rgba8(image);
  const digest = sha256(rgba);
  const exact = [entry.expected_rgba8_sha256, ...(entry.alternative_rgba8_sha256 ?? []), ...(entry.renderings ?? []).map((r) => r.rgba8_sha256)];
  if (exact.includes(digest)) return;
  // Not bit-exact: allowed only within the tolerance against one of the suite author's renderings.
  const tolerance = entry.expected_tolerance_max_abs_diff ?? WIDE_CHANNEL_TOLERANCE[entry.file] ?? 0;
  const diffs = (entry.renderings ?? []).map((r) => maxAbsDiffAlphaAware(rgba, readReference(r.reference)));
  expect(diffs.length, `${entry.file}: sha256 ${digest} matches no oracle value and there is no rendering`).toBeGreaterThan(0);
  expect(Math.min(...diffs), `${entry.file}: distance to the closest rendering`).toBeLessThanOrEqual(tolerance);
}

describe('BMP conformance (shared corpus)', () => {
  it('covers every BMP of the corpus', () => {
    expect(entries.length).toBe(263);
    expect(entries.filter((e) => e.expect === 'decode').length).toBe(196);
  });

  const decodable = entries.filter((e) => e.expect === 'decode');
  it.each(decodable.map((e) => [e.file, e] as const))('decodes %s to the expected pixels', (_, entry) => {
    expect(REJECTED[entry.file]).toBeUndefined();
    const { image, error } = timedDecode(entry);
    expect(error).toBeUndefined();
    expect([image!.width, image!.height]).toEqual([entry.width, entry.height]);
    expectMatchesOracle(entry, image!);
  });

  const questionable = entries.filter((e) => e.expect !== 'decode');
  it.each(questionable.map((e) => [e.file, e] as const))('%s: a PixtextError or an image, within 2 s', (_, entry) => {
    const { image, error, ms } = timedDecode(entry);
    expect(ms).toBeLessThan(2000);
    if (REJECTED[entry.file] !== undefined) {
      expect(error?.code).toBe(REJECTED[entry.file]);
      return;
    }
    expect(error).toBeUndefined();
    const hasOracle = entry.expected_rgba8_sha256 !== undefined || (entry.renderings ?? []).length > 0;
    if (hasOracle) expectMatchesOracle(entry, image!);
  });

  it('header() agrees with decode() on every file that decodes', () => {
    for (const entry of entries) {
      if (REJECTED[entry.file] !== undefined) continue;
      const bytes = readFixture(entry.file);
      const image = bmpCodec.decode(bytes, options);
      expect(bmpCodec.header(bytes), entry.file).toEqual({ width: image.width, height: image.height, mode: image.mode });
    }
  });

  const reencodable = entries.filter((e) => REJECTED[e.file] === undefined);
  it.each(reencodable.map((e) => [e.file, e] as const))('re-encodes %s losslessly: decode → encode → decode is exact', (_, entry) => {
    const image = bmpCodec.decode(readFixture(entry.file), options);
    const again = bmpCodec.decode(bmpCodec.encode(image, { quality: 90, compressionLevel: 6 }), options);
    expect(again.mode).toBe(image.mode);
    expect([again.width, again.height]).toEqual([image.width, image.height]);
    expectSameBytes(again.data, image.data, 'data');
    expectSameBytes(again.palette, image.palette, 'palette');
  });
});
