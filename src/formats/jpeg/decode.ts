// JPEG decoding through jpeg-js, with the checks, clean-up and colour handling jpeg-js leaves out.
// Spec: ITU-T T.81 (https://www.w3.org/Graphics/JPEG/itu-t81.pdf); colour-space rules as libjpeg's jdapimin.c.
import decodeJpegJs from 'jpeg-js/lib/decoder.js';
import { PixtextError } from '../../errors.js';
import { checkPixelLimit } from '../../raw-image.js';
import type { PixelMode, RawImage } from '../../raw-image.js';
import type { CodecDecodeOptions, ImageHeader } from '../codec.js';
import { cleanStream, withoutPaddingBeforeRestarts } from './clean-stream.js';
import { repairScans } from './scan-repair.js';
import { blockGrid, readJpegStructure } from './structure.js';
import type { JpegFrame, JpegStructure } from './structure.js';
import { finishThreeComponents, hasIntegralSampling } from './upsample-color.js';

/**
 * The name of a coding process jpeg-js cannot decode, from its SOF marker (T.81 Table B.1: bit 3 arithmetic coding,
 * bit 2 hierarchical, low bits 2 progressive and 3 lossless), e.g. `arithmetic-coded progressive (SOF10)`; `undefined`
 * for SOF0–SOF2.
 */
function unsupportedProcess(marker: number): string | undefined {
  const n = marker & 15;
  if (n < 3) return undefined;
  const words = [n & 8 && 'arithmetic-coded', n & 4 && 'hierarchical', (n & 3) === 2 && 'progressive', (n & 3) === 3 && 'lossless'];
  return `${words.filter(Boolean).join(' ')} (SOF${n})`;
}

const unsupported = (message: string) => new PixtextError('ERR_UNSUPPORTED', `JPEG: ${message}`, { chunk: 'SOF' });

/**
 * Checks what jpeg-js can decode (baseline, extended and progressive Huffman-coded 8-bit frames with 1, 3 or 4
 * components in whole sampling ratios) and returns the mode decoding gives.
 * @throws PixtextError `ERR_UNSUPPORTED` naming the feature, `ERR_CORRUPT` for a zero width.
 */
function checkFrame(structure: JpegStructure): PixelMode {
  const { frame } = structure;
  const process = unsupportedProcess(frame.marker);
  if (process !== undefined) throw unsupported(`${process} JPEG is not supported`);
  if (frame.precision !== 8) throw unsupported(`${frame.precision}-bit samples are not supported`);
  if (frame.width === 0) throw new PixtextError('ERR_CORRUPT', 'JPEG: the frame width is 0', { chunk: 'SOF' });
  if (frame.height === 0) throw unsupported('a height set by DNL (0 in SOF) is not supported');
  const count = frame.components.length;
  if (count !== 1 && count !== 3 && count !== 4) throw unsupported(`${count} colour components are not supported`);
  if (count === 4 && structure.adobeTransform === undefined) throw unsupported('CMYK without an Adobe APP14 marker is not supported');
  if (!hasIntegralSampling(frame)) throw unsupported('fractional sampling factors are not supported');
  return count === 1 ? 'L' : 'RGB';
}

/**
 * Width, height and decoded mode from the headers before the first scan, without touching entropy-coded data.
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`, `ERR_UNSUPPORTED` as {@link decodeJpeg} would for the header.
 * @example
 * ```ts
 * readJpegHeader(bytes); // { width: 227, height: 149, mode: 'RGB' }
 * ```
 */
export function readJpegHeader(bytes: Uint8Array): ImageHeader {
  const structure = readJpegStructure(bytes, true);
  const mode = checkFrame(structure);
  return { width: structure.frame.width, height: structure.frame.height, mode };
}

/**
 * libjpeg's colour space choice for 3 components: JFIF means YCbCr; else an Adobe marker's transform (0 = RGB);
 * else component ids 'R','G','B' mean RGB; anything else is YCbCr.
 */
function isYcc(structure: JpegStructure): boolean {
  if (structure.jfif) return true;
  if (structure.adobeTransform !== undefined) return structure.adobeTransform !== 0;
  const ids = structure.frame.components.map((c) => c.id).join();
  return ids !== '82,71,66';
}

