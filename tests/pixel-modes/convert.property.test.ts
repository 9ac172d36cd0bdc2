import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { convert } from '../../src/pixel-modes/convert.js';
import type { ConvertOptions } from '../../src/pixel-modes/convert.js';
import { byteLengthFor, PIXEL_MODES, rowStride } from '../../src/raw-image.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';
import { fewColoursOf, imageOf, MODES } from './raw-image.arbitrary.js';

const RUNS = { numRuns: 150 };

/** Distinct RGBA colours, counted straight from RGB/RGBA bytes. */
function distinctColours(image: RawImage): number {
  const channels = image.mode === 'RGB' ? 3 : 4;
  const seen = new Set<string>();
  for (let i = 0; i < image.data.length; i += channels) seen.add(image.data.subarray(i, i + channels).join());
  return seen.size;
}

/** Mode `1` data with the padding bits of each row cleared, as every conversion to `1` writes them. */
function clearPadding(image: RawImage): Uint8Array {
  const data = image.data.slice();
  const stride = rowStride('1', image.width);
  const spare = stride * 8 - image.width;
  if (spare > 0) for (let y = 0; y < image.height; y++) data[y * stride + stride - 1]! &= (0xff << spare) & 0xff;
  return data;
}

describe('lossless conversions round-trip', () => {
  const pairs: [PixelMode, PixelMode][] = [
    ['RGB', 'RGBA'], ['RGB', 'BGR'], ['RGB', 'BGRA'], ['RGBA', 'BGRA'], ['BGR', 'BGRA'],
    ['L', 'L16'], ['LA', 'LA16'], ['RGB', 'RGB16'], ['RGBA', 'RGBA16'], ['BGR', 'RGB16'], ['BGRA', 'RGBA16'],
    ['L', 'RGB'], ['L', 'RGBA'], ['L', 'LA'], ['LA', 'RGBA'], ['LA', 'BGRA'], ['L', 'RGB16'], ['LA', 'RGBA16'],
    ['L16', 'RGB16'], ['L16', 'LA16'], ['LA16', 'RGBA16'], ['RGB16', 'RGBA16'], ['L', 'P'],
  ];
  it.each(pairs)('%s → %s → back', (from, to) => {
    fc.assert(
      fc.property(imageOf(from), (image) => {
        const back = convert(convert(image, to), from);
        expect(back.data).toEqual(image.data);
      }),
      RUNS,
    );
  });

  it('1 → L → 1 with either dithering (padding bits cleared)', () => {
    fc.assert(
      fc.property(imageOf('1'), fc.constantFrom('floyd-steinberg', 'none') as fc.Arbitrary<'none'>, (image, dither) => {
        expect(convert(convert(image, 'L'), '1', { dither }).data).toEqual(clearPadding(image));
      }),
      RUNS,
    );
  });

  it('P → RGBA → P keeps every pixel colour (palette order may change)', () => {
    fc.assert(
      fc.property(imageOf('P'), (image) => {
        const rgba = convert(image, 'RGBA');
        expect(convert(convert(rgba, 'P'), 'RGBA').data).toEqual(rgba.data);
      }),
      RUNS,
    );
  });

  it('RGB and RGBA with at most 256 colours → P → back exactly', () => {
    for (const mode of ['RGB', 'RGBA'] as const) {
      fc.assert(
        fc.property(fewColoursOf(mode), (image) => {
          const p = convert(image, 'P');
          expect(p.palette!.length / 4).toBe(distinctColours(image));
          expect(convert(p, mode).data).toEqual(image.data);
        }),
        RUNS,
      );
    }
  });
});

describe('every pair of modes', () => {
  const options = fc.record(
    {
      dither: fc.constantFrom('floyd-steinberg', 'none') as fc.Arbitrary<'none'>,
      background: fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<ConvertOptions>;
  const pairs = MODES.flatMap((from) => MODES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s converts any image, with any options, to the right size', (from, to) => {
    fc.assert(
      fc.property(imageOf(from, 20), options, (image, opts) => {
        let result: RawImage;
        try {
          result = convert(image, to, opts);
        } catch (error) {
          // Only → P of an image with more than 256 colours may fail.
          expect(to).toBe('P');
          expect((error as PixtextError).code).toBe(ErrorCode.UNSUPPORTED);
          expect(distinctColours(convert(image, 'RGBA'))).toBeGreaterThan(256);
          return;
        }
        expect(result.mode).toBe(to);
        expect([result.width, result.height]).toEqual([image.width, image.height]);
        expect(result.data.length).toBe(byteLengthFor(to, image.width, image.height));
        expect(result.data).not.toBe(image.data);
        if (to === 'P' && from !== 'P') expect(result.palette!.length / 4).toBe(distinctColours(convert(image, 'RGBA')));
      }),
      { numRuns: 25 },
    );
  });
});

describe('mixed bit depths convert at 8 bits', () => {
  const narrow: Partial<Record<PixelMode, PixelMode>> = { L16: 'L', LA16: 'LA', RGB16: 'RGB', RGBA16: 'RGBA' };
  const wide = Object.entries(narrow) as [PixelMode, PixelMode][];
  const eight = MODES.filter((m) => PIXEL_MODES[m].bitsPerSample !== 16);
  const background: ConvertOptions = { background: [12, 200, 99] };

  it.each(wide)('%s → any 8-bit mode equals cutting to %s first', (from, cut) => {
    fc.assert(
      fc.property(imageOf(from), fc.constantFrom(...eight), fc.boolean(), (image, to, withBackground) => {
        const opts = withBackground ? background : {};
        expect(convert(image, to, opts).data).toEqual(convert(convert(image, cut), to, opts).data);
      }),
      RUNS,
    );
  });

  it.each(wide)('any 8-bit mode → %s equals converting to %s, then widening', (to, via) => {
    fc.assert(
      fc.property(fc.constantFrom(...eight).chain((m) => imageOf(m)), fc.boolean(), (image, withBackground) => {
        const opts = withBackground ? background : {};
        expect(convert(image, to, opts).data).toEqual(convert(convert(image, via, opts), to).data);
      }),
      RUNS,
    );
  });
});
