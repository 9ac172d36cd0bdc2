// BMP encoding: BITMAPINFOHEADER for 1/8/24-bit, BITMAPV5HEADER with BI_BITFIELDS for 32-bit with alpha.
// Spec: https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapinfoheader and
// https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv5header

import { PixtextError } from '../../errors.js';
import { colourOffsets } from '../../pixel-modes/mode-table.js';
import { swapRedBlue3, swapRedBlue4 } from '../../pixel-modes/red-blue.js';
import { greyRamp } from '../../pixel-modes/palette.js';
import { lastByteMask1, rowStride, validateRawImage, type PixelMode, type RawImage } from '../../raw-image.js';
import { BMP_COMPRESSION, FILE_HEADER_SIZE, bmpRowStride } from './header.js';
import { BLACK_WHITE } from './palette.js';
import { BITMAPFILEHEADER, BITMAPINFOHEADER, BITMAPV5HEADER, headerSize, writeHeader } from './header-layout.js';

/** Modes the BMP encoder writes as they are. */
export const BMP_ENCODABLE_MODES = ['1', 'L', 'P', 'RGB', 'RGBA', 'BGR', 'BGRA'] as const satisfies readonly PixelMode[];
type BmpMode = (typeof BMP_ENCODABLE_MODES)[number];

/** How each mode is stored: bits per pixel and the colour table written before the pixels. */
const STORAGE: Readonly<Record<BmpMode, { bitsPerPixel: 1 | 8 | 24 | 32; palette?: 'black and white' | 'grey ramp' | 'image' }>> = {
  '1': { bitsPerPixel: 1, palette: 'black and white' },
  L: { bitsPerPixel: 8, palette: 'grey ramp' },
  P: { bitsPerPixel: 8, palette: 'image' },
  RGB: { bitsPerPixel: 24 },
  RGBA: { bitsPerPixel: 32 },
  BGR: { bitsPerPixel: 24 },
  BGRA: { bitsPerPixel: 32 },
};

/** The conversion to ask for when BMP cannot hold a mode: LA has no BMP layout; 16-bit modes keep their high byte. */
const CONVERT_FIRST: Readonly<Record<Exclude<PixelMode, BmpMode>, BmpMode>> = {
  LA: 'RGBA',
  L16: 'L',
  LA16: 'RGBA',
  RGB16: 'RGB',
  RGBA16: 'RGBA',
};

const isBmpMode = (mode: PixelMode): mode is BmpMode => Object.hasOwn(STORAGE, mode);

