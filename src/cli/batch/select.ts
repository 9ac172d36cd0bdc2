// Which inputs a batch handles: the paths of a list (`--files-from`), and the share of them one shard takes
// (`--shard K/N`). A shard is decided by the relative path alone, so every machine and every listing order agree.
import { join } from 'node:path';
import { usageError } from '../args.js';
import { FileError } from '../report.js';
import { datasetPathSegments, pathKey } from './safe-path.js';
import type { FoundFile } from './walk.js';

/** One shard of N: the inputs whose path hash, mod `count`, is `index - 1`. */
export interface Shard {
  /** 1-based, from 1 to `count`. */
  readonly index: number;
  readonly count: number;
}

/** Most shards a run may be split into (far more than any cluster has cores; keeps K/N short and exact). */
export const MAX_SHARDS = 1_000_000;

/**
 * Parses `--shard K/N` (integers, 1 ≤ K ≤ N ≤ 1,000,000).
 *
 * @throws UsageError in the one message form (`Expected K/N … for --shard but received "0/3"`).
 * @example
 * ```ts
 * shardOption('2/8'); // { index: 2, count: 8 }
 * ```
 */
export function shardOption(value: string | boolean | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(\d{1,7})\/(\d{1,7})$/.exec(value) : null;
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    throw usageError(`K/N, two integers with 1 <= K <= N <= ${MAX_SHARDS}, such as 2/8`, '--shard', value);
  }
  return { index, count };
}

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const utf8 = new TextEncoder();

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `text` (the published constants: offset basis 2166136261, prime 16777619).
 *
 * @example
 * ```ts
 * fnv1a32('a'); // 0xe40c292c
 * ```
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of utf8.encode(text)) hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  return hash;
}

/**
 * True when the input at `relPath` (the dataset path, '/' separators) belongs to `shard`: FNV-1a 32 of its UTF-8
 * bytes, mod N, equals K - 1. Every input is in exactly one of the shards 1/N … N/N.
 *
 * @example
 * ```ts
 * inShard('cats/a.png', { index: 1, count: 1 }); // true
 * ```
 */
export function inShard(relPath: string, shard: Shard | undefined): boolean {
  return shard === undefined || fnv1a32(relPath) % shard.count === shard.index - 1;
}

/**
 * The files named by a `--files-from` list: one path a line, relative to `folder` (as `metadata.path` records them),
 * in the list's order. A trailing `\r` (CRLF) and empty lines are ignored. Errors name the line; the caller names the list.
 *
 * @throws FileError `ERR_UNSAFE_PATH` naming the line for a path that is not a plain relative path of well-formed
 *   UTF-8 (absolute, `..`, a backslash, a control character, invalid UTF-8), `ERR_DUPLICATE_PATH` for a path listed
 *   twice (two lines of the dataset would name one file).
 * @example
 * ```ts
 * filesFromList(Buffer.from('a.png\r\nsub/b.jpg\n'), 'photos'); // [{ relPath: 'a.png', … }, …]
 * ```
 */
export function filesFromList(list: Uint8Array, folder: string): FoundFile[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const found: FoundFile[] = [];
  const seen = new Map<string, number>();
  let start = 0;
  for (let lineNumber = 1; start < list.length; lineNumber += 1) {
    let end = list.indexOf(0x0a, start);
    if (end === -1) end = list.length;
    let stop = end;
    if (stop > start && list[stop - 1] === 0x0d) stop -= 1;
    const bytes = list.subarray(start, stop);
    start = end + 1;
    if (bytes.length === 0) continue;
    let path: string;
    try {
      path = decoder.decode(bytes);
    } catch {
      throw new FileError('ERR_UNSAFE_PATH', `line ${lineNumber}: the path is not valid UTF-8`);
    }
    let segments: string[];
    try {
      segments = datasetPathSegments(path, 'the path');
    } catch (error) {
      throw new FileError('ERR_UNSAFE_PATH', `line ${lineNumber}: ${(error as Error).message} (paths are relative to the folder, '/' separators)`);
    }
    const key = pathKey(segments);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new FileError('ERR_DUPLICATE_PATH', `line ${lineNumber}: ${JSON.stringify(path)} is listed already on line ${earlier}`);
    seen.set(key, lineNumber);
    found.push({ relPath: segments.join('/'), fsPath: join(folder, ...segments) });
  }
  return found;
}
