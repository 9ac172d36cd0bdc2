// BMP file and info headers: every variant a decoder meets in practice, validated before anything is allocated.
// Spec: BITMAPFILEHEADER https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapfileheader
// BITMAPINFOHEADER https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapinfoheader
// BITMAPV4HEADER https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv4header
// BITMAPV5HEADER https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv5header
// OS/2 1.x BITMAPCOREHEADER https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapcoreheader
// OS/2 2.x BITMAPINFOHEADER2: IBM OS/2 Presentation Manager programming reference (16 to 64 byte header).

import { PixtextError } from '../../errors.js';
import { MASKS_RGB555, MASKS_XRGB8888, type BmpMasks } from './bitfields.js';
import {
  BITMAPCOREHEADER,
  BITMAPFILEHEADER,
  BITMAPINFOHEADER,
  BITMAPV4HEADER,
  endOf,
  headerSize as layoutSize,
  offsetOf,
  readField,
} from './header-layout.js';

/** biCompression values (the Windows meaning; OS/2 2.x reuses 3 and 4 for Huffman 1D and RLE24). */
export const BMP_COMPRESSION = {
  RGB: 0,
  RLE8: 1,
  RLE4: 2,
  BITFIELDS: 3,
  JPEG: 4,
  PNG: 5,
  ALPHABITFIELDS: 6,
} as const;

/**
 * How the pixel data is stored, after the header's compression field has been checked against the bit depth.
 * 16-, 24- and 32-bit pixels are all `bitfields`: BI_RGB ones with their default masks.
 */
export type BmpPixelFormat = 'indexed' | 'rle8' | 'rle4' | 'bitfields';

/** Sizes of the info headers this decoder reads: OS/2 1.x, OS/2 2.x short, V3, V3+RGB masks, V3+RGBA masks, OS/2 2.x, V4, V5. */
export const INFO_HEADER_SIZES = [12, 16, 40, 52, 56, 64, 108, 124] as const;

/** Length of BITMAPFILEHEADER. */
export const FILE_HEADER_SIZE = /* @__PURE__ */ layoutSize(BITMAPFILEHEADER);

/**
 * Bytes in one stored row of uncompressed pixels: rows are padded to a multiple of 4 bytes. Width ≤ 2^31 and
 * bpp ≤ 32, so this stays an exact integer below 2^37.
 */
export function bmpRowStride(width: number, bitsPerPixel: number): number {
  return Math.ceil((width * bitsPerPixel) / 32) * 4;
}

/** Everything the decoder needs from the headers, already validated. */
export interface BmpHeader {
  width: number;
  /** Absolute height; see `topDown`. */
  height: number;
  /** True when rows are stored top row first (a negative biHeight). */
  topDown: boolean;
  bitsPerPixel: number;
  format: BmpPixelFormat;
  /** Channel masks for `bitfields` (the BI_RGB defaults for 16, 24 and 32 bits). */
  masks: BmpMasks | undefined;
  /** Offset of the first palette entry, and how many entries to read (0 above 8 bits per pixel). */
  paletteOffset: number;
  paletteEntries: number;
  /** 3 for OS/2 1.x (RGBTRIPLE), else 4 (RGBQUAD). */
  paletteEntrySize: 3 | 4;
  /** bfOffBits: where the pixel data starts. */
  dataOffset: number;
  /** Bytes in one stored row of uncompressed data, padded to 4 bytes. */
  stride: number;
}

const INFO = 'BITMAPINFOHEADER';
const corrupt = (message: string, offset: number, chunk = INFO): PixtextError => new PixtextError('ERR_CORRUPT', `BMP ${message}`, { chunk, offset });
/** `BMP <subject> not supported`: the subject ends in "is" or "are". */
const unsupported = (message: string): PixtextError => new PixtextError('ERR_UNSUPPORTED', `BMP ${message} not supported`, { chunk: INFO });


/**
 * True when `bytes` start with the BMP signature "BM". Never throws.
 * @example hasBmpSignature(new Uint8Array([0x42, 0x4d])) === true
 */
export function hasBmpSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

function need(bytes: Uint8Array, end: number, what: string): void {
  if (bytes.length < end) {
    throw new PixtextError('ERR_TRUNCATED', `BMP ${what} needs ${end} bytes, the file has ${bytes.length}`, { chunk: what, offset: bytes.length });
  }
}

/**
 * Parses and validates the file header and info header of a BMP file. Reads nothing beyond the headers, masks and
 * the palette's position, so it is cheap on any input.
 * @throws PixtextError `ERR_CORRUPT` (bad signature, header size, planes, bit depth, compression, dimensions, offsets),
 *   `ERR_UNSUPPORTED` (JPEG/PNG/Huffman/RLE24 payloads, 64 bits per pixel), `ERR_TRUNCATED` (file ends inside a header).
 * @example
 * ```ts
 * const { width, height, bitsPerPixel, format } = readBmpHeader(bytes); // e.g. 127, 64, 8, 'rle8'
 * ```
 */
