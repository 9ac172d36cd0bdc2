import { describe, expect, it } from 'vitest';
import { compositeRow16, compositeRow8 } from '../../src/pixel-modes/composite.js';

/**
 * Pillow 9.4's AlphaComposite.c for one channel, transcribed literally (PRECISION_BITS = 7, SHIFTFORDIV255),
 * with the destination (the background) opaque.
 */
function pillowChannel(src: number, srcA: number, dst: number): number {
  if (srcA === 0) return dst;
  const dstA = 255;
  const blend = dstA * (255 - srcA);
  const outa255 = srcA * 255 + blend;
  const coef1 = Math.floor((srcA * 255 * 255 * (1 << 7)) / outa255);
  const coef2 = 255 * (1 << 7) - coef1;
  const tmp = src * coef1 + dst * coef2 + (0x80 << 7);
  return (((tmp >> 8) + tmp) >> 8) >> 7;
}

describe('compositeRow8', () => {
  it('equals Pillow alpha_composite over an opaque background for every source value and alpha', () => {
    for (const background of [0, 1, 77, 128, 254, 255]) {
      // One row holds all 256 × 256 (value, alpha) pairs in its red channel.
      const row = new Uint8Array(65536 * 4);
      for (let s = 0; s < 256; s++) {
        for (let a = 0; a < 256; a++) {
          const i = (s * 256 + a) * 4;
          row[i] = s;
          row[i + 3] = a;
        }
      }
      compositeRow8(row, 65536, [background, 0, 255]);
      let mismatches = 0;
      for (let s = 0; s < 256; s++) {
        for (let a = 0; a < 256; a++) {
          const i = (s * 256 + a) * 4;
          if (row[i] !== pillowChannel(s, a, background)) mismatches++;
          if (row[i + 1] !== pillowChannel(0, a, 0) || row[i + 2] !== pillowChannel(0, a, 255) || row[i + 3] !== 255) mismatches++;
        }
      }
      expect(mismatches).toBe(0);
    }
  });
});

describe('compositeRow16', () => {
  it('rounds (s·a + b·(65535 − a)) / 65535 to nearest, the background widened as v·257', () => {
    const row = new Uint16Array([
      65535, 0, 1000, 32768, // half over (0, 0, 255)
      1, 2, 3, 65535, // opaque: unchanged
      9, 9, 9, 0, // transparent: the background
    ]);
    compositeRow16(row, 3, [0, 0, 255]);
    expect(Array.from(row)).toEqual([32768, 0, 33267, 65535, 1, 2, 3, 65535, 0, 0, 65535, 65535]);
  });
});
