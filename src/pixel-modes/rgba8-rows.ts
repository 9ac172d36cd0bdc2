// The 8-bit hub of the generic conversion path: any mode reads into RGBA8 rows, and RGBA8 rows write out to any
// direct-colour mode. Formulas follow Pillow 9.4's Convert.c:
// https://github.com/python-pillow/Pillow/blob/9.4.0/src/libImaging/Convert.c
import { PIXEL_MODES, rowStride } from '../raw-image.js';
import type { PixelMode, RawImage } from '../raw-image.js';
import { colourOffsets, isGrey } from './mode-table.js';
import { paletteLookupTable } from './palette.js';

/** Fills `row` (width × 4 bytes) with row `y` of an image as RGBA8. */
export type Rgba8RowReader = (y: number, row: Uint8Array) => void;
/** Writes an RGBA8 `row` (width × 4 bytes) as row `y` of the output. */
export type Rgba8RowWriter = (y: number, row: Uint8Array) => void;

/** Pillow's ITU-R 601-2 luma, `L24(rgb) >> 16` in Convert.c. */
export function luma8(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}

/**
 * A reader of any mode's rows as RGBA8. Grey replicates to R, G and B; modes without alpha read as opaque;
 * `1` reads as 0 or 255; `P` through its palette (see `paletteLookupTable`); 16-bit samples keep their high byte.
 */
export function rgba8RowReader(image: RawImage): Rgba8RowReader {
  const { width, mode, data } = image;
  const stride = rowStride(mode, width);
  switch (mode) {
    case '1':
      return (y, row) => {
        const start = y * stride;
        for (let x = 0, o = 0; x < width; x++, o += 4) {
          const v = ((data[start + (x >> 3)]! >> (7 - (x & 7))) & 1) * 255;
          row[o] = v;
          row[o + 1] = v;
          row[o + 2] = v;
          row[o + 3] = 255;
        }
      };
    case 'P': {
      const table = paletteLookupTable(image);
      return (y, row) => {
        const start = y * stride;
        for (let x = 0, o = 0; x < width; x++, o += 4) {
          const t = data[start + x]! * 4;
          row[o] = table[t]!;
          row[o + 1] = table[t + 1]!;
          row[o + 2] = table[t + 2]!;
          row[o + 3] = table[t + 3]!;
        }
      };
    }
    default: {
      const { channels, bitsPerSample, alpha } = PIXEL_MODES[mode];
      // Byte offsets within a pixel: `wide` moves to the high (second, little-endian) byte of a 16-bit sample, and
      // grey modes read their one level as R, G and B (colourOffsets gives 0 for all three).
      const wide = bitsPerSample === 16 ? 1 : 0;
      const { red, green, blue } = colourOffsets(mode)!;
      const r = red << wide;
      const g = green << wide;
      const b = blue << wide;
      const a = (channels - 1) << wide;
      const step = channels << wide;
      return (y, row) => {
        let i = y * stride + wide;
        for (let x = 0, o = 0; x < width; x++, o += 4, i += step) {
          row[o] = data[i + r]!;
          row[o + 1] = data[i + g]!;
          row[o + 2] = data[i + b]!;
          row[o + 3] = alpha ? data[i + a]! : 255;
        }
      };
    }
  }
}

/** Modes an RGBA8 row can be written to directly (`1` and `P` need state across rows; see bilevel.ts, palette.ts). */
export type DirectColorMode = Exclude<PixelMode, '1' | 'P'>;

/**
 * A writer of RGBA8 rows into `out` as `mode`. Colour to grey uses Pillow's luma; alpha is dropped when the mode has
 * none (composite first to keep it visible); 16-bit modes widen each value as `v × 257`, the bytes `v, v`.
 */
export function rgba8RowWriter(mode: DirectColorMode, out: Uint8Array, width: number): Rgba8RowWriter {
  const stride = rowStride(mode, width);
  const { channels, bitsPerSample, alpha } = PIXEL_MODES[mode];
  const grey = isGrey(mode);
  // Byte offsets within a pixel, as in the reader: 16-bit samples take two bytes (`wide` is the shift), both `v`.
  const wide = bitsPerSample === 16 ? 1 : 0;
  const { red, green, blue } = colourOffsets(mode)!;
  const r = red << wide;
  const g = green << wide;
  const b = blue << wide;
  const a = (channels - 1) << wide;
  const step = channels << wide;
  return (y, row) => {
    for (let x = 0, i = 0, o = y * stride; x < width; x++, i += 4, o += step) {
      if (grey) {
        const v = luma8(row[i]!, row[i + 1]!, row[i + 2]!);
        out[o] = v;
        if (wide) out[o + 1] = v;
      } else {
        out[o + r] = row[i]!;
        out[o + g] = row[i + 1]!;
        out[o + b] = row[i + 2]!;
        if (wide) {
          out[o + r + 1] = row[i]!;
          out[o + g + 1] = row[i + 1]!;
          out[o + b + 1] = row[i + 2]!;
        }
      }
      if (alpha) {
        out[o + a] = row[i + 3]!;
        if (wide) out[o + a + 1] = row[i + 3]!;
      }
    }
  };
}
