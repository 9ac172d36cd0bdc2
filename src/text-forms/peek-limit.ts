// Refusing a file over maxPixels from the first bytes of a long base64 text, before the whole text is decoded. A data
// URL or bare base64 can be far larger than the image it declares (ancillary chunks, trailing bytes), and decoding it
// all first would cost memory in proportion to the text rather than to maxPixels (sizes are checked from the header,
// before any allocation: docs/ARCHITECTURE.md#limits).
import { decodeBase64 } from '../base64/base64.js';
import { PixtextError } from '../errors.js';
import { checkPixelLimit } from '../raw-image.js';
import type { CodecSet } from '../api/codec-set.js';

/** Base64 digits decoded ahead (48 KiB of file): every PNG and BMP header, and the JPEG frame header of most files. */
export const PEEK_CHARS = 65_536;

/**
 * Up to `count` base64 digits from `start`, whitespace skipped, stopping at anything else, in whole quads.
 * @example
 * ```ts
 * leadingDigits('iVBO Rw0K!', 0, 64) === 'iVBORw0K';
 * ```
 */
export function leadingDigits(text: string, start: number, count = PEEK_CHARS): string {
  const head = text.slice(start, start + 2 * count).replace(/[ \t\n\r\f]/g, '').slice(0, count);
  const digits = /^[A-Za-z0-9+/]*/.exec(head)![0];
  return digits.slice(0, digits.length - (digits.length % 4));
}

/**
 * The first bytes of a long bare base64 text (from `start`), or undefined for a text short enough to decode whole.
 * @example
 * ```ts
 * base64Prefix(hugeBase64, 0); // Uint8Array of 49,152 bytes
 * ```
 */
export function base64Prefix(text: string, start: number): Uint8Array | undefined {
  if (text.length - start <= 2 * PEEK_CHARS) return undefined;
  return decodeBase64(leadingDigits(text, start));
}

/**
 * Throws `ERR_TOO_LARGE` when `prefix` (the first bytes of a file) already shows an image over `maxPixels`: from the
 * codec's header when the prefix holds it all, else from a decode of the prefix, which checks the limit as soon as
 * the dimensions are read (a PNG whose ancillary chunks outrun the prefix, say). Anything else wrong with the prefix
 * is left for the full decode to report.
 * @throws PixtextError `ERR_TOO_LARGE`
 * @example
 * ```ts
 * refuseOverLimit(base64Prefix(text, 0), codecs, 1_000_000);
 * ```
 */
export function refuseOverLimit(prefix: Uint8Array | undefined, codecs: CodecSet, maxPixels: number): void {
  if (prefix === undefined) return;
  const format = codecs.detect(prefix);
  if (format === undefined) return;
  const codec = codecs.get(format);
  const fromHeader = (): void => {
    const { width, height, mode } = codec.header(prefix);
    checkPixelLimit(width, height, maxPixels, `The ${format.toUpperCase()} header`, mode);
  };
  // The header first; if the prefix does not hold it whole, a decode of the prefix. Only ERR_TOO_LARGE counts, and
  // only maxPixels: a prefix is not the file, so its expansion says nothing (the full decode checks that).
  for (const attempt of [fromHeader, () => codec.decode(prefix, { maxPixels, maxExpansion: Infinity })]) {
    try {
      attempt();
      return;
    } catch (error) {
      if (error instanceof PixtextError && error.code === 'ERR_TOO_LARGE') throw error;
    }
  }
}
