// zlib for every build but Node's: inflate by our own strict decoder (inflate.ts), deflate by fflate (pure JS). The
// Node build swaps in zlib.node.ts (node:zlib); both accept and refuse the same streams with the same codes.
// Spec: https://www.rfc-editor.org/rfc/rfc1950 (zlib), https://www.rfc-editor.org/rfc/rfc1951 (deflate)
import { zlibSync } from 'fflate';
import { inflateInto, trailerMatches } from './inflate.js';
import { checkExpansion, checkLevel } from './zlib-header.js';
import { zlibError } from './zlib-errors.js';

/**
 * Inflates the zlib stream `data` into exactly `expectedLength` bytes. Output past that length is never produced:
 * a stream that would expand further (a decompression bomb, or image data with extra bytes) is cut off there, as
 * libpng does, after work bounded by the input's size. Validity is judged as zlib judges it: malformed deflate data
 * is refused, and so is a wrong Adler-32 when the stream's end and its 4-byte trailer are there. A trailer that is
 * missing or cut, and data after it, are accepted (zlib with Z_SYNC_FLUSH, as the Node build runs it, does the same).
 *
 * @param data A complete zlib stream (header, deflate data, optional trailer).
 * @param expectedLength How many bytes the caller's header declares. The result has exactly this length.
 * @returns The inflated bytes (a view of a buffer one byte longer).
 * @throws PixtextError as zlib-errors.ts maps the failure: `ERR_TRUNCATED` when the stream is cut or stops
 * short of `expectedLength`; `ERR_CORRUPT` for malformed data or a wrong Adler-32. `offset` is relative to `data` where
 * it is known.
 * @example
 * ```ts
 * const rows = inflate(idat, height * (stride + 1));
 * ```
 */
export function inflate(data: Uint8Array, expectedLength: number): Uint8Array {
  const start = checkExpansion(data, expectedLength);
  if (expectedLength === 0) return new Uint8Array(0);
  // Room for one byte more than wanted, as the Node build gives zlib: a stream that ends there is still checked
  // against its Adler-32 (zlib reaches its end within that room), and anything longer is cut off after it.
  const out = new Uint8Array(expectedLength + 1);
  const { written, streamEnd } = inflateInto(data, start, out);
  if (!trailerMatches(data, streamEnd, out.subarray(0, written))) {
    throw zlibError('checksum', 'zlib stream fails its Adler-32 check (incorrect data check)', { offset: streamEnd });
  }
  if (written < expectedLength) {
    // streamEnd −1: the input ran out inside the stream; otherwise the stream ended with too few bytes.
    throw zlibError(
      streamEnd < 0 ? 'cut' : 'short',
      `zlib stream inflates to ${written} bytes but ${expectedLength} were expected`,
      { offset: data.length },
    );
  }
  return out.subarray(0, expectedLength);
}

/**
 * Compresses `data` as a zlib stream (header, deflate data, Adler-32).
 *
 * @param level 0 (stored) to 9 (smallest). Defaults to 6.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for a level outside 0–9.
 * @example
 * ```ts
 * const z = deflate(rows, 6);
 * ```
 */
export function deflate(data: Uint8Array, level = 6): Uint8Array {
  const checked = checkLevel(level) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  return zlibSync(data, { level: checked });
}

/** Which zlib implementation this build uses: `'portable'` here (our inflate, fflate's deflate), `'node:zlib'` in the Node build. */
export const zlibBackend: 'portable' | 'node:zlib' = 'portable';
