// BI_RLE8 and BI_RLE4 run-length decoding into one palette index per pixel.
// Spec: https://learn.microsoft.com/en-us/windows/win32/gdi/bitmap-compression

import { PixtextError } from '../../errors.js';

/**
 * Decodes an RLE8 (`bitsPerPixel` 8) or RLE4 (4) stream into `width × height` indices, top row first
 * (RLE bitmaps are always stored bottom-up).
 *
 * Hostile streams cannot write out of bounds or run long: every step consumes at least two input bytes and
 * every write is clipped to the row, so the work is bounded by input length plus pixel count.
 * - Runs and absolute groups that go past the end of a row are clipped, never wrapped onto the next row.
 * - Pixels the stream skips (delta codes, an early end of line or of bitmap) keep palette index 0: the "palette
 *   colour 0" rendering the BMP Suite author lists as acceptable, which keeps the image a plain `P` image and is
 *   what current Pillow, OpenCV and ImageMagick produce.
 * - A delta or end of line that leaves the image ends decoding.
 *
 * @throws PixtextError `ERR_TRUNCATED` when the data ends before the end-of-bitmap code while rows remain, or inside
 *   an absolute group or a delta.
 * @example
 * ```ts
 * // A 4×1 image: a run of three 5s, then end of bitmap (the fourth pixel stays 0).
 * decodeRle(new Uint8Array([3, 5, 0, 1]), 0, 4, 1, 8); // Uint8Array [5, 5, 5, 0]
 * ```
 */
export function decodeRle(
  bytes: Uint8Array,
  start: number,
  width: number,
  height: number,
  bitsPerPixel: 4 | 8,
): Uint8Array {
  const out = new Uint8Array(width * height);
  const end = bytes.length;
  const rle4 = bitsPerPixel === 4;
  let p = start;
  let x = 0;
  let y = 0; // rows counted from the bottom, as stored
  let rowBase = (height - 1) * width;
  const truncated = (what: string): PixtextError =>
    new PixtextError('ERR_TRUNCATED', `BMP RLE data ends inside ${what} at byte ${end}`, { chunk: 'pixel data', offset: end });

  while (p + 1 < end) {
    const count = bytes[p]!;
    const value = bytes[p + 1]!;
    p += 2;
    if (count > 0) {
      // An encoded run: `count` pixels of one index (RLE4: two indices alternating, high nibble first).
      const stop = Math.min(x + count, width);
      if (rle4) {
        const hi = value >> 4;
        const lo = value & 15;
        for (let i = x; i < stop; i++) out[rowBase + i] = (i - x) & 1 ? lo : hi;
      } else if (stop > x) {
        out.fill(value, rowBase + x, rowBase + stop);
      }
      x += count;
      continue;
    }
    if (value === 0) {
      // End of line.
      x = 0;
      y++;
      if (y >= height) return out;
      rowBase -= width;
    } else if (value === 1) {
      return out; // End of bitmap.
    } else if (value === 2) {
      // Delta: skip right and up; the skipped pixels keep index 0.
      if (p + 1 >= end) throw truncated('a delta code');
      x += bytes[p]!;
      y += bytes[p + 1]!;
      p += 2;
      if (y >= height) return out;
      rowBase = (height - 1 - y) * width;
    } else {
      // Absolute mode: `value` literal indices, padded to a 16-bit boundary.
      const n = value;
      const byteCount = rle4 ? (n + 1) >> 1 : n;
      const padded = byteCount + (byteCount & 1);
      if (p + byteCount > end) throw truncated('an absolute run');
      const stop = Math.min(x + n, width);
      if (rle4) {
        for (let i = x, k = 0; i < stop; i++, k++) {
          const b = bytes[p + (k >> 1)]!;
          out[rowBase + i] = k & 1 ? b & 15 : b >> 4;
        }
      } else if (stop > x) {
        out.set(bytes.subarray(p, p + (stop - x)), rowBase + x);
      }
      x += n;
      p += padded;
    }
  }
  // The data ran out without an end-of-bitmap code: fine only if every row was reached.
  if (y < height - 1 || (y === height - 1 && x < width)) throw truncated(`row ${height - 1 - y} (no end-of-bitmap code)`);
  return out;
}
