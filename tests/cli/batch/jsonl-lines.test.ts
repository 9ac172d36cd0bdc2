import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonlLines, type JsonlLine } from '../../../src/cli/batch/jsonl-lines.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

async function collect(chunks: (string | Uint8Array)[], max = 1 << 20): Promise<JsonlLine[]> {
  const out: JsonlLine[] = [];
  for await (const line of jsonlLines(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : Buffer.from(c)))), max)) out.push(line);
  return out;
}

describe('jsonlLines', () => {
  it('splits lines, numbers them from 1, drops CR before LF and skips empty lines', async () => {
    const lines = await collect(['{"a":1}\r\n\n{"b"', ':2}\n{"c":3}']);
    expect(lines.map((l) => l.lineNumber)).toEqual([1, 3, 4]);
    expect(lines.map((l) => ('bytes' in l ? dec(l.bytes) : '?'))).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(lines.map((l) => l.consumed)).toEqual([9, 18, 25]);
  });

  it('gives every line its own whole ArrayBuffer (so it can be transferred)', async () => {
    const lines = await collect(['ab\ncd', 'ef\ngh\r\n']);
    for (const line of lines) {
      if (!('bytes' in line)) throw new Error('unexpected');
      expect(line.bytes.byteOffset).toBe(0);
      expect(line.bytes.byteLength).toBe(line.bytes.buffer.byteLength);
    }
  });

  it('reports a line over the limit by its length without keeping it, then goes on', async () => {
    const lines = await collect(['short\n', 'x'.repeat(30), 'y'.repeat(30), '\nnext'], 50);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toEqual({ lineNumber: 2, tooLong: 60, consumed: 67 });
    expect('bytes' in lines[2]! && dec(lines[2].bytes)).toBe('next');
  });

  it('gives the same lines however the input is cut into chunks', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', '{', '"', 'é', '\r', ' '), maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.array(fc.nat(40), { maxLength: 8 }), async (lines, cuts) => {
        const bytes = enc(lines.join('\n'));
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let at = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.subarray(at, p));
          at = p;
        }
        const got = (await collect(chunks)).map((l) => ('bytes' in l ? dec(l.bytes) : '<too long>'));
        const want = lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)).filter((l) => l.length > 0);
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
