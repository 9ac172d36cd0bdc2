// Base64 for every build but Node's: the engine's own `Uint8Array.prototype.toBase64` / `Uint8Array.fromBase64`
// where they exist (recent browsers), else the portable codec. The Node build swaps in base64.node.ts.
// Spec: https://tc39.es/proposal-arraybuffer-base64/ (native), https://www.rfc-editor.org/rfc/rfc4648#section-4
import { PixtextError } from '../errors.js';
import { decodeBase64Portable, encodeBase64IntoPortable, encodeBase64Portable } from './portable.js';
import type { DecodeBase64Options } from './portable.js';

export type { DecodeBase64Options } from './portable.js';

interface NativeFromBase64 {
  fromBase64?: (text: string, options?: { lastChunkHandling?: 'strict' | 'loose' }) => Uint8Array;
}
interface NativeToBase64 {
  toBase64?: (this: Uint8Array) => string;
}

/** Bytes `text` decodes to if it holds no whitespace (trailing `=` excluded), for checking a native result. */
function expectedLength(text: string): number {
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
  return Math.floor((end * 3) / 4);
}

function nativeDecode(text: string, options: DecodeBase64Options): Uint8Array | undefined {
  // Looked up on every call (cheap) so a page that removes the methods gets the portable codec.
  const from = (Uint8Array as NativeFromBase64).fromBase64;
  if (typeof from !== 'function') return undefined;
  let bytes: Uint8Array;
  try {
    bytes = from.call(Uint8Array, text, { lastChunkHandling: options.paddingOptional === true ? 'loose' : 'strict' });
  } catch {
    return undefined; // the portable decoder finds the offset
  }
  // The native decoder always skips whitespace; without whitespace the length is exact, so a shorter
  // result means whitespace the caller did not allow.
  if (options.allowWhitespace !== true && bytes.length !== expectedLength(text)) return undefined;
  return bytes;
}

/**
 * Standard padded base64 (RFC 4648 §4) of `bytes`, honouring the view's `byteOffset`/`byteLength`.
 * Uses the engine's `Uint8Array.prototype.toBase64` when present, else the portable codec.
 *
 * @throws PixtextError `ERR_TOO_LARGE` when the text would exceed the engine's maximum string length.
 * @example
 * ```ts
 * encodeBase64(new Uint8Array([255, 0, 0])) === '/wAA';
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  const toBase64 = (Uint8Array.prototype as NativeToBase64).toBase64;
  try {
    return typeof toBase64 === 'function' ? toBase64.call(bytes) : encodeBase64Portable(bytes);
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    throw new PixtextError(
      'ERR_TOO_LARGE',
      `The base64 text would be ${Math.ceil(bytes.length / 3) * 4} characters long, too long for one string`,
      { cause },
    );
  }
}

/**
 * Writes the standard padded base64 of `bytes` into `out` from `offset`, as ASCII codes (text built as bytes, with
 * no string in between). The portable codec: engines have no native encoder into bytes.
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
  return encodeBase64IntoPortable(bytes, out, offset);
}

/**
 * Decodes strict standard base64 (RFC 4648 §4, padded). `allowWhitespace` skips ASCII whitespace;
 * `paddingOptional` decodes WHATWG forgiving-base64 (data URLs). Defaults to strict with no whitespace.
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
  const native = nativeDecode(text, options);
  if (native !== undefined) return native;
  return decodeBase64Portable(text, options);
}