/** 72 dots per inch, in pixels per metre. */
const PIXELS_PER_METRE = 2835;
/** bV5CSType 'sRGB' and bV5Intent LCS_GM_IMAGES: the pixels are plain sRGB. */
const LCS_SRGB = 0x73524742;
const LCS_GM_IMAGES = 4;
/** bfType: "BM" read as a little-endian WORD. */
const BM = 0x4d42;

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
  if (!isBmpMode(mode)) {
    throw new PixtextError('ERR_UNSUPPORTED', `BMP cannot hold mode ${mode}: convert(image, '${CONVERT_FIRST[mode]}') first`);
  }
  if (width > 0x7fffffff || height > 0x7fffffff) {
    throw new PixtextError('ERR_TOO_LARGE', `BMP cannot hold ${width}×${height} (sides over 2^31 − 1)`);
  }
  const { bitsPerPixel, palette: paletteKind } = STORAGE[mode];
  const palette =
    paletteKind === 'black and white' ? BLACK_WHITE : paletteKind === 'grey ramp' ? greyRamp() : paletteKind === 'image' ? palettedEntries(image) : undefined;
  // 32-bit pixels carry alpha, which needs the masks of a V5 header; everything else fits the plain info header.
  const info = bitsPerPixel === 32 ? BITMAPV5HEADER : BITMAPINFOHEADER;
  const paletteBytes = palette ? palette.length : 0;
  const paletteOffset = FILE_HEADER_SIZE + headerSize(info);
  const dataOffset = paletteOffset + paletteBytes;
  const stride = bmpRowStride(width, bitsPerPixel);
  const imageSize = stride * height;
  const fileSize = dataOffset + imageSize;
  if (fileSize > 0xffffffff) {
    throw new PixtextError('ERR_TOO_LARGE', `A ${width}×${height} ${mode} BMP would be over 4 GiB`);
  }

  const out = new Uint8Array(fileSize);
  const view = new DataView(out.buffer);
  writeHeader(view, 0, BITMAPFILEHEADER, { bfType: BM, bfSize: fileSize, bfReserved1: 0, bfReserved2: 0, bfOffBits: dataOffset });
  // A positive height: rows are stored bottom-up.
  if (info === BITMAPINFOHEADER) {
    writeHeader(view, FILE_HEADER_SIZE, BITMAPINFOHEADER, {
      biSize: headerSize(BITMAPINFOHEADER),
      biWidth: width,
      biHeight: height,
      biPlanes: 1,
      biBitCount: bitsPerPixel,
      biCompression: BMP_COMPRESSION.RGB,
      biSizeImage: imageSize,
      biXPelsPerMeter: PIXELS_PER_METRE,
      biYPelsPerMeter: PIXELS_PER_METRE,
      biClrUsed: paletteBytes / 4,
      biClrImportant: 0,
    });
  } else {
    // Masks of B,G,R,A bytes, the layout Pillow, OpenCV and ImageMagick all read as RGBA; plain sRGB, no profile.
    writeHeader(view, FILE_HEADER_SIZE, BITMAPV5HEADER, {
      bV5Size: headerSize(BITMAPV5HEADER),
      bV5Width: width,
      bV5Height: height,
      bV5Planes: 1,
      bV5BitCount: bitsPerPixel,
      bV5Compression: BMP_COMPRESSION.BITFIELDS,
      bV5SizeImage: imageSize,
      bV5XPelsPerMeter: PIXELS_PER_METRE,
      bV5YPelsPerMeter: PIXELS_PER_METRE,
      bV5ClrUsed: 0,
      bV5ClrImportant: 0,
      bV5RedMask: 0x00ff0000,
      bV5GreenMask: 0x0000ff00,
      bV5BlueMask: 0x000000ff,
      bV5AlphaMask: 0xff000000,
      bV5CSType: LCS_SRGB,
      bV5GammaRed: 0,
      bV5GammaGreen: 0,
      bV5GammaBlue: 0,
      bV5Intent: LCS_GM_IMAGES,
      bV5ProfileData: 0,
      bV5ProfileSize: 0,
      bV5Reserved: 0,
    });
  }
  // RGBQUAD entries: blue, green, red, and a reserved zero byte.
  if (palette) {
    for (let i = 0, o = paletteOffset; i < palette.length; i += 4, o += 4) {
      out[o] = palette[i + 2]!;
      out[o + 1] = palette[i + 1]!;
      out[o + 2] = palette[i]!;
    }
  }
  // Rows bottom-up, copied whole. BMP stores blue first, so modes that store red first have red and blue swapped in
  // place; `1` has the unused bits of each row's last byte cleared so the output does not depend on padding garbage.
  // Padding bytes stay zero (fresh buffer). Zero-width rows hold nothing; walking 2^31 − 1 of them would take minutes.
  const rowBytes = rowStride(mode, width);
  const swap = bitsPerPixel === 24 ? swapRedBlue3 : bitsPerPixel === 32 ? swapRedBlue4 : undefined;
  const redFirst = colourOffsets(mode)?.red === 0;
  const keep = mode === '1' ? lastByteMask1(width) : 0xff;
  for (let r = 0; width > 0 && r < height; r++) {
    const o = dataOffset + (height - 1 - r) * stride;
    out.set(data.subarray(r * rowBytes, (r + 1) * rowBytes), o);
    if (swap && redFirst) swap(out, o, out, o, width);
    out[o + rowBytes - 1]! &= keep;
  }
  return out;
}
