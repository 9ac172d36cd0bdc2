// Format-blind mutations of a byte string: bit flips, interesting bytes and words, truncation, insertion, deletion,
// duplication and splicing. Format-aware mutators call these on the part of a file they chose.
import { concat } from '../support/bytes.js';
import type { Rng } from './rng.js';

/** Values at the edges of the integer types a header field can hold, where size and sign bugs live. */
export const INTERESTING_32 = [
  0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 127, 128, 255, 256, 257, 1023, 1024, 4095, 4096, 16383, 16384,
  32767, 32768, 65535, 65536, 0x00ff_ffff, 0x0100_0000, 0x7fff_fffe, 0x7fff_ffff, 0x8000_0000, 0x8000_0001,
  0xffff_fffe, 0xffff_ffff,
] as const;

export const INTERESTING_16 = [0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 255, 256, 4095, 16383, 32767, 32768, 65534, 65535] as const;

export const INTERESTING_8 = [0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 129, 254, 255] as const;

/** A byte, half the time from the interesting list. */
export function someByte(rng: Rng): number {
  return rng.chance(0.5) ? rng.pick(INTERESTING_8) : rng.below(256);
}

/** A 32-bit value near an interesting one. */
export function someU32(rng: Rng): number {
  const base = rng.pick(INTERESTING_32);
  return rng.chance(0.75) ? base : (base + rng.int(-2, 2)) >>> 0;
}

/** A 16-bit value near an interesting one. */
export function someU16(rng: Rng): number {
  const base = rng.pick(INTERESTING_16);
  return rng.chance(0.75) ? base : (base + rng.int(-2, 2)) & 0xffff;
}

/** Random bytes. */
export function randomBytes(rng: Rng, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = someByte(rng);
  return out;
}

export { concat };

/** Writes `value` as `size` bytes at `at`, big- or little-endian, clipped to the array. */
export function putUint(bytes: Uint8Array, at: number, size: 1 | 2 | 4, value: number, bigEndian: boolean): void {
  for (let i = 0; i < size; i++) {
    const shift = 8 * (bigEndian ? size - 1 - i : i);
    if (at + i < bytes.length) bytes[at + i] = (value >>> shift) & 0xff;
  }
}

const MUTATIONS: Array<(rng: Rng, b: Uint8Array, others: readonly Uint8Array[]) => Uint8Array> = [
  // Flip one to four bits.
  (rng, b) => {
    if (b.length === 0) return b;
    const out = b.slice();
    for (let n = rng.small(4); n > 0; n--) {
      const i = rng.below(out.length);
      out[i]! ^= 1 << rng.below(8);
    }
    return out;
  },
  // Overwrite a few bytes with interesting or random values.
  (rng, b) => {
    if (b.length === 0) return b;
    const out = b.slice();
    for (let n = rng.small(4); n > 0; n--) out[rng.below(out.length)] = someByte(rng);
    return out;
  },
  // Overwrite a 16- or 32-bit word, either byte order.
  (rng, b) => {
    if (b.length === 0) return b;
    const out = b.slice();
    const size = rng.chance(0.5) ? 2 : 4;
    putUint(out, rng.below(out.length), size, size === 2 ? someU16(rng) : someU32(rng), rng.chance(0.5));
    return out;
  },
  // Truncate: anywhere, or just a few bytes short of the end.
  (rng, b) => (rng.chance(0.5) ? b.slice(0, rng.below(b.length + 1)) : b.slice(0, Math.max(0, b.length - rng.int(1, 16)))),
  // Insert random bytes.
  (rng, b) => {
    const at = rng.below(b.length + 1);
    return concat(b.subarray(0, at), randomBytes(rng, rng.small(8) * rng.int(1, 8)), b.subarray(at));
  },
  // Delete a range.
  (rng, b) => {
    if (b.length === 0) return b;
    const at = rng.below(b.length);
    const n = Math.min(b.length - at, rng.small(6) * rng.int(1, 16));
    return concat(b.subarray(0, at), b.subarray(at + n));
  },
  // Duplicate a range into another place (inserted).
  (rng, b) => {
    if (b.length === 0) return b;
    const from = rng.below(b.length);
    const n = Math.min(b.length - from, rng.int(1, 64));
    const at = rng.below(b.length + 1);
    return concat(b.subarray(0, at), b.subarray(from, from + n), b.subarray(at));
  },
  // Overwrite a range with a copy of another part.
  (rng, b) => {
    if (b.length < 2) return b;
    const out = b.slice();
    const from = rng.below(b.length);
    const n = Math.min(b.length - from, rng.int(1, 64));
    out.copyWithin(rng.below(b.length - n + 1), from, from + n);
    return out;
  },
  // Splice: the head of this input with the tail of another.
  (rng, b, others) => {
    if (others.length === 0) return b;
    const other = rng.pick(others);
    return concat(b.subarray(0, rng.below(b.length + 1)), other.subarray(rng.below(other.length + 1)));
  },
];

/** Applies one to three random format-blind mutations. `others` are inputs to splice from. */
export function mutateBytes(rng: Rng, bytes: Uint8Array, others: readonly Uint8Array[] = []): Uint8Array {
  let out = bytes;
  for (let n = rng.small(3); n > 0; n--) out = rng.pick(MUTATIONS)(rng, out, others);
  return out;
}
