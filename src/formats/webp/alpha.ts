// The ALPH chunk of a lossy image (RFC 9649 §2.7.1.2; libwebp 1.2.4 src/dec/alpha_dec.c): a header byte
// (compression, filter, pre-processing, reserved), then the alpha plane raw or as a headerless VP8L stream whose
// green channel is the alpha, each row unfiltered from the one above (src/dsp/filters.c *Unfilter_C). The
// pre-processing flag (quantised levels) only matters to libwebp's optional dithering, off by default.
import { PixtextError } from '../../errors.js';
import { decodeVp8l } from './vp8l/decode.js';

/** Filter methods of the ALPH header. */
export const ALPHA_FILTERS = ['none', 'horizontal', 'vertical', 'gradient'] as const;

function corrupt(message: string, offset: number): PixtextError {
  return new PixtextError('ERR_CORRUPT', `WebP: ${message}`, { offset, chunk: 'ALPH' });
}

/** Undoes `filter` on one row in place: `row` holds the residuals, `prev` the row above (absent for the first). */
function unfilterRow(filter: number, plane: Uint8Array, row: number, prev: number, width: number): void {
  if (filter === 0) return;
  // The first row of every filter, and every row of the horizontal one, predicts from the left; the first pixel
  // from the pixel above (or 0).
  if (prev < 0 || filter === 1) {
    let pred = prev < 0 ? 0 : plane[prev]!;
    for (let i = 0; i < width; i++) pred = plane[row + i] = (pred + plane[row + i]!) & 0xff;
    return;
  }
  if (filter === 2) {
    for (let i = 0; i < width; i++) plane[row + i] = (plane[prev + i]! + plane[row + i]!) & 0xff;
    return;
  }
  let left = plane[prev]!;
  let topLeft = left;
  for (let i = 0; i < width; i++) {
    const top = plane[prev + i]!;
    const g = left + top - topLeft;
    left = plane[row + i] = (plane[row + i]! + (g < 0 ? 0 : g > 255 ? 255 : g)) & 0xff;
    topLeft = top;
  }
}

/**
 * Decodes the ALPH payload `data` (at `offset` in the file) of a `width` × `height` image to its alpha plane.
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`
 */
export function decodeAlpha(data: Uint8Array, width: number, height: number, offset: number): Uint8Array {
  if (data.length <= 1) throw corrupt(`the ALPH chunk has ${data.length} bytes, no alpha data`, offset);
  const header = data[0]!;
  const method = header & 3;
  const filter = (header >> 2) & 3;
  const preprocessing = (header >> 4) & 3;
  if (method > 1 || preprocessing > 1 || header >> 6 !== 0) {
    throw corrupt(`ALPH header 0x${header.toString(16)} has an unknown compression, pre-processing or reserved bits`, offset);
  }
  let plane: Uint8Array;
  if (method === 0) {
    if (data.length - 1 < width * height) {
      throw corrupt(`raw alpha needs ${width * height} bytes, the ALPH chunk has ${data.length - 1}`, offset);
    }
    plane = data.slice(1, 1 + width * height);
  } else {
    const { argb } = decodeVp8l(data.subarray(1), width, height, offset + 1, true);
    plane = new Uint8Array(width * height);
    for (let i = 0; i < plane.length; i++) plane[i] = argb[i]! >>> 8;
  }
  for (let y = 0; y < height; y++) unfilterRow(filter, plane, y * width, y === 0 ? -1 : (y - 1) * width, width);
  return plane;
}
