// What a VP8L pixel symbol means (RFC 9649 §3.6.2; libwebp 1.2.4 src/dec/vp8l_dec.c): table lookups, the prefix
// coding of lengths and distances, the distance map and the colour cache hash. Shared by the level-0 pixel loop
// (decode.ts) and the sub-image reader (sub-image.ts).
import { HUFFMAN_TABLE_BITS } from './huffman.js';

export const NUM_LITERAL_CODES = 256;
export const NUM_LENGTH_CODES = 24;
export const NUM_DISTANCE_CODES = 40;
/** Green-code symbols below this are literals or length prefixes; from here on they are colour cache keys. */
export const CACHE_CODES_START = NUM_LITERAL_CODES + NUM_LENGTH_CODES;
/** The colour cache hash multiplier (RFC 9649 §3.6.2.2). */
export const HASH_MUL = 0x1e35a7bd;

/** The distance map: (dy, 8 - dx) of the 120 nearest 2-D neighbours (RFC 9649 §4.2.2, kCodeToPlane). */
const CODE_TO_PLANE = [
  0x18, 0x07, 0x17, 0x19, 0x28, 0x06, 0x27, 0x29, 0x16, 0x1a, 0x26, 0x2a, 0x38, 0x05, 0x37, 0x39, 0x15, 0x1b, 0x36, 0x3a,
  0x25, 0x2b, 0x48, 0x04, 0x47, 0x49, 0x14, 0x1c, 0x35, 0x3b, 0x46, 0x4a, 0x24, 0x2c, 0x58, 0x45, 0x4b, 0x34, 0x3c, 0x03,
  0x57, 0x59, 0x13, 0x1d, 0x56, 0x5a, 0x23, 0x2d, 0x44, 0x4c, 0x55, 0x5b, 0x33, 0x3d, 0x68, 0x02, 0x67, 0x69, 0x12, 0x1e,
  0x66, 0x6a, 0x22, 0x2e, 0x54, 0x5c, 0x43, 0x4d, 0x65, 0x6b, 0x32, 0x3e, 0x78, 0x01, 0x77, 0x79, 0x53, 0x5d, 0x11, 0x1f,
  0x64, 0x6c, 0x42, 0x4e, 0x76, 0x7a, 0x21, 0x2f, 0x75, 0x7b, 0x31, 0x3f, 0x63, 0x6d, 0x52, 0x5e, 0x00, 0x74, 0x7c, 0x41,
  0x4f, 0x10, 0x20, 0x62, 0x6e, 0x30, 0x73, 0x7d, 0x51, 0x5f, 0x40, 0x72, 0x7e, 0x61, 0x6f, 0x50, 0x71, 0x7f, 0x60, 0x70,
];

/**
 * The entry of the code at `at` in `tables` for the next bits `win` (vp8l_dec.c ReadSymbol), its bit count made
 * the whole code length when it comes from a second-level table.
 */
export function lookup(tables: Int32Array, at: number, win: number): number {
  const root = at + (win & 0xff);
  const e = tables[root]!;
  const nb = e >>> 16;
  if (nb <= HUFFMAN_TABLE_BITS) return e;
  return tables[root + (e & 0xffff) + ((win >>> HUFFMAN_TABLE_BITS) & ((1 << (nb - HUFFMAN_TABLE_BITS)) - 1))]! + (HUFFMAN_TABLE_BITS << 16);
}

/** The value of a length or distance prefix `symbol` (RFC 9649 §3.6.2.1), its `extra` bits the low bits of `win`. */
export const prefixValue = (symbol: number, extra: number, win: number): number =>
  symbol < 4 ? symbol + 1 : ((2 + (symbol & 1)) << extra) + (win & ((1 << extra) - 1)) + 1;

/** Extra bits of a length or distance prefix symbol. */
export const extraBits = (symbol: number): number => (symbol < 4 ? 0 : (symbol - 2) >> 1);

/** The distance in pixels of distance code `distCode` in an image `width` pixels wide (RFC 9649 §4.2.2). */
export function planeDistance(distCode: number, width: number): number {
  if (distCode > 120) return distCode - 120;
  const plane = CODE_TO_PLANE[distCode - 1]!;
  const distance = (plane >> 4) * width + (8 - (plane & 0xf));
  return distance < 1 ? 1 : distance;
}

/** Inserts data[from, to) into the colour cache (vp8l_dec.c VP8LColorCacheInsert); returns `to`. */
export function cacheUpTo(data: Int32Array, from: number, to: number, cache: Int32Array, shift: number): number {
  for (; from < to; from++) cache[Math.imul(data[from]!, HASH_MUL) >>> shift] = data[from]!;
  return to;
}
