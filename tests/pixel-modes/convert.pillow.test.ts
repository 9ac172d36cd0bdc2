// Conformance with Pillow 9.4: fixtures made by scripts/gen-convert-fixtures.py (see tests/fixtures/pillow-convert).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/pixel-modes/convert.js';
import type { ConvertOptions } from '../../src/pixel-modes/convert.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';

interface FixtureIndex {
  pillow: string;
  width: number;
  height: number;
  sources: Record<string, { mode: PixelMode; file: string; palette?: string }>;
  cases: { name: string; source: string; to: PixelMode; expected: string; options?: ConvertOptions }[];
}

const dir = new URL('../fixtures/pillow-convert/', import.meta.url);
const read = (file: string) => new Uint8Array(readFileSync(new URL(file, dir)));
const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8')) as FixtureIndex;

function source(name: string): RawImage {
  const entry = index.sources[name];
  if (entry === undefined) throw new Error(`fixture index names an unknown source ${name}`);
  const image: RawImage = { width: index.width, height: index.height, mode: entry.mode, data: read(entry.file) };
  if (entry.palette !== undefined) image.palette = read(entry.palette);
  return image;
}

/** The first differing pixel, to make a failure readable. */
function firstDifference(actual: Uint8Array, expected: Uint8Array): number {
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) if (actual[i] !== expected[i]) return i;
  return -1;
}

describe(`convert equals Pillow ${index.pillow} byte for byte`, () => {
  it('covers every conversion the issue names', () => {
    const pairs = new Set(index.cases.map((c) => `${index.sources[c.source]?.mode}>${c.to}`));
    for (const pair of ['RGB>L', 'RGBA>LA', 'L>RGB', 'L>1', 'RGB>1', 'P>RGBA', 'BGR>RGB', 'RGB>BGR', 'RGBA>RGB']) {
      expect(pairs).toContain(pair);
    }
    expect(index.cases.filter((c) => c.to === '1').map((c) => c.options?.dither)).toEqual(
      expect.arrayContaining(['floyd-steinberg', 'none']),
    );
    expect(index.cases.some((c) => c.source === 'rgba' && c.to === 'RGB' && c.options?.background)).toBe(true);
  });

  it.each(index.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const expected = read(c.expected);
    const image = source(c.source);
    const result = convert(image, c.to, c.options);
    expect(result.mode).toBe(c.to);
    expect(result.width).toBe(index.width);
    expect(result.height).toBe(index.height);
    expect(firstDifference(result.data, expected)).toBe(-1);
  });

  it('gives the same bytes when the source data is a view at an odd offset', () => {
    for (const c of index.cases) {
      const image = source(c.source);
      const backing = new Uint8Array(image.data.length + 3);
      backing.set(image.data, 1);
      const view = { ...image, data: backing.subarray(1, 1 + image.data.length) };
      expect(firstDifference(convert(view, c.to, c.options).data, read(c.expected))).toBe(-1);
    }
  });
});
