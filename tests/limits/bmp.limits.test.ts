// BMP limits through the public API: palettes declared beyond what the file holds, zero and 2^31 dimensions,
// heights beyond maxPixels or beyond any typed array, and RLE runs that go past the row or the image.
import { describe, expect, it } from 'vitest';
import { ErrorCode, decode } from '../../src/index.js';
import { bmp, greyPalette } from '../support/bytes.js';
import { expectAccepted, expectRefused } from './measure.js';

/** 16 palette entries whose colour is (i, 2i, 3i): not grey, so indexed files decode to mode P. */
const COLOURS = Uint8Array.from({ length: 64 }, (_, k) => ((k & 3) === 3 ? 0 : (k >> 2) * (3 - (k & 3))));
const COLOURS_RGBA = Uint8Array.from({ length: 64 }, (_, k) => ((k & 3) === 3 ? 255 : (k >> 2) * ((k & 3) + 1)));

describe('BMP: huge palettes', () => {
  it.each([0x1000_0000, 0xffff_ffff, 257])('refuses biClrUsed %i when that many entries do not fit before the pixels', (colorsUsed) => {
    const file = bmp({ width: 1, height: 1, bitsPerPixel: 8, colorsUsed, palette: greyPalette(256), data: new Uint8Array(4) });
    expect(expectRefused(() => decode(file), ErrorCode.CORRUPT).chunk).toBe('palette');
  });

  it('reads no more than 2^bpp entries of a 1000-entry palette', () => {
    const palette = greyPalette(1000);
    palette.set([9, 8, 7, 0], 4); // entry 1: not grey, so the image stays P
    const file = bmp({ width: 2, height: 1, bitsPerPixel: 8, colorsUsed: 1000, palette, data: Uint8Array.of(1, 255, 0, 0) });
    const image = expectAccepted(() => decode(file));
    expect([image.mode, image.palette!.length, [...image.data]]).toEqual(['P', 1024, [1, 255]]);
  });
});

describe('BMP: zero and 2^31 dimensions', () => {
  it.each([
    [0, 5],
    [5, 0],
  ])('decodes a %i×%i image to an empty one', (width, height) => {
    const file = bmp({ width, height, bitsPerPixel: 24 });
    expect(expectAccepted(() => decode(file))).toEqual({ width, height, mode: 'RGB', data: new Uint8Array(0) });
  });

  it('refuses width 2^31 (negative as a signed field) as corrupt', () => {
    const file = bmp({ width: 0x8000_0000, height: 1, bitsPerPixel: 24, data: new Uint8Array(4) });
    expectRefused(() => decode(file, { maxPixels: Infinity }), ErrorCode.CORRUPT);
  });

  it('refuses a top-down height of −2^31 as too large, with the default limit and without one', () => {
    const file = bmp({ width: 1, height: -0x8000_0000, bitsPerPixel: 24, data: new Uint8Array(4) });
    expectRefused(() => decode(file), ErrorCode.TOO_LARGE);
    expectRefused(() => decode(file, { maxPixels: Infinity }), ErrorCode.TOO_LARGE);
  });

  it('refuses a (2^31 − 1)×1 24-bit image without a limit: no typed array holds 6 GB', () => {
    const file = bmp({ width: 0x7fff_ffff, height: 1, bitsPerPixel: 24, data: new Uint8Array(4) });
    expectRefused(() => decode(file, { maxPixels: Infinity }), ErrorCode.TOO_LARGE);
  });
});

