// PNG decoding to the native RawImage mode (docs/ARCHITECTURE.md#formats): inflate the IDAT stream once into a buffer of exactly the
// size IHDR implies, unfilter it in place, and hand it over as the pixels when the layouts agree (8-bit non-interlaced
// images, and 16-bit ones after an in-place byte swap); other layouts are expanded row by row into a new buffer.
// Spec: https://www.w3.org/TR/png-3/#10Decompression and https://www.w3.org/TR/png-3/#13Decoders
import { PixtextError } from '../../errors.js';
import { byteLengthFor, rowStride } from '../../raw-image.js';
import type { PixelMode, RawImage } from '../../raw-image.js';
import { inflate } from '../../zlib/zlib.js';
import { PngColorType, colorKey, nativeMode, packedRowBytes } from './header.js';
import type { PngIhdr } from './header.js';
import { adam7Passes, filteredLength } from './interlace.js';
import { clearPaddingBits, rowWriter, scatterBits, swap16InPlace } from './samples.js';
import { checkIhdrLimit, readStructure } from './structure.js';
import type { ByteRange } from './structure.js';
import { unfilterRows } from './unfilter.js';

/**
 * Decodes a PNG file to its native mode: `1`, `L`, `LA`, `P` (with an RGBA palette), `RGB`, `RGBA`, or the 16-bit
 * modes with little-endian samples. Grey and truecolour images with a tRNS colour key gain an alpha channel.
 *
 * @throws PixtextError `ERR_UNKNOWN_FORMAT`, `ERR_CORRUPT`, `ERR_CHECKSUM`, `ERR_TRUNCATED`, `ERR_TOO_LARGE`,
 * `ERR_UNSUPPORTED`; chunk and offset say where.
 * @example
 * ```ts
 * const image = decodePng(bytes, DEFAULT_MAX_PIXELS); // { width, height, mode: 'RGBA', data }
 * ```
 */
export function decodePng(bytes: Uint8Array, maxPixels: number, maxExpansion?: number): RawImage {
  const limits = { maxPixels, maxExpansion };
  const structure = readStructure(bytes, limits);
  const { ihdr } = structure;
  const trns = structure.transparency;
  const key = trns === undefined ? undefined : colorKey(ihdr, bytes, trns.start, trns.end - trns.start);
  const mode = nativeMode(ihdr, key !== undefined);
  checkIhdrLimit(ihdr, bytes, limits, mode);
  const expected = filteredLength(ihdr);
  if (expected > 0xffff_ffff) {
    throw new PixtextError('ERR_TOO_LARGE', `PNG image data needs ${expected} bytes, too many to allocate`, {
      chunk: 'IHDR',
      offset: 8,
    });
  }
  const raw = inflateImageData(bytes, structure.idat, expected);
  const { width, height } = ihdr;
  let data: Uint8Array;
  if (ihdr.interlaced) {
    data = deinterlace(raw, ihdr, key, mode);
  } else {
    const stride = packedRowBytes(ihdr, width);
    unfilterRows(raw, 0, 0, stride, height, ihdr.filterStep);
    data = toMode(raw.subarray(0, stride * height), ihdr, key, mode);
  }
  const image: RawImage = { width, height, mode, data };
  if (ihdr.colorType === PngColorType.PALETTE) image.palette = readPalette(bytes, structure.palette!, trns, ihdr.bitDepth, data);
  return image;
}

/** Inflates the IDAT run, concatenating it first when split; a zlib error gets the IDAT chunk and file offset. */
function inflateImageData(bytes: Uint8Array, idat: ByteRange[], expected: number): Uint8Array {
  let stream: Uint8Array;
  if (idat.length === 1) {
    stream = bytes.subarray(idat[0]!.start, idat[0]!.end);
  } else {
    let total = 0;
    for (const r of idat) total += r.end - r.start;
    stream = new Uint8Array(total);
    let at = 0;
    for (const r of idat) {
      stream.set(bytes.subarray(r.start, r.end), at);
      at += r.end - r.start;
    }
  }
  try {
    return inflate(stream, expected);
  } catch (error) {
    if (error instanceof RangeError) throw tooLarge(expected, error);
    if (!(error instanceof PixtextError)) throw error;
    // Map the offset within the joined stream back to the file.
    let fileOffset = idat[0]!.start;
    if (error.offset !== undefined) {
      let rest = error.offset;
      for (const r of idat) {
        fileOffset = r.start + Math.min(rest, r.end - r.start);
        if (rest <= r.end - r.start) break;
        rest -= r.end - r.start;
      }
    }
    throw new PixtextError(error.code, `PNG image data (IDAT): ${error.message}`, { chunk: 'IDAT', offset: fileOffset, cause: error });
  }
}

