// BMP encoding: BITMAPINFOHEADER for 1/8/24-bit, BITMAPV5HEADER with BI_BITFIELDS for 32-bit with alpha.
// Spec: https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapinfoheader and
// https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv5header

import { PixtextError } from '../../errors.js';
import { rowStride, validateRawImage, type PixelMode, type RawImage } from '../../raw-image.js';
import { BMP_COMPRESSION, FILE_HEADER_SIZE } from './header.js';
import { swapRedBlue24, swapRedBlue32 } from './pixels.js';

/** Modes the BMP encoder writes as they are. */
export const BMP_ENCODABLE_MODES = ['1', 'L', 'P', 'RGB', 'RGBA', 'BGR', 'BGRA'] as const satisfies readonly PixelMode[];

const INFO_HEADER_V3 = 40;
const INFO_HEADER_V5 = 124;
/** 72 dots per inch, in pixels per metre. */
const PIXELS_PER_METRE = 2835;
/** bV5CSType 'sRGB' and bV5Intent LCS_GM_IMAGES: the pixels are plain sRGB. */
const LCS_SRGB = 0x73524742;
const LCS_GM_IMAGES = 4;

const BLACK_WHITE = new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255]);

function greyRamp(): Uint8Array {
  const palette = new Uint8Array(1024);
  for (let i = 0; i < 256; i++) palette.fill(i, i * 4, i * 4 + 3).fill(255, i * 4 + 3, i * 4 + 4);
  return palette;
}

/** The palette to write for a `P` image, after checking that BMP can hold it exactly. */
function palettedEntries(image: RawImage): Uint8Array {
  const palette = image.palette ?? greyRamp();
  const entries = palette.length >> 2;
  for (let i = 0; i < entries; i++) {
    if (palette[i * 4 + 3] !== 255) {
      throw new PixtextError(
        'ERR_UNSUPPORTED',
        `BMP palettes cannot hold alpha (entry ${i} has ${palette[i * 4 + 3]}): convert(image, 'RGBA') first`,
      );
    }
  }
  if (entries < 256) {
    const { data, width } = image;
    for (let i = 0; i < data.length; i++) {
      if (data[i]! >= entries) {
        throw new PixtextError(
          'ERR_INVALID_IMAGE',
          `Invalid image: pixel (${i % width}, ${Math.floor(i / width)}) uses palette index ${data[i]} of ${entries}`,
        );
      }
    }
  }
  // BMP reads a colour count of 0 as "all 256", so an empty palette (possible only without pixels) becomes one black entry.
  return entries === 0 ? new Uint8Array([0, 0, 0, 255]) : palette;
}

/**
 * Encodes an image as an uncompressed BMP, rows bottom-up and padded to 4 bytes:
 * `1` → 1-bit with a black/white palette; `L` → 8-bit with a grey ramp palette; `P` → 8-bit with the image's palette
 * (opaque entries only; without a palette, the grey ramp); `RGB`/`BGR` → 24-bit; `RGBA`/`BGRA` → 32-bit BI_BITFIELDS
 * with a BITMAPV5HEADER and masks R=0x00FF0000 G=0x0000FF00 B=0x000000FF A=0xFF000000, which Pillow, OpenCV and
 * ImageMagick all read as RGBA.
 *
 * @throws PixtextError `ERR_UNSUPPORTED` for modes BMP cannot hold (the message names the conversion) and for a
 *   palette with non-opaque entries; `ERR_INVALID_IMAGE` for a malformed image or a palette index beyond the
 *   palette; `ERR_TOO_LARGE` beyond BMP's 32-bit sizes.
 * @example
 * ```ts
 * const bytes = encodeBmp({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0]) });
 * ```
 */
