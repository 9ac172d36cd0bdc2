// The portable base64 codec (RFC 4648 §4, standard alphabet, padded): what browsers without
// `Uint8Array.prototype.toBase64` run, and the decoder every faster backend falls back to for error offsets.
// Spec: https://www.rfc-editor.org/rfc/rfc4648#section-4 and, for paddingOptional,
// https://infra.spec.whatwg.org/#forgiving-base64-decode
import { PixtextError, describeChar } from '../errors.js';

/** Options for `decodeBase64`. */
export interface DecodeBase64Options {
  /**
   * Skip ASCII whitespace (space, tab, LF, FF, CR) anywhere, as an envelope's `data` may
   * hold (docs/ARCHITECTURE.md#the-envelope-v1).
   * Defaults to false: whitespace is `ERR_BASE64`.
   */
  allowWhitespace?: boolean;
  /**
   * WHATWG forgiving-base64 (data URLs): padding may be left out, and the unused low bits of the last digit are
   * discarded instead of rejected. Padding that is present must still be complete. Defaults to false (strict RFC 4648).
   */
  paddingOptional?: boolean;
  /** Added to offsets in errors, so they point into the enclosing text. Defaults to 0. */
  offsetBase?: number;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// Input bytes per encode chunk (a multiple of 3): 16 KiB of output stays in the L1 cache, and TextDecoder turns it
// into a string at memory speed; smaller or larger chunks measured slower in V8.
const ENCODE_CHUNK = 3 * 4096;

// Characters per decode chunk copied into bytes with TextEncoder.encodeInto (a multiple of 4).
const DECODE_CHUNK = 64 * 1024;

// Digit value of each ASCII code, 64 for a character that is no digit.
let digits: Uint8Array | undefined;
// Two output characters for each 12 bits of input, as the bytes of one 16-bit store (so endianness cannot matter).
let pairs: Uint16Array | undefined;
let decoder: TextDecoder | undefined;
let encoder: TextEncoder | undefined;

function digitTable(): Uint8Array {
  const table = new Uint8Array(128).fill(64);
  for (let v = 0; v < 64; v++) table[ALPHABET.charCodeAt(v)] = v;
  return table;
}

function pairTable(): Uint16Array {
  const table = new Uint16Array(4096);
  const bytes = new Uint8Array(table.buffer);
  for (let i = 0; i < 4096; i++) {
    bytes[2 * i] = ALPHABET.charCodeAt(i >> 6);
    bytes[2 * i + 1] = ALPHABET.charCodeAt(i & 63);
  }
  return table;
}

/**
 * Writes the standard padded base64 of `bytes` into `out` from `offset`, as ASCII codes, by the portable codec; for
 * text built as bytes (a JSONL line) without a string in between.
 *
 * @returns the offset after the last character written (`offset + 4 * ceil(bytes.length / 3)`).
 * @throws RangeError when `out` has no room for the whole text from `offset`.
 * @example
 * ```ts
 * const out = new Uint8Array(4);
 * encodeBase64IntoPortable(new Uint8Array([255, 0, 0]), out, 0); // 4; out holds the ASCII codes of '/wAA'
 * ```
 */
export function encodeBase64IntoPortable(bytes: Uint8Array, out: Uint8Array, offset: number): number {
  // One byte store per character, as `offset` may be odd. encodeBase64Portable keeps its own loop of 16-bit stores
  // into an aligned chunk: faster, and the only one in browser bundles, which never write base64 into bytes.
  const table = (pairs ??= pairTable());
  const n = bytes.length;
  checkBase64Room(n, out, offset);
  const whole = n - (n % 3);
  let o = offset;
  const chars = new Uint8Array(table.buffer);
  for (let i = 0; i < whole; i += 3, o += 4) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    const hi = (v >>> 12) << 1;
    const lo = (v & 4095) << 1;
    out[o] = chars[hi]!;
    out[o + 1] = chars[hi + 1]!;
    out[o + 2] = chars[lo]!;
    out[o + 3] = chars[lo + 1]!;
  }
  if (whole < n) {
    // The last one or two bytes, zero-filled to a group; one or two "=" replace the digits that encode no input bit.
    const v = (bytes[whole]! << 16) | ((bytes[whole + 1] ?? 0) << 8);
    out[o] = ALPHABET.charCodeAt(v >>> 18);
    out[o + 1] = ALPHABET.charCodeAt((v >>> 12) & 63);
    out[o + 2] = n - whole === 1 ? 0x3d : ALPHABET.charCodeAt((v >>> 6) & 63);
    out[o + 3] = 0x3d;
    o += 4;
  }
  return o;
}

/**
 * Checks that the base64 of `n` bytes fits in `out` from `offset`, before anything is written.
 * @throws RangeError when it would not fit.
 * @example
 * ```ts
 * checkBase64Room(4, new Uint8Array(10), 2); // fits: 8 characters at 2..9
 * ```
 */
export function checkBase64Room(n: number, out: Uint8Array, offset: number): void {
  const room = Math.ceil(n / 3) * 4;
  if (!Number.isSafeInteger(offset) || offset < 0 || offset + room > out.length) {
    throw new RangeError(`base64 of ${n} bytes needs ${room} bytes of room at offset ${offset} of ${out.length}`);
  }
}

/**
 * Standard padded base64 of `bytes`, by the portable codec (no engine-native or Node fast path).
 * Bytes become ASCII codes in a reused buffer and text through `TextDecoder`, 16 KiB at a time.
 *
 * @throws RangeError when the text would exceed the engine's maximum string length (`encodeBase64` makes that
 * `ERR_TOO_LARGE`).
 * @example
 * ```ts
 * encodeBase64Portable(new Uint8Array([255, 0, 0])) === '/wAA';
 * ```
 */
