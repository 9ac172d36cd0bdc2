// Splits a byte stream into lines without ever holding more than one line (plus one read chunk) in memory. Lines
// stay bytes: they are moved to worker threads, which decode and parse them, so the main thread only scans for '\n'.
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** One line of a JSONL input. */
export type JsonlLine =
  | { readonly lineNumber: number; readonly bytes: Uint8Array; readonly consumed: number }
  | { readonly lineNumber: number; readonly tooLong: number; readonly consumed: number };

/**
 * Yields the non-empty lines of `stream` (1-based `lineNumber`, without `\n` or a trailing `\r`) as fresh
 * Uint8Arrays, each owning its ArrayBuffer so it can be transferred. A line longer than `maxLineBytes` is skipped
 * and reported as `{ tooLong: <its length> }`, without being kept. `consumed` is the count of input bytes read
 * through the end of that line (for progress).
 *
 * @example
 * ```ts
 * for await (const line of jsonlLines(createReadStream('dataset.jsonl'), 1 << 29)) console.log(line.lineNumber);
 * ```
 */
export async function* jsonlLines(stream: Readable | AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<JsonlLine> {
  let parts: Uint8Array[] = [];
  let length = 0;
  let tooLong = false;
  let lineNumber = 0;
  let consumed = 0;
  const finish = (): JsonlLine | undefined => {
    lineNumber += 1;
    const count = length;
    const wasTooLong = tooLong;
    const collected = parts;
    parts = [];
    length = 0;
    tooLong = false;
    if (wasTooLong) return { lineNumber, tooLong: count, consumed };
    let end = count;
    const last = collected[collected.length - 1];
    if (last !== undefined && last.length > 0 && last[last.length - 1] === 0x0d) end -= 1;
    if (end === 0) return undefined;
    // The common case, a line inside one read chunk, is already a fresh exact-size copy.
    if (collected.length === 1 && collected[0]!.length === end) return { lineNumber, bytes: collected[0]!, consumed };
    const bytes = new Uint8Array(end);
    let at = 0;
    for (const part of collected) {
      const take = Math.min(part.length, end - at);
      bytes.set(take === part.length ? part : part.subarray(0, take), at);
      at += take;
    }
    return { lineNumber, bytes, consumed };
  };
  const append = (piece: Uint8Array): void => {
    length += piece.length;
    if (tooLong) return;
    if (length > maxLineBytes) {
      tooLong = true;
      parts = [];
      return;
    }
    // Keep a copy with its own ArrayBuffer: stream chunks are often views into shared pools (and Buffer#slice
    // would only make another view), while lines must be safe to transfer to a worker.
    if (piece.length > 0) parts.push(new Uint8Array(piece));
  };
  for await (const chunk of stream as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    let start = 0;
    for (let nl = bytes.indexOf(0x0a, start); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
      append(bytes.subarray(start, nl));
      consumed += nl + 1 - start;
      start = nl + 1;
      const line = finish();
      if (line !== undefined) yield line;
    }
    append(bytes.subarray(start));
    consumed += bytes.length - start;
  }
  if (length > 0 || tooLong) {
    const line = finish();
    if (line !== undefined) yield line;
  }
}

/**
 * The stream of a JSONL input (a file, or standard input for `-`) and its size when known, for progress.
 *
 * @throws Node system errors: a missing file, or `EISDIR` for a folder, before anything is read.
 * @example
 * ```ts
 * const { stream, totalBytes } = openJsonlInput('dataset.jsonl', process.stdin);
 * ```
 */
export function openJsonlInput(input: string, stdin: Readable): { stream: Readable; totalBytes: number | undefined } {
  if (input === '-') return { stream: stdin, totalBytes: undefined };
  // stat first so a missing file or a folder is reported before any worker starts.
  const stats = statSync(input);
  if (stats.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
  return { stream: createReadStream(input, { highWaterMark: 1 << 20 }), totalBytes: stats.size };
}
