// Red/blue swaps, the one difference between R,G,B(,A) and B,G,R(,A) layouts (RGB ↔ BGR modes, BMP pixel data).
// Each copies `pixels` pixels from `src` at `s` to `out` at `o` with the first and third byte of each exchanged;
// `src` and `out` may be the same array at the same offset, to swap in place (after a memcpy of a whole row, which
// then touches only the two bytes that move: measurably faster than a shuffle of every byte).
import { LITTLE_ENDIAN } from './byte-order.js';

/** 3-byte pixels: R,G,B ↔ B,G,R. */
export function swapRedBlue3(src: Uint8Array, s: number, out: Uint8Array, o: number, pixels: number): void {
  if (src === out && s === o) {
    for (const end = o + pixels * 3; o < end; o += 3) {
      const first = out[o]!;
      out[o] = out[o + 2]!;
      out[o + 2] = first;
    }
    return;
  }
  for (let p = 0; p < pixels; p++, s += 3, o += 3) {
    out[o] = src[s + 2]!;
    out[o + 1] = src[s + 1]!;
    out[o + 2] = src[s]!;
  }
}

/** Swaps the words of `pixels` 4-byte-aligned pixels from `from` into `to` (the same view to swap in place). */
function swapWords(from: Uint32Array, to: Uint32Array, pixels: number): void {
  for (let p = 0; p < pixels; p++) {
    const v = from[p]!;
    to[p] = (v & 0xff00ff00) | ((v >>> 16) & 0xff) | ((v & 0xff) << 16);
  }
}

/**
 * 4-byte pixels: R,G,B,A ↔ B,G,R,A. When both ends are 4-byte aligned a pixel is one 32-bit load and store, which
 * roughly halves the time of the byte loop.
 */
export function swapRedBlue4(src: Uint8Array, s: number, out: Uint8Array, o: number, pixels: number): void {
  const inPlace = src === out && s === o;
  if (LITTLE_ENDIAN && (src.byteOffset + s) % 4 === 0 && (out.byteOffset + o) % 4 === 0) {
    const to = new Uint32Array(out.buffer, out.byteOffset + o, pixels);
    swapWords(inPlace ? to : new Uint32Array(src.buffer, src.byteOffset + s, pixels), to, pixels);
    return;
  }
  if (inPlace) {
    for (const end = o + pixels * 4; o < end; o += 4) {
      const first = out[o]!;
      out[o] = out[o + 2]!;
      out[o + 2] = first;
    }
    return;
  }
  for (let p = 0; p < pixels; p++, s += 4, o += 4) {
    out[o] = src[s + 2]!;
    out[o + 1] = src[s + 1]!;
    out[o + 2] = src[s]!;
    out[o + 3] = src[s + 3]!;
  }
}