export function readBmpHeader(bytes: Uint8Array): BmpHeader {
  if (!hasBmpSignature(bytes)) {
    const tag = bytes.length >= 2 ? String.fromCharCode(bytes[0]!, bytes[1]!) : '';
    if (['BA', 'CI', 'CP', 'IC', 'PT'].includes(tag)) {
      throw new PixtextError('ERR_UNSUPPORTED', `OS/2 "${tag}" bitmap containers are not supported`, { offset: 0 });
    }
    throw new PixtextError('ERR_CORRUPT', 'Not a BMP file: no "BM" signature', { chunk: 'BITMAPFILEHEADER', offset: 0 });
  }
  need(bytes, FILE_HEADER_SIZE + 4, 'BITMAPFILEHEADER');
  // bfSize and the reserved fields are ignored: writers disagree on them (OS/2 puts header sizes or hotspots there).
  const h = FILE_HEADER_SIZE;
  const dataOffset = readField(bytes, 0, BITMAPFILEHEADER, 'bfOffBits');
  // Every info header, whatever its kind, starts with its own size.
  const headerSize = readField(bytes, h, BITMAPINFOHEADER, 'biSize');
  if (!(INFO_HEADER_SIZES as readonly number[]).includes(headerSize)) {
    throw corrupt(`info header size ${headerSize} is not one of ${INFO_HEADER_SIZES.join(', ')}`, h + offsetOf(BITMAPINFOHEADER, 'biSize'));
  }
  need(bytes, h + headerSize, INFO);
  const os2v1 = headerSize === 12;
  const os2v2 = headerSize === 16 || headerSize === 64;

  let width: number;
  let rawHeight: number;
  let planes: number;
  let bitsPerPixel: number;
  let compression = BMP_COMPRESSION.RGB as number;
  let colorsUsed = 0;
  // OS/2 1.x has 16-bit sizes and nothing after the bit count; every other header begins as BITMAPINFOHEADER, the
  // short OS/2 2.x ones stopping after biBitCount (16 bytes) or later.
  if (os2v1) {
    width = readField(bytes, h, BITMAPCOREHEADER, 'bcWidth');
    rawHeight = readField(bytes, h, BITMAPCOREHEADER, 'bcHeight');
    planes = readField(bytes, h, BITMAPCOREHEADER, 'bcPlanes');
    bitsPerPixel = readField(bytes, h, BITMAPCOREHEADER, 'bcBitCount');
  } else {
    width = readField(bytes, h, BITMAPINFOHEADER, 'biWidth');
    rawHeight = readField(bytes, h, BITMAPINFOHEADER, 'biHeight');
    planes = readField(bytes, h, BITMAPINFOHEADER, 'biPlanes');
    bitsPerPixel = readField(bytes, h, BITMAPINFOHEADER, 'biBitCount');
    if (headerSize >= endOf(BITMAPINFOHEADER, 'biCompression')) compression = readField(bytes, h, BITMAPINFOHEADER, 'biCompression');
    if (headerSize >= endOf(BITMAPINFOHEADER, 'biClrUsed')) colorsUsed = readField(bytes, h, BITMAPINFOHEADER, 'biClrUsed');
  }

  const planesAt = h + (os2v1 ? offsetOf(BITMAPCOREHEADER, 'bcPlanes') : offsetOf(BITMAPINFOHEADER, 'biPlanes'));
  const bitCountAt = h + (os2v1 ? offsetOf(BITMAPCOREHEADER, 'bcBitCount') : offsetOf(BITMAPINFOHEADER, 'biBitCount'));
  if (planes !== 1) throw corrupt(`planes field is ${planes}, not 1`, planesAt);
  if (width < 0) throw corrupt(`width is negative (${width})`, h + offsetOf(BITMAPINFOHEADER, 'biWidth'));
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);

  if (bitsPerPixel === 64) throw unsupported('64-bit (scRGB) files are');
  if (![1, 2, 4, 8, 16, 24, 32].includes(bitsPerPixel) && !(bitsPerPixel === 0 && compression >= 4)) {
    throw corrupt(`bit count ${bitsPerPixel} is not 1, 2, 4, 8, 16, 24 or 32`, bitCountAt);
  }

  let format: BmpPixelFormat;
  let masks: BmpMasks | undefined;
  let maskBytesAfterHeader = 0;
  const compressionOffset = h + offsetOf(BITMAPINFOHEADER, 'biCompression');
  const badCompression = (message: string) => corrupt(message, compressionOffset);
  if (os2v2 && compression >= 3) {
    // OS/2 2.x gives 3 and 4 other meanings, and its header has no masks.
    if (compression <= 4) throw unsupported(`OS/2 ${compression === 3 ? 'Huffman 1D' : 'RLE24'} compression is`);
    throw badCompression(`OS/2 compression ${compression} is unknown`);
  }
  switch (compression) {
    case BMP_COMPRESSION.RGB:
      if (bitsPerPixel <= 8) format = 'indexed';
      else {
        // 24-bit B,G,R pixels have the same masks as 32-bit B,G,R,X ones.
        format = 'bitfields';
        masks = bitsPerPixel === 16 ? { ...MASKS_RGB555 } : { ...MASKS_XRGB8888 };
      }
      break;
    case BMP_COMPRESSION.RLE8:
    case BMP_COMPRESSION.RLE4: {
      const rleBits = compression === BMP_COMPRESSION.RLE8 ? 8 : 4;
      if (bitsPerPixel !== rleBits) throw badCompression(`RLE${rleBits} needs ${rleBits} bits per pixel, not ${bitsPerPixel}`);
      // Compressed bitmaps cannot be top-down (BITMAPINFOHEADER, biHeight remarks).
      if (topDown) throw corrupt('RLE bitmaps cannot be top-down (negative height)', h + offsetOf(BITMAPINFOHEADER, 'biHeight'));
      format = rleBits === 8 ? 'rle8' : 'rle4';
      break;
    }
    case BMP_COMPRESSION.BITFIELDS:
    case BMP_COMPRESSION.ALPHABITFIELDS: {
      if (bitsPerPixel !== 16 && bitsPerPixel !== 32) {
        throw badCompression(`bitfields need 16 or 32 bits per pixel, not ${bitsPerPixel}`);
      }
      format = 'bitfields';
      const withAlpha = compression === BMP_COMPRESSION.ALPHABITFIELDS;
      // The masks sit where V4 has them (bV4RedMask, offset 40); a 40-byte header is followed by them instead (12 bytes,
      // 16 with alpha), and a 52-byte one holds only red, green and blue, so an alpha mask would follow it.
      if (headerSize === 40) maskBytesAfterHeader = withAlpha ? 16 : 12;
      else if (headerSize === 52 && withAlpha) maskBytesAfterHeader = 4;
      need(bytes, h + headerSize + maskBytesAfterHeader, 'bitfields');
      masks = {
        red: readField(bytes, h, BITMAPV4HEADER, 'bV4RedMask'),
        green: readField(bytes, h, BITMAPV4HEADER, 'bV4GreenMask'),
        blue: readField(bytes, h, BITMAPV4HEADER, 'bV4BlueMask'),
        alpha: withAlpha || headerSize >= endOf(BITMAPV4HEADER, 'bV4AlphaMask') ? readField(bytes, h, BITMAPV4HEADER, 'bV4AlphaMask') : 0,
      };
      break;
    }
    case BMP_COMPRESSION.JPEG:
    case BMP_COMPRESSION.PNG:
      throw unsupported(`files holding an embedded ${compression === BMP_COMPRESSION.JPEG ? 'JPEG' : 'PNG'} are`);
    case 11:
    case 12:
    case 13:
      throw unsupported('CMYK files are');
    default:
      throw badCompression(`compression ${compression} is unknown`);
  }

  const paletteOffset = h + headerSize + maskBytesAfterHeader;
  const paletteEntrySize = os2v1 ? 3 : 4;
  if (dataOffset < paletteOffset) {
    throw corrupt(`pixel data offset ${dataOffset} is inside the headers (end ${paletteOffset})`, offsetOf(BITMAPFILEHEADER, 'bfOffBits'), 'BITMAPFILEHEADER');
  }
  if (dataOffset > bytes.length) {
    throw corrupt(`pixel data offset ${dataOffset} is past the ${bytes.length}-byte file`, offsetOf(BITMAPFILEHEADER, 'bfOffBits'), 'BITMAPFILEHEADER');
  }
  let paletteEntries = 0;
  if (bitsPerPixel <= 8) {
    const room = Math.floor((dataOffset - paletteOffset) / paletteEntrySize);
    const max = 2 ** bitsPerPixel;
    if (colorsUsed !== 0 && colorsUsed > room) {
      // An explicit colour count must fit before the pixels; an absurd one (2^28 entries) is a broken header.
      throw corrupt(`header declares ${colorsUsed} palette entries but ${room} fit`, h + offsetOf(BITMAPINFOHEADER, 'biClrUsed'), 'palette');
    }
    // Without a count (0, or an OS/2 1.x header), the palette holds 2^bpp entries or as many as fit before the pixels.
    paletteEntries = Math.min(colorsUsed === 0 ? max : colorsUsed, max, room);
    if (paletteEntries === 0) throw corrupt(`with ${bitsPerPixel} bits per pixel has no palette`, paletteOffset, 'palette');
  }

  const stride = bmpRowStride(width, bitsPerPixel);
  return { width, height, topDown, bitsPerPixel, format, masks, paletteOffset, paletteEntries, paletteEntrySize, dataOffset, stride };
}
