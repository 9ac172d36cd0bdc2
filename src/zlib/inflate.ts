// Inflate (RFC 1951) into an output of known size, as strict as zlib's inflate: the portable build's decoder, so
// both builds accept and refuse the same streams. Every check zlib makes is made here, with zlib's message (its
// inflate.c and inftrees.c): block type 3, stored lengths, symbol counts, over-subscribed or incomplete code sets
// (zlib allows an incomplete set only for a single code of length 1), repeats, a missing end-of-block code, the fixed
// code's unused symbols 286/287 and 30/31, and distances reaching before the first byte.
// Spec: https://www.rfc-editor.org/rfc/rfc1951
import type { PixtextError } from '../errors.js';
import { zlibError } from './zlib-errors.js';

// RFC 1951 §3.2.5: base value and extra bits of length symbols 257–285 and of distance symbols 0–29.
const LENGTH_BASE = Uint16Array.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258);
const LENGTH_EXTRA = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0);
const DISTANCE_BASE = Uint16Array.of(1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577);
const DISTANCE_EXTRA = Uint8Array.of(0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13);
// RFC 1951 §3.2.7: the order in which the code length code's lengths are stored.
const CODE_LENGTH_ORDER = Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);

const END_OF_BLOCK = 256;
const MAX_BITS = 15;

/** What a code table is for (an index into INVALID_SET, zlib's message when the set is invalid). */
type Kind = 0 | 1 | 2;
const CODE_LENGTHS: Kind = 0;
const LITERALS_LENGTHS: Kind = 1;
const DISTANCES: Kind = 2;
const INVALID_SET = ['invalid code lengths set', 'invalid literal/lengths set', 'invalid distances set'];

/**
 * A canonical Huffman code (RFC 1951 §3.2.2) as one lookup table indexed by the next `bits` input bits (least
 * significant first): each entry is `symbol << 4 | length`, 0 where no code matches (an incomplete set).
 */
interface CodeTable {
  entries: Uint16Array;
  bits: number;
}

function newTable(): CodeTable {
  return { entries: new Uint16Array(1 << MAX_BITS), bits: 0 };
}

const lengthCounts = new Uint16Array(MAX_BITS + 1);
const nextCode = new Uint16Array(MAX_BITS + 1);

/**
 * Fills `table` with the code of `count` symbols whose lengths start at `lengths[from]`. Refuses what zlib's
 * inflate_table refuses: an over-subscribed set, and an incomplete one unless it is a single code of length 1 (code
 * lengths: never). With no code at all, literal/length and distance tables match nothing, while the code length
 * table reads every symbol as 0 in one bit, as zlib's table for that case does.
 */
function buildTable(table: CodeTable, lengths: Uint8Array, from: number, count: number, kind: Kind): void {
  lengthCounts.fill(0);
  let max = 0;
  for (let s = 0; s < count; s++) {
    const len = lengths[from + s]!;
    lengthCounts[len]!++;
    if (len > max) max = len;
  }
  const entries = table.entries;
  if (max === 0) {
    table.bits = 1;
    const none = kind === CODE_LENGTHS ? 1 : 0; // symbol 0, length 1
    entries[0] = none;
    entries[1] = none;
    return;
  }
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = (left << 1) - lengthCounts[len]!;
    if (left < 0) throw corrupt(INVALID_SET[kind]!);
  }
  if (left > 0 && (kind === CODE_LENGTHS || max !== 1)) throw corrupt(INVALID_SET[kind]!);
  nextCode[1] = 0;
  for (let len = 1; len < MAX_BITS; len++) nextCode[len + 1] = (nextCode[len]! + lengthCounts[len]!) << 1;
  const size = 1 << max;
  // A complete code fills every entry; only an incomplete one leaves entries that must read as "no code".
  if (left > 0) entries.fill(0, 0, size);
  for (let s = 0; s < count; s++) {
    const len = lengths[from + s]!;
    if (len === 0) continue;
    let code = nextCode[len]!++;
    let reversed = 0;
    for (let b = 0; b < len; b++, code >>>= 1) reversed = (reversed << 1) | (code & 1);
    const entry = (s << 4) | len;
    for (let i = reversed; i < size; i += 1 << len) entries[i] = entry;
  }
  table.bits = max;
}

