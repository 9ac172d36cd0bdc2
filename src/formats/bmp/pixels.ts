// Row converters from stored BMP pixels to RawImage layouts. Each loop is bounded by the output size; the caller
// has checked that the source holds every row it reads.
// Spec: https://learn.microsoft.com/en-us/windows/win32/gdi/bitmap-storage (rows padded to 4 bytes, bottom-up
// unless the height is negative; 24-bit pixels are B,G,R; 16/32-bit pixels are little-endian words split by masks).

import { expandSample, expansionTable, type BmpChannel } from './bitfields.js';

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
  if (bitsPerPixel === 8) {
    for (let r = 0; r < src.height; r++) {
      const s = rowStart(src, r);
      out.set(bytes.subarray(s, s + width), r * width);
    }
    return out;
  }
  const perByte = 8 / bitsPerPixel;
  const mask = (1 << bitsPerPixel) - 1;
  for (let r = 0; r < src.height; r++) {
    const s = rowStart(src, r);
    let o = r * width;
    for (let x = 0; x < width; x++, o++) {
      const byte = bytes[s + ((x / perByte) | 0)]!;
      const shift = 8 - bitsPerPixel * ((x % perByte) + 1);
      out[o] = (byte >> shift) & mask;
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

/** 24-bit B,G,R rows as `RGB`. */
export function unpackBgr24(src: RowSource, width: number): Uint8Array {
  const out = new Uint8Array(width * 3 * src.height);
  const rowBytes = width * 3;
  for (let r = 0; r < src.height; r++) {
    const s = rowStart(src, r);
    const o = r * rowBytes;
    out.set(src.bytes.subarray(s, s + rowBytes), o);
    swapRedBlue(out, o, o + rowBytes, 3);
  }
  return out;
}

/**
 * 16- or 32-bit rows split by channel masks, as `RGB` (no alpha channel) or `RGBA`. Channels narrower or wider
 * than 8 bits are rescaled with round(v × 255 / max); an absent colour channel reads 0.
 */
export function unpackBitfields(
  src: RowSource,
  width: number,
  bitsPerPixel: 16 | 32,
  channels: readonly [BmpChannel, BmpChannel, BmpChannel, BmpChannel],
): Uint8Array {
  if (bitsPerPixel === 16) return unpack16(src, width, channels);
  const byteAligned = channels.every((c, i) => (c.bits === 8 && (c.shift & 7) === 0) || (i === 3 && c.bits === 0));
  return byteAligned ? unpackBytes32(src, width, channels) : unpack32(src, width, channels);
}

/** 32-bit pixels whose channels are whole bytes (BGRX, BGRA, ABGR …): a byte shuffle. */
function unpackBytes32(src: RowSource, width: number, channels: readonly BmpChannel[]): Uint8Array {
  const ri = channels[0]!.shift >> 3;
  const gi = channels[1]!.shift >> 3;
  const bi = channels[2]!.shift >> 3;
  const ai = channels[3]!.shift >> 3;
  const alpha = channels[3]!.bits > 0;
  const ch = alpha ? 4 : 3;
  const out = new Uint8Array(width * ch * src.height);
  const { bytes } = src;
  const rowBytes = width * ch;
  for (let row = 0; row < src.height; row++) {
    let s = rowStart(src, row);
    let o = row * rowBytes;
    const end = o + rowBytes;
    if (alpha && ri === 2 && gi === 1 && bi === 0 && ai === 3) {
      // B,G,R,A: the common layout (Paint.NET, GIMP, our own encoder).
      out.set(bytes.subarray(s, s + rowBytes), o);
      swapRedBlue(out, o, end, 4);
    } else if (alpha) {
      for (; o < end; o += 4, s += 4) {
        out[o] = bytes[s + ri]!;
        out[o + 1] = bytes[s + gi]!;
        out[o + 2] = bytes[s + bi]!;
        out[o + 3] = bytes[s + ai]!;
      }
    } else {
      for (; o < end; o += 3, s += 4) {
        out[o] = bytes[s + ri]!;
        out[o + 1] = bytes[s + gi]!;
        out[o + 2] = bytes[s + bi]!;
      }
    }
  }
  return out;
}

/**
 * 16-bit pixels. Large images use one lookup-table entry per possible pixel value (65,536 × 4 bytes, any mask
 * layout); small ones, where building that table would dominate, look each channel up on its own.
 */
function unpack16(src: RowSource, width: number, channels: readonly BmpChannel[]): Uint8Array {
  const alpha = channels[3]!.bits > 0;
  const ch = alpha ? 4 : 3;
  const tables = channels.map((c) => expansionTable(c.bits));
  const shifts = channels.map((c) => c.shift);
  const fields = channels.map((c) => (1 << c.bits) - 1);
  const out = new Uint8Array(width * ch * src.height);
  const { bytes } = src;
  const rowBytes = width * ch;
  if (width * src.height < 65536) {
    for (let row = 0; row < src.height; row++) {
      let s = rowStart(src, row);
      let o = row * rowBytes;
      const end = o + rowBytes;
      for (; o < end; o += ch, s += 2) {
        const v = bytes[s]! | (bytes[s + 1]! << 8);
        for (let c = 0; c < ch; c++) out[o + c] = tables[c]![(v >>> shifts[c]!) & fields[c]!]!;
      }
    }
    return out;
  }
  const lut = new Uint8Array(65536 * 4);
  for (let c = 0; c < ch; c++) {
    const table = tables[c]!;
    const shift = shifts[c]!;
    const field = fields[c]!;
    for (let v = 0; v < 65536; v++) lut[v * 4 + c] = table[(v >>> shift) & field]!;
  }
  for (let row = 0; row < src.height; row++) {
    let s = rowStart(src, row);
    let o = row * rowBytes;
    const end = o + rowBytes;
    for (; o < end; o += ch, s += 2) {
      const k = (bytes[s]! | (bytes[s + 1]! << 8)) << 2;
      out[o] = lut[k]!;
      out[o + 1] = lut[k + 1]!;
      out[o + 2] = lut[k + 2]!;
      if (alpha) out[o + 3] = lut[k + 3]!;
    }
  }
  return out;
}

/** 32-bit pixels with any mask layout: per-channel tables up to 16 bits, arithmetic beyond. */
function unpack32(src: RowSource, width: number, channels: readonly BmpChannel[]): Uint8Array {
  const alpha = channels[3]!.bits > 0;
  const ch = alpha ? 4 : 3;
  const tables = channels.map((c) => (c.bits <= 16 ? expansionTable(c.bits) : undefined));
  const out = new Uint8Array(width * ch * src.height);
  const { bytes } = src;
  const rowBytes = width * ch;
  for (let row = 0; row < src.height; row++) {
    let s = rowStart(src, row);
    let o = row * rowBytes;
    const end = o + rowBytes;
    for (; o < end; o += ch, s += 4) {
      const v = (bytes[s]! | (bytes[s + 1]! << 8) | (bytes[s + 2]! << 16) | (bytes[s + 3]! << 24)) >>> 0;
      for (let c = 0; c < ch; c++) {
        const { shift, bits } = channels[c]!;
        const field = bits === 32 ? v : (v >>> shift) & (2 ** bits - 1);
        const table = tables[c];
        out[o + c] = table !== undefined ? table[field]! : expandSample(field, bits);
      }
    }
  }
  return out;
}
