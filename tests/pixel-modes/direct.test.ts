// The direct loops are only a speed-up: for every pair they cover, they must give exactly the generic path's bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConvertOptions } from '../../src/pixel-modes/convert-options.js';
import { convertDirect } from '../../src/pixel-modes/direct.js';
import { convertViaHub } from '../../src/pixel-modes/hub.js';
import { byteLengthFor, PIXEL_MODE_NAMES } from '../../src/raw-image.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';
import { imageOf } from './raw-image.arbitrary.js';

const probe = (from: PixelMode, to: PixelMode): boolean => {
  const image: RawImage = { width: 0, height: 0, mode: from, data: new Uint8Array(0) };
  return convertDirect(image, to, new Uint8Array(0));
};
const covered = PIXEL_MODE_NAMES.flatMap((from) =>
  PIXEL_MODE_NAMES.filter((to) => from !== to && probe(from, to)).map((to) => [from, to] as const),
);

describe('direct conversion loops', () => {
  it('cover the common pairs', () => {
    const names = covered.map(([from, to]) => `${from}>${to}`);
    for (const pair of ['RGB>RGBA', 'RGBA>RGB', 'BGR>RGB', 'RGB>BGR', 'RGB>L', 'RGBA>BGRA', 'P>RGBA', 'L>L16', 'RGB16>RGB']) {
      expect(names).toContain(pair);
    }
  });

  it.each(covered)('%s → %s equals the generic path', (from, to) => {
    const options = resolveConvertOptions(undefined);
    fc.assert(
      fc.property(imageOf(from), fc.integer({ min: 0, max: 3 }), (original, shift) => {
        // Views at every offset mod 4 exercise both the 32-bit word loops and their byte-wise fallbacks.
        const backing = new Uint8Array(original.data.length + shift);
        backing.set(original.data, shift);
        const image = { ...original, data: backing.subarray(shift) };
        const fast = new Uint8Array(byteLengthFor(to, image.width, image.height));
        const generic = new Uint8Array(fast.length);
        expect(convertDirect(image, to, fast)).toBe(true);
        convertViaHub(image, to, generic, options);
        expect(fast).toEqual(generic);
      }),
      { numRuns: 100 },
    );
  });
});