function corrupt(why: string, offset?: number): PixtextError {
  return zlibError('malformed', `invalid deflate data: ${why}`, offset === undefined ? undefined : { offset });
}

/** How an inflate ended. */
export interface InflateResult {
  /** Bytes written to the output. Less than its length when the input ran out first (a truncated stream). */
  written: number;
  /** Where the stream's last complete block ended: the byte after it (the zlib trailer's start), or -1. */
  streamEnd: number;
}

// The fixed code (RFC 1951 §3.2.6), built once when first needed.
let fixedLiterals: CodeTable | undefined;
let fixedDistances: CodeTable | undefined;

function fixedTables(): [CodeTable, CodeTable] {
  if (fixedLiterals === undefined || fixedDistances === undefined) {
    const lengths = new Uint8Array(288 + 32);
    lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288).fill(5, 288, 320);
    fixedLiterals = newTable();
    fixedDistances = newTable();
    buildTable(fixedLiterals, lengths, 0, 288, LITERALS_LENGTHS);
    buildTable(fixedDistances, lengths, 288, 32, DISTANCES);
  }
  return [fixedLiterals, fixedDistances];
}

/** 24 input bits from bit `at`, least significant first (RFC 1951 §3.1.1); zero bits past the input's end. */
function peekTail(data: Uint8Array, at: number): number {
  const p = at >>> 3;
  const b0 = p < data.length ? data[p]! : 0;
  const b1 = p + 1 < data.length ? data[p + 1]! : 0;
  const b2 = p + 2 < data.length ? data[p + 2]! : 0;
  return (b0 | (b1 << 8) | (b2 << 16)) >>> (at & 7);
}

/** Input bits read by position: at least 17 valid bits per peek, so any code or extra-bits field in one read. */
class BitReader {
  /** The next bit to read; past `data.length * 8` the reads used zero bits beyond the input (it was cut). */
  at: number;
  constructor(
    readonly data: Uint8Array,
    start: number,
  ) {
    this.at = start * 8;
  }

  peek(): number {
    const p = this.at >>> 3;
    const data = this.data;
    if (p + 2 >= data.length) return peekTail(data, this.at);
    return (data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16)) >>> (this.at & 7);
  }

  take(n: number): number {
    const v = this.peek() & ((1 << n) - 1);
    this.at += n;
    return v;
  }

  /** The next symbol of `table`; -1 when no code matches, -2 when the input ended inside it. */
  symbol(table: CodeTable): number {
    const entry = table.entries[this.peek() & ((1 << table.bits) - 1)]!;
    const len = entry & 15;
    if (len === 0) return this.at + table.bits > this.data.length * 8 ? -2 : -1;
    this.at += len;
    return entry >>> 4;
  }

  /** True when the bits read so far go past the input's end. */
  overrun(): boolean {
    return this.at > this.data.length * 8;
  }

  /** The byte after the last one a read used (bits left in a partly used byte are dropped). */
  byteBoundary(): number {
    return (this.at + 7) >>> 3;
  }
}

// How decodeCodes ended, besides the end-of-block code.
const BLOCK_DONE = 0;
const OUTPUT_FULL = 1;
const INPUT_ENDED = 2;

/**
 * Inflates the raw deflate data in `data` from `start` into `out`, stopping when `out` is full: the rest of the
 * stream is then read only as far as zlib reads it with no room left (blocks that add no byte, and the codes of one
 * more literal or match, whose validity is still checked). Input that ends first leaves `written` short.
 *
 * @throws PixtextError `ERR_CORRUPT` with zlib's reason for malformed data.
 * @example
 * ```ts
 * const { written, streamEnd } = inflateInto(idat, 2, new Uint8Array(expectedLength));
 * ```
 */
