// Walking a PNG's chunks in order: every CRC checked, ordering rules enforced, and the pieces the decoder needs
// (IHDR, PLTE, tRNS, the IDAT run) located without copying. The pixel limit is checked as soon as IHDR is read.
// Spec: https://www.w3.org/TR/png-3/#5ChunkOrdering
import { PixtextError } from '../../errors.js';
import { checkDecodeLimits } from '../../raw-image.js';
import type { PixelMode } from '../../raw-image.js';
import { ChunkType, isCritical, readChunk } from './chunks.js';
import { PngColorType, nativeMode, readIhdr } from './header.js';
import type { PngIhdr } from './header.js';

/** A byte range of the file. */
export interface ByteRange {
  start: number;
  end: number;
}

/** What the decoder needs from the chunks, by file offsets. */
export interface PngStructure {
  ihdr: PngIhdr;
  /** The PLTE data of a palette image (ignored, and absent, for other colour types). */
  palette?: ByteRange;
  /** The first tRNS before IDAT that applies to this colour type. */
  transparency?: ByteRange;
  /** The data of each IDAT chunk, in order. */
  idat: ByteRange[];
}

/** `maxPixels` and `maxExpansion` (see `CodecDecodeOptions`). */
export interface PngLimits {
  maxPixels: number;
  maxExpansion?: number | undefined;
}

/** The decode limits every codec checks ({@link checkDecodeLimits}), with the error located at the IHDR chunk. */
export function checkIhdrLimit(ihdr: PngIhdr, bytes: Uint8Array, limits: PngLimits, mode: PixelMode): void {
  try {
    checkDecodeLimits(ihdr.width, ihdr.height, mode, bytes, limits, 'PNG IHDR');
  } catch (error) {
    if (!(error instanceof PixtextError)) throw error;
    throw new PixtextError(error.code, error.message, { chunk: 'IHDR', offset: 8, cause: error });
  }
}

function corrupt(message: string, offset: number, chunk: string): never {
  throw new PixtextError('ERR_CORRUPT', message, { offset, chunk });
}

/**
 * Reads the chunk sequence up to IEND (bytes after IEND are ignored). Unknown ancillary chunks are skipped; an
 * unknown critical chunk is `ERR_UNSUPPORTED`, since it may change how the image must be read. Misplaced or invalid
 * ancillary data that libpng ignores (tRNS after IDAT, a second tRNS, tRNS for a colour type with alpha, PLTE in a
 * grey image) is ignored here too.
 *
 * @throws PixtextError `ERR_UNKNOWN_FORMAT` / `ERR_CORRUPT` (signature, IHDR, ordering, missing PLTE or IDAT),
 * `ERR_CHECKSUM` (any chunk's CRC), `ERR_TRUNCATED` (file ends before IEND), `ERR_TOO_LARGE` (over `maxPixels` or `maxExpansion`),
 * `ERR_UNSUPPORTED` (unknown critical chunk); each with the chunk and offset.
 */
export function readStructure(bytes: Uint8Array, limits: PngLimits): PngStructure {
  const { ihdr, next } = readIhdr(bytes);
  // Before anything is allocated for pixels: a tiny file can declare a huge image.
  checkIhdrLimit(ihdr, bytes, limits, nativeMode(ihdr, false));

  const isPalette = ihdr.colorType === PngColorType.PALETTE;
  const structure: PngStructure = { ihdr, idat: [] };
  let trnsSeen = false;
  let idatState: 'before' | 'in' | 'after' = 'before';
  let offset = next;
  for (;;) {
    const chunk = readChunk(bytes, offset);
    const { type, name, dataStart, dataEnd } = chunk;
    const length = dataEnd - dataStart;
    if (type === ChunkType.IDAT) {
      if (idatState === 'after') corrupt(`PNG IDAT chunk at byte ${offset} is not in the first IDAT run`, offset, name);
      if (idatState === 'before' && isPalette && structure.palette === undefined) {
        corrupt('PNG palette image has no PLTE before IDAT', offset, name);
      }
      idatState = 'in';
      structure.idat.push({ start: dataStart, end: dataEnd });
    } else {
      if (idatState === 'in') idatState = 'after';
      if (type === ChunkType.IEND) break;
      if (type === ChunkType.IHDR) corrupt(`PNG has a second IHDR chunk at byte ${offset}`, offset, name);
      if (type === ChunkType.PLTE) {
        if (idatState !== 'before') corrupt(`PNG PLTE chunk at byte ${offset} comes after IDAT`, offset, name);
        if (isPalette) {
          if (structure.palette !== undefined) corrupt(`PNG has a second PLTE chunk at byte ${offset}`, offset, name);
          if (length === 0 || length % 3 !== 0 || length > 768) {
            corrupt(`PNG PLTE chunk at byte ${offset} has ${length} bytes, not 1–256 entries of 3`, offset, name);
          }
          structure.palette = { start: dataStart, end: dataEnd };
        }
      } else if (type === ChunkType.tRNS) {
        const applies =
          !trnsSeen &&
          idatState === 'before' &&
          ihdr.colorType !== PngColorType.GREY_ALPHA &&
          ihdr.colorType !== PngColorType.RGBA &&
          (!isPalette || structure.palette !== undefined);
        if (applies) structure.transparency = { start: dataStart, end: dataEnd };
        trnsSeen = true;
      } else if (isCritical(type)) {
        throw new PixtextError('ERR_UNSUPPORTED', `PNG has an unknown critical chunk ${name} at byte ${offset}`, {
          offset,
          chunk: name,
        });
      }
    }
    offset = chunk.next;
  }
  if (structure.idat.length === 0) corrupt('PNG has no IDAT chunk', offset, 'IEND');
  return structure;
}
