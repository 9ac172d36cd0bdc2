// Node twin of zlib.ts: node:zlib (native zlib, faster than any JavaScript inflate). Same exports and contract.
// Spec: https://www.rfc-editor.org/rfc/rfc1950 (zlib), https://www.rfc-editor.org/rfc/rfc1951 (deflate)
import * as zlib from 'node:zlib';
import { inflate as boundedInflate } from './zlib.js';
import { checkExpansion, checkLevel } from './zlib-header.js';
import { zlibError, type ZlibFailure } from './zlib-errors.js';

// Buffers under half of Node's pool size may be slices of the shared 8 KiB pool; a view of one would expose
// unrelated memory through `.buffer`, so those few bytes are copied instead.
const POOLED = 4096;

/** Node's smallest zlib output chunk (zlib.constants.Z_MIN_CHUNK). */
const MIN_CHUNK = 64;

/** A plain Uint8Array over the Buffer's bytes (no copy unless the Buffer sits in Node's shared pool). */
function plainView(buffer: Buffer): Uint8Array {
  if (buffer.byteLength < POOLED) return new Uint8Array(buffer);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Which failure node:zlib reports, in the terms of the rule both builds share (zlib-errors.ts): Z_BUF_ERROR is input
 * that ran out, "incorrect data check" a wrong Adler-32, anything else (Z_DATA_ERROR's "invalid …") malformed data.
 */
function nodeFailure(code: unknown, message: string): ZlibFailure {
  if (code === 'Z_BUF_ERROR') return 'cut';
  if (message === 'incorrect data check') return 'checksum';
  return 'malformed';
}

/**
 * Inflates the zlib stream `data` into exactly `expectedLength` bytes; see the portable version for the contract.
 * Native zlib writes straight into one output buffer of `expectedLength + 1` bytes, so a stream that fills that
 * extra byte is a bomb: it is then decoded again by the bounded portable inflater, which stops at the limit.
 * @throws PixtextError `ERR_TRUNCATED` or `ERR_CORRUPT`, as zlib-errors.ts maps the failure zlib reports.
 * @example
 * ```ts
 * const rows = inflate(idat, height * (stride + 1));
 * ```
 */
export function inflate(data: Uint8Array, expectedLength: number): Uint8Array {
  checkExpansion(data, expectedLength);
  if (expectedLength === 0) return new Uint8Array(0);
  // zlib gets room for exactly one byte more than wanted (see the portable version), which Node cannot give it below
  // its smallest chunk of 64 bytes: such small outputs take the portable inflater, so both builds judge them alike.
  if (expectedLength + 1 < MIN_CHUNK) return boundedInflate(data, expectedLength);
  let out: Buffer;
  try {
    // The zlib wrapper (not raw inflate), so zlib checks the Adler-32 when the trailer is there, as the portable
    // backend does.
    out = zlib.inflateSync(data, {
      chunkSize: expectedLength + 1,
      maxOutputLength: expectedLength,
      // A stream cut short returns what it holds instead of failing; the length check below judges it.
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return boundedInflate(data, expectedLength);
    const message = error instanceof Error ? error.message : String(error);
    const failure = nodeFailure(code, message);
    const why =
      failure === 'cut'
        ? `zlib stream ends before its last block (${message})`
        : failure === 'checksum'
          ? 'zlib stream fails its Adler-32 check (incorrect data check)'
          : `invalid deflate data: ${message}`;
    throw zlibError(failure, why, failure === 'cut' ? { offset: data.length, cause: error } : { cause: error });
  }
  if (out.length < expectedLength) {
    // With Z_SYNC_FLUSH zlib returns what a cut stream holds instead of failing, so a cut stream and one that ends
    // early look alike here; the shared rule gives both the same code.
    throw zlibError(
      'short',
      `zlib stream inflates to ${out.length} bytes but ${expectedLength} were expected`,
      { offset: data.length },
    );
  }
  return plainView(out);
}

/**
 * Compresses `data` as a zlib stream (header, deflate data, Adler-32).
 * @param level 0 (stored) to 9 (smallest). Defaults to 6.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for a level outside 0–9.
 * @example
 * ```ts
 * const z = deflate(rows, 6);
 * ```
 */
export function deflate(data: Uint8Array, level = 6): Uint8Array {
  const checked = checkLevel(level);
  // One output chunk sized for typical output keeps Node from concatenating many 16 KiB pieces.
  const chunkSize = Math.max(64 * 1024, Math.min(data.length >>> 1, 64 * 1024 * 1024));
  return plainView(zlib.deflateSync(data, { level: checked, chunkSize }));
}

/** Which zlib implementation this build uses: `'node:zlib'` here, `'portable'` in the portable build. */
export const zlibBackend: 'portable' | 'node:zlib' = 'node:zlib';
