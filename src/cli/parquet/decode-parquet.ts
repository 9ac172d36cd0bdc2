// `pixtext decode data.parquet -o <dir>`: the `image` column of a Parquet file (Hugging Face layout) written back as
// files under their `image.path`, byte for byte, one row group at a time. Rows that cannot be written (no bytes, an
// unsafe or repeated path, an existing file without --force) and row groups that cannot be read are reported and
// skipped; the rest are written.
import { existsSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write.js';
import { about } from '../command.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { Progress } from '../progress.js';
import { FileError, formatFailure } from '../report.js';
import { formatBytes, formatSummary } from '../summary.js';
import { OutputFolder, datasetPathSegments } from '../batch/safe-path.js';
import { checkImageColumn } from './hf-image-schema.js';
import { inShard, type Shard } from '../batch/select.js';
import { boundedDecompressors, openParquet, parquetStep } from './parquet-input.js';

/** Settings of a Parquet decode. */
export interface DecodeParquetOptions {
  readonly input: string;
  readonly outputDir: string;
  readonly force: boolean;
  readonly quiet: boolean;
  /** One line per row on stderr also when it is not a terminal. */
  readonly verbose?: boolean | undefined;
  /** Write only the rows of this shard, by `image.path` (`--shard K/N`). */
  readonly shard?: Shard | undefined;
  /** Leave files that exist already as they are, counted as already present (`--skip-existing`). */
  readonly skipExisting?: boolean | undefined;
}

/**
 * Writes every image of a Parquet file under `outputDir`.
 *
 * @returns {@link ExitCode.OK}, or {@link ExitCode.BAD_INPUT} when any row failed.
 * @throws FileError `ERR_NOT_PARQUET`, `ERR_PARQUET_SCHEMA`; PixtextError `ERR_CORRUPT` (footer); Node system errors.
 * @example
 * ```ts
 * await decodeParquet(ctx, { input: 'data.parquet', outputDir: 'restored', force: false, quiet: false });
 * ```
 */
export async function decodeParquet(ctx: CliContext, options: DecodeParquetOptions): Promise<ExitCode> {
  const started = performance.now();
  const label = options.input;
  const input = await about(label, () => openParquet(options.input));
  try {
    const { file, metadata } = input;
    const { parquetReadObjects, parquetSchema } = await import('hyparquet');
    const compressors = await boundedDecompressors();
    await about(label, () => checkImageColumn(parquetSchema(metadata)));
    const folder = await about(options.outputDir, () => new OutputFolder(options.outputDir));
    // The row count is in the footer, so progress shows the total; a shard's own count is known only at the end.
    const totalItems = options.shard === undefined ? Number(metadata.num_rows) : undefined;
    const progress = new Progress({ stream: ctx.stderr, quiet: options.quiet, verbose: options.verbose, totalItems });
    const written = new Map<string, number>();
    let done = 0;
    let failed = 0;
    let present = 0;
    let bytesOut = 0;
    let rowStart = 0;
    try {
      for (const [index, group] of metadata.row_groups.entries()) {
        const rowEnd = rowStart + Number(group.num_rows);
        const where = `row group ${index + 1} of ${metadata.row_groups.length} (rows ${rowStart + 1} to ${rowEnd})`;
        let rows: Record<string, unknown>[];
        try {
          rows = await parquetStep(where, () =>
            parquetReadObjects({ file, metadata, columns: ['image'], rowStart, rowEnd, utf8: false, compressors }),
          );
          if (rows.length !== rowEnd - rowStart) throw new FileError('ERR_CORRUPT', `${where} holds ${rows.length} rows, not the ${rowEnd - rowStart} its header says`);
        } catch (error) {
          // Nothing of the group can be trusted; every row of it counts as failed, so none goes missing unreported.
          failed += rowEnd - rowStart;
          progress.failure(formatFailure(label, error));
          rowStart = rowEnd;
          continue;
        }
        for (const [i, row] of rows.entries()) {
          const rowNumber = rowStart + i + 1;
          const image = row.image as { bytes?: unknown; path?: unknown } | null | undefined;
          const path = typeof image?.path === 'string' ? image.path : undefined;
          try {
            const bytes = image?.bytes;
            if (!(bytes instanceof Uint8Array)) throw new FileError('ERR_PARQUET_ROW', 'image.bytes is null: the row holds no file (pixtext does not read images from image.path)');
            const segments = datasetPathSegments(image?.path ?? null, 'image.path');
            const key = segments.join('/');
            if (!inShard(key, options.shard)) continue;
            const earlier = written.get(key);
            if (earlier !== undefined) throw new FileError('ERR_DUPLICATE_PATH', `image.path ${JSON.stringify(path)} was already written from row ${earlier}`);
            const target = folder.prepare(segments);
            if (options.skipExisting === true && existsSync(target)) {
              written.set(key, rowNumber);
              present += 1;
              progress.item(path!, 'already present');
              continue;
            }
            writeFileAtomic(target, bytes, { force: options.force, temps: ctx.temps });
            written.set(key, rowNumber);
            done += 1;
            bytesOut += bytes.length;
            progress.setBytes(bytesOut);
            progress.item(path!, formatBytes(bytes.length));
          } catch (error) {
            failed += 1;
            progress.failure(formatFailure(`${label}: row ${rowNumber}${path === undefined ? '' : ` (${path})`}`, error));
          }
        }
        rowStart = rowEnd;
      }
    } finally {
      progress.finish();
    }
    if (Number(metadata.num_rows) === 0) ctx.stderr.write(`pixtext: ${label} holds no rows\n`);
    if (!options.quiet) {
      const alreadyPresent = options.skipExisting === true ? present : undefined;
      ctx.stderr.write(`pixtext: ${formatSummary({ verb: 'decoded', done, failed, bytesIn: file.byteLength, bytesOut, ms: performance.now() - started, present: alreadyPresent })}\n`);
    }
    return failed > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
  } finally {
    await input.close();
  }
}
