// fast-check arbitraries for RawImages of every mode: sizes from 0×N and 1×1 up to small odd widths, random bytes
// (mode 1 padding bits included), palettes of 0–9 entries for P (holding every index used), and data placed at an
// odd offset in a larger buffer.
import fc from 'fast-check';
import { byteLengthFor } from '../../src/raw-image.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';

export function rawImage(
  mode: PixelMode,
  options: { maxWidth?: number; maxHeight?: number; nonEmpty?: boolean } = {},
): fc.Arbitrary<RawImage> {
  const sized = fc.record({
    width: fc.integer({ min: 1, max: options.maxWidth ?? 13 }),
    height: fc.integer({ min: 1, max: options.maxHeight ?? 5 }),
  });
  // File formats cannot hold empty images, so payload tests ask for nonEmpty.
  const size = options.nonEmpty
    ? fc.oneof(fc.constant({ width: 1, height: 1 }), sized)
    : fc.oneof(
        fc.record({ width: fc.constant(0), height: fc.integer({ min: 0, max: 4 }) }),
        fc.record({ width: fc.integer({ min: 0, max: 4 }), height: fc.constant(0) }),
        fc.constant({ width: 1, height: 1 }),
        sized,
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
          // Every index in the palette (a RawImage rule): indices folded into its entries; an empty palette only
          // on an image without pixels.
          const entries = length === 0 ? palette : Math.max(1, palette);
          for (let i = 0; i < length; i++) backing[offset + i] = bytes[i]! % entries;
          image.palette = Uint8Array.from({ length: entries * 4 }, (_, i) => (i * 53 + paletteSeed) & 0xff);
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

/**
 * Clears the padding bits at the end of each row of a mode `1` image: they are not pixels, and file formats do
 * not keep them (raw envelopes do).
 */
export function clearPadding(image: RawImage): RawImage {
  const spare = (8 - (image.width % 8)) % 8;
  if (image.mode !== '1' || spare === 0) return image;
  const stride = Math.ceil(image.width / 8);
  for (let row = 0; row < image.height; row++) image.data[row * stride + stride - 1]! &= (0xff << spare) & 0xff;
  return image;
}

/**
 * Gives a mode `P` image a palette of 1–9 entries (if it has none or an empty one) and keeps its indexes inside it:
 * what a file format can store. Other modes are returned as they are.
 */
export function withFullPalette(image: RawImage): RawImage {
  if (image.mode !== 'P') return image;
  if (image.palette === undefined || image.palette.length === 0) {
    image.palette = Uint8Array.from({ length: 4 * (1 + (image.data.length % 9)) }, (_, i) => (i * 89 + 7) & 0xff);
  }
  const entries = image.palette.length / 4;
  for (let i = 0; i < image.data.length; i++) image.data[i] = image.data[i]! % entries;
  return image;
}
