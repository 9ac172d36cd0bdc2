// `pixtext decode dataset.jsonl -o <dir>` and `pixtext verify dataset.jsonl`: a JSONL dataset read line by line
// (never whole), each line decoded on a worker thread, files written back under their `metadata.path`, results
// reported in line order.
import { constants as bufferConstants } from 'node:buffer';
import { existsSync } from 'node:fs';

import type { FormatId, PixelMode } from '../../index.js';
import { writeFileAtomic } from '../atomic-write.js';
import { about } from '../command.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { subjectOf } from '../io.js';
import { Progress } from '../progress.js';
import { FileError, formatFailure } from '../report.js';
import { formatBytes, formatImage, formatSummary } from '../summary.js';
import { jsonlLines, openJsonlInput } from './jsonl-lines.js';
import { OrderedPool, QUEUED_PER_WORKER, type PoolImmediate, type PoolTask, type TaskOutcome } from './pool.js';
import { OutputFolder, datasetPathSegments, pathKey } from './safe-path.js';
import type { BatchTask, DecodeResult, TaskFailure, VerifyResult } from './tasks.js';
import type { Shard } from './select.js';

/** Settings shared by dataset decode and verify. */
export interface DatasetOptions {
  /** A JSONL file, or `-` for standard input. */
  readonly input: string;
  readonly jobs: number;
  readonly quiet: boolean;
  /** One line per item on stderr also when it is not a terminal. */
  readonly verbose?: boolean | undefined;
}

/** Settings of a dataset decode. */
export interface DecodeDatasetOptions extends DatasetOptions {
  /** The folder the files are written under (created when missing). */
  readonly outputDir: string;
  readonly force: boolean;
  /** Format for paths whose extension names none. */
  readonly fallbackFormat?: FormatId | undefined;
  readonly mode?: PixelMode | undefined;
  readonly quality?: number | undefined;
  readonly compressionLevel?: number | undefined;
  readonly background?: readonly [number, number, number] | undefined;
  /** Write only the lines of this shard (`--shard K/N`). */
  readonly shard?: Shard | undefined;
  /** Leave files that exist already as they are, counted as already present (`--skip-existing`). */
  readonly skipExisting?: boolean | undefined;
}

// A line longer than the engine's longest string could never be parsed; it is skipped without being held.
const MAX_LINE_BYTES = bufferConstants.MAX_STRING_LENGTH;
// Text in flight (read, not yet written back) is held under this many bytes, or to one line when a line is larger:
// memory follows the largest image, not the dataset, whatever the worker count.
const MAX_BYTES_IN_FLIGHT = 256 * 1024 * 1024;

/**
 * Writes every image of a dataset under `outputDir`. Lines that fail (bad envelope, unsafe or duplicate path,
 * existing file without `force`) are reported and skipped.
 *
 * @returns {@link ExitCode.OK}, or {@link ExitCode.BAD_INPUT} when any line failed.
 * @throws Node system errors for the input or the output folder.
 * @example
 * ```ts
 * await decodeDataset(ctx, { input: 'dataset.jsonl', outputDir: 'restored', force: false, jobs: 4, quiet: false });
 * ```
 */
export async function decodeDataset(ctx: CliContext, options: DecodeDatasetOptions): Promise<ExitCode> {
  const folder = await about(options.outputDir, () => new OutputFolder(options.outputDir));
  const written = new Map<string, { line: number; path: string }>();
  let bytesOut = 0;
  return runDataset(ctx, options, 'decoded', {
    task: (line) => ({
      kind: 'decode',
      line,
      fallbackFormat: options.fallbackFormat,
      mode: options.mode,
      quality: options.quality,
      compressionLevel: options.compressionLevel,
      background: options.background,
      shard: options.shard,
    }),
    accept: (value, lineNumber) => {
      const result = value as DecodeResult;
      if (result.otherShard === true) return undefined;
      const segments = datasetPathSegments(result.relPath);
      const key = pathKey(segments);
      const earlier = written.get(key);
      if (earlier !== undefined) {
        const same = segments.join('/') === earlier.path ? '' : ` (as ${JSON.stringify(earlier.path)}, the same name once Unicode-normalised)`;
        throw new FileError('ERR_DUPLICATE_PATH', `metadata.path ${JSON.stringify(result.relPath)} was already written from line ${earlier.line}${same}`);
      }
      const target = folder.prepare(segments);
      const present = options.skipExisting === true && existsSync(target);
      if (!present) writeFileAtomic(target, result.bytes, { force: options.force, temps: ctx.temps });
      written.set(key, { line: lineNumber, path: segments.join('/') });
      if (present) return { name: result.relPath, detail: 'already present', present: true };
      bytesOut += result.bytes.length;
      return { name: result.relPath, detail: `${formatImage(result.width, result.height, result.mode)} → ${formatBytes(result.bytes.length)}` };
    },
    bytesOut: () => bytesOut,
    skipExisting: options.skipExisting,
  });
}

