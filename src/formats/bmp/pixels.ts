// Row converters from stored BMP pixels to RawImage layouts. Each loop is bounded by the output size; the caller
// has checked that the source holds every row it reads.
// Spec: https://learn.microsoft.com/en-us/windows/win32/gdi/bitmap-storage (rows padded to 4 bytes, bottom-up
// unless the height is negative; 24-bit pixels are B,G,R; 16/32-bit pixels are little-endian words split by masks).
//
// Decoding is a hot path (a 12 MP photo is 36 MB of pixels), so each stored layout has a loop of its own: one per
// index bit depth, a row copy plus red/blue swap for B,G,R and B,G,R,A, a word shuffle for other whole-byte 32-bit
// layouts, lookup tables for 16-bit pixels, and arithmetic only for the rare 32-bit masks that are not whole bytes.
// A single generic loop is shorter but was measured 1.5 to 9 times slower on 32-bit B,G,R,X, 16-bit and indexed
// files (bench/bmp-decode.mjs compares any commit with the working tree).

import { LITTLE_ENDIAN } from '../../pixel-modes/byte-order.js';
import { swapRedBlue3, swapRedBlue4 } from '../../pixel-modes/red-blue.js';
import { lastByteMask1 } from '../../raw-image.js';
import type { BmpChannel } from './bitfields.js';

/** Where stored row `r` (0 = top of the image) starts in the file. */
export interface RowSource {
  bytes: Uint8Array;
  dataOffset: number;
  stride: number;
  height: number;
  topDown: boolean;
}

/** Bit depths of indexed pixels. */
export type IndexBits = 1 | 2 | 4 | 8;

/** The four channels of a masked pixel, in the order red, green, blue, alpha. */
export type BmpChannels = readonly [red: BmpChannel, green: BmpChannel, blue: BmpChannel, alpha: BmpChannel];

function rowStart(src: RowSource, r: number): number {
  return src.dataOffset + (src.topDown ? r : src.height - 1 - r) * src.stride;
}

/** 1-bit rows as mode `1`: the bits are copied, the padding bits of each row's last byte cleared. */
export function unpackBits1(src: RowSource, width: number): Uint8Array {
  const rowBytes = (width + 7) >> 3;
  const out = new Uint8Array(rowBytes * src.height);
  const lastMask = lastByteMask1(width);
  for (let r = 0; r < src.height; r++) {
    const s = rowStart(src, r);
    const o = r * rowBytes;
    out.set(src.bytes.subarray(s, s + rowBytes), o);
    out[o + rowBytes - 1] = out[o + rowBytes - 1]! & lastMask;
  }
  return out;
}

/** Unpacks one row of `width` indices starting at byte `s` into `out` at `o`. */
type IndexRow = (bytes: Uint8Array, s: number, out: Uint8Array, o: number, width: number) => void;

const INDEX_ROWS: Readonly<Record<IndexBits, IndexRow>> = {
  1: (bytes, s, out, o, width) => {
    const whole = width >> 3;
    for (let i = 0; i < whole; i++, o += 8) {
      const b = bytes[s + i]!;
      out[o] = b >> 7;
      out[o + 1] = (b >> 6) & 1;
      out[o + 2] = (b >> 5) & 1;
      out[o + 3] = (b >> 4) & 1;
      out[o + 4] = (b >> 3) & 1;
      out[o + 5] = (b >> 2) & 1;
      out[o + 6] = (b >> 1) & 1;
      out[o + 7] = b & 1;
    }
    for (let x = whole << 3; x < width; x++) out[o++] = (bytes[s + whole]! >> (7 - (x & 7))) & 1;
  },
  2: (bytes, s, out, o, width) => {
    const whole = width >> 2;
    for (let i = 0; i < whole; i++, o += 4) {
      const b = bytes[s + i]!;
      out[o] = b >> 6;
      out[o + 1] = (b >> 4) & 3;
      out[o + 2] = (b >> 2) & 3;
      out[o + 3] = b & 3;
    }
    for (let x = whole << 2; x < width; x++) out[o++] = (bytes[s + whole]! >> (6 - 2 * (x & 3))) & 3;
  },
  4: (bytes, s, out, o, width) => {
    const whole = width >> 1;
    for (let i = 0; i < whole; i++, o += 2) {
      const b = bytes[s + i]!;
      out[o] = b >> 4;
      out[o + 1] = b & 15;
    }
    if (width & 1) out[o] = bytes[s + whole]! >> 4;
  },
  8: (bytes, s, out, o, width) => out.set(bytes.subarray(s, s + width), o),
};

