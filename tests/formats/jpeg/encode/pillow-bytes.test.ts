// The encoder against files Pillow 9.4 / libjpeg-turbo 2.1.5 wrote for the same pixels (tests/fixtures/jpeg-encode,
// made once by scripts/gen-jpeg-encode-fixtures.py): every quality, subsampling, mode and size, with the standard
// Huffman tables, with optimize and progressive, must match byte for byte.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JpegSubsampling } from '../../../../src/formats/codec.js';
import { jpegCodec } from '../../../../src/formats/jpeg/index.js';

interface Case {
  /** Raw pixels, or null for a constant image of value `fill`. */
  input: string | null;
  fill?: number;
  width: number;
  height: number;
  mode: 'L' | 'RGB';
  quality: number;
  subsampling: JpegSubsampling | null;
  optimize?: boolean;
  progressive?: boolean;
  file: string;
}

const FIXTURES = new URL('../../../fixtures/jpeg-encode/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const index = JSON.parse(readFileSync(new URL('index.json', FIXTURES), 'utf8')) as { cases: Case[] };

/** Index of the first differing byte, or -1. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

describe('encode writes the bytes Pillow writes', () => {
  it('has the whole oracle set', () => {
    // 9 synthetic sizes and the photo crop, L and RGB: 6 qualities × 4 subsamplings (one of them left out),
    // optimize=True at 3 qualities × 3 subsamplings, progressive=True at 2 × 3.
    // Plus two progressive images for jcphuff.c's limits (correction bits, EOB run length).
    expect(index.cases.length).toBe(10 * 2 * (6 * 4 + 3 * 3 + 2 * 3) + 2);
    expect(index.cases.filter((c) => c.optimize === true).length).toBe(10 * 2 * 3 * 3);
    expect(index.cases.filter((c) => c.progressive === true).length).toBe(10 * 2 * 2 * 3 + 2);
  });

  const inputs = new Map<string, Uint8Array>();
  for (const c of index.cases) {
    it(`${c.file}`, () => {
      let data = c.input === null ? new Uint8Array(c.width * c.height).fill(c.fill!) : inputs.get(c.input);
      if (data === undefined) inputs.set(c.input!, (data = read(c.input!)));
      const options = {
        quality: c.quality,
        compressionLevel: 6,
        ...(c.subsampling === null ? {} : { subsampling: c.subsampling }),
        ...(c.optimize === true ? { optimize: true } : {}),
        ...(c.progressive === true ? { progressive: true } : {}),
      };
      const ours = jpegCodec.encode({ width: c.width, height: c.height, mode: c.mode, data }, options);
      const pillow = read(c.file);
      expect({ firstDifference: firstDifference(ours, pillow), length: ours.length }).toEqual({ firstDifference: -1, length: pillow.length });
    });
  }
});
