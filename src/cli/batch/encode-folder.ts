// `pixtext encode <dir> --jsonl`: every image file of a folder, in sorted order, as one envelope per line with
// `metadata.path`. Workers read and encode; the main thread only writes the lines in order.
import { realpathSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { AtomicFileStream } from '../atomic-write.js';
import { about } from '../command.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { STDIO, subjectOf } from '../io.js';
import type { TextOptions } from '../library.js';
import { Progress } from '../progress.js';
import { formatFailure } from '../report.js';
import { formatBytes, formatImage, formatSummary } from '../summary.js';
import { OrderedPool, QUEUED_PER_WORKER, type PoolTask, type TaskOutcome } from './pool.js';
import type { EncodeResult, EncodeTask, TaskFailure } from './tasks.js';
import { skipReason, skippedReport } from './skipped.js';
import { IMAGE_EXTENSIONS, listImageFiles, type FoundFile } from './walk.js';

/** Settings of a folder encode. */
export interface EncodeFolderOptions {
  readonly folder: string;
  /** A path, or `-` for standard output. */
  readonly output: string;
  readonly force: boolean;
  readonly jobs: number;
  readonly quiet: boolean;
  readonly text: TextOptions;
  /** Read files behind symbolic links that lead outside the folder (`--follow-links`). */
  readonly followLinks: boolean;
}

/**
 * Encodes a folder to JSONL. A file that fails is reported and left out; the others are written.
 *
 * @returns {@link ExitCode.OK}, or {@link ExitCode.BAD_INPUT} when any file failed.
 * @throws FileError `EEXIST` (output exists without `force`); Node system errors for the folder or the output.
 * @example
 * ```ts
 * await encodeFolder(ctx, { folder: 'photos', output: '-', force: false, jobs: 4, quiet: false, text: {}, followLinks: false });
 * ```
 */
export async function encodeFolder(ctx: CliContext, options: EncodeFolderOptions): Promise<ExitCode> {
  const started = performance.now();
  const outSubject = subjectOf(options.output, 'output');
  const others: FoundFile[] = [];
  const files = await about(options.folder, () => listImageFiles(options.folder, others));
  const skipped = others.map(skipReason);
  const file = options.output === STDIO ? undefined : await about(outSubject, () => new AtomicFileStream(options.output, { force: options.force, temps: ctx.temps }));
  const out: Writable = file?.stream ?? ctx.stdout;
  const progress = new Progress({ stream: ctx.stderr, quiet: options.quiet, totalItems: files.length });
  const pool = new OrderedPool({ jobs: Math.min(options.jobs, Math.max(1, files.length)), createWorker: ctx.createWorker, perWorker: QUEUED_PER_WORKER });
  let done = 0;
  let failed = 0;
  let bytesIn = 0;
  let bytesOut = 0;
  const root = realpathSync(options.folder);
  const tasks = files.map((found): PoolTask => {
    const task: EncodeTask = { kind: 'encode', fsPath: found.fsPath, relPath: found.relPath, options: options.text, root, followLinks: options.followLinks };
    return { message: task };
  });
  const deliver = async (index: number, outcome: TaskOutcome): Promise<void> => {
    const found = files[index]!;
    if (!outcome.ok) {
      failed += 1;
      progress.failure(formatFailure(found.fsPath, outcome.error as TaskFailure));
      return;
    }
    const result = outcome.value as EncodeResult;
    await writeLine(out, result.line);
    done += 1;
    bytesIn += result.bytesIn;
    bytesOut += result.line.length;
    progress.setBytes(bytesIn);
    progress.item(found.relPath, `${formatImage(result.width, result.height, result.mode)}, ${formatBytes(result.bytesIn)} → ${formatBytes(result.line.length)}`);
  };
  try {
    // Files that fail are reported one by one; what escapes here is an output error (disk full…).
    await about(outSubject, () => pool.run(tasks, deliver));
    await about(outSubject, () => file?.commit());
  } catch (error) {
    file?.abort();
    throw error;
  } finally {
    progress.finish();
    await pool.close();
  }
  if (files.length === 0) ctx.stderr.write(`pixtext encode: no image files (${IMAGE_EXTENSIONS.map((e) => `.${e}`).join(' ')}) in ${options.folder}\n`);
  if (!options.quiet) {
    ctx.stderr.write(skippedReport(skipped, options.folder));
    ctx.stderr.write(`pixtext: ${formatSummary({ verb: 'encoded', done, failed, bytesIn, bytesOut, ms: performance.now() - started, skipped })}\n`);
  }
  return failed > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
}

/** Writes one line, waiting for the stream to drain when its buffer is full (bounded memory on a slow reader). */
async function writeLine(out: Writable, line: Uint8Array): Promise<void> {
  if (out.write(line)) return;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      out.off('drain', onDrain);
      reject(error);
    };
    const onDrain = (): void => {
      out.off('error', onError);
      resolve();
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}
