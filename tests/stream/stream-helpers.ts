// Helpers for the streaming tests: collecting a text stream, and feeding a text back in pieces cut anywhere.

import { expect } from 'vitest';
import type { RawImage } from '../../src/index.js';

/** Index of the first byte where `a` and `b` differ, or -1 when they are equal (lengths included). */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Asserts two images are the same, byte for byte, without building huge diffs for large ones. */
export function expectSameImage(actual: RawImage, expected: RawImage): void {
  expect({ width: actual.width, height: actual.height, mode: actual.mode }).toEqual({
    width: expected.width,
    height: expected.height,
    mode: expected.mode,
  });
  expect(actual.data.length).toBe(expected.data.length);
  expect(firstDifference(actual.data, expected.data)).toBe(-1);
  expect(actual.palette && Array.from(actual.palette)).toEqual(expected.palette && Array.from(expected.palette));
}

/** Every string a stream yields, in order. */
export async function collect(stream: ReadableStream<string>): Promise<string[]> {
  const out: string[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

/** `text` cut at the given offsets (sorted, deduplicated, clamped), as an async iterable of strings. */
export async function* stringPieces(text: string, cuts: readonly number[] = []): AsyncGenerator<string> {
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= at || cut >= text.length) continue;
    yield text.slice(at, cut);
    at = cut;
  }
  yield text.slice(at);
}

/** The UTF-8 bytes of `text` cut at the given byte offsets, as an async iterable of Uint8Array. */
export async function* bytePieces(text: string, cuts: readonly number[] = []): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= at || cut >= bytes.length) continue;
    yield bytes.subarray(at, cut);
    at = cut;
  }
  yield bytes.subarray(at);
}

/** A ReadableStream of the given pieces. */
export function streamOf<T>(pieces: readonly T[]): ReadableStream<T> {
  let i = 0;
  return new ReadableStream<T>({
    pull(controller) {
      if (i < pieces.length) controller.enqueue(pieces[i++]!);
      else controller.close();
    },
  });
}

/** Deterministic bytes (xorshift32), so large tests need no fixtures. */
export function pseudoRandomBytes(length: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(length);
  const words = new Uint32Array(out.buffer, 0, length >>> 2);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    words[i] = s >>> 0;
  }
  for (let i = words.length * 4; i < length; i++) out[i] = (i * 31) & 255;
  return out;
}