export function inflateInto(data: Uint8Array, start: number, out: Uint8Array): InflateResult {
  const bits = new BitReader(data, start);
  const state = { written: 0 };
  const literals = newTable();
  const distances = newTable();
  const codeLengths: CodeTable = { entries: new Uint16Array(1 << 7), bits: 0 };
  const lengths = new Uint8Array(286 + 30);
  const codeLengthLengths = new Uint8Array(19);
  const truncated = (): InflateResult => ({ written: state.written, streamEnd: -1 });

  for (;;) {
    const final = bits.take(1);
    const type = bits.take(2);
    if (bits.overrun()) return truncated();
    if (type === 0) {
      // Stored (§3.2.4): the rest of the current byte is skipped, then LEN and its complement NLEN.
      bits.at = bits.byteBoundary() * 8;
      const len = bits.take(16);
      const nlen = bits.take(16);
      if (bits.overrun()) return truncated();
      const from = bits.at >>> 3;
      if (len !== (~nlen & 0xffff)) throw corrupt('invalid stored block lengths', from);
      const copy = Math.min(len, out.length - state.written, data.length - from);
      out.set(data.subarray(from, from + copy), state.written);
      state.written += copy;
      bits.at = (from + copy) * 8;
      if (copy < len) return state.written === out.length ? { written: state.written, streamEnd: -1 } : truncated();
    } else if (type === 3) {
      throw corrupt('invalid block type', bits.byteBoundary());
    } else {
      let lit: CodeTable;
      let dist: CodeTable;
      if (type === 1) {
        [lit, dist] = fixedTables();
      } else {
        // Dynamic (§3.2.7): the code length code, then the literal/length and distance code lengths it encodes.
        const nlen = bits.take(5) + 257;
        const ndist = bits.take(5) + 1;
        const ncode = bits.take(4) + 4;
        if (bits.overrun()) return truncated();
        if (nlen > 286 || ndist > 30) throw corrupt('too many length or distance symbols');
        codeLengthLengths.fill(0);
        for (let i = 0; i < ncode; i++) codeLengthLengths[CODE_LENGTH_ORDER[i]!] = bits.take(3);
        if (bits.overrun()) return truncated();
        buildTable(codeLengths, codeLengthLengths, 0, 19, CODE_LENGTHS);
        for (let have = 0; have < nlen + ndist; ) {
          const sym = bits.symbol(codeLengths);
          if (sym === -2 || bits.overrun()) return truncated();
          if (sym < 16) {
            lengths[have++] = sym;
            continue;
          }
          let value = 0;
          let repeat: number;
          if (sym === 16) {
            if (have === 0) throw corrupt('invalid bit length repeat');
            value = lengths[have - 1]!;
            repeat = 3 + bits.take(2);
          } else {
            repeat = sym === 17 ? 3 + bits.take(3) : 11 + bits.take(7);
          }
          if (bits.overrun()) return truncated();
          if (have + repeat > nlen + ndist) throw corrupt('invalid bit length repeat');
          lengths.fill(value, have, have + repeat);
          have += repeat;
        }
        if (lengths[END_OF_BLOCK] === 0) throw corrupt('invalid code -- missing end-of-block');
        buildTable(literals, lengths, 0, nlen, LITERALS_LENGTHS);
        buildTable(distances, lengths, nlen, ndist, DISTANCES);
        lit = literals;
        dist = distances;
      }
      const ended = decodeCodes(bits, lit, dist, out, state);
      if (ended === INPUT_ENDED) return truncated();
      if (ended === OUTPUT_FULL) return { written: state.written, streamEnd: -1 };
    }
    if (final === 1) return { written: state.written, streamEnd: bits.byteBoundary() };
  }
}

/**
 * The compressed data of one block (§3.2.5), up to its end-of-block code: the hot loop, on a local copy of the read
 * position (written back on the way out) so V8 keeps it in a register.
 */
