// The linear LZW path (full-width, non-interlaced frames; src/formats/gif/lzw-decode-linear.ts) against the
// row-by-row path, which the conformance tests hold to Pillow's pixels: on random code streams (KwKwK codes, clears,
// end codes mid-stream, a full table, strings running past the frame's end, broken and short streams) both must
// write the same indices or refuse with the same error code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLzw, type LzwTarget } from '../../../src/formats/gif/lzw-decode.js';
import { failure, type Failure } from '../../support/errors.js';

/** Packs codes LSB first at the sizes a decoder uses (growing after each new entry), in sub-blocks of `block`. */
function packCodes(codes: number[], minCodeSize: number, block: number): Uint8Array {
  const clear = 1 << minCodeSize;
  let size = minCodeSize + 1;
  let next = clear + 2;
  let afterClear = true;
  const bytes: number[] = [];
  let buffer = 0;
  let count = 0;
  for (const code of codes) {
    buffer |= code << count;
    count += size;
    while (count >= 8) {
      bytes.push(buffer & 0xff);
      buffer >>>= 8;
      count -= 8;
    }
    if (code === clear) {
      size = minCodeSize + 1;
      next = clear + 2;
      afterClear = true;
    } else if (code !== clear + 1) {
      if (!afterClear && next < 4096) {
        if (next === (1 << size) - 1 && size < 12) size++;
        next++;
      }
      afterClear = false;
    }
  }
  if (count > 0) bytes.push(buffer & 0xff);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += block) {
    const part = bytes.slice(i, i + block);
    out.push(part.length, ...part);
  }
  out.push(0);
  return new Uint8Array(out);
}

/** Decodes into a `width`-wide frame at row `top` of a canvas `stride` wide: linear when stride is the width. */
function decodeInto(data: Uint8Array, minCodeSize: number, width: number, height: number, top: number, stride: number): Uint8Array | Failure {
  const pixels = new Uint8Array(stride * (top + height)).fill(7);
  const target: LzwTarget = { pixels, stride, left: 0, top, width, height, interlaced: false };
  const f = failure(() => decodeLzw(data, 0, minCodeSize, target));
  if (f.code !== 'no error') return f;
  const rows = new Uint8Array(width * (top + height));
  for (let y = 0; y < top + height; y++) rows.set(pixels.subarray(y * stride, y * stride + width), y * width);
  return rows;
}

describe('GIF LZW, linear path for full-width frames', () => {
  it('writes what the row-by-row path writes, or refuses as it does', () => {
    const stream = fc.record({
      minCodeSize: fc.integer({ min: 1, max: 8 }),
      width: fc.integer({ min: 1, max: 40 }),
      height: fc.integer({ min: 1, max: 30 }),
      top: fc.integer({ min: 0, max: 2 }),
      block: fc.integer({ min: 1, max: 255 }),
      // Codes drawn mostly from the valid range so far, now and then a clear, an end or a broken code.
      picks: fc.array(fc.tuple(fc.integer({ min: 0, max: 99 }), fc.nat()), { maxLength: 1500 }),
      longRun: fc.boolean(),
    });
    fc.assert(
      fc.property(stream, ({ minCodeSize, width, height, top, block, picks, longRun }) => {
        const clear = 1 << minCodeSize;
        const codes: number[] = [clear];
        let next = clear + 2;
        let afterClear = true;
        for (const [kind, n] of picks) {
          let code: number;
          if (kind < 2) code = clear;
          else if (kind < 3) code = clear + 1;
          else if (kind < 4) code = n % 4096;
          else if (afterClear || kind < 30) code = n % clear;
          else if (kind < 45 || longRun) code = Math.min(next, 4095); // KwKwK while the table grows: long strings
          else code = (clear + 2 + (n % Math.max(1, next - clear - 2))) % 4096;
          codes.push(code);
          if (code === clear) {
            next = clear + 2;
            afterClear = true;
          } else if (code !== clear + 1) {
            if (!afterClear && next < 4096) next++;
            afterClear = false;
          }
        }
        const data = packCodes(codes, minCodeSize, block);
        const linear = decodeInto(data, minCodeSize, width, height, top, width);
        const rowByRow = decodeInto(data, minCodeSize, width, height, top, width + 3);
        expect(linear).toEqual(rowByRow);
      }),
      { numRuns: 400 },
    );
  });

  it('decodes a hand-made stream with a KwKwK code and a string cut at the frame end', () => {
    // Code size 2: clear 4, end 5. Codes: clear, 1, 6 (KwKwK: "1 1"), 7 ("1 1 1" as KwKwK again), 0.
    const data = packCodes([4, 1, 6, 7, 0], 2, 255);
    // A 5 × 1 frame: 1 | 1 1 | 1 1 (of 1 1 1, cut at the frame's end); the 0 is never read.
    expect(decodeInto(data, 2, 5, 1, 0, 5)).toEqual(new Uint8Array([1, 1, 1, 1, 1]));
    // A 2 × 3 frame below a row of 7s: the same indices, row by row.
    expect(decodeInto(data, 2, 2, 3, 1, 2)).toEqual(new Uint8Array([7, 7, 1, 1, 1, 1, 1, 1]));
  });
});
