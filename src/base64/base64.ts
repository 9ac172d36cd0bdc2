// Interim strict base64 (RFC 4648 §4). Signatures are final; the implementation is replaced by the tuned codec.
import { ErrorCode, PixtextError } from '../errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Options for {@link decodeBase64}. */
export interface DecodeBase64Options {
  /** Skip ASCII whitespace (space, tab, CR, LF, FF) anywhere, as DESIGN §4 allows. Defaults to false. */
  allowWhitespace?: boolean;
  /** Accept input without `=` padding (WHATWG forgiving-base64, for data URLs). Defaults to false. */
  paddingOptional?: boolean;
  /** Added to offsets in error messages, so they point into the enclosing text. Defaults to 0. */
  offsetBase?: number;
}

/** Standard padded base64 of `bytes`. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=') + '=';
  }
  return out;
}

/**
 * Decodes strict base64. @throws PixtextError `ERR_BASE64` with the offset of the first bad character or bad padding.
 */
export function decodeBase64(text: string, options: DecodeBase64Options = {}): Uint8Array {
  const base = options.offsetBase ?? 0;
  const fail = (offset: number, why: string): never => {
    throw new PixtextError(ErrorCode.BASE64, `Invalid base64 at offset ${base + offset}: ${why}`, { offset: base + offset });
  };
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let bits = 0;
  let digits = 0;
  let pad = 0;
  let lastDigitAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) {
      if (!options.allowWhitespace) fail(i, 'whitespace is not allowed here');
      continue;
    }
    if (c === 0x3d) {
      pad++;
      if (pad > 2) fail(i, 'too much padding');
      continue;
    }
    if (pad > 0) fail(i, 'data after padding');
    let v = -1;
    if (c >= 65 && c <= 90) v = c - 65;
    else if (c >= 97 && c <= 122) v = c - 71;
    else if (c >= 48 && c <= 57) v = c + 4;
    else if (c === 43) v = 62;
    else if (c === 47) v = 63;
    if (v < 0) fail(i, `unexpected character ${JSON.stringify(text[i])}`);
    acc = (acc << 6) | v;
    bits += 6;
    digits++;
    lastDigitAt = i;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  const rem = digits % 4;
  if (rem === 1) fail(lastDigitAt, 'a lone final digit');
  if (pad > 0 && rem + pad !== 4) fail(text.length - 1, 'wrong amount of padding');
  if (pad === 0 && rem !== 0 && !options.paddingOptional) fail(text.length, 'missing padding');
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) fail(lastDigitAt, 'non-zero bits in the last digit');
  return out.subarray(0, o).slice();
}
