// fit against Pillow 9.4's Image.thumbnail: its sizes for 1,000 random (size, box) pairs, and its pixels (reduce,
// then bicubic) for every mode of the fixtures.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fit } from '../../src/index.js';
import { thumbnailSize } from '../../src/resize/thumbnail-size.js';
import { inputImage, manifest, outputBytes, sha256, swapRedBlue } from './pillow-fixtures.js';

const table = JSON.parse(readFileSync(new URL('../fixtures/resize/thumbnail-sizes.json', import.meta.url), 'utf8')) as {
  pairs: [number, number, number, number, number, number][];
};

describe('fit sizes are Pillow 9.4 thumbnail sizes', () => {
  it('matches all 1,000 committed pairs', () => {
    expect(table.pairs.length).toBe(1000);
    const wrong = table.pairs.filter(([w, h, bw, bh, tw, th]) => {
      const size = thumbnailSize(w, h, bw, bh) ?? [w, h];
      return size[0] !== tw || size[1] !== th;
    });
    expect(wrong).toEqual([]);
  });

  it('never enlarges and stays inside the box', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (w, h, bw, bh) => {
        const [tw, th] = thumbnailSize(w, h, bw, bh) ?? [w, h];
        expect(tw).toBeLessThanOrEqual(w);
        expect(th).toBeLessThanOrEqual(h);
        expect(tw).toBeGreaterThanOrEqual(1);
        expect(th).toBeGreaterThanOrEqual(1);
        // The box may be exceeded only where a side is forced up to 1 pixel.
        if (tw > bw || th > bh) expect(Math.min(tw, th)).toBe(1);
      }),
    );
  });

  it('fit of an image that fits is an equal copy', () => {
    const image = { width: 3, height: 2, mode: 'RGB' as const, data: Uint8Array.from({ length: 18 }, (_, i) => i * 13) };
    const out = fit(image, { width: 3, height: 9 });
    expect(out).toEqual(image);
    expect(out.data).not.toBe(image.data);
  });
});

describe('fit pixels are Pillow 9.4 thumbnail pixels', () => {
  it.each(manifest.thumbnail.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const out = fit(inputImage(c.input), { width: c.box[0], height: c.box[1] });
    expect([out.width, out.height, out.mode]).toEqual([c.width, c.height, c.input.mode]);
    const expected = outputBytes(c.output);
    if (expected) expect(Array.from(out.data)).toEqual(Array.from(expected));
    expect(sha256(out.data)).toBe(c.output.sha256);
  });

  const rgb = manifest.thumbnail.filter((c) => c.input.mode === 'RGB' || c.input.mode === 'RGBA');
  it.each(rgb.map((c) => [c.name.replace('RGB', 'BGR'), c] as const))('%s (from the RGB oracle)', (_, c) => {
    const channels = c.input.mode === 'RGB' ? 3 : 4;
    const src = inputImage(c.input);
    const out = fit({ ...src, mode: channels === 3 ? 'BGR' : 'BGRA', data: swapRedBlue(src.data, channels) }, { width: c.box[0], height: c.box[1] });
    expect(sha256(swapRedBlue(out.data, channels))).toBe(c.output.sha256);
  });
});
