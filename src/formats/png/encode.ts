// PNG encoding of every RawImage mode, losslessly: `1` → grey 1-bit, `L`/`LA` → grey (+alpha) 8-bit, `P` → palette
// (PLTE + trimmed tRNS, at the smallest bit depth the palette allows), RGB/RGBA (BGR/BGRA swapped), and the 16-bit
// modes as big-endian 16-bit samples. Non-interlaced, filtered per row with libpng's heuristic, one zlib stream
// (at levels 5–6, photo-like images use zlib level 4 or 2: see effort.ts).
// Spec: https://www.w3.org/TR/png-3/#4Concepts.Encoding and https://www.w3.org/TR/png-3/#11Chunks
import { PixtextError } from '../../errors.js';
import { rowStride, validateRawImage } from '../../raw-image.js';
import type { PixelMode, RawImage } from '../../raw-image.js';
import { MODE_TABLE, colourOffsets, hasAlpha, isGrey } from '../../pixel-modes/mode-table.js';
import { DEFAULT_COMPRESSION_LEVEL } from '../codec.js';
import { checkLevel } from '../../zlib/zlib-header.js';
import { deflate } from '../../zlib/zlib.js';
import { ChunkType, PNG_SIGNATURE, writeChunk, writeU32 } from './chunks.js';
import { PngColorType } from './header.js';
import { PngFilter, applyFilter, chooseFilter } from './filter.js';
import { zlibLevelFor } from './effort.js';
import { encodePalette } from './palette.js';


// IDAT data is split into chunks of at most this many bytes (the spec allows 2^31 − 1).
const MAX_IDAT = 0x4000_0000;

/** How a mode maps to PNG: colour type, bit depth, and (when the bytes differ) how to turn a row into PNG order. */
interface Layout {
  colorType: PngColorType;
  bitDepth: number;
  /** Bytes per PNG row. */
  stride: number;
  /** Filter look-back distance in bytes. */
  bpp: number;
  /** Writes PNG row bytes for image row starting at `s` into `row` (absent when the image bytes are already PNG's). */
  transform?: (src: Uint8Array, s: number, row: Uint8Array) => void;
}

function swapRedBlue(pixelBytes: number) {
  return (src: Uint8Array, s: number, row: Uint8Array): void => {
    for (let i = 0; i < row.length; i += pixelBytes, s += pixelBytes) {
      row[i] = src[s + 2]!;
      row[i + 1] = src[s + 1]!;
      row[i + 2] = src[s]!;
      if (pixelBytes === 4) row[i + 3] = src[s + 3]!;
    }
  };
}

function toBigEndian(src: Uint8Array, s: number, row: Uint8Array): void {
  for (let i = 0; i < row.length; i += 2, s += 2) {
    row[i] = src[s + 1]!;
    row[i + 1] = src[s]!;
  }
}

function packIndices(depth: number, width: number) {
  return (src: Uint8Array, s: number, row: Uint8Array): void => {
    row.fill(0);
    for (let x = 0, bit = 0; x < width; x++, bit += depth) row[bit >> 3]! |= src[s + x]! << (8 - depth - (bit & 7));
  };
}

function maskPadding(width: number) {
  const keep = (0xff00 >> (width & 7)) & 0xff;
  return (src: Uint8Array, s: number, row: Uint8Array): void => {
    row.set(src.subarray(s, s + row.length));
    if (keep !== 0) row[row.length - 1] = row[row.length - 1]! & keep;
  };
}

/** The PNG colour type that holds `mode` exactly (PNG spec Table 11.1), from the mode table. */
function colorTypeOf(mode: PixelMode): PngColorType {
  if (mode === 'P') return PngColorType.PALETTE;
  const alpha = hasAlpha(mode);
  if (mode === '1' || isGrey(mode)) return alpha ? PngColorType.GREY_ALPHA : PngColorType.GREY;
  return alpha ? PngColorType.RGBA : PngColorType.RGB;
}

function layoutFor(image: RawImage, paletteDepth: number): Layout {
  const { mode, width: w } = image;
  const wide = MODE_TABLE[mode].bitsPerSample === 16;
  const bitDepth = mode === '1' ? 1 : mode === 'P' ? paletteDepth : wide ? 16 : 8;
  // Filters look back one whole pixel, at least one byte: rowStride of one pixel.
  const bpp = rowStride(mode, 1);
  let transform: Layout['transform'];
  if (wide) transform = toBigEndian;
  else if (colourOffsets(mode)?.red === 2) transform = swapRedBlue(bpp); // BGR, BGRA: PNG stores R, G, B
  else if (mode === '1' && (w & 7) !== 0) transform = maskPadding(w);
  else if (mode === 'P' && paletteDepth < 8) transform = packIndices(paletteDepth, w);
  return {
    colorType: colorTypeOf(mode),
    bitDepth,
    stride: mode === 'P' ? Math.ceil((w * paletteDepth) / 8) : rowStride(mode, w),
    bpp,
    transform,
  };
}

