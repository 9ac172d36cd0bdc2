import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { ChunkError } from '../../src/transport/chunk-error.js';
import { joinText } from '../../src/transport/join.js';
import { splitText } from '../../src/transport/split.js';
import { handSplit, makeChunk, zlibCrcHex } from './chunk-helpers.js';

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const text = fc.string({
  unit: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom('A', 'b', '9', '+', '/', '=') },
    { weight: 2, arbitrary: fc.constantFrom('"', '\\', '\n', '\u0000', 'é', '😀') },
    { weight: 1, arbitrary: anyUnit },
  ),
  maxLength: 800,
});

function thrown(f: () => unknown): ChunkError | PixtextError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PixtextError);
    return e as PixtextError;
  }
  throw new Error('expected a PixtextError');
}

const SAMPLE = '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}'.repeat(12);
const sampleChunks = () => splitText(SAMPLE, { maxChunkLength: 200, id: 'sample' });

describe(`joinText (${process.env.PIXTEXT_PROJECT})`, () => {
  it('joins any permutation of the chunks with any duplicates back to the text', () => {
    fc.assert(
      fc.property(
        text,
        fc.integer({ min: 140, max: 300 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.infiniteStream(fc.nat()),
        (t, maxChunkLength, dupPicks, order) => {
          const chunks = splitText(t, { maxChunkLength });
          const all = [...chunks, ...dupPicks.map((k) => chunks[k % chunks.length]!)];
          // Fisher-Yates driven by the generated stream, so fast-check can shrink the order too.
          const it = order[Symbol.iterator]();
          for (let i = all.length - 1; i > 0; i--) {
            const j = it.next().value! % (i + 1);
            [all[i], all[j]] = [all[j]!, all[i]!];
          }
          expect(joinText(all)).toBe(t);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts any valid JSON of the chunk object: other key order, whitespace, escapes, unknown keys', () => {
    const chunks = sampleChunks().map((c, i) => {
      const o = JSON.parse(c) as Record<string, unknown>;
      const reordered = { data: o.data, future: { x: 1 }, ...o };
      return i % 2 ? JSON.stringify(reordered, null, 2) : JSON.stringify(reordered).replace(/"mode"/g, '"\\u006dode"');
    });
    expect(joinText(chunks)).toBe(SAMPLE);
    expect(joinText(new Set(sampleChunks()))).toBe(SAMPLE);
  });

  it('names every missing chunk (ERR_CHUNK_MISSING with `missing`)', () => {
    const chunks = sampleChunks();
    expect(chunks.length).toBeGreaterThan(8);
    const kept = chunks.filter((_, i) => ![1, 3, 4, 5, chunks.length - 1].includes(i));
    const e = thrown(() => joinText(kept)) as ChunkError;
    expect(e.code).toBe(ErrorCode.CHUNK_MISSING);
    expect(e.missing).toEqual([1, 3, 4, 5, chunks.length - 1]);
    expect(e.message).toContain(`1, 3-5, ${chunks.length - 1}`);

    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(chunks.length - 1), { minLength: 1, maxLength: chunks.length - 1 }), (drop) => {
        const err = thrown(() => joinText(chunks.filter((_, i) => !drop.includes(i)))) as ChunkError;
        expect(err.code).toBe(ErrorCode.CHUNK_MISSING);
        expect(err.missing).toEqual([...drop].sort((a, b) => a - b));
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a chunk with any one character changed, with its position, or joins to the exact text', () => {
    const chunks = sampleChunks();
    fc.assert(
      fc.property(fc.nat(chunks.length - 1), fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (k, at, code) => {
        const victim = chunks[k]!;
        const pos = at % victim.length;
        fc.pre(victim.charCodeAt(pos) !== code);
        const damaged = victim.slice(0, pos) + String.fromCharCode(code) + victim.slice(pos + 1);
        const list = [...chunks];
        list[k] = damaged;
        let result: string | undefined;
        try {
          result = joinText(list);
        } catch (e) {
          expect(e).toBeInstanceOf(ChunkError);
          const err = e as ChunkError;
          // A damaged chunk is caught by itself, never later by the whole-text CRC.
          expect(err.code).toBe(ErrorCode.CHUNK);
          expect(err.position).toBe(k);
          return;
        }
        // Only a change JSON does not see (such as the case of a \u escape's hex digit) may pass.
        expect(result).toBe(SAMPLE);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects a chunk whose data was changed, with its declared index', () => {
    const chunks = sampleChunks();
    const o = JSON.parse(chunks[4]!) as { data: string };
    o.data = (o.data.startsWith('Z') ? 'Y' : 'Z') + o.data.slice(1);
    const e = thrown(() => joinText([...chunks.slice(0, 4), JSON.stringify(o), ...chunks.slice(5)])) as ChunkError;
    expect(e.code).toBe(ErrorCode.CHUNK);
    expect(e.index).toBe(4);
    expect(e.position).toBe(4);
  });

  it('rejects bad JSON, non-objects and non-chunks with ERR_CHUNK and their position', () => {
    const chunks = sampleChunks();
    for (const bad of ['', '{', 'null', '[1]', '"x"', '{}', '{"pixtextChunk":2}', chunks[0]!.slice(0, -1)]) {
      const e = thrown(() => joinText([chunks[0]!, chunks[1]!, bad])) as ChunkError;
      expect(e.code).toBe(ErrorCode.CHUNK);
      expect(e.position).toBe(2);
    }
  });

  it('rejects malformed fields with ERR_CHUNK', () => {
    const base = { id: 'f', index: 0, count: 1, length: 2, crc32: zlibCrcHex('ab'), data: 'ab' };
    const fields: Record<string, unknown>[] = [
      { id: '' },
      { id: 'a b' },
      { id: 5 },
      { index: -1 },
      { index: 1 },
      { index: 0.5 },
      { index: '0' },
      { count: 0 },
      { count: 3 }, // more chunks than characters
      { length: -1 },
      { length: 1 }, // data longer than the text
      { crc32: 'ABCDEF01' },
      { crc32: 'abc' },
      { chunkCrc32: 'zzzzzzzz' },
      { chunkCrc32: '00000000' },
      { data: 5 },
      { data: undefined },
    ];
    for (const f of fields) {
      const o = JSON.parse(makeChunk(base)) as Record<string, unknown>;
      Object.assign(o, f);
      const e = thrown(() => joinText([JSON.stringify(o)]));
      expect(e.code, JSON.stringify(f)).toBe(ErrorCode.CHUNK);
    }
    expect(joinText([makeChunk(base)])).toBe('ab');
  });

  it('rejects a foreign chunk (another message) with its position, wherever it is', () => {
    const chunks = sampleChunks();
    const stranger = splitText('another text', { maxChunkLength: 200, id: 'other' })[0]!;
    for (const at of [0, 3, chunks.length]) {
      const list = [...chunks];
      list.splice(at, 0, stranger);
      const e = thrown(() => joinText(list)) as ChunkError;
      expect(e.code).toBe(ErrorCode.CHUNK);
      expect(e.position).toBe(at);
      expect(e.index).toBe(0);
    }
  });

  it('rejects a chunk of the same text split with another count (same default id) as foreign', () => {
    const chunks = splitText(SAMPLE, { maxChunkLength: 200 });
    const other = splitText(SAMPLE, { maxChunkLength: 300 });
    expect(JSON.parse(other[2]!).id).toBe(JSON.parse(chunks[0]!).id);
    const e = thrown(() => joinText([...chunks.slice(0, 5), other[2]!, ...chunks.slice(5)])) as ChunkError;
    expect(e.code).toBe(ErrorCode.CHUNK);
    expect(e.position).toBe(5);
    expect(e.index).toBe(2);
  });

  it('ignores identical duplicates but rejects a conflicting one', () => {
    const t = 'abcdef';
    const crc = zlibCrcHex(t);
    const good = handSplit(t, [3, 3], 'dup');
    expect(joinText([good[1]!, good[0]!, good[1]!, good[0]!])).toBe(t);
    const conflicting = makeChunk({ id: 'dup', index: 1, count: 2, length: 6, crc32: crc, data: 'xyz' });
    const e = thrown(() => joinText([...good, conflicting])) as ChunkError;
    expect(e.code).toBe(ErrorCode.CHUNK);
    expect(e.position).toBe(2);
    expect(e.index).toBe(1);
  });

  it('verifies the whole text: ERR_CHECKSUM when consistent chunks join to another CRC', () => {
    const e = thrown(() => joinText(handSplit('abcdef', [3, 3], 'w', zlibCrcHex('abcdeg'))));
    expect(e.code).toBe(ErrorCode.CHECKSUM);
  });

  it('verifies the length: ERR_LENGTH_MISMATCH when the chunks hold less than declared', () => {
    const e = thrown(() => joinText(handSplit('abcdef', [3, 2], 'w', zlibCrcHex('abcdef'), 6)));
    expect(e.code).toBe(ErrorCode.LENGTH_MISMATCH);
  });

  it('rejects a count or length over the limits with ERR_TOO_LARGE', () => {
    const huge = { id: 'h', index: 0, crc32: '00000000', data: 'a' };
    expect(thrown(() => joinText([makeChunk({ ...huge, count: 2 ** 20 + 1, length: 2 ** 30 })])).code).toBe(ErrorCode.TOO_LARGE);
    expect(thrown(() => joinText([makeChunk({ ...huge, count: 1, length: 536_870_889 })])).code).toBe(ErrorCode.TOO_LARGE);
  });

  it('does not let a "__proto__" key change anything', () => {
    const chunk = makeChunk({ id: 'p', index: 0, count: 1, length: 2, crc32: zlibCrcHex('ok'), data: 'ok' });
    const polluted = chunk.replace('{', '{"__proto__":{"polluted":true,"data":"evil"},');
    expect(joinText([polluted])).toBe('ok');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says what is wrong with its arguments', () => {
    expect(thrown(() => joinText([])).code).toBe(ErrorCode.CHUNK_MISSING);
    for (const bad of [undefined, null, 'chunk', 42, { length: 1 }]) {
      expect(thrown(() => joinText(bad as never)).code).toBe(ErrorCode.INVALID_ARGUMENT);
    }
    expect(thrown(() => joinText([sampleChunks()[0]!, 7 as never])).code).toBe(ErrorCode.INVALID_ARGUMENT);
  });
});
