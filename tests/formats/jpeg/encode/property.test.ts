// Random images through the encoder and back through the decoder: every size 1–70 px, L and RGB, every
// subsampling and quality, baseline, optimized or progressive, gives a file the decoder reads as the same size and
// mode. (Byte identity with Pillow is
// covered by pillow-bytes.test.ts.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JPEG_SUBSAMPLINGS } from '../../../../src/formats/codec.js';
import { jpegCodec } from '../../../../src/formats/jpeg/index.js';
import type { RawImage } from '../../../../src/raw-image.js';

const image = fc
  .record({
    width: fc.integer({ min: 1, max: 70 }),
    height: fc.integer({ min: 1, max: 70 }),
    mode: fc.constantFrom('L' as const, 'RGB' as const),
    seed: fc.integer(),
    noise: fc.integer({ min: 0, max: 255 }),
  })
  .map(({ width, height, mode, seed, noise }): RawImage => {
    const data = new Uint8Array(width * height * (mode === 'L' ? 1 : 3));
    let s = seed >>> 0;
    for (let i = 0; i < data.length; i++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      // A gradient plus noise of random strength: from flat blocks (long zero runs) to full noise (long codes).
      data[i] = ((i * 7) % 256 + (((s >>> 24) * noise) >> 8)) & 0xff;
    }
    return { width, height, mode, data };
  });

describe('JPEG encode → decode (property)', () => {
  it('keeps size and mode for every subsampling and quality: baseline, optimized or progressive', () => {
    fc.assert(
      fc.property(
        image,
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom(undefined, ...JPEG_SUBSAMPLINGS),
        fc.constantFrom('baseline', 'optimize', 'progressive'),
        (input, quality, subsampling, kind) => {
          const options = { quality, compressionLevel: 6, subsampling, optimize: kind === 'optimize', progressive: kind === 'progressive' };
          const bytes = jpegCodec.encode(input, options);
          expect(jpegCodec.header(bytes)).toEqual({ width: input.width, height: input.height, mode: input.mode });
          const back = jpegCodec.decode(bytes, { maxPixels: 1e6 });
          expect([back.width, back.height, back.mode, back.data.length]).toEqual([input.width, input.height, input.mode, input.data.length]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
