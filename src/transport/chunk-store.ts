// The slots of one message being reassembled: duplicates, conflicts, what is missing, and the verified whole.
import { crc32Hex } from '../checksum/crc32.js';

import { ChunkError, describeIndexes } from './chunk-error.js';
import type { ChunkRef, MessageHeader, ParsedChunk } from './chunk-format.js';
import { TextCrc } from './text-crc.js';

/** What adding a chunk did: stored it, or found the same chunk already there. */
export type ChunkAddStatus = 'added' | 'duplicate';

/** @internal */
export class ChunkStore {
  readonly header: MessageHeader;
  /** Distinct chunks held. */
  received = 0;
  /** Characters of text held. */
  receivedLength = 0;
  private parts: (string | undefined)[];
  private whole: string | undefined;
  /** Once assembled: where each chunk's slice starts in `whole` (count + 1 entries); `parts` is then released. */
  private offsets: Float64Array | undefined;

  constructor(header: MessageHeader) {
    this.header = { id: header.id, count: header.count, length: header.length, crc32: header.crc32 };
    // count was checked against the reader's maxCount before this point.
    this.parts = new Array<string | undefined>(header.count);
  }

  /** Why `chunk` is not part of this message, or undefined when it is. */
  mismatch(chunk: MessageHeader): string | undefined {
    const h = this.header;
    if (chunk.id !== h.id) return `belongs to message ${chunk.id}, not ${h.id}`;
    if (chunk.count !== h.count) return `declares ${chunk.count} chunks where message ${h.id} has ${h.count}`;
    if (chunk.length !== h.length) return `declares a text of ${chunk.length} characters where message ${h.id} has ${h.length}`;
    if (chunk.crc32 !== h.crc32) return `declares text CRC-32 ${chunk.crc32} where message ${h.id} has ${h.crc32}`;
    return undefined;
  }

  get isComplete(): boolean {
    return this.received === this.header.count;
  }

  /** @throws ChunkError `ERR_CHUNK` when the chunk is foreign, conflicts with the one held, or overfills the text. */
  add(chunk: ParsedChunk, ref: ChunkRef): ChunkAddStatus {
    const { index } = chunk;
    const fail = (message: string): ChunkError =>
      new ChunkError('ERR_CHUNK', `${ref.where} (index ${index}) ${message}`, { index, position: ref.position });
    const reason = this.mismatch(chunk);
    if (reason !== undefined) throw fail(reason);
    const held = this.slice(index);
    if (held !== undefined) {
      if (held === chunk.data) return 'duplicate';
      throw fail(`conflicts with the chunk of the same index already received (different data, both with valid checks)`);
    }
    if (this.receivedLength + chunk.data.length > this.header.length) {
      throw fail(`would make the text longer than the ${this.header.length} characters its message declares`);
    }
    this.parts[index] = chunk.data;
    this.received++;
    this.receivedLength += chunk.data.length;
    return 'added';
  }

  /** Missing indexes, ascending, at most `limit` of them. */
  missing(limit: number): number[] {
    const out: number[] = [];
    if (this.isComplete) return out;
    const { count } = this.header;
    for (let i = 0; i < count && out.length < limit; i++) if (this.parts[i] === undefined) out.push(i);
    return out;
  }

  /**
   * The whole text, verified against the declared length and CRC-32.
   * @throws ChunkError `ERR_CHUNK_MISSING` (with `missing`), `ERR_LENGTH_MISMATCH`, `ERR_CHECKSUM`.
   */
  assemble(): string {
    if (this.whole !== undefined) return this.whole;
    const { id, count, length, crc32 } = this.header;
    if (!this.isComplete) {
      const missing = this.missing(Infinity);
      throw new ChunkError(
        'ERR_CHUNK_MISSING',
        `Message ${id} lacks ${missing.length} of its ${count} chunks: ${describeIndexes(missing)}`,
        { missing },
      );
    }
    if (this.receivedLength !== length) {
      throw new ChunkError(
        'ERR_LENGTH_MISMATCH',
        `Message ${id} declares a text of ${length} characters but its ${count} chunks hold ${this.receivedLength}`,
      );
    }
    const parts = this.parts as string[];
    const hash = new TextCrc();
    const offsets = new Float64Array(count + 1);
    for (let i = 0; i < count; i++) {
      hash.update(parts[i]!);
      offsets[i + 1] = offsets[i]! + parts[i]!.length;
    }
    const actual = crc32Hex(hash.digest());
    if (actual !== crc32) {
      throw new ChunkError('ERR_CHECKSUM', `Message ${id} declares text CRC-32 ${crc32} but its chunks join to ${actual}`);
    }
    this.whole = parts.join('');
    this.offsets = offsets;
    this.parts = [];
    return this.whole;
  }

  private slice(index: number): string | undefined {
    if (this.offsets !== undefined) return this.whole!.slice(this.offsets[index]!, this.offsets[index + 1]!);
    return this.parts[index];
  }
}
