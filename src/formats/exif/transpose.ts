// Applying an EXIF orientation to pixels: the eight transposes of Pillow 9.4's ImageOps.exif_transpose
// (orientation 2 FLIP_LEFT_RIGHT, 3 ROTATE_180, 4 FLIP_TOP_BOTTOM, 5 TRANSPOSE, 6 ROTATE_270 (clockwise),
// 7 TRANSVERSE, 8 ROTATE_90 (counter-clockwise)), for every RawImage mode: whole pixels move, so 16-bit and
// multi-channel samples stay together, and mode `1` is read and written bit by bit (rows padded to a byte).

import { rowStride, type RawImage, validateRawImage } from '../../raw-image.js';

/**
 * For output pixel (x, y), the index sy * w + sx of its source pixel in the `w` × `h` source. Orientations 5–8
 * swap width and height.
 */
function sourceOf(orientation: number, w: number, h: number): (x: number, y: number) => number {
  switch (orientation) {
    case 2:
      return (x, y) => y * w + (w - 1 - x);
    case 3:
      return (x, y) => (h - 1 - y) * w + (w - 1 - x);
    case 4:
      return (x, y) => (h - 1 - y) * w + x;
    case 5:
      return (x, y) => x * w + y;
    case 6:
      return (x, y) => (h - 1 - x) * w + y;
    case 7:
      return (x, y) => (h - 1 - x) * w + (w - 1 - y);
    case 8:
      return (x, y) => x * w + (w - 1 - y);
    default:
      return (x, y) => y * w + x;
  }
}

/**
 * The image as ImageOps.exif_transpose shows it for `orientation` (1–8): a new image, width and height swapped for
 * 5–8. Orientation 1, undefined or any other value gives an unchanged copy, as there. The palette is kept.
 * @throws PixtextError `ERR_INVALID_IMAGE` for a malformed RawImage
 */
export function applyOrientation(image: RawImage, orientation: number | undefined): RawImage {
  validateRawImage(image);
  const { width: w, height: h, mode, data } = image;
  const o = orientation !== undefined && Number.isInteger(orientation) && orientation >= 2 && orientation <= 8 ? orientation : 1;
  const swap = o >= 5;
  const outW = swap ? h : w;
  const outH = swap ? w : h;
  const out = new Uint8Array(rowStride(mode, outW) * outH);
  const source = sourceOf(o, w, h);
  if (mode === '1') {
    const inStride = rowStride('1', w);
    const outStride = rowStride('1', outW);
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        const s = source(x, y);
        const sx = s % w;
        const sy = (s - sx) / w;
        if (((data[sy * inStride + (sx >> 3)] as number) >> (7 - (sx & 7))) & 1) {
          const at = y * outStride + (x >> 3);
          out[at] = (out[at] as number) | (0x80 >> (x & 7));
        }
      }
    }
  } else {
    const bpp = rowStride(mode, 1);
    for (let y = 0, d = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++, d += bpp) {
        const s = source(x, y) * bpp;
        for (let k = 0; k < bpp; k++) out[d + k] = data[s + k] as number;
      }
    }
  }
  const result: RawImage = { width: outW, height: outH, mode, data: out };
  if (image.palette !== undefined) result.palette = image.palette.slice();
  return result;
}
