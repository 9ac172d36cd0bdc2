// The scalar base64 decoder: one character at a time, so it can skip allowed whitespace and say exactly where the
// first error is. Every faster path falls back to it for non-canonical text and for error offsets.
// Spec: https://www.rfc-editor.org/rfc/rfc4648#section-4 and, for paddingOptional,
// https://infra.spec.whatwg.org/#forgiving-base64-decode
import { ErrorCode, PixtextError, describeChar } from '../errors.js';

/** Options for `decodeBase64`. */
export interface DecodeBase64Options {
  /**
   * Skip ASCII whitespace (space, tab, LF, FF, CR) anywhere, as DESIGN §4 allows inside an envelope's `data`.
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

function digitValue(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (c === 43) return 62;
  if (c === 47) return 63;
  return -1;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
}

/** A character for an error message, naming the URL-safe alphabet when that is what it is. */
function describeDigit(text: string, i: number): string {
  const c = text[i];
  return c === '-' || c === '_' ? `${JSON.stringify(c)} (URL-safe base64 is not accepted)` : describeChar(text, i);
}

/**
 * Decodes `text` from `start`, which must be at a quad boundary of the data (everything before it decoded to
 * `out[0, o)`), one character at a time into `out` from `o`, and returns the end of the output. `out` must have room
 * for `floor(3/4)` of the characters left. Slow but exact about errors; faster decoders hand it what they cannot take.
 * @throws PixtextError `ERR_BASE64` with `offset` (plus `offsetBase`) of the first bad character or bad padding.
 * @example
 * ```ts
 * const out = new Uint8Array(3);
 * decodeBase64ScalarInto('/w\nAA', 0, out, 0, { allowWhitespace: true }); // 3; out is [255, 0, 0]
 * ```
 */
export function decodeBase64ScalarInto(text: string, start: number, out: Uint8Array, o: number, options: DecodeBase64Options): number {
  const base = options.offsetBase ?? 0;
  const allowWhitespace = options.allowWhitespace === true;
  const strict = options.paddingOptional !== true;
  const fail = (offset: number, why: string): never => {
    throw new PixtextError(ErrorCode.BASE64, `Invalid base64 at offset ${base + offset}: ${why}`, { offset: base + offset });
  };
  const len = text.length;
  let acc = 0;
  let digits = 0;
  let pad = 0;
  let lastDigitAt = -1;
  let firstPadAt = -1;
  for (let i = start; i < len; i++) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      if (!allowWhitespace) fail(i, 'whitespace is not allowed here');
      continue;
    }
    if (c === 0x3d) {
      if (pad === 0) firstPadAt = i;
      if (++pad > 2) fail(i, 'too much padding');
      continue;
    }
    const v = digitValue(c);
    if (v < 0) fail(i, `unexpected character ${describeDigit(text, i)}`);
    if (pad > 0) fail(i, 'data after padding');
    acc = ((acc << 6) | v) & 0xffffff;
    lastDigitAt = i;
    if ((++digits & 3) === 0) {
      out[o++] = acc >>> 16;
      out[o++] = acc >>> 8;
      out[o++] = acc;
    }
  }
  const rem = digits & 3;
  if (rem === 1) fail(lastDigitAt, 'a single digit cannot end the data');
  if (pad > 0 && rem + pad !== 4) fail(firstPadAt, `wrong amount of padding (${pad} "=" after ${rem} digits)`);
  if (pad === 0 && rem !== 0 && strict) fail(len, `missing padding after ${rem} digits`);
  // The bits of the last digit beyond the last whole byte must be zero in canonical base64.
  if (rem !== 0 && strict && (acc & (rem === 2 ? 0xf : 0x3)) !== 0) fail(lastDigitAt, 'non-zero unused bits in the last digit');
  if (rem === 2) out[o++] = acc >>> 4;
  if (rem === 3) {
    out[o++] = acc >>> 10;
    out[o++] = acc >>> 2;
  }
  return o;
}

/**
 * Decodes base64 one character at a time. Slow but exact about errors.
 * @throws PixtextError `ERR_BASE64` with `offset` (plus `offsetBase`) of the first bad character or bad padding.
 * @example
 * ```ts
 * decodeBase64Scalar('/w\nAA', { allowWhitespace: true }); // Uint8Array [255, 0, 0]
 * ```
 */
export function decodeBase64Scalar(text: string, options: DecodeBase64Options = {}): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  const o = decodeBase64ScalarInto(text, 0, out, 0, options);
  return o === out.length ? out : out.slice(0, o);
}
