// Opening a Parquet file for reading (hyparquet is loaded here, on first use, not when the command line starts): the file as hyparquet's AsyncBuffer (exact byte ranges read on demand, so only
// the footer and the row group being read are ever in memory), the magic bytes checked first, the footer parsed, and
// hyparquet's plain Error messages turned into the CLI's coded errors.
import { open, type FileHandle } from 'node:fs/promises';
import type { AsyncBuffer, Compressors, FileMetaData } from 'hyparquet';
import { PixtextError } from '../../index.js';
import { FileError } from '../report.js';

/** A Parquet file open for reading. Call `close()` when done. */
export interface ParquetInput {
  readonly file: AsyncBuffer;
  readonly metadata: FileMetaData;
  close(): Promise<void>;
}

// "PAR1", as the hex bytes messages show (a file that is not Parquet may begin with anything, printable or not).
const MAGIC = '50 41 52 31';

/**
 * Opens `path`, checks that it begins and ends with `PAR1`, and reads its footer.
 *
 * @throws FileError `ERR_NOT_PARQUET` for any other file; PixtextError `ERR_CORRUPT` for an unreadable footer;
 *   Node system errors (ENOENT, EISDIR…).
 * @example
 * ```ts
 * const input = await openParquet('data.parquet');
 * try { … input.metadata.row_groups … } finally { await input.close(); }
 * ```
 */
export async function openParquet(path: string): Promise<ParquetInput> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    const file = fileBuffer(handle, stats.size);
    const head = stats.size >= 12 ? hex(await file.slice(0, 4)) : '';
    const tail = stats.size >= 12 ? hex(await file.slice(stats.size - 4)) : '';
    if (head !== MAGIC || tail !== MAGIC) {
      const found = stats.size < 12 ? `is only ${stats.size} bytes long` : `begins with ${head} and ends with ${tail}`;
      throw new FileError('ERR_NOT_PARQUET', `is not a Parquet file: one begins and ends with "PAR1" (${MAGIC}), this one ${found}`);
    }
    const { parquetMetadataAsync } = await import('hyparquet');
    const metadata = await parquetStep('its footer', () => parquetMetadataAsync(file, { geoparquet: false }));
    return { file, metadata, close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Runs a hyparquet call, turning the plain Error it throws on a malformed file into `ERR_CORRUPT` naming `what` was
 * being read (a Parquet file with a codec hyparquet lacks is `ERR_UNSUPPORTED`).
 *
 * @throws PixtextError `ERR_CORRUPT` or `ERR_UNSUPPORTED`; FileError and PixtextError from `step` unchanged.
 * @example
 * ```ts
 * const rows = await parquetStep('row group 2', () => parquetReadObjects({ file, metadata, rowStart, rowEnd }));
 * ```
 */
export async function parquetStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof PixtextError || error instanceof FileError) throw error;
    const message = error instanceof Error ? error.message.replace(/^parquet /, '') : String(error);
    if (/unsupported compression codec/.test(message)) {
      throw new PixtextError('ERR_UNSUPPORTED', `${what}: ${message} (pixtext reads uncompressed and Snappy Parquet)`, { cause: error });
    }
    throw new PixtextError('ERR_CORRUPT', `${what} is not valid Parquet: ${message}`, { cause: error });
  }
}

// Snappy's densest element, a 3-byte copy, expands to 64 bytes; a page header claiming more than that per
// compressed byte is lying, and believing it would allocate whatever a hostile file asks for.
const SNAPPY_MAX_RATIO = 64;

/**
 * Decompressors for hyparquet: Snappy, refusing a page whose header claims a size Snappy cannot reach from its
 * compressed bytes before allocating it.
 *
 * @example
 * ```ts
 * await parquetReadObjects({ file, compressors: await boundedDecompressors() });
 * ```
 */
export async function boundedDecompressors(): Promise<Compressors> {
  const { snappyUncompress } = await import('hyparquet');
  return {
    SNAPPY: (input, outputLength) => {
      if (outputLength > input.length * SNAPPY_MAX_RATIO + SNAPPY_MAX_RATIO) {
        throw new PixtextError('ERR_CORRUPT', `a Snappy page claims ${outputLength} bytes from ${input.length} compressed bytes, more than Snappy can expand to`);
      }
      const output = new Uint8Array(outputLength);
      snappyUncompress(input, output);
      return output;
    },
  };
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function fileBuffer(handle: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end: number = size): Promise<ArrayBuffer> {
      const length = Math.max(0, end - start);
      const buffer = new ArrayBuffer(length);
      const view = new Uint8Array(buffer);
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(view, read, length - read, start + read);
        if (bytesRead === 0) throw new PixtextError('ERR_TRUNCATED', `the file ended at byte ${start + read} while reading bytes ${start} to ${end} (it changed while being read?)`);
        read += bytesRead;
      }
      return buffer;
    },
  };
}
