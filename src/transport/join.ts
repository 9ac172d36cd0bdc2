// joinText: a whole list of chunks, in any order, back to the text.
import { invalidArgument } from '../errors.js';
import { ChunkError } from './chunk-error.js';
import { ENGINE_MAX_STRING_LENGTH } from '../engine-limits.js';
import { MAX_CHUNK_COUNT, parseChunk } from './chunk-format.js';
import type { ParsedChunk } from './chunk-format.js';
import { ChunkStore } from './chunk-store.js';

const LIMITS = { maxCount: MAX_CHUNK_COUNT, maxLength: ENGINE_MAX_STRING_LENGTH };

/**
 * Joins the chunks made by {@link splitText}, given in any order, back into the text, verified. Identical duplicates
 * are ignored. The message is the one most of the valid chunks belong to (the first one's on a tie), so one stray
 * chunk is reported as the stranger whatever its position.
 *
 * @param chunks - The chunk strings, any order, duplicates allowed (an array or any iterable).
 * @throws ChunkError `ERR_CHUNK` for a chunk that is not JSON, malformed, damaged (its own `chunkCrc32` fails), of
 *   another message or count, or that conflicts with another of the same index: with its `position` in `chunks`
 *   and its declared `index` when readable. `ERR_CHUNK_MISSING` when chunks are missing (`missing` lists them; so
 *   does the message). `ERR_LENGTH_MISMATCH` or `ERR_CHECKSUM` when the chunks do not join to the declared text.
 *   `ERR_TOO_LARGE` for a declared count or length over {@link MAX_CHUNK_COUNT} / {@link ENGINE_MAX_STRING_LENGTH}.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` when `chunks` is not an iterable of strings.
 * @example
 * ```ts
 * const text = joinText(receivedChunks); // any order
 * const image = textToImage(text);
 * ```
 */
export function joinText(chunks: Iterable<string>): string {
  if (typeof chunks !== 'object' || chunks === null || typeof (chunks as Iterable<string>)[Symbol.iterator] !== 'function') {
    throw invalidArgument('an array of chunk strings', 'chunks', chunks);
  }
  const parsed: ParsedChunk[] = [];
  let position = 0;
  for (const chunk of chunks) {
    const where = `chunks[${position}]`;
    if (typeof chunk !== 'string') throw invalidArgument('a string', where, chunk);
    parsed.push(parseChunk(chunk, LIMITS, { where, position }));
    position++;
  }
  if (parsed.length === 0) throw new ChunkError('ERR_CHUNK_MISSING', 'No chunks were given', { missing: [] });

  const store = new ChunkStore(majority(parsed));
  parsed.forEach((chunk, i) => store.add(chunk, { where: `chunks[${i}]`, position: i }));
  return store.assemble();
}

/** The header most chunks share; the earliest one wins a tie. */
function majority(parsed: readonly ParsedChunk[]): ParsedChunk {
  const votes = new Map<string, { chunk: ParsedChunk; votes: number }>();
  let best: { chunk: ParsedChunk; votes: number } | undefined;
  for (const chunk of parsed) {
    const key = `${chunk.id}:${chunk.count}:${chunk.length}:${chunk.crc32}`;
    let entry = votes.get(key);
    if (entry === undefined) votes.set(key, (entry = { chunk, votes: 0 }));
    entry.votes++;
    if (best === undefined || entry.votes > best.votes) best = entry;
  }
  return best!.chunk;
}
