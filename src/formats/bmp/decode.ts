// BMP decoding: headers → size check → pixel data, to the file's native mode.
// Spec: https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv5header and the pages linked
// from header.ts, palette.ts, rle.ts and pixels.ts.

import { PixtextError } from '../../errors.js';
import { checkDecodeLimits, type PixelMode, type RawImage } from '../../raw-image.js';
import type { CodecDecodeOptions, ImageHeader } from '../codec.js';
import { analyzeMasks } from './bitfields.js';
import { readBmpHeader, type BmpHeader } from './header.js';
import { checkIndices, indexedMode, readPalette } from './palette.js';
import { unpackBits1, unpackIndices, unpackMasked, type IndexBits, type RowSource } from './pixels.js';
import { decodeRle } from './rle.js';

/** The native mode of a parsed header; reads the palette for indexed images. */
function nativeMode(bytes: Uint8Array, header: BmpHeader): { mode: PixelMode; palette?: Uint8Array } {
  if (header.format === 'bitfields') return { mode: header.masks!.alpha !== 0 ? 'RGBA' : 'RGB' };
  const palette = readPalette(bytes, header);
  return { mode: indexedMode(palette, header.bitsPerPixel), palette };
}

/**
 * Reads width, height and the mode {@link decodeBmp} returns, from the headers (and palette) alone.
 * @throws PixtextError as {@link readBmpHeader}.
 * @example
 * ```ts
 * readBmpImageHeader(bytes); // { width: 127, height: 64, mode: 'P' }
 * ```
 */
export function readBmpImageHeader(bytes: Uint8Array): ImageHeader {
  const header = readBmpHeader(bytes);
  if (header.masks) analyzeMasks(header.masks, header.bitsPerPixel);
  return { width: header.width, height: header.height, mode: nativeMode(bytes, header).mode };
}

/**
 * Decodes a BMP file to its native mode:
 * - 1-bit with a black-then-white palette → `1`; 8-bit with the 256-entry identity grey palette → `L`;
 *   other 1/2/4/8-bit and RLE4/RLE8 → `P` with the file's palette as opaque RGBA entries (never padded out);
 * - 24-bit → `RGB`; 16- and 32-bit → `RGB`, or `RGBA` when BI_BITFIELDS/BI_ALPHABITFIELDS give a non-zero alpha mask
 *   (V3 with alpha mask, 56-byte header, V4, V5). The fourth byte of BI_RGB 32-bit pixels is unused, never alpha.
 * - Channels of other widths than 8 bits are rescaled with round(v × 255 / max) (the BMP Suite's rule);
 *   RLE pixels skipped by delta or early end codes are palette index 0.
 *
 * `maxPixels` is checked from the header before anything is allocated.
 * @throws PixtextError `ERR_TOO_LARGE`, `ERR_CORRUPT` (bad header, masks, palette index beyond the palette),
 *   `ERR_TRUNCATED` (pixel data shorter than the header implies), `ERR_UNSUPPORTED` (embedded JPEG/PNG, 64-bit, OS/2
 *   Huffman/RLE24).
 * @example
 * ```ts
 * const image = decodeBmp(bytes, { maxPixels: 50_000_000 });
 * if (image.mode === 'P') console.log(image.palette!.length / 4, 'palette entries');
 * ```
 */
export function decodeBmp(bytes: Uint8Array, options: CodecDecodeOptions): RawImage {
  const header = readBmpHeader(bytes);
  const { width, height, bitsPerPixel, format } = header;
  // Masks are validated before the size check so a broken header is reported as such, whatever its size.
  const channels = header.masks && analyzeMasks(header.masks, bitsPerPixel);
  const { mode, palette } = nativeMode(bytes, header);
  checkDecodeLimits(width, height, mode, bytes, options, 'BMP header');
  const image = (data: Uint8Array): RawImage => (mode === 'P' ? { width, height, mode, data, palette: palette! } : { width, height, mode, data });
  if (width === 0 || height === 0) return image(new Uint8Array(0));

  let indices: Uint8Array;
  if (format === 'rle8' || format === 'rle4') {
    indices = decodeRle(bytes, header.dataOffset, width, height, format === 'rle8' ? 8 : 4);
  } else {
    // The last row may lack its padding (some writers stop at the last pixel); any other shortfall is truncation.
    const needed = header.stride * (height - 1) + Math.ceil((width * bitsPerPixel) / 8);
    const available = bytes.length - header.dataOffset;
    if (available < needed) {
      throw new PixtextError(
        'ERR_TRUNCATED',
        `BMP pixel data holds ${available} of ${needed} bytes`,
        { chunk: 'pixel data', offset: bytes.length },
      );
    }
    // Rows are read only up to their last pixel's byte, so the missing padding of the last row is never touched.
    const src: RowSource = { bytes, dataOffset: header.dataOffset, stride: header.stride, height, topDown: header.topDown };
    if (format === 'bitfields') return image(unpackMasked(src, width, bitsPerPixel as 16 | 24 | 32, channels!));
    if (mode === '1') return image(unpackBits1(src, width));
    indices = unpackIndices(src, width, bitsPerPixel as IndexBits);
  }
  if (header.paletteEntries < 2 ** bitsPerPixel) checkIndices(indices, width, header.paletteEntries);
  return image(indices);
}