/**
 * Refuses what would decode to a silently incomplete image, or make jpeg-js allocate for an image the file cannot
 * hold: no scan at all; a file cut off (no EOI) where whole scans may be missing (any progressive file, or a
 * sequential one with a component no scan carried yet); entropy-coded data too short for the blocks it must code.
 * Every block costs at least one Huffman code for DC and, in a sequential scan, one for AC (T.81 F.1.2), so a
 * sequential file needs 2 bits per block and a progressive DC first scan 1 bit per block of its components: a tiny
 * file declaring a huge frame is `ERR_TRUNCATED` before jpeg-js allocates its blocks (about 300 bytes each).
 */
function checkScansPresent(structure: JpegStructure): void {
  const { frame, scanList } = structure;
  if (scanList.length === 0) throw new PixtextError('ERR_CORRUPT', 'JPEG: no scan (SOS)', { chunk: 'SOS' });
  const progressive = frame.marker === 0xc2;
  const scanned = new Set(scanList.flatMap((s) => s.componentIds));
  if (!structure.complete && (progressive || frame.components.some((c) => !scanned.has(c.id)))) {
    throw new PixtextError('ERR_TRUNCATED', 'JPEG: the file ends before EOI with scans missing', { chunk: 'EOI' });
  }
  const blocks = (id: number) => {
    const grid = blockGrid(frame, frame.components.find((k) => k.id === id)!);
    return grid.specPerLine * grid.specPerColumn;
  };
  let neededBits = 0;
  let haveBytes = 0;
  for (const scan of scanList) {
    haveBytes += scan.dataBytes;
    const bitsPerBlock = !progressive ? 2 : scan.ss === 0 && scan.ah === 0 ? 1 : 0;
    for (const id of scan.componentIds) neededBits += bitsPerBlock * blocks(id);
  }
  if (haveBytes * 8 < neededBits) {
    throw new PixtextError(
      'ERR_TRUNCATED',
      `JPEG scan data holds ${haveBytes} bytes but a ${frame.width}×${frame.height} image needs ${Math.ceil(neededBits / 8)}`,
      { chunk: 'SOS' },
    );
  }
}

/** Bytes jpeg-js will ask for (its own accounting), plus room for tables, so its cap never bites a valid file. */
function jpegJsMemoryBudget(frame: JpegFrame, fileLength: number): number {
  const { width, height, components, maxH, maxV } = frame;
  const mcusPerLine = Math.ceil(width / 8 / maxH);
  const mcusPerColumn = Math.ceil(height / 8 / maxV);
  let bytes = width * height * (components.length + 3);
  for (const c of components) {
    const grid = blockGrid(frame, c);
    bytes += mcusPerLine * c.h * mcusPerColumn * c.v * 256 + grid.perLine * grid.perColumn * 64;
  }
  return bytes + 4 * fileLength + (1 << 20);
}

/** jpeg-js throws plain `Error`s (and `TypeError`s on missing tables): give each a code. */
function translateError(error: unknown, structure: JpegStructure): PixtextError {
  const message = error instanceof Error ? error.message : String(error);
  if (/maxResolutionInMP|maxMemoryUsageInMB|allocate enough memory/.test(message) || error instanceof RangeError) {
    return new PixtextError('ERR_TOO_LARGE', `JPEG: ${message}`, { cause: error });
  }
  if (/Unsupported color mode/.test(message)) return new PixtextError('ERR_UNSUPPORTED', `JPEG: ${message}`, { cause: error });
  if (!structure.complete) {
    return new PixtextError('ERR_TRUNCATED', `JPEG: truncated scan data (${message})`, { cause: error });
  }
  const what = error instanceof TypeError ? 'a missing table or component' : message;
  return new PixtextError('ERR_CORRUPT', `JPEG: bad scan data: ${what}`, { cause: error });
}

/**
 * The bytes handed to jpeg-js: the file itself, or a cleaned copy without junk, misread Adobe segments or missing
 * Huffman tables. jpeg-js applies the *last* APP14 starting with "Adobe\0", whatever its length, over the caller's
 * colour handling; libjpeg uses the last one of at least 12 bytes. With 3 components the wrapper decides the colour
 * space itself, so jpeg-js sees none; with 4 it must see exactly libjpeg's one, since only an Adobe segment makes
 * jpeg-js accept CMYK/YCCK.
 * @throws PixtextError `ERR_UNSUPPORTED` for an Adobe APP14 variant jpeg-js cannot read in a 4-component file.
 */
