// resize against Pillow 9.4's Image.resize: identical bytes for every filter × mode × scenario of the fixtures.
import { describe, expect, it } from 'vitest';
import { resize } from '../../src/index.js';
import type { ResizeFilter } from '../../src/index.js';
import { inputImage, manifest, outputBytes, sha256, swapRedBlue } from './pillow-fixtures.js';
import type { ResizeCase } from './pillow-fixtures.js';

function options(c: ResizeCase) {
  return { width: c.width, height: c.height, filter: c.filter as ResizeFilter, ...(c.box ? { box: c.box } : {}) };
}

function expectPillowBytes(data: Uint8Array, c: ResizeCase): void {
  const expected = outputBytes(c.output);
  if (expected) expect(Array.from(data)).toEqual(Array.from(expected));
  expect(data.length).toBe(c.output.length);
  expect(sha256(data)).toBe(c.output.sha256);
}

describe('resize is bit-identical to Pillow 9.4 Image.resize', () => {
  it('covers every filter × mode × scenario', () => {
    const seen = new Set(manifest.resize.map((c) => `${c.input.mode} ${c.filter}`));
    expect(seen.size).toBe(4 * 6 + 2);
    expect(manifest.resize.length).toBeGreaterThan(250);
  });

  it.each(manifest.resize.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const image = inputImage(c.input);
    const before = image.data.slice();
    const out = resize(image, options(c));
    expect(out.width).toBe(c.width);
    expect(out.height).toBe(c.height);
    expect(out.mode).toBe(c.input.mode);
    expectPillowBytes(out.data, c);
    expect(image.data).toEqual(before);
    if (c.input.mode === 'P') expect(out.palette).toEqual(image.palette);
  });

  // BGR and BGRA are RGB and RGBA with the channels in the other order: the same filter on each channel.
  const swapped = manifest.resize.filter((c) => c.input.mode === 'RGB' || c.input.mode === 'RGBA');
  it.each(swapped.map((c) => [c.name.replace('RGB', 'BGR'), c] as const))('%s (from the RGB oracle)', (_, c) => {
    const channels = c.input.mode === 'RGB' ? 3 : 4;
    const rgb = inputImage(c.input);
    const image = { ...rgb, mode: c.input.mode === 'RGB' ? ('BGR' as const) : ('BGRA' as const), data: swapRedBlue(rgb.data, channels) };
    const out = resize(image, options(c));
    expect(out.mode).toBe(image.mode);
    expectPillowBytes(swapRedBlue(out.data, channels), c);
  });
});