export function encodeBase64Portable(bytes: Uint8Array): string {
  const table = (pairs ??= pairTable());
  const dec = (decoder ??= new TextDecoder());
  const n = bytes.length;
  const whole = n - (n % 3);
  const out = new Uint16Array((ENCODE_CHUNK / 3) * 2);
  const outBytes = new Uint8Array(out.buffer);
  let text = '';
  for (let start = 0; start < whole; start += ENCODE_CHUNK) {
    const end = Math.min(whole, start + ENCODE_CHUNK);
    let j = 0;
    for (let i = start; i < end; i += 3) {
      const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      out[j++] = table[v >>> 12]!;
      out[j++] = table[v & 4095]!;
    }
    text += dec.decode(outBytes.subarray(0, j * 2));
  }
  if (whole < n) {
    // The last one or two bytes, zero-filled to a group; its one or two padding characters replace the digits
    // that encode no input bit.
    const v = (bytes[whole]! << 16) | ((bytes[whole + 1] ?? 0) << 8);
    const last = ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]!;
    text += n - whole === 1 ? last.slice(0, 2) + '==' : last + '=';
  }
  return text;
}

/**
 * Decodes base64 with the portable codec. One pass, 64 Ki characters at a time copied into bytes by
 * `TextEncoder.encodeInto`: whole quads of four digits go through the table at once; any other character
 * (whitespace, padding, a stray or non-ASCII one) is taken on its own, which is how errors get their exact offsets,
 * and the quad loop resumes at the next quad boundary. A chunk holding a non-ASCII character (always an error) is
 * read one character at a time.
 *
 * @throws PixtextError `ERR_BASE64` with `offset` (plus `offsetBase`) of the first stray character or bad padding.
 * @example
 * ```ts
 * decodeBase64Portable('/wAA'); // Uint8Array [255, 0, 0]
 * decodeBase64Portable('/w\nAA', { allowWhitespace: true }); // the same
 * ```
 */
export function decodeBase64Portable(text: string, options: DecodeBase64Options = {}): Uint8Array {
  const d = (digits ??= digitTable());
  const enc = (encoder ??= new TextEncoder());
  const base = options.offsetBase ?? 0;
  const fail = (at: number, why: string): never => {
    throw new PixtextError('ERR_BASE64', `Invalid base64 at offset ${base + at}: ${why}`, { offset: base + at });
  };
  const len = text.length;
  let pad = 0;
  while (pad < 2 && text.charCodeAt(len - 1 - pad) === 0x3d) pad++;
  // Exact for canonical text, an upper bound otherwise (whitespace, missing padding, errors).
  const out = new Uint8Array(Math.floor(((len - pad) * 3) / 4));
  const chunk = new Uint8Array(Math.min(DECODE_CHUNK, len));
  let o = 0;
  // The digits since the last whole quad (as bits) and their count; the "=" seen; where the last digit and the
  // first "=" are.
  let acc = 0;
  let count = 0;
  let equals = 0;
  let lastDigitAt = -1;
  let firstPadAt = -1;
  for (let start = 0; start < len; start += DECODE_CHUNK) {
    const size = Math.min(DECODE_CHUNK, len - start);
    const r = enc.encodeInto(text.slice(start, start + size), chunk);
    // Any non-ASCII character encodes to more than one byte, so the counts differ.
    const ascii = r.read === size && r.written === size;
    for (let i = start; i < start + size; i++) {
      if (ascii && count === 0 && equals === 0) {
        let k = i - start;
        for (; k + 4 <= size; k += 4, o += 3) {
          const a = d[chunk[k]!]!;
          const b = d[chunk[k + 1]!]!;
          const c = d[chunk[k + 2]!]!;
          const e = d[chunk[k + 3]!]!;
          if ((a | b | c | e) > 63) break;
          out[o] = (a << 2) | (b >> 4);
          out[o + 1] = (b << 4) | (c >> 2);
          out[o + 2] = (c << 6) | e;
        }
        i = start + k;
        if (k === size) break;
      }
      const ch = text.charCodeAt(i);
      const v = ch < 128 ? d[ch]! : 64;
      if (v < 64) {
        if (equals > 0) fail(i, 'data after padding');
        acc = (acc << 6) | v;
        lastDigitAt = i;
        if (++count === 4) {
          out[o++] = acc >> 16;
          out[o++] = acc >> 8;
          out[o++] = acc;
          count = 0;
        }
      } else if (ch === 0x3d) {
        if (equals === 0) firstPadAt = i;
        if (++equals > 2) fail(i, 'too much padding');
      } else if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || ch === 0x0c) {
        if (options.allowWhitespace !== true) fail(i, 'whitespace not allowed');
      } else {
        const urlSafe = ch === 0x2d || ch === 0x5f ? ' (URL-safe base64 is not accepted)' : '';
        fail(i, `unexpected character ${describeChar(text, i)}${urlSafe}`);
      }
    }
  }
  const strict = options.paddingOptional !== true;
  if (count === 1) fail(lastDigitAt, 'a lone last digit');
  if (equals > 0 && count + equals !== 4) fail(firstPadAt, `bad padding (${equals} "=" after ${count} digits)`);
  if (equals === 0 && count !== 0 && strict) fail(len, 'missing padding');
  // The bits of the last digit beyond the last whole byte must be zero in canonical base64.
  if (count !== 0 && strict && (acc & (count === 2 ? 0xf : 0x3)) !== 0) fail(lastDigitAt, 'non-zero unused bits');
  if (count === 2) out[o++] = acc >> 4;
  if (count === 3) {
    out[o++] = acc >> 10;
    out[o++] = acc >> 2;
  }
  return o === out.length ? out : out.slice(0, o);
}