/**
 * Checks every line of a dataset fully (base64, length, CRC-32, embedded file), writing nothing.
 *
 * @returns {@link ExitCode.OK}, or {@link ExitCode.BAD_INPUT} when any line failed.
 * @example
 * ```ts
 * await verifyDataset(ctx, { input: 'dataset.jsonl', jobs: 4, quiet: true });
 * ```
 */
export async function verifyDataset(ctx: CliContext, options: DatasetOptions): Promise<ExitCode> {
  return runDataset(ctx, options, 'verified', {
    task: (line) => ({ kind: 'verify', line }),
    accept: (value, lineNumber) => {
      const result = value as VerifyResult;
      return { name: result.relPath ?? `line ${lineNumber}`, detail: `${formatImage(result.width, result.height, result.mode)}, ok` };
    },
    bytesOut: () => 0,
  });
}

interface DatasetHandlers {
  readonly task: (line: Uint8Array) => BatchTask;
  /**
   * Takes a successful result (may throw to fail the line) and returns the progress name and detail, `present` for a
   * file left as it was, or undefined for a line of another shard (not counted).
   */
  readonly accept: (value: unknown, lineNumber: number) => { name: string; detail: string; present?: boolean } | undefined;
  readonly bytesOut: () => number;
  /** Whether files already present are counted (`--skip-existing`), for the summary. */
  readonly skipExisting?: boolean | undefined;
}

async function runDataset(ctx: CliContext, options: DatasetOptions, verb: string, handlers: DatasetHandlers): Promise<ExitCode> {
  const started = performance.now();
  const label = subjectOf(options.input, 'input');
  const { stream, totalBytes } = await about(label, () => openJsonlInput(options.input, ctx.stdin));
  const progress = new Progress({ stream: ctx.stderr, quiet: options.quiet, verbose: options.verbose, totalBytes });
  const pool = new OrderedPool({ jobs: options.jobs, createWorker: ctx.createWorker, maxWeight: MAX_BYTES_IN_FLIGHT, perWorker: QUEUED_PER_WORKER });
  // Line number and input offset of each started task, oldest first (delivery is in order, so it is always the head).
  const inFlight: { lineNumber: number; consumed: number }[] = [];
  let done = 0;
  let failed = 0;
  let present = 0;
  let others = 0;
  let bytesIn = 0;
  async function* tasks(): AsyncGenerator<PoolTask | PoolImmediate> {
    for await (const line of jsonlLines(stream, MAX_LINE_BYTES)) {
      inFlight.push({ lineNumber: line.lineNumber, consumed: line.consumed });
      if ('tooLong' in line) {
        const error = { code: 'ERR_TOO_LARGE', message: `the line is ${line.tooLong} bytes, longer than the longest text this engine can parse (${MAX_LINE_BYTES})` };
        yield { outcome: { ok: false, error } };
      } else {
        bytesIn += line.bytes.length;
        yield { message: handlers.task(line.bytes), transfer: [line.bytes.buffer as ArrayBuffer], weight: line.bytes.length };
      }
    }
  }
  const deliver = (_index: number, outcome: TaskOutcome): void => {
    const { lineNumber, consumed } = inFlight.shift()!;
    progress.setBytes(consumed);
    let relPath: string | undefined;
    try {
      if (!outcome.ok) {
        relPath = (outcome.error as TaskFailure).relPath;
        throw outcome.error;
      }
      relPath = (outcome.value as { relPath?: string }).relPath;
      const accepted = handlers.accept(outcome.value, lineNumber);
      if (accepted === undefined) others += 1;
      else if (accepted.present === true) present += 1;
      else done += 1;
      if (accepted !== undefined) progress.item(accepted.name, accepted.detail);
    } catch (error) {
      failed += 1;
      const subject = `${label}:${lineNumber}${relPath === undefined ? '' : ` (${printable(relPath)})`}`;
      progress.failure(formatFailure(subject, error));
    }
  };
  try {
    // Lines that fail are reported one by one; what escapes here is a read error of the input itself.
    await about(label, () => pool.run(tasks(), deliver));
  } finally {
    progress.finish();
    await pool.close();
  }
  if (done + failed + present + others === 0) ctx.stderr.write(`pixtext: ${label} holds no lines\n`);
  if (!options.quiet) {
    const totals = { verb, done, failed, bytesIn, bytesOut: handlers.bytesOut(), ms: performance.now() - started, present: handlers.skipExisting === true ? present : undefined };
    ctx.stderr.write(`pixtext: ${formatSummary(totals)}\n`);
  }
  return failed > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
}

/** A path as printed in a message: as it is, or escaped as in JSON when it holds control characters or lone surrogates. */
function printable(path: string): string {
  return /[\u0000-\u001f\u007f\uD800-\uDFFF]/.test(path) ? JSON.stringify(path).slice(1, -1) : path;
}
