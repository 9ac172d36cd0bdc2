// zlib stream framing shared by both inflate backends.
// Spec: https://www.rfc-editor.org/rfc/rfc1950#section-2.2 (CMF and FLG bytes before the raw deflate data)
import { invalidArgument } from '../errors.js';
import { zlibError } from './zlib-errors.js';

/** Deflate's largest expansion: one 258-byte match per 2 bits of input, rounded up. Bounds a bomb's output per input byte. */
export const MAX_INFLATE_RATIO = 1032;

/**
 * Checks the two-byte zlib header of `data` and returns where the raw deflate data starts (always 2).
 * Both backends check the trailing Adler-32 when the stream's end and its trailer are there (zlib's rule).
 * @throws PixtextError `ERR_TRUNCATED` when fewer than 2 bytes, `ERR_CORRUPT` for a bad method, window, check bits or
 * a preset dictionary (which PNG forbids), with `offset` 0 or 1.
 */
export function zlibDataStart(data: Uint8Array): number {
  if (data.length < 2) {
    throw zlibError('cut', `zlib stream of ${data.length} bytes has no 2-byte header`, {
      offset: data.length,
    });
  }
  const cmf = data[0]!;
  const flg = data[1]!;
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7) {
    throw zlibError('malformed', `zlib header byte 0x${cmf.toString(16)} is not deflate with a window ≤ 32 KiB`, {
      offset: 0,
    });
  }
  if (((cmf << 8) | flg) % 31 !== 0) {
    throw zlibError('malformed', 'zlib header check bits are wrong', { offset: 1 });
  }
  if (flg & 0x20) {
    throw zlibError('malformed', 'zlib header asks for a preset dictionary', { offset: 1 });
  }
  return 2;
}

/**
 * Checks the header and that `data` could inflate to `expectedLength` bytes at all, before the caller allocates them:
 * deflate cannot expand more than {@link MAX_INFLATE_RATIO}-fold, so a tiny stream claiming gigabytes is refused
 * without allocating. Returns where the raw deflate data starts.
 * @throws PixtextError as {@link zlibDataStart}, and `ERR_TRUNCATED` when the stream is too short for `expectedLength`.
 */
export function checkExpansion(data: Uint8Array, expectedLength: number): number {
  const start = zlibDataStart(data);
  const most = (data.length - start) * MAX_INFLATE_RATIO;
  if (expectedLength > most) {
    throw zlibError(
      'cut',
      `zlib stream of ${data.length} bytes cannot inflate to ${expectedLength} bytes`,
      { offset: data.length },
    );
  }
  return start;
}

/**
 * Validates a zlib compression level (an integer 0–9).
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 */
export function checkLevel(level: unknown, option = 'compressionLevel'): number {
  if (typeof level === 'number' && Number.isInteger(level) && level >= 0 && level <= 9) return level;
  throw invalidArgument('an integer from 0 to 9', option, level);
}