function decodeCodes(bits: BitReader, lit: CodeTable, dist: CodeTable, out: Uint8Array, state: { written: number }): number {
  const data = bits.data;
  const endBits = data.length * 8;
  // Below this bit position three bytes can be read without passing the end.
  const safeBits = (data.length - 3) * 8;
  const size = out.length;
  const litEntries = lit.entries;
  const litMask = (1 << lit.bits) - 1;
  const distEntries = dist.entries;
  const distMask = (1 << dist.bits) - 1;
  let at = bits.at;
  let written = state.written;
  let ended = BLOCK_DONE;
  for (;;) {
    let p = at >>> 3;
    let v = at < safeBits ? (data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16)) >>> (at & 7) : peekTail(data, at);
    const entry = litEntries[v & litMask]!;
    const len = entry & 15;
    if (len === 0) {
      if (at + lit.bits > endBits) ended = INPUT_ENDED;
      else throw corrupt('invalid literal/length code');
      break;
    }
    at += len;
    if (at > endBits) {
      ended = INPUT_ENDED;
      break;
    }
    const sym = entry >>> 4;
    if (sym < END_OF_BLOCK) {
      if (written === size) {
        ended = OUTPUT_FULL;
        break;
      }
      out[written++] = sym;
      continue;
    }
    if (sym === END_OF_BLOCK) break;
    const li = sym - 257;
    if (li >= 29) throw corrupt('invalid literal/length code');
    const lengthExtra = LENGTH_EXTRA[li]!;
    let length = LENGTH_BASE[li]!;
    if (lengthExtra > 0) {
      p = at >>> 3;
      v = at < safeBits ? (data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16)) >>> (at & 7) : peekTail(data, at);
      length += v & ((1 << lengthExtra) - 1);
      at += lengthExtra;
    }
    p = at >>> 3;
    v = at < safeBits ? (data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16)) >>> (at & 7) : peekTail(data, at);
    const dentry = distEntries[v & distMask]!;
    const dlen = dentry & 15;
    if (dlen === 0) {
      if (at + dist.bits > endBits) ended = INPUT_ENDED;
      else throw corrupt('invalid distance code');
      break;
    }
    at += dlen;
    const d = dentry >>> 4;
    if (d >= 30) {
      if (at > endBits) ended = INPUT_ENDED;
      else throw corrupt('invalid distance code');
      break;
    }
    const distanceExtra = DISTANCE_EXTRA[d]!;
    let distance = DISTANCE_BASE[d]!;
    if (distanceExtra > 0) {
      p = at >>> 3;
      v = at < safeBits ? (data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16)) >>> (at & 7) : peekTail(data, at);
      distance += v & ((1 << distanceExtra) - 1);
      at += distanceExtra;
    }
    if (at > endBits) {
      ended = INPUT_ENDED;
      break;
    }
    // zlib checks the distance only once it has room to copy (inflate.c, state MATCH).
    if (written === size) {
      ended = OUTPUT_FULL;
      break;
    }
    if (distance > written) throw corrupt('invalid distance too far back');
    const copy = Math.min(length, size - written);
    if (distance >= copy && copy > 32) {
      out.copyWithin(written, written - distance, written - distance + copy);
      written += copy;
    } else {
      for (let k = 0; k < copy; k++, written++) out[written] = out[written - distance]!;
    }
    if (copy < length) {
      ended = OUTPUT_FULL;
      break;
    }
  }
  bits.at = at;
  state.written = written;
  return ended;
}

/**
 * Whether the zlib trailer (RFC 1950 §2.2) that follows a stream ending at `streamEnd` holds the Adler-32 of
 * `inflated`. True when there is nothing to check, as zlib judges it: the stream never ended (`streamEnd` −1) or its
 * 4-byte trailer is cut.
 */
export function trailerMatches(data: Uint8Array, streamEnd: number, inflated: Uint8Array): boolean {
  if (streamEnd < 0 || streamEnd + 4 > data.length) return true;
  const stored = ((data[streamEnd]! << 24) | (data[streamEnd + 1]! << 16) | (data[streamEnd + 2]! << 8) | data[streamEnd + 3]!) >>> 0;
  return adler32(inflated) === stored;
}

/** Adler-32 (RFC 1950 §9) of `bytes`: the zlib trailer's checksum of the inflated data. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  const n = bytes.length;
  // 5552 bytes is the most that can be summed before b overflows 2^32 (zlib's NMAX).
  for (let i = 0; i < n; ) {
    const stop = Math.min(n, i + 5552);
    for (; i < stop; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