/** 1/2/4/8-bit rows as one palette index per pixel, most significant bits first. */
export function unpackIndices(src: RowSource, width: number, bitsPerPixel: IndexBits): Uint8Array {
  const out = new Uint8Array(width * src.height);
  const unpackRow = INDEX_ROWS[bitsPerPixel];
  for (let r = 0; r < src.height; r++) unpackRow(src.bytes, rowStart(src, r), out, r * width, width);
  return out;
}

/**
 * round(v × 255 / (2^bits − 1)) for every `bits`-bit value: the rule the BMP Suite author's reference renderings use
 * (5-bit 31 → 255, 16 → 132 where Pillow's floor gives 131). No value is a tie: 2·v·255 is even, (2k+1)·max odd.
 * @example expansionTable(1) // Uint8Array [0, 255]
 */
export function expansionTable(bits: number): Uint8Array {
  const size = 2 ** bits;
  const table = new Uint8Array(size);
  if (bits === 0) return table;
  for (let v = 0; v < size; v++) table[v] = Math.round((v * 255) / (size - 1));
  return table;
}

const isWholeByte = (c: BmpChannel): boolean => c.bits === 8 && (c.shift & 7) === 0;
const at = (c: BmpChannel, shift: number): boolean => c.bits === 8 && c.shift === shift;

/**
 * 16-, 24- or 32-bit little-endian pixels split by channel masks, as `RGB` (no alpha channel) or `RGBA`. Channels
 * narrower or wider than 8 bits are rescaled with round(v × 255 / max) (see {@link expansionTable}); an absent colour
 * channel reads 0.
 */
export function unpackMasked(src: RowSource, width: number, bitsPerPixel: 16 | 24 | 32, channels: BmpChannels): Uint8Array {
  const [red, green, blue, alpha] = channels;
  const bgr = at(red, 16) && at(green, 8) && at(blue, 0);
  if (bitsPerPixel === 24 && bgr) return unpackBgr24(src, width);
  if (bitsPerPixel === 16) return unpack16(src, width, channels);
  const wholeBytes = isWholeByte(red) && isWholeByte(green) && isWholeByte(blue) && (alpha.bits === 0 || isWholeByte(alpha));
  if (bitsPerPixel === 32 && bgr && at(alpha, 24)) return unpackBgra32(src, width);
  if (bitsPerPixel === 32 && wholeBytes) return unpackBytes32(src, width, channels);
  return unpackAnyMasks(src, width, bitsPerPixel / 8, channels);
}

/** 24-bit B,G,R, the layout of nearly every colour BMP: a row copy (memcpy) and a swap in place. */
function unpackBgr24(src: RowSource, width: number): Uint8Array {
  const rowBytes = width * 3;
  const out = new Uint8Array(rowBytes * src.height);
  for (let r = 0; r < src.height; r++) {
    const s = rowStart(src, r);
    const o = r * rowBytes;
    out.set(src.bytes.subarray(s, s + rowBytes), o);
    swapRedBlue3(out, o, out, o, width);
  }
  return out;
}

/**
 * 32-bit B,G,R,A (our encoder, GIMP, Paint.NET): a row copy (memcpy) and a swap in place, a word at a time since
 * output rows are 4-byte aligned (file rows seldom are: pixel data usually starts 2 bytes off a word boundary).
 */