function tooLarge(bytes: number, cause: unknown): PixtextError {
  return new PixtextError('ERR_TOO_LARGE', `PNG image needs ${bytes} bytes, too many to allocate`, { cause });
}

/** A zeroed buffer; an allocation the engine refuses becomes `ERR_TOO_LARGE` rather than a RangeError. */
function allocate(bytes: number): Uint8Array {
  try {
    return new Uint8Array(bytes);
  } catch (error) {
    throw tooLarge(bytes, error);
  }
}

/** Non-interlaced: the unfiltered rows `rows` become the pixels, in place where the layouts agree. */
function toMode(rows: Uint8Array, ihdr: PngIhdr, key: number[] | undefined, mode: PixelMode): Uint8Array {
  const { width, height, bitDepth } = ihdr;
  if (key === undefined) {
    if (mode === '1') {
      clearPaddingBits(rows, width, height);
      return rows;
    }
    if (bitDepth === 8) return rows;
    if (bitDepth === 16) {
      swap16InPlace(rows, rows.length);
      return rows;
    }
  }
  const out = allocate(byteLengthFor(mode, width, height));
  const write = rowWriter(ihdr, key);
  const inStride = packedRowBytes(ihdr, width);
  const outStride = rowStride(mode, width);
  const pixelBytes = outStride / width;
  for (let y = 0, s = 0, d = 0; y < height; y++, s += inStride, d += outStride) write(rows, s, width, out, d, pixelBytes);
  return out;
}

/** Adam7: unfilters each pass in place, then scatters its pixels into a new image. */
function deinterlace(raw: Uint8Array, ihdr: PngIhdr, key: number[] | undefined, mode: PixelMode): Uint8Array {
  const { width, height } = ihdr;
  const out = allocate(byteLengthFor(mode, width, height));
  const outStride = rowStride(mode, width);
  const bitPacked = mode === '1';
  const write = bitPacked ? undefined : rowWriter(ihdr, key);
  const pixelBytes = bitPacked ? 0 : outStride / width;
  let offset = 0;
  for (const pass of adam7Passes(width, height)) {
    if (pass.width === 0 || pass.height === 0) continue;
    const stride = packedRowBytes(ihdr, pass.width);
    unfilterRows(raw, offset, offset, stride, pass.height, ihdr.filterStep);
    for (let r = 0, s = offset; r < pass.height; r++, s += stride) {
      const rowStart = (pass.y0 + r * pass.dy) * outStride;
      if (write === undefined) scatterBits(raw, s, pass.width, out, rowStart, pass.x0, pass.dx);
      else write(raw, s, pass.width, out, rowStart + pass.x0 * pixelBytes, pass.dx * pixelBytes);
    }
    offset += pass.height * (stride + 1);
  }
  return out;
}

/**
 * The RGBA palette: PLTE colours (entries beyond what the bit depth can index are dropped, as libpng does), tRNS alpha
 * where given and 255 elsewhere. Indices past the last entry are an error libpng tolerates by showing black; the
 * palette is extended with opaque black entries up to the largest index used, so the image stays self-consistent.
 */
function readPalette(bytes: Uint8Array, plte: ByteRange, trns: ByteRange | undefined, bitDepth: number, indices: Uint8Array): Uint8Array {
  const entries = Math.min((plte.end - plte.start) / 3, 1 << bitDepth);
  let alphaCount = 0;
  if (trns !== undefined) {
    const length = trns.end - trns.start;
    // A tRNS longer than the palette, or empty, is invalid; libpng ignores it.
    if (length > 0 && length <= entries) alphaCount = length;
  }
  let used = entries;
  if (entries < 256) {
    let max = 0;
    for (let i = 0; i < indices.length; i++) if (indices[i]! > max) max = indices[i]!;
    used = Math.max(entries, max + 1);
  }
  const palette = new Uint8Array(used * 4);
  for (let i = 0; i < used; i++) {
    if (i < entries) {
      palette[i * 4] = bytes[plte.start + i * 3]!;
      palette[i * 4 + 1] = bytes[plte.start + i * 3 + 1]!;
      palette[i * 4 + 2] = bytes[plte.start + i * 3 + 2]!;
    }
    palette[i * 4 + 3] = i < alphaCount ? bytes[trns!.start + i]! : 255;
  }
  return palette;
}
