// CRC-32 of text, defined over its UTF-8 bytes so any tool can recompute it (`printf %s "$text" | crc32`).
// A JavaScript string may hold lone surrogates, which UTF-8 cannot express and TextEncoder would replace with
// U+FFFD (so two different texts would share a CRC); those are encoded as WTF-8 (three bytes each, as UTF-8
// would encode the code point), which keeps the CRC exact for every string and equal to plain UTF-8 otherwise.
// Spec: https://simonsapin.github.io/wtf-8/
import { crc32 } from '../checksum/crc32.js';

/** Code units encoded per step: bounds the scratch buffer (3 bytes a unit at most) and keeps each step native. */
const WINDOW = 8192;

let scratch: Uint8Array | undefined;
let encoder: TextEncoder | undefined;

const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
const SURROGATE = /[\ud800-\udfff]/;

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Incremental CRC-32 of the UTF-8 (WTF-8 for lone surrogates) encoding of strings, as if they were concatenated:
 * a surrogate pair split across two `update` calls counts as the one character it is.
 * @internal
 */
export class TextCrc {
  private crc = 0;
  /** A high surrogate that ended the previous update and may pair with the next one's first unit. */
  private pendingHigh = -1;

  update(text: string): this {
    const n = text.length;
    if (n === 0) return this;
    let start = 0;
    if (this.pendingHigh >= 0) {
      const first = text.charCodeAt(0);
      if (isLow(first)) {
        this.crc = crc32(encodePair(this.pendingHigh, first), this.crc);
        start = 1;
      } else {
        this.crc = crc32(encodeUnit(this.pendingHigh), this.crc);
      }
      this.pendingHigh = -1;
    }
    let end = n;
    if (end > start && isHigh(text.charCodeAt(end - 1))) {
      end--;
      this.pendingHigh = text.charCodeAt(end);
    }
    for (let a = start; a < end; ) {
      let b = Math.min(a + WINDOW, end);
      // Never cut a surrogate pair between two windows.
      if (b < end && isHigh(text.charCodeAt(b - 1))) b--;
      this.crc = crc32(encodeWindow(text.slice(a, b)), this.crc);
      a = b;
    }
    return this;
  }

  /** The CRC-32 of everything given so far (unsigned). Does not end the computation. */
  digest(): number {
    return this.pendingHigh >= 0 ? crc32(encodeUnit(this.pendingHigh), this.crc) : this.crc;
  }
}

/**
 * CRC-32 of the UTF-8 encoding of `text` (lone surrogates as WTF-8).
 * @internal
 */
export function textCrc32(text: string): number {
  return new TextCrc().update(text).digest();
}

function isWellFormed(text: string): boolean {
  return nativeIsWellFormed ? nativeIsWellFormed.call(text) : !SURROGATE.test(text) || !hasLoneSurrogate(text);
}

function hasLoneSurrogate(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isHigh(c) && i + 1 < n && isLow(text.charCodeAt(i + 1))) i++;
    else if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Encodes at most WINDOW code units into the shared scratch buffer; returns a view of the bytes written. */
function encodeWindow(text: string): Uint8Array {
  const out = (scratch ??= new Uint8Array(WINDOW * 3));
  if (isWellFormed(text)) {
    const { written } = (encoder ??= new TextEncoder()).encodeInto(text, out);
    return out.subarray(0, written);
  }
  let o = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (isHigh(c) && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
      c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 0x3f);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, o);
}

/** WTF-8 of one code unit in the surrogate range (three bytes). */
function encodeUnit(c: number): Uint8Array {
  return Uint8Array.of(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
}

function encodePair(high: number, low: number): Uint8Array {
  const c = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
  return Uint8Array.of(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
}
