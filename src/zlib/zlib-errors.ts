// The one rule turning a zlib failure into an error code, shared by both inflate backends (node:zlib in the Node
// build, inflate.ts elsewhere), so a stream is refused with the same code whichever build reads it. Each backend
// only says which failure it met; the code follows from the failure, never from the backend.
// Spec: https://www.rfc-editor.org/rfc/rfc1950 (zlib), https://www.rfc-editor.org/rfc/rfc1951 (deflate)
import { PixtextError, type ErrorLocation } from '../errors.js';

/**
 * What went wrong with a zlib stream:
 * - `cut`: the input ends before the stream does (inside the header, a block or a code), or is too short to inflate
 *   to the expected length at all;
 * - `short`: the stream ends properly but inflates to fewer bytes than expected;
 * - `malformed`: the header or the deflate data breaks RFC 1950/1951 (zlib's "invalid …" reasons);
 * - `checksum`: the stream ends and its Adler-32 trailer does not match the inflated bytes.
 */
export type ZlibFailure = 'cut' | 'short' | 'malformed' | 'checksum';

/** The code of each failure: an input that stops early is cut short; one that says something impossible is corrupt. */
export const ZLIB_FAILURE_CODES = {
  cut: 'ERR_TRUNCATED',
  short: 'ERR_TRUNCATED',
  malformed: 'ERR_CORRUPT',
  checksum: 'ERR_CORRUPT',
} as const satisfies Record<ZlibFailure, PixtextError['code']>;

/** The error for `failure`, with the code {@link ZLIB_FAILURE_CODES} gives it. */
export function zlibError(failure: ZlibFailure, message: string, location?: ErrorLocation & { cause?: unknown }): PixtextError {
  return new PixtextError(ZLIB_FAILURE_CODES[failure], message, location);
}
