// resize(image, options): Pillow 9.4's Image.resize(size, resample, box), bit for bit in the 8-bit modes
// (src/PIL/Image.py resize, src/_imaging.c _resize, src/libImaging/Resample.c and Geometry.c).
import { PixtextError, invalidArgument } from '../errors.js';
import { MODE_TABLE } from '../pixel-modes/mode-table.js';
import { byteLengthFor, checkPixelLimit, validateRawImage } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import { KERNELS } from './filters.js';
import type { ResizeFilter } from './filters.js';
import { nearestPixels } from './nearest.js';
import { premultiply8, unpremultiply8 } from './premultiply.js';
import { resample8 } from './resample.js';
import type { Box } from './resample.js';
import { resample16 } from './resize-16bit.js';
import { resolveResizeOptions } from './resize-options.js';
import type { ResizeOptions } from './resize-options.js';
import { packBits, unpackBits } from './bilevel-bits.js';

/** What the core resize needs, checked. `box` holds the caller's numbers (doubles), as Pillow's Python side does. */
export interface ResizeRequest {
  readonly width: number;
  readonly height: number;
  readonly filter: ResizeFilter;
  readonly box: readonly [number, number, number, number] | undefined;
  readonly maxPixels: number;
}

/**
 * Resizes an image with one of Pillow's filters: Pillow 9.4's `Image.resize((width, height), filter, box)`.
 *
 * Modes `L`, `LA`, `RGB`, `RGBA`, `BGR`, `BGRA` give exactly Pillow's bytes with every filter (`LA`/`RGBA`/`BGRA`
 * resized premultiplied, as Pillow does); `1` and `P` take `'nearest'` only (the palette is kept). The 16-bit modes
 * use Pillow's coefficients in double precision with no rounding between the passes, each result rounded half up
 * and clamped (premultiplied when there is alpha): within 1 of a float computation throughout. The same size with
 * no box returns a copy.
 *
 * @param image The image; not modified.
 * @param options `width`, `height` (required, integers ≥ 1); `filter` (`'nearest' | 'box' | 'bilinear' | 'hamming'
 * | 'bicubic' | 'lanczos'`, defaults to `'lanczos'`); `box` `[left, top, right, bottom]` of the source to scale
 * (defaults to the whole image); `maxPixels` (defaults to 268,402,689, also bounding the intermediate image).
 * @returns A new image of the same mode (and palette).
 * @throws PixtextError `ERR_INVALID_ARGUMENT` (bad options, a box outside the image), `ERR_INVALID_IMAGE`,
 * `ERR_UNSUPPORTED` (a filter other than `'nearest'` on modes `1`/`P`, or an empty source), `ERR_TOO_LARGE`.
 * @example
 * ```ts
 * const small = resize(image, { width: 640, height: 480 });                    // Lanczos, as Pillow's LANCZOS
 * const crop = resize(image, { width: 100, height: 100, filter: 'bicubic', box: [10, 10, 210, 210] });
 * ```
 */
export function resize(image: RawImage, options: ResizeOptions): RawImage {
  const source = validateRawImage(image);
  return resizeChecked(source, resolveResizeOptions(options));
}

