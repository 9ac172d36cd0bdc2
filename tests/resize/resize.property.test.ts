// Properties of resize over random images: the same size is the identity for every filter and mode, the output
// has the asked size and mode, and a flat image stays flat (coefficients sum to one) in the modes without alpha.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PIXEL_MODE_NAMES, RESIZE_FILTERS, byteLengthFor, resize } from '../../src/index.js';
import type { PixelMode, RawImage } from '../../src/index.js';

const image = (mode: PixelMode) =>
  fc.record({ width: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 9 }) }).chain(({ width, height }) =>
    fc.uint8Array({ minLength: byteLengthFor(mode, width, height), maxLength: byteLengthFor(mode, width, height) }).map(
      (data): RawImage => ({ width, height, mode, data }),
    ),
  );

const filterFor = (mode: PixelMode) => (mode === '1' || mode === 'P' ? fc.constant('nearest' as const) : fc.constantFrom(...RESIZE_FILTERS));

describe('resize properties', () => {
  it.each(PIXEL_MODE_NAMES)('the same size is the identity in mode %s, with or without the whole-image box', (mode) => {
    fc.assert(
      fc.property(image(mode), filterFor(mode), fc.boolean(), (img, filter, withBox) => {
        const box = withBox ? ([0, 0, img.width, img.height] as const) : undefined;
        const out = resize(img, { width: img.width, height: img.height, filter, box });
        expect(out.data).toEqual(img.data);
        expect(out.data).not.toBe(img.data);
      }),
    );
  });

  it.each(PIXEL_MODE_NAMES)('mode %s keeps its mode and gets the asked size', (mode) => {
    fc.assert(
      fc.property(image(mode), filterFor(mode), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (img, filter, width, height) => {
        const out = resize(img, { width, height, filter });
        expect([out.width, out.height, out.mode]).toEqual([width, height, mode]);
        expect(out.data.length).toBe(byteLengthFor(mode, width, height));
      }),
    );
  });

  it.each(['L', 'RGB', 'BGR', 'L16', 'RGB16'] as const)('a flat %s image stays flat', (mode) => {
    const bytes = byteLengthFor(mode, 1, 1);
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: bytes, maxLength: bytes }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(...RESIZE_FILTERS),
        (pixel, w, h, width, height, filter) => {
          const data = new Uint8Array(w * h * bytes);
          for (let i = 0; i < data.length; i += bytes) data.set(pixel, i);
          const out = resize({ width: w, height: h, mode, data }, { width, height, filter });
          for (let i = 0; i < out.data.length; i += bytes) expect(out.data.subarray(i, i + bytes)).toEqual(pixel);
        },
      ),
    );
  });
});
