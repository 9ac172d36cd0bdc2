// Test helpers that build chunks by hand, with CRCs from node:zlib (independent of the code under test), so tests
// can make chunks the splitter never would: conflicting, inconsistent, oversized.
import { crc32 } from 'node:zlib';

export const zlibCrcHex = (text: string): string => (crc32(Buffer.from(text, 'utf8')) >>> 0).toString(16).padStart(8, '0');

export interface HandChunk {
  id: string;
  index: number;
  count: number;
  length: number;
  crc32: string;
  data: string;
  /** Overrides the computed chunkCrc32. */
  chunkCrc32?: string;
}

/** A chunk as JSON with a correct chunkCrc32 (unless overridden). */
export function makeChunk(c: HandChunk): string {
  const check = c.chunkCrc32 ?? zlibCrcHex(`${c.id}:${c.index}:${c.count}:${c.length}:${c.crc32}:${c.data}`);
  return JSON.stringify({
    pixtextChunk: 1,
    id: c.id,
    index: c.index,
    count: c.count,
    length: c.length,
    crc32: c.crc32,
    chunkCrc32: check,
    data: c.data,
  });
}

/** The chunks of `text` cut at `cuts` (slice lengths), all consistent with the whole. */
export function handSplit(text: string, lengths: number[], id = 'hand', wholeCrc = zlibCrcHex(text), total = text.length): string[] {
  const out: string[] = [];
  let start = 0;
  lengths.forEach((n, index) => {
    out.push(makeChunk({ id, index, count: lengths.length, length: total, crc32: wholeCrc, data: text.slice(start, start + n) }));
    start += n;
  });
  return out;
}

/** Deterministic PRNG (mulberry32) for shuffles in example-based tests. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
