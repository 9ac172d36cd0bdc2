import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { ChunkError } from '../../src/transport/chunk-error.js';
import { Reassembler } from '../../src/transport/reassembler.js';
import { splitText } from '../../src/transport/split.js';
import { handSplit, makeChunk, mulberry32, zlibCrcHex } from './chunk-helpers.js';

function thrown(f: () => unknown): ChunkError | PixtextError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PixtextError);
    return e as PixtextError;
  }
  throw new Error('expected a PixtextError');
}

const TEXT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(40) + ' "quoted" \\ é 😀';
const chunksOf = (t = TEXT) => splitText(t, { maxChunkLength: 160, id: 'msg' });

describe(`Reassembler (${process.env.PIXTEXT_PROJECT})`, () => {
  it('reports status, what is missing and completion as chunks arrive', () => {
    const chunks = chunksOf();
    const n = chunks.length;
    expect(n).toBeGreaterThan(10);
    const r = new Reassembler();
    expect([r.id, r.count, r.length, r.received, r.isComplete]).toEqual([undefined, undefined, undefined, 0, false]);
    expect(r.missing()).toEqual([]);

    expect(r.add(chunks[3]!)).toEqual({ status: 'added', index: 3, received: 1, count: n, complete: false });
    expect([r.id, r.count, r.length]).toEqual(['msg', n, TEXT.length]);
    const allBut3 = Array.from({ length: n }, (_, i) => i).filter((i) => i !== 3);
    expect(r.missing()).toEqual(allBut3);
    expect(r.missing(2)).toEqual([0, 1]);
    expect(r.missing(0)).toEqual([]);

    expect(r.add(chunks[3]!)).toEqual({ status: 'duplicate', index: 3, received: 1, count: n, complete: false });
    expect(r.add(chunks[n - 1]!).status).toBe('added');
    expect(r.missing()).toEqual(allBut3.filter((i) => i !== n - 1));

    const e = thrown(() => r.text()) as ChunkError;
    expect(e.code).toBe(ErrorCode.CHUNK_MISSING);
    expect(e.missing).toEqual(r.missing());

    for (let i = 0; i < n - 1; i++) if (i !== 3) r.add(chunks[i]!);
    expect(r.isComplete).toBe(true);
    expect(r.received).toBe(n);
    expect(r.missing()).toEqual([]);
    expect(r.text()).toBe(TEXT);
    expect(r.text()).toBe(TEXT);
    // After assembly duplicates are still recognised, and a conflicting chunk still rejected.
    expect(r.add(chunks[5]!)).toEqual({ status: 'duplicate', index: 5, received: n, count: n, complete: true });
  });

  it('reassembles any order with duplicates and strangers mixed in', () => {
    const strangers = splitText('a different message', { maxChunkLength: 150, id: 'other' });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 700 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (t, seed) => {
        const chunks = splitText(t, { maxChunkLength: 300 });
        const rand = mulberry32(seed);
        const stream = [...chunks, ...chunks.filter(() => rand() < 0.3), ...strangers];
        for (let i = stream.length - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          [stream[i], stream[j]] = [stream[j]!, stream[i]!];
        }
        const r = new Reassembler({ id: (JSON.parse(chunks[0]!) as { id: string }).id });
        let rejected = 0;
        for (const c of stream) {
          try {
            r.add(c);
          } catch (e) {
            expect((e as ChunkError).code).toBe(ErrorCode.CHUNK);
            rejected++;
          }
        }
        expect(rejected).toBe(strangers.length);
        expect(r.isComplete).toBe(true);
        expect(r.text()).toBe(t);
      }),
      { numRuns: 200 },
    );
  });

  it('takes the id of the first valid chunk, then rejects other messages with the chunk index', () => {
    const r = new Reassembler();
    const ours = chunksOf();
    r.add(ours[0]!);
    const theirs = splitText(TEXT + '!', { maxChunkLength: 160, id: 'msg2' });
    const e = thrown(() => r.add(theirs[2]!)) as ChunkError;
    expect(e.code).toBe(ErrorCode.CHUNK);
    expect(e.index).toBe(2);
    // Same id, but another count: also foreign.
    const recut = splitText(TEXT, { maxChunkLength: 400, id: 'msg' });
    expect((thrown(() => r.add(recut[1]!)) as ChunkError).index).toBe(1);
    expect(r.received).toBe(1);
  });

  it('leaves its state unchanged when a damaged chunk is rejected', () => {
    const chunks = chunksOf();
    const r = new Reassembler();
    r.add(chunks[0]!);
    const damaged = chunks[1]!.replace('"data":"', '"data":"x');
    const e = thrown(() => r.add(damaged)) as ChunkError;
    expect(e.code).toBe(ErrorCode.CHUNK);
    expect(e.index).toBe(1);
    expect(thrown(() => r.add('not json')).code).toBe(ErrorCode.CHUNK);
    expect(r.received).toBe(1);
    expect(r.missing()).toContain(1);
    r.add(chunks[1]!);
    expect(r.received).toBe(2);
  });

  it('rejects a conflicting chunk of an index it holds', () => {
    const crc = zlibCrcHex('abcdef');
    const r = new Reassembler();
    for (const c of handSplit('abcdef', [2, 2, 2], 'c')) r.add(c);
    const other = makeChunk({ id: 'c', index: 1, count: 3, length: 6, crc32: crc, data: 'zz' });
    expect((thrown(() => r.add(other)) as ChunkError).index).toBe(1);
    expect(r.text()).toBe('abcdef');
    expect((thrown(() => r.add(other)) as ChunkError).code).toBe(ErrorCode.CHUNK);
  });

  it('rejects a chunk that would make the text longer than declared, before storing it', () => {
    const crc = zlibCrcHex('abcdef');
    const r = new Reassembler();
    r.add(makeChunk({ id: 'o', index: 0, count: 3, length: 6, crc32: crc, data: 'abcde' }));
    const e = thrown(() => r.add(makeChunk({ id: 'o', index: 1, count: 3, length: 6, crc32: crc, data: 'fg' }))) as ChunkError;
    expect(e.code).toBe(ErrorCode.CHUNK);
    expect(e.index).toBe(1);
    expect(r.received).toBe(1);
  });

  it('checks the whole text once complete: ERR_CHECKSUM, ERR_LENGTH_MISMATCH', () => {
    const bad = new Reassembler();
    for (const c of handSplit('abcdef', [3, 3], 'k', zlibCrcHex('abcdeF'))) bad.add(c);
    expect(bad.isComplete).toBe(true);
    expect(thrown(() => bad.text()).code).toBe(ErrorCode.CHECKSUM);
    const short = new Reassembler();
    for (const c of handSplit('abcdef', [3, 2], 'k', zlibCrcHex('abcdef'), 6)) short.add(c);
    expect(thrown(() => short.text()).code).toBe(ErrorCode.LENGTH_MISMATCH);
  });

  it('rejects absurd counts and lengths before allocating (ERR_TOO_LARGE), within its configured limits', () => {
    const base = { id: 'big', index: 0, crc32: '00000000', data: 'a' };
    const r = new Reassembler({ maxCount: 1000, maxLength: 10_000 });
    expect(thrown(() => r.add(makeChunk({ ...base, count: 1001, length: 5000 }))).code).toBe(ErrorCode.TOO_LARGE);
    expect(thrown(() => r.add(makeChunk({ ...base, count: 10, length: 10_001 }))).code).toBe(ErrorCode.TOO_LARGE);
    expect(r.count).toBeUndefined();
    const defaults = new Reassembler();
    expect(thrown(() => defaults.add(makeChunk({ ...base, count: 2 ** 20 + 1, length: 2 ** 29 }))).code).toBe(ErrorCode.TOO_LARGE);
    expect(thrown(() => defaults.add(makeChunk({ ...base, count: 1, length: 2 ** 30 }))).code).toBe(ErrorCode.TOO_LARGE);
    // The largest allowed message costs only its slot table until data actually arrives.
    const before = process.memoryUsage().heapUsed;
    defaults.add(makeChunk({ ...base, count: 2 ** 20, length: 536_870_888 }));
    expect(defaults.missing(3)).toEqual([1, 2, 3]);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 2 ** 20);
  });

  it('honours a pinned id from the first chunk on', () => {
    const r = new Reassembler({ id: 'wanted' });
    expect(r.id).toBe('wanted');
    const e = thrown(() => r.add(chunksOf()[0]!)) as ChunkError;
    expect(e.code).toBe(ErrorCode.CHUNK);
    expect(e.index).toBe(0);
    expect(r.count).toBeUndefined();
    expect(thrown(() => r.text()).code).toBe(ErrorCode.CHUNK_MISSING);
  });

  it('validates options and arguments with ERR_INVALID_ARGUMENT', () => {
    for (const options of [null, 5, { id: '' }, { id: 'a b' }, { maxCount: 0 }, { maxCount: 2 ** 20 + 1 }, { maxCount: 1.5 },
      { maxLength: -1 }, { maxLength: 536_870_889 }, { maxLength: Infinity }]) {
      expect(thrown(() => new Reassembler(options as never)).code).toBe(ErrorCode.INVALID_ARGUMENT);
    }
    const r = new Reassembler();
    expect(thrown(() => r.add(42 as never)).code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(thrown(() => r.add(new Uint8Array(4) as never)).code).toBe(ErrorCode.INVALID_ARGUMENT);
    for (const limit of [-1, 1.5, NaN, '3']) expect(thrown(() => r.missing(limit as never)).code).toBe(ErrorCode.INVALID_ARGUMENT);
  });
});