export function encodeBmp(image: RawImage): Uint8Array {
  validateRawImage(image);
  const { width, height, mode, data } = image;
  if (!(BMP_ENCODABLE_MODES as readonly PixelMode[]).includes(mode)) {
    // LA has no BMP layout of its own; the 16-bit modes keep their high byte in the 8-bit ones.
    const target = mode === 'L16' ? 'L' : mode === 'RGB16' ? 'RGB' : 'RGBA';
    throw new PixtextError('ERR_UNSUPPORTED', `BMP cannot hold mode ${mode}: convert(image, '${target}') first`);
  }
  if (width > 0x7fffffff || height > 0x7fffffff) {
    throw new PixtextError('ERR_TOO_LARGE', `BMP cannot hold ${width}×${height} (sides over 2^31 − 1)`);
  }
  // Bytes in a row of 8 pixels are bits per pixel: 1, 8, 24 or 32.
  const bitsPerPixel = rowStride(mode, 8);
  const palette = mode === '1' ? BLACK_WHITE : mode === 'L' ? greyRamp() : mode === 'P' ? palettedEntries(image) : undefined;
  const alpha = bitsPerPixel === 32;
  const infoSize = alpha ? INFO_HEADER_V5 : INFO_HEADER_V3;
  const paletteBytes = palette ? palette.length : 0;
  const dataOffset = FILE_HEADER_SIZE + infoSize + paletteBytes;
  const stride = Math.ceil((width * bitsPerPixel) / 32) * 4;
  const imageSize = stride * height;
  const fileSize = dataOffset + imageSize;
  if (fileSize > 0xffffffff) {
    throw new PixtextError('ERR_TOO_LARGE', `A ${width}×${height} ${mode} BMP would be over 4 GiB`);
  }

  const out = new Uint8Array(fileSize);
  const view = new DataView(out.buffer);
  const h = FILE_HEADER_SIZE;
  // BITMAPFILEHEADER ("BM", size, offset), then the BITMAPINFOHEADER fields V3 and V5 share (biPlanes 1 and biBitCount
  // as one 32-bit word; a positive height means bottom-up rows), then V5's masks and colour space. All little-endian.
  out[0] = 0x42;
  out[1] = 0x4d;
  const fields = [
    [2, fileSize], [10, dataOffset],
    [h, infoSize], [h + 4, width], [h + 8, height], [h + 12, 1 | (bitsPerPixel << 16)],
    [h + 16, alpha ? BMP_COMPRESSION.BITFIELDS : BMP_COMPRESSION.RGB], [h + 20, imageSize],
    [h + 24, PIXELS_PER_METRE], [h + 28, PIXELS_PER_METRE], [h + 32, paletteBytes >> 2],
  ];
  if (alpha) fields.push([h + 40, 0x00ff0000], [h + 44, 0x0000ff00], [h + 48, 0x000000ff], [h + 52, 0xff000000], [h + 56, LCS_SRGB], [h + 108, LCS_GM_IMAGES]);
  for (const [at, value] of fields) view.setUint32(at!, value!, true);
  if (palette) {
    for (let i = 0, o = h + infoSize; i < palette.length; i += 4, o += 4) {
      out[o] = palette[i + 2]!;
      out[o + 1] = palette[i + 1]!;
      out[o + 2] = palette[i]!;
    }
  }
  // Rows bottom-up, copied whole; RGB(A) then has red and blue swapped in place, `1` the unused bits of each row's
  // last byte cleared so the output does not depend on padding garbage. Padding bytes stay zero (fresh buffer).
  // Zero-width rows hold nothing; walking 2^31 − 1 of them would take minutes.
  const rowBytes = rowStride(mode, width);
  const swap = mode === 'RGB' || mode === 'RGBA';
  const keep = mode === '1' ? (0xff00 >> (((width - 1) & 7) + 1)) & 0xff : 0xff;
  for (let r = 0; width > 0 && r < height; r++) {
    const o = dataOffset + (height - 1 - r) * stride;
    out.set(data.subarray(r * rowBytes, (r + 1) * rowBytes), o);
    if (swap) (bitsPerPixel === 24 ? swapRedBlue24 : swapRedBlue32)(out, o, o + rowBytes);
    out[o + rowBytes - 1]! &= keep;
  }
  return out;
}
