// Conversion to mode `1`, bit for bit as Pillow 9.4's `convert('1')` (tobilevel) and
// `convert('1', dither=Image.Dither.NONE)` (l2bit / rgb2bit):
// https://github.com/python-pillow/Pillow/blob/9.4.0/src/libImaging/Convert.c
import { rowStride } from '../raw-image.js';
import type { DitherMethod } from './convert-options.js';
import type { Rgba8RowWriter } from './rgba8-rows.js';

/**
 * A writer of RGBA8 rows into a mode `1` image (1 = white, most significant bit first, rows padded to a byte with
 * zero bits). Rows must come in order, top to bottom: Floyd–Steinberg carries error from each row to the next.
 *
 * The grey level is Pillow's `(R·299 + G·587 + B·114) / 1000`, truncated, which is exact for grey input (R = G = B).
 * Alpha is ignored, as Pillow ignores it; composite over a background first to make it count.
 * - `'none'`: white when the grey level is at least 128.
 * - `'floyd-steinberg'`: Pillow's integer error diffusion: the 7/16, 3/16, 5/16 and 1/16 shares are summed per pixel
 *   and divided by 16 once, truncating toward zero; a pixel is white when its level plus that error exceeds 128.
 */
export function bilevelRowWriter(out: Uint8Array, width: number, dither: DitherMethod): Rgba8RowWriter {
  const stride = rowStride('1', width);
  const diffuse = dither !== 'none';
  // errors[x + 1] holds the error the previous row left for column x; it carries over across rows as in Pillow.
  const errors = new Int32Array(width + 1);
  return (y, row) => {
    const start = y * stride;
    out.fill(0, start, start + stride);
    let l = 0;
    let l0 = 0;
    let l1 = 0;
    for (let x = 0, i = 0; x < width; x++, i += 4) {
      const grey = ((row[i]! * 299 + row[i + 1]! * 587 + row[i + 2]! * 114) / 1000) | 0;
      if (!diffuse) {
        if (grey >= 128) out[start + (x >> 3)]! |= 0x80 >> (x & 7);
        continue;
      }
      // `| 0` truncates toward zero, as C's integer division does for the negative error sums.
      l = grey + (((l + errors[x + 1]!) / 16) | 0);
      if (l < 0) l = 0;
      else if (l > 255) l = 255;
      let e = l;
      if (l > 128) {
        out[start + (x >> 3)]! |= 0x80 >> (x & 7);
        e = l - 255;
      }
      // Pillow's running sums: errors[x] collects 3e(x) + 5e(x-1) + e(x-2) for column x-1 of the next row.
      const d2 = e + e;
      errors[x] = e + d2 + l0;
      l0 = e + d2 + d2 + l1;
      l1 = e;
      l = e + d2 + d2 + d2;
    }
    errors[width] = l0;
  };
}
