// Reassembler: chunks in one at a time (any order, duplicates, strangers), the verified text out.
import { ENGINE_MAX_STRING_LENGTH } from '../engine-limits.js';
import { invalidArgument } from '../errors.js';
import { ChunkError } from './chunk-error.js';
import { CHUNK_ID_PATTERN, MAX_CHUNK_COUNT, parseChunk } from './chunk-format.js';
import type { ChunkLimits } from './chunk-format.js';
import { ChunkStore } from './chunk-store.js';
import type { ChunkAddStatus } from './chunk-store.js';

/** Options of {@link Reassembler}. */
export interface ReassemblerOptions {
  /** Accept only chunks of this message id. Defaults to the id of the first valid chunk. */
  id?: string;
  /** The most chunks a message may declare, 1 to {@link MAX_CHUNK_COUNT}. Defaults to {@link MAX_CHUNK_COUNT} (2^20). */
  maxCount?: number;
  /** The longest text a message may declare, in characters. Defaults to {@link ENGINE_MAX_STRING_LENGTH} (V8's string limit). */
  maxLength?: number;
}

/** What {@link Reassembler.add} did with a chunk. */
export interface ChunkStatus {
  /** `'added'`: a new chunk was stored; `'duplicate'`: the same chunk was already held (nothing changed). */
  status: ChunkAddStatus;
  /** The chunk's index. */
  index: number;
  /** Distinct chunks held now. */
  received: number;
  /** Chunks in the message. */
  count: number;
  /** True when every chunk is held (the text may still fail its whole-text CRC in {@link Reassembler.text}). */
  complete: boolean;
}

/**
 * Reassembles one chunked message from chunks given one at a time, in any order: what a receiver on an unreliable
 * channel needs. Each chunk is checked on its own when it arrives (JSON, fields, its own `chunkCrc32`, that it
 * belongs to this message), so a damaged or foreign chunk is rejected without spoiling the rest.
 *
 * Memory is bounded: a `count` or `length` over the limits is rejected before anything is allocated for it
 * (`ERR_TOO_LARGE`), the slot table holds at most `maxCount` entries, and the text held never exceeds the length
 * the message declares.
 *
 * @example
 * ```ts
 * const r = new Reassembler();
 * socket.on('message', (datagram) => {
 *   try { r.add(datagram.toString('latin1')); } catch { return; } // damaged: it will be asked for again
 *   if (r.isComplete) show(textToImage(r.text()));
 * });
 * setInterval(() => socket.send(JSON.stringify({ nack: r.missing(100) })), 50);
 * ```
 */
export class Reassembler {
  private readonly limits: ChunkLimits;
  private readonly expectedId: string | undefined;
  private store: ChunkStore | undefined;

  /** @throws PixtextError `ERR_INVALID_ARGUMENT` for a bad option. */
  constructor(options: ReassemblerOptions = {}) {
    if (typeof options !== 'object' || options === null) throw invalidArgument('an object', 'options', options);
    const { id, maxCount = MAX_CHUNK_COUNT, maxLength = ENGINE_MAX_STRING_LENGTH } = options;
    if (id !== undefined && (typeof id !== 'string' || !CHUNK_ID_PATTERN.test(id))) {
      throw invalidArgument('1 to 64 characters from A-Z a-z 0-9 . _ ~ -', 'id', id);
    }
    if (!Number.isSafeInteger(maxCount) || maxCount < 1 || maxCount > MAX_CHUNK_COUNT) {
      throw invalidArgument(`an integer from 1 to ${MAX_CHUNK_COUNT}`, 'maxCount', maxCount);
    }
    if (!Number.isSafeInteger(maxLength) || maxLength < 0 || maxLength > ENGINE_MAX_STRING_LENGTH) {
      throw invalidArgument(`an integer from 0 to ${ENGINE_MAX_STRING_LENGTH}`, 'maxLength', maxLength);
    }
    this.limits = { maxCount, maxLength };
    this.expectedId = id;
  }

  /** The message id: the one asked for, else that of the first valid chunk; undefined before then. */
  get id(): string | undefined {
    return this.store?.header.id ?? this.expectedId;
  }

  /** Chunks in the message; undefined until a valid chunk has arrived. */
  get count(): number | undefined {
    return this.store?.header.count;
  }

  /** The text's length in characters, as the message declares it; undefined until a valid chunk has arrived. */
  get length(): number | undefined {
    return this.store?.header.length;
  }

  /** Distinct chunks held. */
  get received(): number {
    return this.store?.received ?? 0;
  }

  /** True once every chunk of the message is held. */
  get isComplete(): boolean {
    return this.store?.isComplete ?? false;
  }

  /**
   * Takes one chunk. An identical copy of a chunk already held is reported as `'duplicate'` and changes nothing.
   * @throws ChunkError `ERR_CHUNK` (with the chunk's `index` when readable) for a chunk that is not JSON, malformed,
   *   damaged (its `chunkCrc32` fails), of another message (id, count, length or text CRC differ), or that conflicts
   *   with a held chunk of the same index; `ERR_TOO_LARGE` for a `count` or `length` over the limits.
   *   The Reassembler is unchanged by a rejected chunk.
   * @throws PixtextError `ERR_INVALID_ARGUMENT` when `chunk` is not a string.
   */
  add(chunk: string): ChunkStatus {
    if (typeof chunk !== 'string') throw invalidArgument('a string', 'chunk', chunk);
    const ref = { where: 'chunk' };
    const parsed = parseChunk(chunk, this.limits, ref);
    if (this.store === undefined) {
      if (this.expectedId !== undefined && parsed.id !== this.expectedId) {
        const message = `chunk (index ${parsed.index}) belongs to message ${parsed.id}, not ${this.expectedId}`;
        throw new ChunkError('ERR_CHUNK', message, { index: parsed.index });
      }
      this.store = new ChunkStore(parsed);
    }
    const status = this.store.add(parsed, ref);
    const { received, isComplete } = this.store;
    return { status, index: parsed.index, received, count: this.store.header.count, complete: isComplete };
  }

  /**
   * The indexes still missing, ascending, at most `limit` of them (defaults to all). Empty before the first valid
   * chunk, when the count is not known yet (check {@link Reassembler.count}).
   * @throws PixtextError `ERR_INVALID_ARGUMENT` for a `limit` that is not a non-negative integer or Infinity.
   */
  missing(limit = Infinity): number[] {
    if (limit !== Infinity && (!Number.isSafeInteger(limit) || limit < 0)) {
      throw invalidArgument('a non-negative integer or Infinity', 'limit', limit);
    }
    return this.store?.missing(limit) ?? [];
  }

  /**
   * The whole text, once every chunk is held, verified against its declared length and CRC-32.
   * @throws ChunkError `ERR_CHUNK_MISSING` (with `missing`) while chunks are missing, `ERR_LENGTH_MISMATCH` or
   *   `ERR_CHECKSUM` when the chunks do not join to the text their message declares.
   */
  text(): string {
    if (this.store === undefined) {
      throw new ChunkError('ERR_CHUNK_MISSING', 'No chunk of the message has arrived yet', { missing: [] });
    }
    return this.store.assemble();
  }
}