function unpackBgra32(src: RowSource, width: number): Uint8Array {
  const rowBytes = width * 4;
  const out = new Uint8Array(rowBytes * src.height);
  for (let r = 0; r < src.height; r++) {
    const s = rowStart(src, r);
    const o = r * rowBytes;
    out.set(src.bytes.subarray(s, s + rowBytes), o);
    swapRedBlue4(out, o, out, o, width);
  }
  return out;
}

/**
 * Copies the `count` little-endian 32-bit pixels at `bytes[s]` into `words` as numbers. BMP pixel data usually starts
 * 2 bytes off a word boundary (after a 54- or 138-byte header), so the row is copied (memcpy) into an aligned buffer.
 */
function loadWords(bytes: Uint8Array, s: number, count: number, scratch: Uint8Array, words: Uint32Array): void {
  if (LITTLE_ENDIAN) {
    scratch.set(bytes.subarray(s, s + count * 4));
    return;
  }
  for (let i = 0; i < count; i++, s += 4) words[i] = (bytes[s]! | (bytes[s + 1]! << 8) | (bytes[s + 2]! << 16) | (bytes[s + 3]! << 24)) >>> 0;
}

/** 32-bit pixels whose channels are whole bytes in another order (B,G,R,X; A,B,G,R; R,G,B,A …): a word shuffle. */
function unpackBytes32(src: RowSource, width: number, channels: BmpChannels): Uint8Array {
  const [{ shift: sr }, { shift: sg }, { shift: sb }, { shift: sa, bits: alphaBits }] = channels;
  const ch = alphaBits > 0 ? 4 : 3;
  const rowBytes = width * ch;
  const out = new Uint8Array(rowBytes * src.height);
  const scratch = new Uint8Array(width * 4);
  const words = new Uint32Array(scratch.buffer);
  for (let r = 0; r < src.height; r++) {
    loadWords(src.bytes, rowStart(src, r), width, scratch, words);
    let o = r * rowBytes;
    if (ch === 4) {
      for (let p = 0; p < width; p++, o += 4) {
        const v = words[p]!;
        out[o] = v >>> sr;
        out[o + 1] = v >>> sg;
        out[o + 2] = v >>> sb;
        out[o + 3] = v >>> sa;
      }
    } else {
      for (let p = 0; p < width; p++, o += 3) {
        const v = words[p]!;
        out[o] = v >>> sr;
        out[o + 1] = v >>> sg;
        out[o + 2] = v >>> sb;
      }
    }
  }
  return out;
}

/**
 * 16-bit pixels (5-5-5, 5-6-5, 4-4-4-4 and any other masks) through a table of the expanded R,G,B,A bytes of each of
 * the 65,536 pixel values, so a pixel costs one word load and three or four byte loads. Building the table costs
 * about as much as decoding 65,536 pixels, so smaller images look each channel up in its own small table instead.
 * Pixels are read as 16-bit words where aligned.
 */
