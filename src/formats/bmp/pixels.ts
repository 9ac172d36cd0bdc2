// Row converters from stored BMP pixels to RawImage layouts. Each loop is bounded by the output size; the caller
// has checked that the source holds every row it reads.
// Spec: https://learn.microsoft.com/en-us/windows/win32/gdi/bitmap-storage (rows padded to 4 bytes, bottom-up
// unless the height is negative; 24-bit pixels are B,G,R; 16/32-bit pixels are little-endian words split by masks).

import type { BmpChannel } from './bitfields.js';

/** Where stored row `r` (0 = top of the image) starts in the file. */
export interface RowSource {
  bytes: Uint8Array;
  dataOffset: number;
  stride: number;
  height: number;
  topDown: boolean;
}

function rowStart(src: RowSource, r: number): number {
  return src.dataOffset + (src.topDown ? r : src.height - 1 - r) * src.stride;
}

/** 1-bit rows as mode `1`: the bits are copied, the padding bits of each row's last byte cleared. */
export function unpackBits1(src: RowSource, width: number): Uint8Array {
  const rowBytes = (width + 7) >> 3;
  const out = new Uint8Array(rowBytes * src.height);
  const lastMask = (0xff00 >> (((width - 1) & 7) + 1)) & 0xff;
  for (let r = 0; r < src.height; r++) {
    const s = rowStart(src, r);
    const o = r * rowBytes;
    out.set(src.bytes.subarray(s, s + rowBytes), o);
    out[o + rowBytes - 1] = out[o + rowBytes - 1]! & lastMask;
  }
  return out;
}

/** 1/2/4/8-bit rows as one palette index per pixel, most significant bits first. */
export function unpackIndices(src: RowSource, width: number, bitsPerPixel: number): Uint8Array {
  const out = new Uint8Array(width * src.height);
  const { bytes } = src;
  const mask = (1 << bitsPerPixel) - 1;
  for (let r = 0, o = 0; r < src.height; r++) {
    const s = rowStart(src, r);
    for (let x = 0, bit = 0; x < width; x++, o++, bit += bitsPerPixel) {
      out[o] = (bytes[s + (bit >> 3)]! >> (8 - bitsPerPixel - (bit & 7))) & mask;
    }
  }
  return out;
}

/**
 * Swaps the first and third byte of every `step`-byte pixel in `out[start, end)`: B,G,R(,A) ↔ R,G,B(,A). Copying a row
 * with `set` (a memcpy) and then swapping in place moves fewer bytes through JavaScript than a per-byte shuffle.
 */
export function swapRedBlue(out: Uint8Array, start: number, end: number, step: 3 | 4): void {
  for (let o = start; o < end; o += step) {
    const t = out[o]!;
    out[o] = out[o + 2]!;
    out[o + 2] = t;
  }
}

/**
 * 16-, 24- or 32-bit little-endian pixels split by channel masks, as `RGB` (no alpha channel) or `RGBA`. Channels
 * narrower or wider than 8 bits are rescaled with round(v × 255 / max); an absent colour channel reads 0. B,G,R
 * (24-bit) and B,G,R,A (32-bit with alpha), the layouts nearly every file uses, are a row copy and a red/blue swap.
 */
export function unpackMasked(
  src: RowSource,
  width: number,
  bytesPerPixel: 2 | 3 | 4,
  channels: readonly [BmpChannel, BmpChannel, BmpChannel, BmpChannel],
): Uint8Array {
  const ch = channels[3].bits > 0 ? 4 : 3;
  // Whole-byte channels (B,G,R,X, A,B,G,R …) are a byte shuffle; B,G,R and B,G,R,A are a row copy and a swap.
  const [ri, gi, bi, ai] = channels.map((c) => c.shift >> 3) as [number, number, number, number];
  const bytewise = channels.every((c, i) => (c.bits === 8 && (c.shift & 7) === 0) || (i === 3 && c.bits === 0));
  const copy = bytewise && ri === 2 && gi === 1 && bi === 0 && (ch === 4 ? ai === 3 : bytesPerPixel === 3);
  // Per channel: shift, field mask (all 32 bits as -1) and the factor of round(v × 255 / max), the rule the BMP Suite
  // author's reference renderings use (5-bit 31 → 255, 16 → 132 where Pillow's floor gives 131). Multiplying by the
  // factor is exact: v × 255 / max is never a tie (2·v·255 is even, (2k+1)·max odd), so it is at least 1/(2·max) ≥
  // 2^-33 from a half, far more than the product's rounding error.
  const [sr, sg, sb, sa] = channels.map((c) => c.shift) as [number, number, number, number];
  const [mr, mg, mb, ma] = channels.map((c) => (c.bits === 32 ? -1 : 2 ** c.bits - 1)) as [number, number, number, number];
  const [kr, kg, kb, ka] = channels.map((c) => (c.bits === 0 ? 0 : 255 / (2 ** c.bits - 1))) as [number, number, number, number];
  const out = new Uint8Array(width * ch * src.height);
  const { bytes } = src;
  const rowBytes = width * ch;
  for (let row = 0; row < src.height; row++) {
    let s = rowStart(src, row);
    let o = row * rowBytes;
    const end = o + rowBytes;
    if (copy) {
      out.set(bytes.subarray(s, s + rowBytes), o);
      swapRedBlue(out, o, end, ch);
      continue;
    }
    if (bytewise) {
      for (; o < end; o += ch, s += bytesPerPixel) {
        out[o] = bytes[s + ri]!;
        out[o + 1] = bytes[s + gi]!;
        out[o + 2] = bytes[s + bi]!;
        if (ch === 4) out[o + 3] = bytes[s + ai]!;
      }
      continue;
    }
    for (; o < end; o += ch, s += bytesPerPixel) {
      let v = bytes[s]! | (bytes[s + 1]! << 8);
      if (bytesPerPixel > 2) v |= bytes[s + 2]! << 16;
      if (bytesPerPixel > 3) v |= bytes[s + 3]! << 24;
      out[o] = Math.round((((v >>> sr) & mr) >>> 0) * kr);
      out[o + 1] = Math.round((((v >>> sg) & mg) >>> 0) * kg);
      out[o + 2] = Math.round((((v >>> sb) & mb) >>> 0) * kb);
      if (ch === 4) out[o + 3] = Math.round((((v >>> sa) & ma) >>> 0) * ka);
    }
  }
  return out;
}
