// The 16-bit rule (documented on resize): within 1 of the same computation in double precision, made by numpy in
// scripts/gen-resize-fixtures.py; and L16 with 'nearest' picks the pixels of Pillow 9.4's I;16 NEAREST.
import { describe, expect, it } from 'vitest';
import { resize } from '../../src/index.js';
import type { ResizeFilter } from '../../src/index.js';
import { inputImage, manifest } from './pillow-fixtures.js';

const samples16 = (data: Uint8Array): number[] => Array.from({ length: data.length / 2 }, (_, i) => data[2 * i]! | (data[2 * i + 1]! << 8));

describe('16-bit resize', () => {
  it.each(manifest.float16.map((c) => [c.name, c] as const))('%s is within 1 of the float reference', (_, c) => {
    const out = resize(inputImage(c.input), { width: c.width, height: c.height, filter: c.filter as ResizeFilter });
    const got = samples16(out.data);
    expect(got.length).toBe(c.reference.length);
    let worst = 0;
    got.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - c.reference[i]!))));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it.each(manifest.nearest16.map((c, i) => [i, c] as const))('L16 nearest case %i matches Pillow I;16', (_, c) => {
    const out = resize(inputImage(c.input), { width: c.width, height: c.height, filter: 'nearest', ...(c.box ? { box: c.box } : {}) });
    expect(samples16(out.data)).toEqual(c.pillow);
  });
});
