// The PNG image header (IHDR), the colour-key transparency (tRNS) of grey and truecolour images, and the mode a
// decode returns, all read without inflating any pixel data.
// Spec: https://www.w3.org/TR/png-3/#11IHDR and https://www.w3.org/TR/png-3/#11tRNS
import { PixtextError } from '../../errors.js';
import type { PixelMode } from '../../raw-image.js';
import type { ImageHeader } from '../codec.js';
import { ChunkType, checkSignature, readChunk, readU32 } from './chunks.js';

/** PNG colour types (IHDR byte 9). */
export const PngColorType = {
  GREY: 0,
  RGB: 2,
  PALETTE: 3,
  GREY_ALPHA: 4,
  RGBA: 6,
} as const;
/** One of the values of {@link PngColorType}. */
export type PngColorType = (typeof PngColorType)[keyof typeof PngColorType];

// Samples per pixel and allowed bit depths of each colour type (spec table 11.1), and the mode it decodes to at 8 bits.
const COLOR_TYPES: Record<number, { channels: number; depths: readonly number[]; mode: string }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16], mode: 'L' },
  2: { channels: 3, depths: [8, 16], mode: 'RGB' },
  3: { channels: 1, depths: [1, 2, 4, 8], mode: 'P' },
  4: { channels: 2, depths: [8, 16], mode: 'LA' },
  6: { channels: 4, depths: [8, 16], mode: 'RGBA' },
};

/** The IHDR fields, validated, plus what follows from them. */
export interface PngIhdr {
  width: number;
  height: number;
  bitDepth: number;
  colorType: PngColorType;
  interlaced: boolean;
  /** Samples per pixel. */
  channels: number;
  /** Bits per pixel (channels × bit depth). */
  bitsPerPixel: number;
  /** Bytes per complete pixel, at least 1: the distance filters look back (spec §9.2 "bpp"). */
  filterStep: number;
}

/** Bytes in one filtered row of `width` pixels, without the filter-type byte. */
export function packedRowBytes(ihdr: PngIhdr, width: number): number {
  return Math.ceil((width * ihdr.bitsPerPixel) / 8);
}

/**
 * Parses and validates IHDR data (13 bytes at `dataStart`).
 * @throws PixtextError `ERR_CORRUPT` naming the bad field.
 */
export function parseIhdr(bytes: Uint8Array, dataStart: number, length: number): PngIhdr {
  const fail = (what: string): never => {
    throw new PixtextError('ERR_CORRUPT', `PNG IHDR ${what}`, { offset: dataStart - 8, chunk: 'IHDR' });
  };
  if (length !== 13) fail(`is ${length} bytes long, not 13`);
  const width = readU32(bytes, dataStart);
  const height = readU32(bytes, dataStart + 4);
  const bitDepth = bytes[dataStart + 8]!;
  const colorType = bytes[dataStart + 9]!;
  if (width === 0 || width > 0x7fffffff) fail(`width ${width} is not between 1 and 2^31 − 1`);
  if (height === 0 || height > 0x7fffffff) fail(`height ${height} is not between 1 and 2^31 − 1`);
  const type = COLOR_TYPES[colorType];
  if (type === undefined) return fail(`colour type ${colorType} is not 0, 2, 3, 4 or 6`);
  if (!type.depths.includes(bitDepth)) fail(`bit depth ${bitDepth} is not allowed for colour type ${colorType} (${type.depths.join(', ')})`);
  if (bytes[dataStart + 10] !== 0) fail(`compression method ${bytes[dataStart + 10]} is not 0 (deflate)`);
  if (bytes[dataStart + 11] !== 0) fail(`filter method ${bytes[dataStart + 11]} is not 0 (adaptive)`);
  const interlace = bytes[dataStart + 12]!;
  if (interlace > 1) fail(`interlace method ${interlace} is not 0 or 1 (Adam7)`);
  const bitsPerPixel = type.channels * bitDepth;
  return {
    width,
    height,
    bitDepth,
    colorType: colorType as PngColorType,
    interlaced: interlace === 1,
    channels: type.channels,
    bitsPerPixel,
    filterStep: Math.max(1, bitsPerPixel >> 3),
  };
}

