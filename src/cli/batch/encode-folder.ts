// `pixtext encode <dir> --jsonl`: every image file of a folder, in sorted order, as one envelope per line with
// `metadata.path`. Workers read and encode; the main thread only writes the lines in order.
import { realpathSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { AtomicFileStream, refuseExisting } from '../atomic-write.js';
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
import { appendStream, resumePoint, resumeKey } from './resume.js';
import { inShard, type Shard } from './select.js';

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
  /** Show a line for every file, also when stderr is not a terminal (`--verbose`). */
  readonly verbose?: boolean;
  /** The files to encode, in this order (`--files-from`); by default every image file of the folder, sorted. */
  readonly files?: readonly FoundFile[] | undefined;
  /** Keep only this shard of the files (`--shard K/N`). */
  readonly shard?: Shard | undefined;
  /** Append to the output, leaving out files whose lines it holds already (`--skip-existing`). */
  readonly skipExisting?: boolean;
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
  const listed = options.files ?? (await about(options.folder, () => listImageFiles(options.folder, others)));
  const skipped = others.map(skipReason);
  const resume = options.skipExisting === true ? await about(outSubject, () => resumePoint(options.output)) : undefined;
  const inThisShard = listed.filter((f) => inShard(f.relPath, options.shard));
  const files = resume === undefined ? inThisShard : inThisShard.filter((f) => !resume.done.has(resumeKey(f.relPath)));
  const present = inThisShard.length - files.length;
  let file: AtomicFileStream | undefined;
  let appended: Writable | undefined;
  if (resume !== undefined) appended = await about(outSubject, () => openAppend(options.output));
  else if (options.output !== STDIO) file = await about(outSubject, () => new AtomicFileStream(options.output, { force: options.force, temps: ctx.temps }));
  const out: Writable = appended ?? file?.stream ?? ctx.stdout;
  const progress = new Progress({ stream: ctx.stderr, quiet: options.quiet, verbose: options.verbose, totalItems: files.length });
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
    if (appended !== undefined) await about(outSubject, () => closeStream(appended));
  } catch (error) {
    file?.abort();
    appended?.destroy();
    throw error;
  } finally {
    progress.finish();
    await pool.close();
  }
  if (listed.length === 0 && options.files === undefined) ctx.stderr.write(`pixtext encode: no image files (${IMAGE_EXTENSIONS.map((e) => `.${e}`).join(' ')}) in ${options.folder}\n`);
  if (!options.quiet) {
    ctx.stderr.write(skippedReport(skipped, options.folder));
    const totals = { verb: 'encoded', done, failed, bytesIn, bytesOut, ms: performance.now() - started, skipped: options.files === undefined ? skipped : undefined, present: resume === undefined ? undefined : present };
    ctx.stderr.write(`pixtext: ${formatSummary(totals)}\n`);
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

/** The append stream of `--skip-existing`, once open (so a folder that cannot be written to is reported first). */
async function openAppend(output: string): Promise<Writable> {
  refuseExisting(output, true); // the name checks only: appending to an existing file is the point
  const stream = appendStream(output);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  return stream;
}

/** Ends a stream and waits until its data is in the file. */
function closeStream(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}