function unpack16(src: RowSource, width: number, channels: BmpChannels): Uint8Array {
  const ch = channels[3].bits > 0 ? 4 : 3;
  const rowBytes = width * ch;
  const out = new Uint8Array(rowBytes * src.height);
  const { bytes } = src;
  const tables = channels.map((c) => expansionTable(c.bits));
  const masks = channels.map((c) => 2 ** c.bits - 1);
  const lut = new Uint8Array(width * src.height >= 65536 ? 65536 * 4 : 0);
  for (let c = 0; c < ch && lut.length > 0; c++) {
    const { shift } = channels[c]!;
    const table = tables[c]!;
    const mask = masks[c]!;
    for (let v = 0; v < 65536; v++) lut[v * 4 + c] = table[(v >>> shift) & mask]!;
  }
  // Rows start `stride` (a multiple of 4) bytes apart, so if the first is 2-byte aligned every one is.
  const aligned = LITTLE_ENDIAN && (bytes.byteOffset + src.dataOffset) % 2 === 0;
  const halves = aligned ? new Uint16Array(bytes.buffer, bytes.byteOffset + src.dataOffset, (bytes.length - src.dataOffset) >> 1) : undefined;
  const row = new Uint16Array(width);
  for (let y = 0; y < src.height; y++) {
    const s = rowStart(src, y);
    if (halves !== undefined) {
      const first = (s - src.dataOffset) >> 1;
      row.set(halves.subarray(first, first + width));
    } else {
      for (let p = 0, i = s; p < width; p++, i += 2) row[p] = bytes[i]! | (bytes[i + 1]! << 8);
    }
    const o = y * rowBytes;
    if (lut.length > 0) {
      if (ch === 4) lookupRow4(row, lut, out, o);
      else lookupRow3(row, lut, out, o);
    } else {
      for (let p = 0, q = o; p < width; p++) {
        const v = row[p]!;
        for (let c = 0; c < ch; c++, q++) out[q] = tables[c]![(v >>> channels[c]!.shift) & masks[c]!]!;
      }
    }
  }
  return out;
}

function lookupRow3(row: Uint16Array, lut: Uint8Array, out: Uint8Array, o: number): void {
  for (let p = 0, n = row.length; p < n; p++, o += 3) {
    const k = row[p]! << 2;
    out[o] = lut[k]!;
    out[o + 1] = lut[k + 1]!;
    out[o + 2] = lut[k + 2]!;
  }
}

function lookupRow4(row: Uint16Array, lut: Uint8Array, out: Uint8Array, o: number): void {
  for (let p = 0, n = row.length; p < n; p++, o += 4) {
    const k = row[p]! << 2;
    out[o] = lut[k]!;
    out[o + 1] = lut[k + 1]!;
    out[o + 2] = lut[k + 2]!;
    out[o + 3] = lut[k + 3]!;
  }
}

/**
 * Any other masks (10-10-10-2, 24-bit fields …), 24- or 32-bit: arithmetic per channel. Multiplying by the factor
 * 255 / max is exact after rounding: v × 255 / max is never a tie (see {@link expansionTable}), so it is at least
 * 1/(2·max) ≥ 2^-33 from a half, far more than the product's rounding error.
 */
function unpackAnyMasks(src: RowSource, width: number, bytesPerPixel: number, channels: BmpChannels): Uint8Array {
  const ch = channels[3].bits > 0 ? 4 : 3;
  const [sr, sg, sb, sa] = channels.map((c) => c.shift) as [number, number, number, number];
  const [mr, mg, mb, ma] = channels.map((c) => (c.bits === 32 ? -1 : 2 ** c.bits - 1)) as [number, number, number, number];
  const [kr, kg, kb, ka] = channels.map((c) => (c.bits === 0 ? 0 : 255 / (2 ** c.bits - 1))) as [number, number, number, number];
  const rowBytes = width * ch;
  const out = new Uint8Array(rowBytes * src.height);
  const { bytes } = src;
  for (let row = 0; row < src.height; row++) {
    let s = rowStart(src, row);
    let o = row * rowBytes;
    for (let p = 0; p < width; p++, o += ch, s += bytesPerPixel) {
      let v = bytes[s]! | (bytes[s + 1]! << 8) | (bytes[s + 2]! << 16);
      if (bytesPerPixel === 4) v |= bytes[s + 3]! << 24;
      out[o] = Math.round((((v >>> sr) & mr) >>> 0) * kr);
      out[o + 1] = Math.round((((v >>> sg) & mg) >>> 0) * kg);
      out[o + 2] = Math.round((((v >>> sb) & mb) >>> 0) * kb);
      if (ch === 4) out[o + 3] = Math.round((((v >>> sa) & ma) >>> 0) * ka);
    }
  }
  return out;
}