/**
 * The colour key of a tRNS chunk for a grey (1 sample) or truecolour (3 samples) image, or undefined when the chunk
 * does not apply: wrong colour type or length, or a sample beyond the bit depth's range. Such a chunk is ignored, as
 * libpng does (no pixel can match an out-of-range key).
 */
export function colorKey(ihdr: PngIhdr, bytes: Uint8Array, dataStart: number, length: number): number[] | undefined {
  const samples = ihdr.colorType === PngColorType.GREY ? 1 : ihdr.colorType === PngColorType.RGB ? 3 : 0;
  if (samples === 0 || length !== samples * 2) return undefined;
  const max = (1 << ihdr.bitDepth) - 1;
  const key: number[] = [];
  for (let i = 0; i < samples; i++) {
    const value = (bytes[dataStart + 2 * i]! << 8) | bytes[dataStart + 2 * i + 1]!;
    if (value > max) return undefined;
    key.push(value);
  }
  return key;
}

/**
 * The pixel mode a decode returns (docs/ARCHITECTURE.md#formats): grey 1-bit → `1`, grey 2/4/8 → `L`, 16-bit → `*16`, palette → `P`,
 * and a colour key adds an alpha channel (`LA`, `RGBA`, `LA16`, `RGBA16`) so no pixel loses its colour.
 */
export function nativeMode(ihdr: PngIhdr, keyed: boolean): PixelMode {
  const { bitDepth, colorType } = ihdr;
  if (colorType === PngColorType.PALETTE) return 'P';
  if (bitDepth === 1 && !keyed) return '1';
  return `${COLOR_TYPES[colorType]!.mode}${keyed ? 'A' : ''}${bitDepth === 16 ? '16' : ''}` as PixelMode;
}

/**
 * Checks the signature and the first chunk, which must be IHDR, and parses it.
 * @returns the IHDR and the offset of the next chunk.
 * @throws PixtextError `ERR_UNKNOWN_FORMAT`, `ERR_CORRUPT`, `ERR_CHECKSUM`, `ERR_TRUNCATED`, naming the chunk.
 */
export function readIhdr(bytes: Uint8Array): { ihdr: PngIhdr; next: number } {
  checkSignature(bytes);
  const first = readChunk(bytes, 8);
  if (first.type !== ChunkType.IHDR) {
    throw new PixtextError('ERR_CORRUPT', `PNG's first chunk is ${first.name}, not IHDR`, { offset: 8, chunk: first.name });
  }
  return { ihdr: parseIhdr(bytes, first.dataStart, first.dataEnd - first.dataStart), next: first.next };
}

/**
 * Reads the dimensions and the mode a decode will return from the signature, IHDR and (for grey and truecolour
 * images) a tRNS chunk before the first IDAT. Chunk headers are walked, nothing is inflated; the CRCs of IHDR and
 * tRNS are checked.
 * @throws PixtextError `ERR_UNKNOWN_FORMAT`, `ERR_CORRUPT`, `ERR_CHECKSUM`, `ERR_TRUNCATED`
 * @example
 * ```ts
 * readPngHeader(bytes); // { width: 32, height: 32, mode: 'RGBA' }
 * ```
 */
export function readPngHeader(bytes: Uint8Array): ImageHeader {
  const { ihdr, next } = readIhdr(bytes);
  let keyed = false;
  if (ihdr.colorType === PngColorType.GREY || ihdr.colorType === PngColorType.RGB) {
    // Only the first tRNS before IDAT counts, as in the decoder.
    let offset = next;
    for (;;) {
      const chunk = readChunk(bytes, offset, false);
      if (chunk.type === ChunkType.IDAT || chunk.type === ChunkType.IEND) break;
      if (chunk.type === ChunkType.tRNS) {
        readChunk(bytes, offset, true);
        keyed = colorKey(ihdr, bytes, chunk.dataStart, chunk.dataEnd - chunk.dataStart) !== undefined;
        break;
      }
      offset = chunk.next;
    }
  }
  return { width: ihdr.width, height: ihdr.height, mode: nativeMode(ihdr, keyed) };
}
