// fast-check generators of valid RawImages, shared by the pixel-mode tests.
import fc from 'fast-check';
import { byteLengthFor, PIXEL_MODE_NAMES } from '../../src/raw-image.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';

export const MODES: readonly PixelMode[] = PIXEL_MODE_NAMES;

/**
 * A random image of `mode`, sizes 0..maxSide (so 0×N, 1×1 and odd widths come up); `P` with or without a palette
 * (holding every index used).
 */
export function imageOf(mode: PixelMode, maxSide = 9): fc.Arbitrary<RawImage> {
  return fc
    .record({
      width: fc.integer({ min: 0, max: maxSide }),
      height: fc.integer({ min: 0, max: maxSide }),
      paletteEntries: fc.option(fc.integer({ min: 0, max: 256 }), { nil: undefined }),
    })
    .chain(({ width, height, paletteEntries }) => {
      const length = byteLengthFor(mode, width, height);
      const palette =
        mode === 'P' && paletteEntries !== undefined
          ? fc.uint8Array({ minLength: paletteEntries * 4, maxLength: paletteEntries * 4 })
          : fc.constant(undefined);
      return fc.record({ data: fc.uint8Array({ minLength: length, maxLength: length }), palette }).map(({ data, palette: p }) => {
        const image: RawImage = { width, height, mode, data };
        if (p !== undefined) {
          // Every index in the palette (a RawImage rule): an empty palette only without pixels, indices folded in.
          const entries = p.length / 4;
          if (entries === 0 && length > 0) return image;
          if (entries < 256) for (let i = 0; i < length; i++) data[i] = data[i]! % entries;
          image.palette = p;
        }
        return image;
      });
    });
}

/** An image whose pixels come from a small set of colours, so it fits a palette. */
export function fewColoursOf(mode: 'RGB' | 'RGBA', maxSide = 12): fc.Arbitrary<RawImage> {
  const channels = mode === 'RGB' ? 3 : 4;
  return fc
    .record({
      width: fc.integer({ min: 0, max: maxSide }),
      height: fc.integer({ min: 0, max: maxSide }),
      colours: fc.array(fc.uint8Array({ minLength: channels, maxLength: channels }), { minLength: 1, maxLength: 256 }),
    })
    .chain(({ width, height, colours }) =>
      fc.array(fc.nat(colours.length - 1), { minLength: width * height, maxLength: width * height }).map((picks) => {
        const data = new Uint8Array(width * height * channels);
        picks.forEach((pick, i) => data.set(colours[pick]!, i * channels));
        return { width, height, mode, data } satisfies RawImage;
      }),
    );
}
