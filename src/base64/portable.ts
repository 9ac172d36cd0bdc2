// The portable base64 codec (RFC 4648 §4, standard alphabet, padded): what browsers without
// `Uint8Array.prototype.toBase64` run, and the reference every faster backend falls back to for error offsets.
// Spec: https://www.rfc-editor.org/rfc/rfc4648#section-4
import { ErrorCode, PixtextError } from '../errors.js';
import { decodeBase64ScalarInto } from './scalar.js';
import type { DecodeBase64Options } from './scalar.js';

export type { DecodeBase64Options } from './scalar.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// Input bytes per encode chunk (a multiple of 3): 16 KiB of output stays in the L1 cache, and TextDecoder turns it
// into a string at memory speed; smaller or larger chunks measured slower in V8.
const ENCODE_CHUNK = 3 * 4096;
// Characters per decode chunk copied into bytes with TextEncoder.encodeInto: a multiple of 16, so each chunk's
// output starts 4-byte aligned for the 32-bit stores of decodeQuads.
const DECODE_CHUNK = 64 * 1024;

// Bit 24 set marks a byte that is not a base64 digit, so one OR over four look-ups flags a bad quad.
const INVALID = 0x1000000;

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface Tables {
  /** Two output characters per 12 input bits, as the first and the second half of a 32-bit store. */
  pairsFirst: Uint32Array;
  pairsSecond: Uint32Array;
  /**
   * Digit value of each byte pre-shifted to its place in a quad, or INVALID. `q[k]` applies to the byte at bits
   * 8k..8k+7 of a 32-bit load, so the order depends on the platform's endianness.
   */
  q: [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
}

let tables: Tables | undefined;

function buildTables(): Tables {
  const pairsFirst = new Uint32Array(4096);
  const pairsSecond = new Uint32Array(4096);
  for (let i = 0; i < 4096; i++) {
    const a = ALPHABET.charCodeAt(i >> 6);
    const b = ALPHABET.charCodeAt(i & 63);
    // A 32-bit store of [c0, c1, c2, c3]: c0 | c1<<8 | c2<<16 | c3<<24 on little-endian, reversed on big-endian.
    pairsFirst[i] = littleEndian ? a | (b << 8) : ((a << 24) | (b << 16)) >>> 0;
    pairsSecond[i] = littleEndian ? ((a << 16) | (b << 24)) >>> 0 : (a << 8) | b;
  }
  const byPlace = [0, 1, 2, 3].map(() => new Uint32Array(256).fill(INVALID));
  for (let v = 0; v < 64; v++) {
    const c = ALPHABET.charCodeAt(v);
    for (let place = 0; place < 4; place++) byPlace[place]![c] = v << (18 - 6 * place);
  }
  const [p0, p1, p2, p3] = byPlace as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  return { pairsFirst, pairsSecond, q: littleEndian ? [p0, p1, p2, p3] : [p3, p2, p1, p0] };
}

let decoder: TextDecoder | undefined;
let encoder: TextEncoder | undefined;

function tooLarge(cause: unknown, chars: number): PixtextError {
  return new PixtextError(
    ErrorCode.TOO_LARGE,
    `The base64 text would be ${chars} characters long, more than this engine can hold in one string`,
    { cause },
  );
}

/** Encodes bytes[start, end) (whole groups of 3) into `out32`, one 32-bit store per group. */
function encodeGroups(
  bytes: Uint8Array,
  start: number,
  end: number,
  out32: Uint32Array,
  first: Uint32Array,
  second: Uint32Array,
): void {
  let j = 0;
  for (let i = start; i < end; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out32[j++] = first[v >>> 12]! | second[v & 4095]!;
  }
}

/**
 * Standard padded base64 of `bytes`, by the portable codec (no native or `Buffer` fast path).
 * Bytes become ASCII codes in a reused buffer and text through `TextDecoder`, 16 KiB at a time.
 *
 * @throws PixtextError `ERR_TOO_LARGE` when the text would exceed the engine's maximum string length.
 * @example
 * ```ts
 * encodeBase64Portable(new Uint8Array([255, 0, 0])) === '/wAA';
 * ```
 */
export function encodeBase64Portable(bytes: Uint8Array): string {
  const t = (tables ??= buildTables());
  const dec = (decoder ??= new TextDecoder());
  const n = bytes.length;
  const chunkOut = new Uint8Array((ENCODE_CHUNK / 3) * 4);
  const out32 = new Uint32Array(chunkOut.buffer);
  let text = '';
  try {
    const whole = n - (n % 3);
    for (let start = 0; start < whole; start += ENCODE_CHUNK) {
      const end = Math.min(whole, start + ENCODE_CHUNK);
      encodeGroups(bytes, start, end, out32, t.pairsFirst, t.pairsSecond);
      text += dec.decode(chunkOut.subarray(0, ((end - start) / 3) * 4));
    }
    if (whole < n) {
      const b0 = bytes[whole]!;
      const b1 = whole + 1 < n ? bytes[whole + 1]! : 0;
      text +=
        ALPHABET[b0 >> 2]! +
        ALPHABET[((b0 & 3) << 4) | (b1 >> 4)]! +
        (whole + 1 < n ? ALPHABET[(b1 & 15) << 2]! : '=') +
        '=';
    }
  } catch (cause) {
    if (cause instanceof RangeError) throw tooLarge(cause, Math.ceil(n / 3) * 4);
    throw cause;
  }
  return text;
}

/** Digit value bits of one quad read as a 32-bit word; INVALID bit set if a byte is not a digit. */
function quadValue(w: number, q0: Uint32Array, q1: Uint32Array, q2: Uint32Array, q3: Uint32Array): number {
  return q0[w & 255]! | q1[(w >>> 8) & 255]! | q2[(w >>> 16) & 255]! | q3[w >>> 24]!;
}

/**
 * Decodes up to `quadCount` quads read as 32-bit words from `in32` into `out` at `o`, stopping at the first quad
 * holding a byte that is not a digit, and returns the number of quads decoded. On little-endian platforms, with `o`
 * a multiple of 4, four quads (12 bytes) are written as three 32-bit stores, which measured about a third faster
 * than byte stores.
 */
function decodeQuads(
  in32: Uint32Array,
  quadCount: number,
  out: Uint8Array,
  out32: Uint32Array,
  o: number,
  q0: Uint32Array,
  q1: Uint32Array,
  q2: Uint32Array,
  q3: Uint32Array,
): number {
  let k = 0;
  if (littleEndian && (o & 3) === 0) {
    let j = o >>> 2;
    for (; k + 4 <= quadCount; k += 4) {
      const a = quadValue(in32[k]!, q0, q1, q2, q3);
      const b = quadValue(in32[k + 1]!, q0, q1, q2, q3);
      const c = quadValue(in32[k + 2]!, q0, q1, q2, q3);
      const d = quadValue(in32[k + 3]!, q0, q1, q2, q3);
      if ((a | b | c | d) >= INVALID) break;
      // Output bytes a2 a1 a0 b2 | b1 b0 c2 c1 | c0 d2 d1 d0, where x2 is bits 16–23 of x.
      out32[j] = ((a >>> 16) & 255) | (a & 0xff00) | ((a & 255) << 16) | (b >>> 16 << 24);
      out32[j + 1] = ((b >>> 8) & 255) | ((b & 255) << 8) | (c & 0xff0000) | ((c & 0xff00) << 16);
      out32[j + 2] = (c & 255) | ((d >>> 8) & 0xff00) | ((d & 0xff00) << 8) | ((d & 255) << 24);
      j += 3;
    }
    o = j << 2;
  }
  for (; k < quadCount; k++) {
    const v = quadValue(in32[k]!, q0, q1, q2, q3);
    if (v >= INVALID) break;
    out[o] = v >>> 16;
    out[o + 1] = v >>> 8;
    out[o + 2] = v;
    o += 3;
  }
  return k;
}

/**
 * Decodes base64 with the portable codec: canonical quads through 32-bit table look-ups, 64 Ki characters at a
 * time; from the last quad, or the first one that is not four plain digits (whitespace, a stray or non-ASCII
 * character, padding), the scalar decoder takes over, which also reports errors with their offsets.
 *
 * @throws PixtextError `ERR_BASE64` with the offset of the first stray character or bad padding.
 * @example
 * ```ts
 * decodeBase64Portable('/wAA'); // Uint8Array [255, 0, 0]
 * ```
 */
export function decodeBase64Portable(text: string, options: DecodeBase64Options = {}): Uint8Array {
  const len = text.length;
  let pad = 0;
  while (pad < 2 && text.charCodeAt(len - 1 - pad) === 0x3d) pad++;
  // Exact for canonical text, an upper bound otherwise (whitespace, missing padding, errors).
  const out = new Uint8Array(Math.floor(((len - pad) * 3) / 4));
  // The whole quads before the last one, which may be padded or partial.
  const fastEnd = len - (len % 4 || 4);
  let i = 0;
  let o = 0;
  if (fastEnd > 0) {
    const [q0, q1, q2, q3] = (tables ??= buildTables()).q;
    const enc = (encoder ??= new TextEncoder());
    const out32 = new Uint32Array(out.buffer, 0, out.length >>> 2);
    const chunk = new Uint8Array(Math.min(DECODE_CHUNK, fastEnd));
    const chunk32 = new Uint32Array(chunk.buffer);
    while (i < fastEnd) {
      const count = Math.min(DECODE_CHUNK, fastEnd - i);
      const r = enc.encodeInto(text.slice(i, i + count), chunk);
      // Any non-ASCII character encodes to more than one byte, so the counts differ.
      if (r.read !== count || r.written !== count) break;
      const quads = decodeQuads(chunk32, count >> 2, out, out32, o, q0, q1, q2, q3);
      i += quads * 4;
      o += quads * 3;
      if (quads * 4 !== count) break;
    }
  }
  o = decodeBase64ScalarInto(text, i, out, o, options);
  return o === out.length ? out : out.slice(0, o);
}