/**
 * Filters every row into one buffer of `height × (stride + 1)` bytes. Adaptive filtering is used for 8- and 16-bit
 * non-palette images at levels 1–9; palette and sub-byte images, and level 0, use filter None, as libpng does.
 */
function filterRows(image: RawImage, layout: Layout, adaptive: boolean): Uint8Array {
  const { height } = image;
  const { stride, bpp, transform } = layout;
  const inStride = rowStride(image.mode, image.width);
  const out = new Uint8Array(height * (stride + 1));
  let cur = transform ? new Uint8Array(stride) : image.data;
  let prev = transform ? new Uint8Array(stride) : image.data;
  for (let y = 0, o = 0; y < height; y++, o += stride + 1) {
    let c = y * inStride;
    if (transform) {
      const spare = prev;
      prev = cur;
      cur = spare;
      transform(image.data, c, cur);
      c = 0;
    }
    const prior = y === 0 ? undefined : prev;
    const p = transform ? 0 : c - inStride;
    const filter = adaptive ? chooseFilter(cur, c, prior, p, stride, bpp) : PngFilter.NONE;
    applyFilter(filter, cur, c, prior, p, stride, bpp, out, o);
  }
  return out;
}

/**
 * Encodes `image` as a PNG file, losslessly, in any mode (see the module comment for the mapping).
 *
 * @param compressionLevel zlib level 0–9. Defaults to 6. At 5 and 6, images where zlib's level-6 matching would save
 * under 15 % over level 4 (photographs, noise: 2–3× the time for a few per cent) are compressed at level 4, or at
 * level 2 when that makes them at most 6 % larger.
 * @throws PixtextError `ERR_INVALID_IMAGE` (malformed image, or a `P` index past its palette), `ERR_INVALID_ARGUMENT`
 * (level), `ERR_UNSUPPORTED` (a width or height of 0, which PNG cannot hold).
 * @example
 * ```ts
 * const png = encodePng({ width: 1, height: 1, mode: 'RGB', data: Uint8Array.of(255, 0, 0) });
 * ```
 */
export function encodePng(image: RawImage, compressionLevel: number = DEFAULT_COMPRESSION_LEVEL): Uint8Array {
  validateRawImage(image);
  const level = checkLevel(compressionLevel);
  const { width, height } = image;
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    throw new PixtextError('ERR_UNSUPPORTED', `PNG cannot hold ${width}×${height} (sides not 1 to 2^31 − 1)`);
  }
  const palette = image.mode === 'P' ? encodePalette(image) : undefined;
  const layout = layoutFor(image, palette?.bitDepth ?? 8);
  const adaptive = level > 0 && layout.bitDepth >= 8 && layout.colorType !== PngColorType.PALETTE;
  const filtered = filterRows(image, layout, adaptive);
  const compressed = deflate(filtered, zlibLevelFor(filtered, layout.stride + 1, level, deflate));

  const ihdr = new Uint8Array(13);
  writeU32(ihdr, 0, width);
  writeU32(ihdr, 4, height);
  ihdr[8] = layout.bitDepth;
  ihdr[9] = layout.colorType;
  // Bytes 10–12 stay 0: deflate, adaptive filtering, no interlace.
  const chunks: [number, Uint8Array][] = [[ChunkType.IHDR, ihdr]];
  if (palette) {
    chunks.push([ChunkType.PLTE, palette.plte]);
    if (palette.trns.length > 0) chunks.push([ChunkType.tRNS, palette.trns]);
  }
  for (let i = 0; i === 0 || i * MAX_IDAT < compressed.length; i++) chunks.push([ChunkType.IDAT, compressed.subarray(i * MAX_IDAT, (i + 1) * MAX_IDAT)]);
  chunks.push([ChunkType.IEND, new Uint8Array(0)]);
  let size = PNG_SIGNATURE.length;
  for (const [, data] of chunks) size += data.length + 12;
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE, 0);
  let at = PNG_SIGNATURE.length;
  for (const [type, data] of chunks) at = writeChunk(out, at, type, data);
  return out;
}
