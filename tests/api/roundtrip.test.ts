import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PIXEL_MODE_NAMES, byteLengthFor, imageToText, textToImage } from '../../src/index.js';
import type { RawImage } from '../../src/index.js';
import { platform } from '../../src/platform-name.js';
import { plain, rawImage } from './arbitraries.js';

// The exact raw-pixel round trip of issue 2, for every mode. Each test file runs in both vitest projects: once with
// the Node backends (Buffer base64, zlib CRC-32) and once with the portable ones forced.
describe(`textToImage(imageToText(image)) is exact (${platform})`, () => {
  it.each(PIXEL_MODE_NAMES)('mode %s, 1,000 random images', (mode) => {
    fc.assert(
      fc.property(rawImage(mode), (image) => {
        const text = imageToText(image);
        const back = textToImage(text);
        expect(plain(back)).toEqual(plain(image));
        // The result owns exactly its bytes: no view into the text's decoding buffers beyond the image.
        expect(back.data.byteLength).toBe(image.data.byteLength);
      }),
      { numRuns: 1000 },
    );
  });

  it('covers 0×N, N×0, 1×1 and odd widths explicitly', () => {
    for (const mode of PIXEL_MODE_NAMES) {
      for (const [width, height] of [
        [0, 3],
        [3, 0],
        [0, 0],
        [1, 1],
        [7, 3],
        [9, 2],
      ] as const) {
        const data = Uint8Array.from({ length: byteLengthFor(mode, width, height) }, (_, i) => (i * 7 + 3) & 0xff);
        const image: RawImage = { width, height, mode, data };
        if (mode === 'P') {
          data.forEach((v, i) => (data[i] = v % 2)); // every index in the palette (a RawImage rule)
          image.palette = new Uint8Array([1, 2, 3, 4, 250, 251, 252, 253]);
        }
        expect(plain(textToImage(imageToText(image)))).toEqual(plain(image));
      }
    }
  });
});
