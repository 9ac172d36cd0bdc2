// decode → encode → decode is exact for every decodable corpus PNG, and random images of every mode survive
// encode → decode (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pngCodec } from '../../src/formats/png/index.js';
import { DEFAULT_MAX_PIXELS, PIXEL_MODE_NAMES, rowStride, type PixelMode, type RawImage } from '../../src/raw-image.js';
import { expectBytes, manifest, readFixture } from './png-helpers.js';

const decodeOptions = { maxPixels: DEFAULT_MAX_PIXELS };
const encode = (image: RawImage, compressionLevel = 6) => pngCodec.encode(image, { quality: 90, compressionLevel });
const decode = (bytes: Uint8Array) => pngCodec.decode(bytes, decodeOptions);

function expectSameImage(actual: RawImage, expected: RawImage, what: string): void {
  expect([actual.width, actual.height, actual.mode], what).toEqual([expected.width, expected.height, expected.mode]);
  expectBytes(actual.data, expected.data, `${what} data`);
  if (expected.palette === undefined) expect(actual.palette, what).toBeUndefined();
  else expectBytes(actual.palette!, expected.palette, `${what} palette`);
}

describe('PNG round trip over the corpus', () => {
  const decodable = manifest().filter((e) => e.expect === 'decode');

  it('decode → encode → decode is exact for every decodable file (pixels, mode, palette)', () => {
    for (const entry of decodable) {
      const image = decode(readFixture(entry.file));
      expectSameImage(decode(encode(image)), image, entry.file);
    }
  });

  it('is exact at levels 0 and 9 too', () => {
    for (const entry of decodable.filter((_, i) => i % 9 === 0)) {
      const image = decode(readFixture(entry.file));
      for (const level of [0, 9]) expectSameImage(decode(encode(image, level)), image, `${entry.file} level ${level}`);
    }
  });
});

/** A random image of `mode`: P with or without a palette long enough for its indices. */
function imageOf(mode: PixelMode): fc.Arbitrary<RawImage> {
  return fc.record({ width: fc.integer({ min: 1, max: 37 }), height: fc.integer({ min: 1, max: 9 }) }).chain(({ width, height }) => {
    const length = rowStride(mode, width) * height;
    if (mode !== 'P') return fc.uint8Array({ minLength: length, maxLength: length }).map((data) => ({ width, height, mode, data }));
    return fc.record({ entries: fc.integer({ min: 1, max: 256 }), withPalette: fc.boolean() }).chain(({ entries, withPalette }) =>
      fc
        .record({
          data: fc.uint8Array({ minLength: length, maxLength: length, max: entries - 1 }),
          palette: fc.uint8Array({ minLength: entries * 4, maxLength: entries * 4 }),
        })
        .map(({ data, palette }): RawImage => (withPalette ? { width, height, mode, data, palette } : { width, height, mode, data })),
    );
  });
}

/** What a decode of our PNG must return for `image` (worked out here, not by the codec). */
function expectedBack(image: RawImage): RawImage {
  const { width, height, data } = image;
  switch (image.mode) {
    case 'BGR':
    case 'BGRA': {
      const step = image.mode === 'BGR' ? 3 : 4;
      const out = data.slice();
      for (let i = 0; i < out.length; i += step) [out[i], out[i + 2]] = [data[i + 2]!, data[i]!];
      return { width, height, mode: image.mode === 'BGR' ? 'RGB' : 'RGBA', data: out };
    }
    case '1': {
      const stride = rowStride('1', width);
      const out = data.slice();
      const keep = (0xff00 >> (width & 7)) & 0xff;
      if (keep !== 0) for (let y = 0; y < height; y++) out[y * stride + stride - 1]! &= keep;
      return { width, height, mode: '1', data: out };
    }
    case 'P': {
      if (image.palette !== undefined) return image;
      const entries = Math.max(...data) + 1;
      const palette = new Uint8Array(entries * 4);
      for (let i = 0; i < entries; i++) palette.set([i, i, i, 255], i * 4);
      return { width, height, mode: 'P', data, palette };
    }
    default:
      return image;
  }
}

describe('PNG round trip of random images', () => {
  it.each(PIXEL_MODE_NAMES)('%s → PNG → back is exact', (mode) => {
    fc.assert(
      fc.property(imageOf(mode), fc.integer({ min: 0, max: 9 }), (image, level) => {
        expectSameImage(decode(encode(image, level)), expectedBack(image), `${mode} ${image.width}×${image.height} level ${level}`);
      }),
      { numRuns: 120 },
    );
  });
});
