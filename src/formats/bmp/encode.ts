// BMP encoding: BITMAPINFOHEADER for 1/8/24-bit, BITMAPV5HEADER with BI_BITFIELDS for 32-bit with alpha.
// Spec: https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapinfoheader and
// https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv5header

import { ErrorCode, PixtextError } from '../../errors.js';
import { validateRawImage, type PixelMode, type RawImage } from '../../raw-image.js';
import { BMP_COMPRESSION, FILE_HEADER_SIZE } from './header.js';
import { swapRedBlue } from './pixels.js';

/** Modes the BMP encoder writes as they are. */
export const BMP_ENCODABLE_MODES = ['1', 'L', 'P', 'RGB', 'RGBA', 'BGR', 'BGRA'] as const satisfies readonly PixelMode[];

/** The conversion to ask for, for each mode BMP cannot hold. */
const CONVERSION_HINT: Partial<Record<PixelMode, string>> = {
  LA: "BMP has no grey + alpha layout: convert to 'RGBA' first",
  L16: "BMP holds at most 8 bits per sample: convert to 'L' first (keeps the high byte)",
  LA16: "BMP holds at most 8 bits per sample: convert to 'RGBA' first",
  RGB16: "BMP holds at most 8 bits per sample: convert to 'RGB' first (keeps the high byte)",
  RGBA16: "BMP holds at most 8 bits per sample: convert to 'RGBA' first (keeps the high byte)",
};

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
        ErrorCode.UNSUPPORTED,
        `BMP palettes cannot hold alpha and palette entry ${i} has alpha ${palette[i * 4 + 3]}: convert to 'RGBA' first`,
      );
    }
  }
  if (entries < 256) {
    const { data, width } = image;
    for (let i = 0; i < data.length; i++) {
      if (data[i]! >= entries) {
        throw new PixtextError(
          ErrorCode.INVALID_IMAGE,
          `Invalid image: pixel (${i % width}, ${Math.floor(i / width)}) uses palette index ${data[i]} but the palette has ${entries} entries`,
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
  const { width, height, mode } = image;
  if (!(BMP_ENCODABLE_MODES as readonly PixelMode[]).includes(mode)) {
    throw new PixtextError(ErrorCode.UNSUPPORTED, `BMP cannot hold mode ${mode} exactly: ${CONVERSION_HINT[mode] ?? 'convert first'}`);
  }
  if (width > 0x7fffffff || height > 0x7fffffff) {
    throw new PixtextError(ErrorCode.TOO_LARGE, `BMP dimensions are 32-bit signed integers; ${width}×${height} does not fit`);
  }
  const bitsPerPixel = mode === '1' ? 1 : mode === 'L' || mode === 'P' ? 8 : mode === 'RGB' || mode === 'BGR' ? 24 : 32;
  const palette = mode === '1' ? BLACK_WHITE : mode === 'L' ? greyRamp() : mode === 'P' ? palettedEntries(image) : undefined;
  const alpha = bitsPerPixel === 32;
  const infoSize = alpha ? INFO_HEADER_V5 : INFO_HEADER_V3;
  const paletteBytes = palette ? palette.length : 0;
  const dataOffset = FILE_HEADER_SIZE + infoSize + paletteBytes;
  const stride = Math.ceil((width * bitsPerPixel) / 32) * 4;
  const imageSize = stride * height;
  const fileSize = dataOffset + imageSize;
  if (fileSize > 0xffffffff) {
    throw new PixtextError(ErrorCode.TOO_LARGE, `A ${width}×${height} ${mode} BMP would be ${fileSize} bytes, over BMP's 4 GiB limit`);
  }

  const out = new Uint8Array(fileSize);
  const view = new DataView(out.buffer);
  // BITMAPFILEHEADER
  out[0] = 0x42;
  out[1] = 0x4d;
  view.setUint32(2, fileSize, true);
  view.setUint32(10, dataOffset, true);
  // BITMAPINFOHEADER fields shared by V3 and V5; height positive = bottom-up rows.
  const h = FILE_HEADER_SIZE;
  view.setUint32(h, infoSize, true);
  view.setInt32(h + 4, width, true);
  view.setInt32(h + 8, height, true);
  view.setUint16(h + 12, 1, true);
  view.setUint16(h + 14, bitsPerPixel, true);
  view.setUint32(h + 16, alpha ? BMP_COMPRESSION.BITFIELDS : BMP_COMPRESSION.RGB, true);
  view.setUint32(h + 20, imageSize, true);
  view.setInt32(h + 24, PIXELS_PER_METRE, true);
  view.setInt32(h + 28, PIXELS_PER_METRE, true);
  view.setUint32(h + 32, palette ? paletteBytes >> 2 : 0, true);
  if (alpha) {
    view.setUint32(h + 40, 0x00ff0000, true);
    view.setUint32(h + 44, 0x0000ff00, true);
    view.setUint32(h + 48, 0x000000ff, true);
    view.setUint32(h + 52, 0xff000000, true);
    view.setUint32(h + 56, LCS_SRGB, true);
    view.setUint32(h + 108, LCS_GM_IMAGES, true);
  }
  if (palette) {
    for (let i = 0, o = h + infoSize; i < palette.length; i += 4, o += 4) {
      out[o] = palette[i + 2]!;
      out[o + 1] = palette[i + 1]!;
      out[o + 2] = palette[i]!;
    }
  }
  writePixels(image, out, dataOffset, stride);
  return out;
}

/** Writes the rows bottom-up; padding bytes stay zero (fresh buffer). */
function writePixels(image: RawImage, out: Uint8Array, dataOffset: number, stride: number): void {
  const { width, height, mode, data } = image;
  // Zero-width rows hold nothing; walking 2^31 − 1 of them would take minutes.
  if (width === 0) return;
  for (let r = 0; r < height; r++) {
    const o = dataOffset + (height - 1 - r) * stride;
    switch (mode) {
      case '1': {
        const rowBytes = (width + 7) >> 3;
        out.set(data.subarray(r * rowBytes, (r + 1) * rowBytes), o);
        // Clear the unused low bits of the row's last byte so the output does not depend on padding garbage.
        const last = o + rowBytes - 1;
        if (rowBytes > 0) out[last] = out[last]! & ((0xff00 >> (((width - 1) & 7) + 1)) & 0xff);
        break;
      }
      case 'L':
      case 'P':
        out.set(data.subarray(r * width, (r + 1) * width), o);
        break;
      case 'BGR':
        out.set(data.subarray(r * width * 3, (r + 1) * width * 3), o);
        break;
      case 'BGRA':
        out.set(data.subarray(r * width * 4, (r + 1) * width * 4), o);
        break;
      case 'RGB':
        swapRow(data, r * width * 3, out, o, width * 3, 3);
        break;
      default:
        swapRow(data, r * width * 4, out, o, width * 4, 4);
    }
  }
}

/** R,G,B(,A) → B,G,R(,A) for one row: a memcpy, then the red and blue bytes swapped in place. */
function swapRow(src: Uint8Array, s: number, out: Uint8Array, o: number, rowBytes: number, step: 3 | 4): void {
  out.set(src.subarray(s, s + rowBytes), o);
  swapRedBlue(out, o, o + rowBytes, step);
}
