import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { splitText } from '../../src/transport/split.js';
import { zlibCrcHex } from './chunk-helpers.js';

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Text with the characters that stress escaping: quotes, backslashes, controls, non-ASCII, pairs, lone surrogates. */
const trickyText = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('A', 'z', '0', '+', '/', '=', ' ', '{', '}', ':') },
    { weight: 2, arbitrary: fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: anyUnit },
  ),
  maxLength: 600,
});

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PixtextError);
    return (e as PixtextError).code;
  }
  return undefined;
}

describe(`splitText (${process.env.PIXTEXT_PROJECT})`, () => {
  it('writes the documented chunk format exactly', () => {
    // Expected chunks written by hand; CRCs from Python's zlib.crc32 over the UTF-8 bytes.
    expect(splitText('The quick brown fox jumps over', { maxChunkLength: 124, id: 'm' })).toEqual([
      '{"pixtextChunk":1,"id":"m","index":0,"count":3,"length":30,"crc32":"051e1ade","chunkCrc32":"418d000a","data":"The quick br"}',
      '{"pixtextChunk":1,"id":"m","index":1,"count":3,"length":30,"crc32":"051e1ade","chunkCrc32":"39395a2f","data":"own fox jump"}',
      '{"pixtextChunk":1,"id":"m","index":2,"count":3,"length":30,"crc32":"051e1ade","chunkCrc32":"175047ee","data":"s over"}',
    ]);
    // Default id: the text's CRC-32 and its length in base 36; non-ASCII escaped so the chunk is pure ASCII.
    expect(splitText('héllo "\\\n😀', { maxChunkLength: 1200 })).toEqual([
      '{"pixtextChunk":1,"id":"8d23e0c1-b","index":0,"count":1,"length":11,"crc32":"8d23e0c1","chunkCrc32":"2fc2d88f","data":"h\\u00e9llo \\"\\\\\\n\\ud83d\\ude00"}',
    ]);
  });

  it('makes one chunk with empty data for the empty text', () => {
    const [only, ...rest] = splitText('', { maxChunkLength: 200 });
    expect(rest).toEqual([]);
    expect(JSON.parse(only!)).toMatchObject({ id: '00000000-0', index: 0, count: 1, length: 0, crc32: '00000000', data: '' });
  });

  it('keeps every chunk within maxChunkLength, ASCII, and the slices join to the text', () => {
    fc.assert(
      // With id "p" and at most 3-digit lengths and counts the framing is 91 + 1 + 3 + 16 + 3 + 3 = 117 characters.
      fc.property(trickyText, fc.integer({ min: 129, max: 400 }), (text, maxChunkLength) => {
        const chunks = splitText(text, { maxChunkLength, id: 'p' });
        const parsed = chunks.map((c) => JSON.parse(c) as { index: number; count: number; length: number; crc32: string; data: string });
        chunks.forEach((chunk, i) => {
          expect(chunk.length).toBeLessThanOrEqual(maxChunkLength);
          expect(chunk).toMatch(/^[\x20-\x7f]*$/); // ASCII, no control characters but DEL
          expect(parsed[i]!.index).toBe(i);
          expect(parsed[i]!.count).toBe(chunks.length);
          expect(parsed[i]!.length).toBe(text.length);
          // Greedy packing: a chunk other than the last was ended only because the next unit (at most 12
          // characters escaped) did not fit.
          if (i < chunks.length - 1) expect(chunk.length).toBeGreaterThan(maxChunkLength - 12);
          // A surrogate pair is never cut between two chunks.
          const data = parsed[i]!.data;
          const next = parsed[i + 1]?.data;
          if (next !== undefined && data.length > 0) {
            const last = data.charCodeAt(data.length - 1);
            const first = next.charCodeAt(0);
            expect(last >= 0xd800 && last <= 0xdbff && first >= 0xdc00 && first <= 0xdfff).toBe(false);
          }
          if (i < chunks.length - 1 || text.length > 0) expect(data.length).toBeGreaterThan(0);
        });
        expect(parsed.map((p) => p.data).join('')).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('declares the CRC-32 of the UTF-8 text and a chunkCrc32 over header and slice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        for (const chunk of splitText(text, { maxChunkLength: 150, id: 'x.y_z~1-2' })) {
          const c = JSON.parse(chunk) as Record<string, string | number>;
          expect(c.crc32).toBe(zlibCrcHex(text));
          expect(c.chunkCrc32).toBe(zlibCrcHex(`${c.id}:${c.index}:${c.count}:${c.length}:${c.crc32}:${c.data}`));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: same text and options, same chunks; the default id follows the text', () => {
    const text = 'pixels '.repeat(500);
    expect(splitText(text, { maxChunkLength: 300 })).toEqual(splitText(text, { maxChunkLength: 300 }));
    const id = (t: string) => (JSON.parse(splitText(t, { maxChunkLength: 300 })[0]!) as { id: string }).id;
    expect(id(text)).toBe(`${zlibCrcHex(text)}-${text.length.toString(36)}`);
    expect(id(text)).not.toBe(id(text + '.'));
  });

  it('widens the framing when the count gains a digit (9 -> 10 -> 100 chunks) and stays within the limit', () => {
    // id "i", 5-digit length: framing 91 + 1 + 5 + 16 = 113 plus the index and count digits.
    const maxChunkLength = 140;
    for (const length of [1, 8, 9, 10, 11, 99, 100, 101, 250, 251, 252, 2000, 2600]) {
      const text = 'a'.repeat(length * 13);
      const chunks = splitText(text, { maxChunkLength, id: 'i' });
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(maxChunkLength);
      expect(chunks.map((c) => (JSON.parse(c) as { data: string }).data).join('')).toBe(text);
    }
  });

  it('handles a text that is all escapes (6 or 12 characters a unit)', () => {
    const text = '😀'.repeat(50) + '\u0001'.repeat(50) + '"'.repeat(50);
    const chunks = splitText(text, { maxChunkLength: 140 });
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(140);
    expect(chunks.map((c) => (JSON.parse(c) as { data: string }).data).join('')).toBe(text);
  });

  it('says the minimum maxChunkLength: the framing plus 12', () => {
    // Framing for id "m", a 2-digit length, 1-digit index and count: 91 fixed + 1 + 2 + 16 + 1 + 1 = 112.
    expect(codeOf(() => splitText('The quick brown fox jumps over', { maxChunkLength: 123, id: 'm' }))).toBe(
      ErrorCode.INVALID_ARGUMENT,
    );
    expect(splitText('The quick brown fox jumps over', { maxChunkLength: 124, id: 'm' })).toHaveLength(3);
    expect(() => splitText('x', { maxChunkLength: 50 })).toThrow(/at least 1\d\d/);
  });

  it('raises the minimum when the count needs more digits, exactly at the boundary', () => {
    // id "i", 3-digit length: framing 91 + 1 + 3 + 16 = 111. At 125 a chunk holds 12 characters, so 200 need
    // 17 chunks, whose 2-digit index and count leave only 10: the minimum becomes 111 + 2 + 2 + 12 = 127.
    const text = 'a'.repeat(200);
    expect(codeOf(() => splitText(text, { maxChunkLength: 125, id: 'i' }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => splitText(text, { maxChunkLength: 126, id: 'i' }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(() => splitText(text, { maxChunkLength: 126, id: 'i' })).toThrow(/at least 127 /);
    // Indexes 0-9 leave 13 characters, the others 12: 10 x 13 + 6 x 12 >= 200.
    const chunks = splitText(text, { maxChunkLength: 127, id: 'i' });
    expect(chunks).toHaveLength(16);
    expect(Math.max(...chunks.map((c) => c.length))).toBe(127);
  });

  it('rejects a maxChunkLength that would need more chunks than the limit of 2^20', () => {
    // id "i", 8-digit length: framing 91 + 1 + 8 + 16 + index digits + count digits. At 142, 999,999 chunks
    // (6-digit count) hold 14,111,110 characters; with a 7-digit count 2^20 chunks hold only 13,694,022.
    const text = 'a'.repeat(14_200_000);
    expect(codeOf(() => splitText(text, { maxChunkLength: 142, id: 'i' }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(() => splitText(text, { maxChunkLength: 142, id: 'i' })).toThrow(/more than 1048576 chunks/);
  });

  it('validates its arguments with ERR_INVALID_ARGUMENT', () => {
    const bad: unknown[][] = [
      [42, { maxChunkLength: 200 }],
      ['x', undefined],
      ['x', null],
      ['x', {}],
      ['x', { maxChunkLength: 200.5 }],
      ['x', { maxChunkLength: -1 }],
      ['x', { maxChunkLength: Infinity }],
      ['x', { maxChunkLength: '200' }],
      ['x', { maxChunkLength: 200, id: '' }],
      ['x', { maxChunkLength: 200, id: 'has space' }],
      ['x', { maxChunkLength: 200, id: 'q"uote' }],
      ['x', { maxChunkLength: 200, id: 'é' }],
      ['x', { maxChunkLength: 400, id: 'a'.repeat(65) }],
      ['x', { maxChunkLength: 200, id: 7 }],
    ];
    for (const args of bad) {
      expect(codeOf(() => (splitText as (...a: unknown[]) => unknown)(...args))).toBe(ErrorCode.INVALID_ARGUMENT);
    }
    expect(codeOf(() => splitText('x', { maxChunkLength: 400, id: 'a'.repeat(64) }))).toBeUndefined();
  });
});
