// The 16-bit hub, used only when both ends of a conversion are 16-bit so no precision is lost on the way.
// Samples are little-endian in `data` and read byte by byte, so views at odd offsets work.
import { PIXEL_MODES, rowStride } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import { isGrey } from './mode-table.js';

/** The 16-bit modes. */
export type Mode16 = 'L16' | 'LA16' | 'RGB16' | 'RGBA16';

/** Fills `row` (width × 4 samples) with row `y` of a 16-bit image as RGBA16. */
export type Rgba16RowReader = (y: number, row: Uint16Array) => void;
/** Writes an RGBA16 `row` (width × 4 samples) as row `y` of the output. */
export type Rgba16RowWriter = (y: number, row: Uint16Array) => void;

/**
 * Pillow's luma weights applied to 16-bit samples, rounded as Pillow rounds at 8 bits:
 * `(R·19595 + G·38470 + B·7471 + 0x8000) >> 16`. The sum stays below 2^32, hence the unsigned shift.
 */
export function luma16(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16;
}

/** A reader of a 16-bit image's rows as RGBA16: grey replicates, no alpha reads as 65535. */
export function rgba16RowReader(image: RawImage & { mode: Mode16 }): Rgba16RowReader {
  const { width, mode, data } = image;
  const stride = rowStride(mode, width);
  const { channels, alpha } = PIXEL_MODES[mode];
  const grey = isGrey(mode);
  return (y, row) => {
    let i = y * stride;
    for (let x = 0, o = 0; x < width; x++, o += 4, i += channels * 2) {
      const first = data[i]! | (data[i + 1]! << 8);
      row[o] = first;
      row[o + 1] = grey ? first : data[i + 2]! | (data[i + 3]! << 8);
      row[o + 2] = grey ? first : data[i + 4]! | (data[i + 5]! << 8);
      row[o + 3] = !alpha ? 0xffff : grey ? data[i + 2]! | (data[i + 3]! << 8) : data[i + 6]! | (data[i + 7]! << 8);
    }
  };
}

/** A writer of RGBA16 rows into `out` as a 16-bit mode; colour to grey uses {@link luma16}, alpha dropped if absent. */
export function rgba16RowWriter(mode: Mode16, out: Uint8Array, width: number): Rgba16RowWriter {
  const stride = rowStride(mode, width);
  const { alpha } = PIXEL_MODES[mode];
  const grey = isGrey(mode);
  return (y, row) => {
    let o = y * stride;
    for (let x = 0, i = 0; x < width; x++, i += 4) {
      if (grey) {
        const v = luma16(row[i]!, row[i + 1]!, row[i + 2]!);
        out[o++] = v & 0xff;
        out[o++] = v >> 8;
      } else {
        for (let c = 0; c < 3; c++) {
          const v = row[i + c]!;
          out[o++] = v & 0xff;
          out[o++] = v >> 8;
        }
      }
      if (alpha) {
        const a = row[i + 3]!;
        out[o++] = a & 0xff;
        out[o++] = a >> 8;
      }
    }
  };
}