/** {@link resize} on a checked image and checked options. */
export function resizeChecked(image: RawImage, request: ResizeRequest): RawImage {
  const { width, height, filter, maxPixels } = request;
  const box = request.box ?? [0, 0, image.width, image.height];
  checkPixelLimit(width, height, maxPixels, 'The resize target', image.mode);
  // Image.py: the same size and the whole image is a copy, before anything else.
  if (width === image.width && height === image.height && box[0] === 0 && box[1] === 0 && box[2] === image.width && box[3] === image.height) {
    return copyOf(image);
  }
  if (image.width === 0 || image.height === 0) {
    throw new PixtextError('ERR_UNSUPPORTED', `Cannot resize an empty ${image.width}×${image.height} image to ${width}×${height}`);
  }
  if ((image.mode === '1' || image.mode === 'P') && filter !== 'nearest') {
    throw new PixtextError(
      'ERR_UNSUPPORTED',
      `The ${filter} filter cannot resize mode ${image.mode} exactly: pass filter: 'nearest', or convert(image, ${image.mode === '1' ? "'L'" : "'RGB'"} or 'RGBA') first`,
    );
  }
  const floatBox = checkBox(box, image);
  const info = MODE_TABLE[image.mode];
  const channels = info.samples.length;
  const alpha = info.samples[channels - 1] === 'A';
  const out: RawImage = { width, height, mode: image.mode, data: new Uint8Array(0) };
  if (image.palette !== undefined) out.palette = image.palette.slice();
  // _imaging.c _resize: a box of whole pixels the size of the output is a crop, for every filter.
  if (isCrop(floatBox, width, height)) {
    out.data = crop(image, floatBox[0], floatBox[1], width, height);
    if (alpha && info.bitsPerSample === 8 && filter !== 'nearest') out.data = roundTripPremultiplied(out.data, channels);
    return out;
  }
  if (filter === 'nearest') {
    out.data = nearest(image, width, height, floatBox);
    return out;
  }
  const job = { inWidth: image.width, inHeight: image.height, channels, outWidth: width, outHeight: height, kernel: KERNELS[filter], box: floatBox, maxPixels };
  if (info.bitsPerSample === 16) {
    out.data = resample16(image.data, job, alpha);
  } else if (alpha) {
    const data = resample8(premultiply8(image.data, channels), job);
    unpremultiply8(data, channels);
    out.data = data;
  } else {
    out.data = resample8(image.data, job);
  }
  return out;
}

function copyOf(image: RawImage): RawImage {
  const out: RawImage = { width: image.width, height: image.height, mode: image.mode, data: image.data.slice() };
  if (image.palette !== undefined) out.palette = image.palette.slice();
  return out;
}

/** The box as C floats, checked as _imaging.c _resize checks it (after the float conversion). */
function checkBox(box: readonly [number, number, number, number], image: RawImage): Box {
  const b: Box = [Math.fround(box[0]), Math.fround(box[1]), Math.fround(box[2]), Math.fround(box[3])];
  const fail = (rule: string): never => {
    throw invalidArgument(`a box [left, top, right, bottom] ${rule}`, 'box', box);
  };
  if (b[0] < 0 || b[1] < 0) fail('with left and top ≥ 0');
  if (b[2] > image.width || b[3] > image.height) fail(`within the ${image.width}×${image.height} image`);
  if (Math.fround(b[2] - b[0]) < 0 || Math.fround(b[3] - b[1]) < 0) fail('with right ≥ left and bottom ≥ top');
  return b;
}

function isCrop(b: Box, width: number, height: number): boolean {
  return b[0] === Math.trunc(b[0]) && Math.fround(b[2] - b[0]) === width && b[1] === Math.trunc(b[1]) && Math.fround(b[3] - b[1]) === height;
}

function crop(image: RawImage, left: number, top: number, width: number, height: number): Uint8Array {
  if (image.mode === '1') return packBits(cropBytes(unpackBits(image), image.width, left, top, width, height), width, height);
  const bpp = byteLengthFor(image.mode, 1, 1);
  const out = new Uint8Array(width * height * bpp);
  for (let y = 0; y < height; y++) {
    const start = ((top + y) * image.width + left) * bpp;
    out.set(image.data.subarray(start, start + width * bpp), y * width * bpp);
  }
  return out;
}

/** A crop of one byte a pixel. */
function cropBytes(bytes: Uint8Array, inWidth: number, left: number, top: number, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) out.set(bytes.subarray((top + y) * inWidth + left, (top + y) * inWidth + left + width), y * width);
  return out;
}

/** Pillow crops LA/RGBA inside its La/RGBa detour, so colour goes through premultiplying and back. */
function roundTripPremultiplied(data: Uint8Array, channels: number): Uint8Array {
  const p = premultiply8(data, channels);
  unpremultiply8(p, channels);
  return p;
}

function nearest(image: RawImage, width: number, height: number, box: Box): Uint8Array {
  const geometry = { inWidth: image.width, inHeight: image.height, outWidth: width, outHeight: height, box };
  if (image.mode === '1') return packBits(nearestPixels(unpackBits(image), 1, geometry, false), width, height);
  const is16 = MODE_TABLE[image.mode].bitsPerSample === 16;
  return nearestPixels(image.data, byteLengthFor(image.mode, 1, 1), geometry, is16);
}

