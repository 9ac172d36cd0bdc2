// `encode --skip-existing`: a JSONL output written in place, so that a run cut short (Ctrl-C, a killed task) leaves
// its complete lines behind and the next run appends only what is missing.
import { closeSync, createReadStream, createWriteStream, existsSync, openSync, readSync, statSync, truncateSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { textHeader } from '../library.js';
import { FileError } from '../report.js';
import { jsonlLines } from './jsonl-lines.js';
import { pathKey } from './safe-path.js';
import { lineText } from './tasks.js';

/** What an earlier run left in the output. */
export interface ResumePoint {
  /** `metadata.path` of every complete line, normalised as the dataset compares paths. */
  readonly done: ReadonlySet<string>;
  /** Complete lines kept. */
  readonly lines: number;
  /** Bytes of a cut last line that were dropped (0 when the file ended with a line feed). */
  readonly droppedBytes: number;
}

/** A dataset line longer than this could not have been written by encode either. */
const MAX_LINE_BYTES = 2 ** 31;

/**
 * Reads a JSONL output an earlier run wrote: keeps its complete lines (checking each names a `metadata.path`), cuts a
 * last line without its line feed off the file, and returns the paths already there. A missing file is a fresh start.
 *
 * @throws FileError `ERR_RESUME` naming the line when a complete line is not an envelope with a `metadata.path`
 *   (the file is then not a dataset this command wrote, and is left as it is); Node system errors.
 * @example
 * ```ts
 * const { done } = await resumePoint('dataset.jsonl');
 * ```
 */
export async function resumePoint(output: string): Promise<ResumePoint> {
  const done = new Set<string>();
  if (!existsSync(output)) return { done, lines: 0, droppedBytes: 0 };
  const size = statSync(output).size;
  const endsWithLineFeed = size === 0 || lastByte(output) === 0x0a;
  let keep = 0;
  let lines = 0;
  for await (const line of jsonlLines(createReadStream(output, { highWaterMark: 1 << 20 }), MAX_LINE_BYTES)) {
    // The last line of a file that does not end in a line feed was cut while being written.
    if (!endsWithLineFeed && line.consumed === size) break;
    if ('tooLong' in line) throw notResumable(output, line.lineNumber, 'is too long to be a dataset line');
    let path: unknown;
    try {
      path = (textHeader(lineText(line.bytes)) as { metadata?: { path?: unknown } }).metadata?.path;
    } catch (error) {
      throw notResumable(output, line.lineNumber, `is not an envelope (${(error as Error).message})`);
    }
    if (typeof path !== 'string') throw notResumable(output, line.lineNumber, 'has no metadata.path');
    done.add(path.normalize('NFC'));
    lines += 1;
    keep = line.consumed;
  }
  // Blank lines after the last complete one are kept as they are; only a cut line goes.
  const droppedBytes = endsWithLineFeed ? 0 : size - keep;
  if (droppedBytes > 0) truncateSync(output, keep);
  return { done, lines, droppedBytes };
}

/** The key under which {@link ResumePoint.done} holds a relative path. */
export function resumeKey(relPath: string): string {
  return pathKey(relPath.split('/'));
}

/**
 * Opens `output` for appending (creating it), so each line is in the file once written: no temporary file, since
 * an interrupted run must leave its lines for the next.
 *
 * @example
 * ```ts
 * const out = appendStream('dataset.jsonl');
 * ```
 */
export function appendStream(output: string): Writable {
  return createWriteStream(output, { flags: 'a' });
}

function lastByte(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const byte = new Uint8Array(1);
    readSync(fd, byte, 0, 1, statSync(path).size - 1);
    return byte[0]!;
  } finally {
    closeSync(fd);
  }
}

function notResumable(output: string, lineNumber: number, why: string): FileError {
  return new FileError('ERR_RESUME', `line ${lineNumber} of ${output} ${why}, so --skip-existing cannot resume it; move the file away to start again`);
}
