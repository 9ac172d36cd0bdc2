// Applying an EXIF orientation to pixels: the eight transposes of Pillow 9.4's ImageOps.exif_transpose
// (orientation 2 FLIP_LEFT_RIGHT, 3 ROTATE_180, 4 FLIP_TOP_BOTTOM, 5 TRANSPOSE, 6 ROTATE_270 (clockwise),
// 7 TRANSVERSE, 8 ROTATE_90 (counter-clockwise)), for every RawImage mode: whole pixels move, so 16-bit and
// multi-channel samples stay together, and mode `1` is read and written bit by bit (rows padded to a byte).

import { rowStride, type RawImage, validateRawImage } from '../../raw-image.js';

/**
 * Every transpose is affine in pixel indices: output pixel (x, y) comes from source pixel
 * `start + x * dx + y * dy` of the `w` × `h` source (index sy * w + sx). Orientations 5–8 swap width and height.
 */
function mapping(orientation: number, w: number, h: number): { start: number; dx: number; dy: number } {
  const last = (h - 1) * w; // first pixel of the last row
  switch (orientation) {
    case 2:
      return { start: w - 1, dx: -1, dy: w };
    case 3:
      return { start: last + w - 1, dx: -1, dy: -w };
    case 4:
      return { start: last, dx: 1, dy: -w };
    case 5:
      return { start: 0, dx: w, dy: 1 };
    case 6:
      return { start: last, dx: -w, dy: 1 };
    case 7:
      return { start: last + w - 1, dx: -w, dy: -1 };
    case 8:
      return { start: w - 1, dx: w, dy: -1 };
    default:
      return { start: 0, dx: 1, dy: w };
  }
}

function moveBits(data: Uint8Array, w: number, out: Uint8Array, outW: number, outH: number, m: ReturnType<typeof mapping>): void {
  const inStride = rowStride('1', w);
  const outStride = rowStride('1', outW);
  // A step of ±w in the index moves along a source column, any other (±1) along a source row (w = 1: a column).
  const yStep = (d: number): number => (d === w || d === -w ? d / w : 0);
  const xStep = (d: number): number => (yStep(d) === 0 ? d : 0);
  const startX = m.start % w;
  const startY = (m.start - startX) / w;
  for (let y = 0; y < outH; y++) {
    let sx = startX + y * xStep(m.dy);
    let sy = startY + y * yStep(m.dy);
    const dsx = xStep(m.dx);
    const dsy = yStep(m.dx);
    for (let x = 0; x < outW; x++, sx += dsx, sy += dsy) {
      if (((data[sy * inStride + (sx >> 3)] as number) >> (7 - (sx & 7))) & 1) {
        const at = y * outStride + (x >> 3);
        out[at] = (out[at] as number) | (0x80 >> (x & 7));
      }
    }
  }
}

function moveBytes(data: Uint8Array, bpp: number, out: Uint8Array, outW: number, outH: number, m: ReturnType<typeof mapping>): void {
  const { start, dx, dy } = m;
  let d = 0;
  if (bpp === 1) {
    for (let y = 0; y < outH; y++) {
      let s = start + y * dy;
      for (let x = 0; x < outW; x++, s += dx) out[d++] = data[s] as number;
    }
    return;
  }
  // Several bytes a pixel: as 16/32-bit words when the views line up, else byte by byte.
  const aligned = data.byteOffset % 4 === 0 && out.byteOffset % 4 === 0;
  if (bpp === 4 && aligned) {
    const src = new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
    const dst = new Uint32Array(out.buffer, out.byteOffset, out.length >> 2);
    for (let y = 0; y < outH; y++) {
      let s = start + y * dy;
      for (let x = 0; x < outW; x++, s += dx) dst[d++] = src[s] as number;
    }
    return;
  }
  if (bpp === 2 && aligned) {
    const src = new Uint16Array(data.buffer, data.byteOffset, data.length >> 1);
    const dst = new Uint16Array(out.buffer, out.byteOffset, out.length >> 1);
    for (let y = 0; y < outH; y++) {
      let s = start + y * dy;
      for (let x = 0; x < outW; x++, s += dx) dst[d++] = src[s] as number;
    }
    return;
  }
  for (let y = 0; y < outH; y++) {
    let s = (start + y * dy) * bpp;
    const step = dx * bpp;
    for (let x = 0; x < outW; x++, s += step) {
      for (let k = 0; k < bpp; k++) out[d++] = data[s + k] as number;
    }
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
  const outW = o >= 5 ? h : w;
  const outH = o >= 5 ? w : h;
  let out: Uint8Array;
  if (o === 1) out = data.slice();
  else {
    out = new Uint8Array(rowStride(mode, outW) * outH);
    if (w > 0 && h > 0) {
      const m = mapping(o, w, h);
      if (mode === '1') moveBits(data, w, out, outW, outH, m);
      else moveBytes(data, rowStride(mode, 1), out, outW, outH, m);
    }
  }
  const result: RawImage = { width: outW, height: outH, mode, data: out };
  if (image.palette !== undefined) result.palette = image.palette.slice();
  return result;
}
