// fast-check arbitraries for RawImages of every mode: sizes from 0×N and 1×1 up to small odd widths, random bytes
// (mode 1 padding bits included), palettes of 0–9 entries for P, and data placed at an odd offset in a larger buffer.
import fc from 'fast-check';
import { byteLengthFor } from '../../src/raw-image.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';

export function rawImage(mode: PixelMode, options: { maxWidth?: number; maxHeight?: number } = {}): fc.Arbitrary<RawImage> {
  const size = fc.oneof(
    fc.record({ width: fc.constant(0), height: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ width: fc.integer({ min: 0, max: 4 }), height: fc.constant(0) }),
    fc.constant({ width: 1, height: 1 }),
    fc.record({
      width: fc.integer({ min: 1, max: options.maxWidth ?? 13 }),
      height: fc.integer({ min: 1, max: options.maxHeight ?? 5 }),
    }),
  );
  return size.chain(({ width, height }) => {
    const length = byteLengthFor(mode, width, height);
    return fc
      .record({
        bytes: fc.uint8Array({ minLength: length, maxLength: length }),
        offset: fc.integer({ min: 0, max: 7 }),
        palette: mode === 'P' ? fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }) : fc.constant(undefined),
        paletteSeed: fc.integer({ min: 0, max: 255 }),
      })
      .map(({ bytes, offset, palette, paletteSeed }) => {
        // The data is a view at `offset` into a larger buffer whose other bytes are not part of the image.
        const backing = new Uint8Array(offset + length + 5).fill(0xcd);
        backing.set(bytes, offset);
        const image: RawImage = { width, height, mode, data: backing.subarray(offset, offset + length) };
        if (palette !== undefined) {
          image.palette = Uint8Array.from({ length: palette * 4 }, (_, i) => (i * 53 + paletteSeed) & 0xff);
        }
        return image;
      });
  });
}

/** A plain copy of an image, with data and palette in their own buffers, for comparing. */
export function plain(image: RawImage): { width: number; height: number; mode: PixelMode; data: number[]; palette?: number[] } {
  const out: { width: number; height: number; mode: PixelMode; data: number[]; palette?: number[] } = {
    width: image.width,
    height: image.height,
    mode: image.mode,
    data: Array.from(image.data),
  };
  if (image.palette !== undefined) out.palette = Array.from(image.palette);
  return out;
}
