// The one red/blue swap used by mode conversion and the BMP codec: copying or in place, at any alignment.
import { describe, expect, it } from 'vitest';
import { swapRedBlue3, swapRedBlue4 } from '../../src/pixel-modes/red-blue.js';

const pattern = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 29 + 7) & 255);

/** The swap written out one byte at a time. */
function expected(src: Uint8Array, step: 3 | 4): number[] {
  const out = Array.from(src);
  for (let i = 0; i < out.length; i += step) [out[i], out[i + 2]] = [out[i + 2]!, out[i]!];
  return out;
}

describe('red/blue swaps', () => {
  it.each([[3], [4]] as const)('%i-byte pixels: copied to another array at every alignment of both ends', (step) => {
    const swap = step === 3 ? swapRedBlue3 : swapRedBlue4;
    for (const pixels of [0, 1, 2, 5, 33]) {
      const src = pattern(pixels * step);
      for (let s = 0; s < 4; s++) {
        for (let o = 0; o < 4; o++) {
          const from = new Uint8Array(s + src.length);
          from.set(src, s);
          const to = new Uint8Array(o + src.length + 1);
          swap(from, s, to, o, pixels);
          expect(Array.from(to.subarray(o, o + src.length)), `pixels ${pixels}, at ${s} → ${o}`).toEqual(expected(src, step));
          expect(to[o + src.length], 'writes nothing past the last pixel').toBe(0);
        }
      }
    }
  });

  it.each([[3], [4]] as const)('%i-byte pixels: in place, in a view one byte into its buffer, at every alignment', (step) => {
    const swap = step === 3 ? swapRedBlue3 : swapRedBlue4;
    for (let at = 0; at < 4; at++) {
      const src = pattern(7 * step);
      // In the buffer the pixels start at 1 + at, so at = 3 is the word-aligned case.
      const view = new Uint8Array(1 + at + src.length + 4).subarray(1);
      view.set(src, at);
      swap(view, at, view, at, 7);
      expect(Array.from(view.subarray(at, at + src.length)), `at ${at}`).toEqual(expected(src, step));
      expect(view[at + src.length], 'writes nothing past the last pixel').toBe(0);
    }
  });
});
