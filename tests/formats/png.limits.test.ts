// Size limits and decompression bombs: refused or cut off before memory or time is spent.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { pngCodec } from '../../src/formats/png/index.js';
import { DEFAULT_MAX_PIXELS } from '../../src/raw-image.js';
import { zlibZeroBomb } from '../zlib/bomb.js';
import { chunk, ihdr, pixtextError, png, simplePng } from './png-helpers.js';

const MiB = 1024 * 1024;

/** Runs `fn`, returning its duration and how much the resident set grew. */
function measure(fn: () => void): { ms: number; grown: number } {
  const rss = process.memoryUsage().rss;
  const start = performance.now();
  fn();
  return { ms: performance.now() - start, grown: process.memoryUsage().rss - rss };
}

describe('PNG size limits', () => {
  it('rejects a 74-byte PNG declaring 20000×20000 in under 10 ms, before allocating', () => {
    const file = png(chunk('IHDR', ihdr(20_000, 20_000, 8, 6)), chunk('IDAT', new Uint8Array(17)), chunk('IEND'));
    expect(file.length).toBe(74);
    pixtextError(() => pngCodec.decode(file, { maxPixels: DEFAULT_MAX_PIXELS })); // warm up
    const { ms, grown } = measure(() => {
      const error = pixtextError(() => pngCodec.decode(file, { maxPixels: DEFAULT_MAX_PIXELS }));
      expect([error.code, error.chunk, error.offset]).toEqual([ErrorCode.TOO_LARGE, 'IHDR', 8]);
    });
    expect(ms).toBeLessThan(10);
    expect(grown).toBeLessThan(16 * MiB);
  });

  it('applies maxPixels exactly, and Infinity disables it', () => {
    const file = simplePng(4, 4, 8, 0, new Array(4 * 5).fill(0));
    expect(pngCodec.decode(file, { maxPixels: 16 }).width).toBe(4);
    expect(pixtextError(() => pngCodec.decode(file, { maxPixels: 15 })).code).toBe(ErrorCode.TOO_LARGE);
    expect(pngCodec.decode(file, { maxPixels: Infinity }).height).toBe(4);
  });

  it('refuses sizes no typed array can hold even without a pixel limit', () => {
    const file = png(chunk('IHDR', ihdr(0x7fff_ffff, 0x7fff_ffff, 16, 6)), chunk('IDAT', [0x78, 0x9c, 3, 0]), chunk('IEND'));
    expect(pixtextError(() => pngCodec.decode(file, { maxPixels: Infinity })).code).toBe(ErrorCode.TOO_LARGE);
  });

  it('refuses an allowed size the data is far too short for, before allocating it', () => {
    // 16000 × 16000 RGBA16 (2 GB) is within the default limit, but 9 bytes of zlib cannot inflate to it.
    const file = png(chunk('IHDR', ihdr(16_000, 16_000, 16, 6)), chunk('IDAT', [0x78, 0x9c, 3, 0, 0, 0, 0, 1, 0]), chunk('IEND'));
    const { ms, grown } = measure(() => {
      // maxExpansion disabled: the inflate bound, not the decompression-bomb check (ERR_TOO_LARGE), is under test.
      const error = pixtextError(() => pngCodec.decode(file, { maxPixels: DEFAULT_MAX_PIXELS, maxExpansion: Infinity }));
      expect([error.code, error.chunk]).toEqual([ErrorCode.TRUNCATED, 'IDAT']);
      expect(pixtextError(() => pngCodec.decode(file, { maxPixels: DEFAULT_MAX_PIXELS })).code).toBe(ErrorCode.TOO_LARGE);
    });
    expect(ms).toBeLessThan(50);
    expect(grown).toBeLessThan(64 * MiB);
  });
});

describe('PNG decompression bombs', () => {
  // 1.7 MB of deflate data that inflates to 270 MB of zeros (every row: filter None, black pixels).
  const bomb = zlibZeroBomb(1 << 20);

  it('cuts the image data off at the size IHDR declares, with bounded memory and time', () => {
    const file = png(chunk('IHDR', ihdr(16, 16, 8, 0)), chunk('IDAT', bomb), chunk('IEND'));
    let image;
    const { ms, grown } = measure(() => {
      image = pngCodec.decode(file, { maxPixels: DEFAULT_MAX_PIXELS });
    });
    expect(image).toEqual({ width: 16, height: 16, mode: 'L', data: new Uint8Array(256) });
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(64 * MiB);
  });

  it('does the same when the bomb is split over many IDAT chunks and the image is large', () => {
    const parts = [];
    for (let at = 0; at < bomb.length; at += 100_000) parts.push(chunk('IDAT', bomb.subarray(at, at + 100_000)));
    const file = png(chunk('IHDR', ihdr(1024, 1024, 8, 6)), ...parts, chunk('IEND'));
    let data: Uint8Array = new Uint8Array(0);
    const { ms, grown } = measure(() => {
      data = pngCodec.decode(file, { maxPixels: DEFAULT_MAX_PIXELS }).data;
    });
    expect(data.length).toBe(4 * MiB);
    expect(data.every((v) => v === 0)).toBe(true);
    expect(ms).toBeLessThan(2000);
    expect(grown).toBeLessThan(64 * MiB + 2 * data.length);
  });
});