describe('BMP: heights beyond the limits', () => {
  it('refuses 16384×16384 (one pixel row over the default maxPixels) from the header alone', () => {
    const file = bmp({ width: 16384, height: 16384, bitsPerPixel: 24, data: new Uint8Array(16) });
    expect(expectRefused(() => decode(file), ErrorCode.TOO_LARGE, 50).message).toMatch(/maxPixels/);
  });

  it('refuses a height over a small maxPixels, bottom-up and top-down alike', () => {
    for (const height of [1001, -1001]) {
      const file = bmp({ width: 1000, height, bitsPerPixel: 8, palette: greyPalette(256), data: new Uint8Array(1000 * 1001) });
      expectRefused(() => decode(file, { maxPixels: 1_000_000 }), ErrorCode.TOO_LARGE);
    }
  });

  it('refuses a 1×(2^31 − 1) 1-bit image without a limit as truncated, before allocating its 2 GB', () => {
    const file = bmp({ width: 1, height: 0x7fff_ffff, bitsPerPixel: 1, palette: greyPalette(2), data: new Uint8Array(8) });
    // Without either limit, so the structure check is what refuses it (with the default maxExpansion it is a bomb).
    expect(expectRefused(() => decode(file, { maxPixels: Infinity, maxExpansion: Infinity }), ErrorCode.TRUNCATED, 50).chunk).toBe('pixel data');
    expectRefused(() => decode(file, { maxPixels: Infinity }), ErrorCode.TOO_LARGE, 50);
  });
});

describe('BMP: RLE runs past the row end', () => {
  const rle8 = (width: number, height: number, data: number[]) =>
    bmp({ width, height, bitsPerPixel: 8, compression: 1, colorsUsed: 16, palette: COLOURS, data: Uint8Array.from(data) });

  it('clips an encoded run at the row end instead of wrapping it onto the next row', () => {
    // Bottom row: a run of 10 fives in a 4-pixel row, end of line; top row: three sevens, end of bitmap.
    const image = expectAccepted(() => decode(rle8(4, 2, [10, 5, 0, 0, 3, 7, 0, 1])));
    expect(image).toEqual({ width: 4, height: 2, mode: 'P', data: Uint8Array.of(7, 7, 7, 0, 5, 5, 5, 5), palette: COLOURS_RGBA });
  });

  it('clips an absolute run at the row end and keeps reading after its padding', () => {
    // Absolute run of 6 (1..6) in a 4-pixel row, then end of line, a run of two 9s, end of bitmap.
    const image = expectAccepted(() => decode(rle8(4, 2, [0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 2, 9, 0, 1])));
    expect([...image.data]).toEqual([9, 9, 0, 0, 1, 2, 3, 4]);
  });

  it('ignores runs that start past the row end, and ends at a delta that leaves the image', () => {
    // A run of 5 fills the 3-pixel row; a second run starts past the end; a delta moves 5 rows up (out of the image).
    const image = expectAccepted(() => decode(rle8(3, 2, [5, 1, 4, 2, 0, 2, 0, 5, 3, 3])));
    expect([...image.data]).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('clips RLE4 runs the same way, alternating the two nibbles', () => {
    const file = bmp({ width: 3, height: 1, bitsPerPixel: 4, compression: 2, colorsUsed: 16, palette: COLOURS, data: Uint8Array.of(9, 0x12, 0, 1) });
    expect([...expectAccepted(() => decode(file)).data]).toEqual([1, 2, 1]);
  });

  it('decodes a 2000×2000 image of maximal runs, each clipped, in bounded memory and time', () => {
    const data: number[] = [];
    for (let y = 0; y < 2000; y++) data.push(255, y & 15, 255, 3, 255, 4, 255, 5, 255, 6, 255, 7, 255, 8, 255, 9, 255, 10, 0, 0);
    const image = expectAccepted(() => decode(rle8(2000, 2000, data)));
    expect(image.data.length).toBe(4_000_000);
    // Stored bottom-up: output row r is stored row 1999 − r. Pixel x is in run ⌊x / 255⌋; the ninth run is cut at 2000.
    let wrong = 0;
    for (let r = 0; r < 2000; r++) {
      for (let x = 0; x < 2000; x++) {
        const expected = x < 255 ? (1999 - r) & 15 : Math.floor(x / 255) + 2;
        if (image.data[r * 2000 + x] !== expected) wrong++;
      }
    }
    expect(wrong).toBe(0);
    expect([image.data[0], image.data[1999], image.data[2000], image.data[3_999_999]]).toEqual([15, 9, 14, 9]);
  });

  it('refuses an RLE image over maxPixels before decoding its runs', () => {
    expectRefused(() => decode(rle8(3000, 3000, [0, 1]), { maxPixels: 8_999_999 }), ErrorCode.TOO_LARGE);
  });
});
