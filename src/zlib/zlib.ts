// zlib for every build but Node's, on fflate (pure JS). The Node build swaps in zlib.node.ts (node:zlib).
// Spec: https://www.rfc-editor.org/rfc/rfc1950 (zlib), https://www.rfc-editor.org/rfc/rfc1951 (deflate)
import { Inflate, zlibSync } from 'fflate';
import { PixtextError } from '../errors.js';
import { MAX_INFLATE_RATIO, checkExpansion, checkLevel } from './zlib-header.js';

// Input is fed to the streaming inflater in slices small enough that one slice can never expand to more than what is
// still wanted plus this much, so a bomb costs bounded memory and time however far it would expand.
const OVERSHOOT = 4 * 1024 * 1024;
const MIN_SLICE = 4 * 1024;
const MAX_SLICE = 64 * 1024;

/** fflate's error codes (its `err(ind)`): 0 is "unexpected EOF", the others are malformed data. */
function fflateError(error: unknown, offset: number): PixtextError {
  if (error instanceof PixtextError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 0) {
    return new PixtextError('ERR_TRUNCATED', `zlib stream ends before its last block (${message})`, { offset, cause: error });
  }
  return new PixtextError('ERR_CORRUPT', `invalid deflate data after byte ${offset} (${message})`, { offset, cause: error });
}

/**
 * Inflates the zlib stream `data` into exactly `expectedLength` bytes. Output past that length is never produced:
 * a stream that would expand further (a decompression bomb) is cut off there, as libpng does, after bounded work.
 * Data after the end of the deflate stream, and the Adler-32, are ignored; so is a missing stream end once
 * `expectedLength` bytes are out (libpng also stops reading when it has every row).
 *
 * @param data A complete zlib stream (header, deflate data, optional trailer).
 * @param expectedLength How many bytes the caller's header declares. The result has exactly this length.
 * @returns The inflated bytes (may be a view into a slightly larger buffer).
 * @throws PixtextError `ERR_TRUNCATED` when the stream ends or stops short of `expectedLength`; `ERR_CORRUPT` for
 * malformed data. `offset` is relative to `data` (where the bad slice starts).
 * @example
 * ```ts
 * const rows = inflate(idat, height * (stride + 1));
 * ```
 */
export function inflate(data: Uint8Array, expectedLength: number): Uint8Array {
  const start = checkExpansion(data, expectedLength);
  const out = new Uint8Array(expectedLength);
  if (expectedLength === 0) return out;
  let filled = 0;
  const inflater = new Inflate((chunk: Uint8Array) => {
    const take = Math.min(chunk.length, expectedLength - filled);
    out.set(take === chunk.length ? chunk : chunk.subarray(0, take), filled);
    filled += take;
  });
  const end = data.length;
  let pos = start;
  while (filled < expectedLength && pos < end) {
    const budget = Math.floor((expectedLength - filled + OVERSHOOT) / MAX_INFLATE_RATIO);
    const next = Math.min(end, pos + Math.min(MAX_SLICE, Math.max(MIN_SLICE, budget)));
    try {
      // Never flagged final: a stream that stops early just yields fewer bytes, judged below, as node:zlib with
      // Z_SYNC_FLUSH does; so both backends accept complete image data whose stream lacks its last few bytes.
      inflater.push(data.subarray(pos, next));
    } catch (error) {
      throw fflateError(error, pos);
    }
    pos = next;
  }
  if (filled < expectedLength) {
    throw new PixtextError(
      'ERR_TRUNCATED',
      `zlib stream inflates to ${filled} bytes but ${expectedLength} were expected`,
      { offset: end },
    );
  }
  return out;
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

/** Which zlib implementation this build uses: `'fflate'` here, `'node:zlib'` in the Node build. */
export const zlibBackend: 'fflate' | 'node:zlib' = 'fflate';