function streamFor(bytes: Uint8Array, structure: JpegStructure): Uint8Array {
  const { frame, segments, adobeKept } = structure;
  const count = frame.components.length;
  const drop = new Set(count === 1 ? [] : structure.adobe);
  if (count === 4) {
    // checkFrame made sure a complete Adobe segment exists; jpeg-js wants "Adobe\0".
    drop.delete(adobeKept);
    if (bytes[segments[adobeKept]!.start + 9] !== 0) throw unsupported('this Adobe APP14 variant is not supported');
  }
  const standardHuffman = !structure.huffmanBeforeFirstScan;
  const clean = structure.gaps || !structure.complete || drop.size > 0 || standardHuffman;
  return clean ? cleanStream(bytes, structure, drop, standardHuffman) : bytes;
}

/** {@link streamFor} of the file after {@link repairScans}, or `undefined` when no repair applies. */
function repairedStream(bytes: Uint8Array, structure: JpegStructure): Uint8Array | undefined {
  const repaired = repairScans(bytes, structure);
  return repaired === undefined ? undefined : streamFor(repaired, readJpegStructure(repaired, false));
}

/**
 * Decodes a baseline, extended or progressive JPEG: grey → `L`, YCbCr/RGB → `RGB`, CMYK/YCCK (Adobe) → `RGB`.
 * `maxPixels` is checked from the frame header before jpeg-js allocates anything, and passed on as its own limits.
 *
 * @throws PixtextError `ERR_TOO_LARGE`, `ERR_CORRUPT`, `ERR_TRUNCATED`, `ERR_UNSUPPORTED` (12-bit, lossless,
 *   arithmetic-coded, hierarchical, plain CMYK without an Adobe marker).
 * @example
 * ```ts
 * const image = decodeJpeg(bytes, { maxPixels: 268_402_689 }); // { width, height, mode: 'RGB', data }
 * ```
 */
export function decodeJpeg(bytes: Uint8Array, options: CodecDecodeOptions): RawImage {
  const structure = readJpegStructure(bytes, false);
  const mode = checkFrame(structure);
  const { frame } = structure;
  const { width, height } = frame;
  checkPixelLimit(width, height, options.maxPixels, 'JPEG frame header (SOF)', mode);
  checkScansPresent(structure);

  const count = frame.components.length;
  const prepared = streamFor(bytes, structure);
  const run = (stream: Uint8Array) =>
    decodeJpegJs(stream, {
      useTArray: true,
      formatAsRGBA: false,
      // With 3 components we want the raw samples (no jpeg-js colour maths); 4 follow the Adobe marker.
      ...(count === 3 ? { colorTransform: false } : {}),
      tolerantDecoding: true,
      maxResolutionInMP: (width * height + 1) / 1e6,
      maxMemoryUsageInMB: jpegJsMemoryBudget(frame, stream.length) / (1 << 20),
    });
  let decoded: { width: number; height: number; data: Uint8Array } | undefined;
  try {
    decoded = run(prepared);
  } catch (error) {
    const translated = translateError(error, structure);
    if (translated.code !== 'ERR_CORRUPT') throw translated;
    // Second attempts, each for one condition jpeg-js trips over but libjpeg decodes (see their modules).
    for (const retry of [() => repairedStream(bytes, structure), () => withoutPaddingBeforeRestarts(prepared)]) {
      try {
        const stream = retry();
        if (stream === undefined) continue;
        decoded = run(stream);
        break;
      } catch {
        // fall through to the next attempt, then to the first error
      }
    }
    if (decoded === undefined) throw translated;
  }
  if (decoded.width !== width || decoded.height !== height || decoded.data.length !== width * height * 3) {
    throw new PixtextError('ERR_CORRUPT', `JPEG: decodes to ${decoded.width}×${decoded.height}, not ${width}×${height}`);
  }
  const pixels = decoded.data;
  if (count === 3) finishThreeComponents(pixels, frame, isYcc(structure));
  if (mode === 'RGB') return { width, height, mode, data: pixels };
  // jpeg-js repeats grey three times; keep one.
  const grey = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < grey.length; i++, j += 3) grey[i] = pixels[j]!;
  return { width, height, mode, data: grey };
}
