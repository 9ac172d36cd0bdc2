// `pixtext encode <dir> --parquet`: every image file of a folder, in sorted order, as one row of a Parquet file in
// the Hugging Face image layout (hf-image-schema.ts), the file's bytes unchanged. Rows are gathered one row group at
// a time and written before the next is read, so memory follows the row group, never the dataset.
import { readFileSync } from 'node:fs';
import type { ColumnSource } from 'hyparquet-writer';
import { AtomicFileStream } from '../atomic-write.js';
import { about } from '../command.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { fileHeader } from '../library.js';
import { Progress } from '../progress.js';
import { formatFailure } from '../report.js';
import { formatBytes, formatImage, formatSummary } from '../summary.js';
import { IMAGE_EXTENSIONS, listImageFiles, type FoundFile } from '../batch/walk.js';
import { inShard, type Shard } from '../batch/select.js';
import { MAX_ROW_GROUP_BYTES } from './limits.js';
import { HUGGING_FACE_METADATA, IMAGE_TABLE_SCHEMA, type ImageRow } from './hf-image-schema.js';
import { createStreamWriter } from './stream-writer.js';

/** Settings of a folder-to-Parquet encode. */
export interface EncodeParquetOptions {
  readonly folder: string;
  /** The Parquet file to write (never standard output: a Parquet footer points back into the file). */
  readonly output: string;
  readonly force: boolean;
  readonly quiet: boolean;
  /** Most rows in one row group. */
  readonly rowGroupRows: number;
  /** Most file bytes in one row group (one larger file still makes a row group of its own). */
  readonly rowGroupBytes?: number;
  /** One line per file on stderr also when it is not a terminal. */
  readonly verbose?: boolean;
  /** The files to write, in this order (`--files-from`); by default every image file of the folder, sorted. */
  readonly files?: readonly FoundFile[] | undefined;
  /** Keep only this shard of the files (`--shard K/N`). */
  readonly shard?: Shard | undefined;
}

const FORMAT_NAMES = { png: 'PNG', jpeg: 'JPEG', bmp: 'BMP', gif: 'GIF', webp: 'WEBP', npy: 'NPY' } as const;

/**
 * Writes a folder's images to a Parquet file. A file that fails (not an image, a corrupt header) is reported and
 * left out; the others are written.
 *
 * @returns {@link ExitCode.OK}, or {@link ExitCode.BAD_INPUT} when any file failed.
 * @throws FileError `EEXIST` (output exists without `force`); Node system errors for the folder or the output.
 * @example
 * ```ts
 * await encodeParquet(ctx, { folder: 'photos', output: 'photos.parquet', force: false, quiet: false, rowGroupRows: 100 });
 * ```
 */
export async function encodeParquet(ctx: CliContext, options: EncodeParquetOptions): Promise<ExitCode> {
  const started = performance.now();
  const listed = options.files ?? (await about(options.folder, () => listImageFiles(options.folder)));
  const files = listed.filter((f) => inShard(f.relPath, options.shard));
  const file = await about(options.output, () => new AtomicFileStream(options.output, { force: options.force, temps: ctx.temps }));
  const progress = new Progress({ stream: ctx.stderr, quiet: options.quiet, verbose: options.verbose, totalItems: files.length });
  const maxBytes = options.rowGroupBytes ?? MAX_ROW_GROUP_BYTES;
  let failed = 0;
  let done = 0;
  let bytesIn = 0;
  let rowGroups = 0;
  // Loaded here rather than imported at the top, so that every other command starts without it.
  const { ParquetWriter } = await import('hyparquet-writer');
  const writer = await createStreamWriter(file.stream);
  try {
    const parquet = new ParquetWriter({ writer, schema: IMAGE_TABLE_SCHEMA, kvMetadata: [HUGGING_FACE_METADATA], createdBy: 'pixtext' });
    let group: ImageRow[] = [];
    let groupBytes = 0;
    const writeGroup = async (): Promise<void> => {
      if (group.length === 0) return;
      await about(options.output, () => parquet.write({ columnData: columnsOf(group), rowGroupSize: group.length }));
      rowGroups += 1;
      group = [];
      groupBytes = 0;
    };
    for (const found of files) {
      const row = readRow(found);
      if (!row.ok) {
        failed += 1;
        progress.failure(formatFailure(found.fsPath, row.error));
        continue;
      }
      if (group.length > 0 && groupBytes + row.value.bytes.length > maxBytes) await writeGroup();
      group.push(row.value);
      groupBytes += row.value.bytes.length;
      bytesIn += row.value.bytes.length;
      done += 1;
      progress.setBytes(bytesIn);
      progress.item(found.relPath, `${formatImage(row.value.width, row.value.height, row.value.mode)} ${row.value.format}, ${formatBytes(row.value.bytes.length)}`);
      if (group.length >= options.rowGroupRows) await writeGroup();
    }
    await writeGroup();
    await about(options.output, () => parquet.finish());
    await about(options.output, () => file.commit());
  } catch (error) {
    file.abort();
    throw error;
  } finally {
    progress.finish();
  }
  if (listed.length === 0 && options.files === undefined) ctx.stderr.write(`pixtext encode: no image files (${IMAGE_EXTENSIONS.map((e) => `.${e}`).join(' ')}) in ${options.folder}\n`);
  if (!options.quiet) {
    const summary = formatSummary({ verb: 'encoded', done, failed, bytesIn, bytesOut: writer.written, ms: performance.now() - started });
    ctx.stderr.write(`pixtext: ${summary}; ${rowGroups} row group${rowGroups === 1 ? '' : 's'}\n`);
  }
  return failed > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function readRow(found: FoundFile): Outcome<ImageRow> {
  try {
    const bytes = readFileSync(found.fsPath);
    const header = fileHeader(bytes);
    return { ok: true, value: { bytes, path: found.relPath, width: header.width, height: header.height, mode: header.mode, format: FORMAT_NAMES[header.format] } };
  } catch (error) {
    return { ok: false, error };
  }
}

function columnsOf(rows: readonly ImageRow[]): ColumnSource[] {
  return [
    // PLAIN: image files are all different, so a dictionary would only cost time; statistics (min/max of the first
    // bytes of each file) say nothing useful.
    { name: 'image', data: rows.map((r) => ({ bytes: r.bytes, path: r.path })), encoding: 'PLAIN', statistics: false },
    { name: 'width', data: Int32Array.from(rows, (r) => r.width) },
    { name: 'height', data: Int32Array.from(rows, (r) => r.height) },
    { name: 'mode', data: rows.map((r) => r.mode) },
    { name: 'format', data: rows.map((r) => r.format) },
  ];
}
