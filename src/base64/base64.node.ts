// Node twin of base64.ts: Buffer's codec, made strict. Buffer.from(text, 'base64') alone accepts garbage: it skips
// characters outside the alphabet, stops at the first `=`, takes URL-safe `-`/`_`, and reads only the low byte of
// characters above U+00FF. Each of these is ruled out up front (URL-safe, non-ASCII) or shows up as fewer bytes
// written than the text length implies; then the portable decoder runs to report the error with its offset.
import { Buffer, constants } from 'node:buffer';
import { PixtextError } from '../errors.js';
import { checkBase64Room, decodeBase64Portable } from './portable.js';
import type { DecodeBase64Options } from './portable.js';

export type { DecodeBase64Options } from './portable.js';

// Characters per Buffer.write call (a multiple of 4). Node copies each string to UTF-16 before decoding it, so
// chunking bounds that copy to 2 MiB instead of twice the text.
const DECODE_CHUNK = 1024 * 1024;

// Input bytes per Buffer encode call when writing into bytes (a multiple of 3): each call's string, 64 KiB, stays in
// V8's young generation. One string for a whole large payload would be a large object, mapped fresh and page-faulted
// in for every call, then unmapped by the next collection.
const INTO_CHUNK = 3 * 16 * 1024;

// Any UTF-16 code unit above U+00FF, whose low byte Buffer's decoder would read as a digit. V8 answers this test
// at once for a one-byte string (which cannot hold such a unit) and scans only two-byte strings.
const ABOVE_LATIN1 = /[^\x00-\xff]/;

/**
 * Standard padded base64 (RFC 4648 §4) of `bytes`, honouring the view's `byteOffset`/`byteLength`. Node build:
 * Buffer's encoder in one call (large results become an external string, with no copy into the JS heap).
 *
 * @throws PixtextError `ERR_TOO_LARGE` when the text would exceed V8's maximum string length.
 * @example
 * ```ts
 * encodeBase64(new Uint8Array([255, 0, 0])) === '/wAA';
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const chars = Math.ceil(n / 3) * 4;
  if (chars > constants.MAX_STRING_LENGTH) {
    throw new PixtextError(
      'ERR_TOO_LARGE',
      `The base64 text would be ${chars} characters long, more than the ${constants.MAX_STRING_LENGTH} this engine can hold in one string`,
    );
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('base64');
}

/**
 * Writes the standard padded base64 of `bytes` into `out` from `offset`, as ASCII codes (text built as bytes, with
 * no string for the whole text in between). Node build: Buffer's encoder, 48 KiB of input at a time.
 *
 * @returns the offset after the last character written (`offset + 4 * ceil(bytes.length / 3)`).
 * @throws RangeError when `out` has no room for the whole text from `offset`.
 * @example
 * ```ts
 * const out = new Uint8Array(4);
 * encodeBase64Into(new Uint8Array([255, 0, 0]), out, 0); // 4; out holds the ASCII codes of '/wAA'
 * ```
 */
export function encodeBase64Into(bytes: Uint8Array, out: Uint8Array, offset: number): number {
  const n = bytes.length;
  checkBase64Room(n, out, offset);
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, n);
  const target = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  let o = offset;
  for (let start = 0; start < n; start += INTO_CHUNK) {
    o += target.write(source.toString('base64', start, Math.min(n, start + INTO_CHUNK)), o, 'latin1');
  }
  return o;
}

function decodeWithBuffer(text: string, paddingOptional: boolean): Uint8Array | undefined {
  const len = text.length;
  const rem = len % 4;
  if (rem === 1 || (rem !== 0 && !paddingOptional)) return undefined;
  if (ABOVE_LATIN1.test(text)) return undefined;
  let pad = 0;
  if (rem === 0 && len > 0 && text.charCodeAt(len - 1) === 0x3d) pad = text.charCodeAt(len - 2) === 0x3d ? 2 : 1;
  // The last quad (padded or partial) is decoded by the portable decoder, which also checks its unused bits.
  const tailLength = pad > 0 ? 4 : rem;
  const bodyLength = len - tailLength;
  const outLength = Math.floor(((len - pad) * 3) / 4);
  const out = new Uint8Array(outLength);
  const view = Buffer.from(out.buffer, 0, outLength);
  let o = 0;
  for (let start = 0; start < bodyLength; start += DECODE_CHUNK) {
    const end = Math.min(bodyLength, start + DECODE_CHUNK);
    const want = ((end - start) / 4) * 3;
    const chunk = text.slice(start, end);
    // URL-safe digits are searched chunk by chunk, just before Buffer reads the same characters (from cache then).
    if (chunk.indexOf('-') !== -1 || chunk.indexOf('_') !== -1) return undefined;
    // Characters U+0080 to U+00FF are no digits: Buffer skips them, so fewer bytes are written.
    if (view.write(chunk, o, want, 'base64') !== want) return undefined;
    o += want;
  }
  if (tailLength > 0) {
    let tail: Uint8Array;
    try {
      tail = decodeBase64Portable(text.slice(bodyLength), { paddingOptional });
    } catch {
      return undefined;
    }
    out.set(tail, o);
    o += tail.length;
  }
  return o === outLength ? out : undefined;
}

/**
 * Decodes strict standard base64 (RFC 4648 §4, padded). `allowWhitespace` skips ASCII whitespace;
 * `paddingOptional` decodes WHATWG forgiving-base64 (data URLs). Defaults to strict with no whitespace.
 * Node build: Buffer's decoder for canonical text, the portable decoder for the rest and for errors.
 *
 * @throws PixtextError `ERR_BASE64` with `offset` of the first stray character (URL-safe `-`/`_` included) or bad
 * padding.
 * @example
 * ```ts
 * decodeBase64('/wAA'); // Uint8Array [255, 0, 0]
 * decodeBase64('/w\nAA', { allowWhitespace: true }); // the same
 * ```
 */
export function decodeBase64(text: string, options: DecodeBase64Options = {}): Uint8Array {
  return decodeWithBuffer(text, options.paddingOptional === true) ?? decodeBase64Portable(text, options);
}
