// The JPEG codec's decode and header entry points: what is supported, size and data checks before anything large
// is allocated, and the draft (DCT-domain) scale. The decoding itself is decoder.ts.
// Spec: ITU-T T.81 (https://www.w3.org/Graphics/JPEG/itu-t81.pdf).
import { PixtextError } from '../../errors.js';
import { checkDecodeLimits } from '../../raw-image.js';
import type { PixelMode, RawImage } from '../../raw-image.js';
import type { CodecDecodeOptions, ImageHeader } from '../codec.js';
import { decodeFrame } from './decoder.js';
import { readJpegStructure } from './markers.js';
import type { JpegStructure } from './markers.js';

/**
 * The name of a coding process this decoder does not handle, from its SOF marker (T.81 Table B.1: bit 3 arithmetic
 * coding, bit 2 hierarchical, low bits 2 progressive and 3 lossless), e.g. `arithmetic-coded progressive (SOF10)`;
 * `undefined` for SOF0–SOF2.
 */
function unsupportedProcess(marker: number): string | undefined {
  const n = marker & 15;
  if (n < 3) return undefined;
  const words = [n & 8 && 'arithmetic-coded', n & 4 && 'hierarchical', (n & 3) === 2 && 'progressive', (n & 3) === 3 && 'lossless'];
  return `${words.filter(Boolean).join(' ')} (SOF${n})`;
}

const unsupported = (message: string) => new PixtextError('ERR_UNSUPPORTED', `JPEG: ${message}`, { chunk: 'SOF' });

/**
 * Checks the frame is one this decoder handles (baseline, extended and progressive Huffman-coded 8-bit frames with
 * 1, 3 or 4 components, whole sampling ratios) and returns the mode decoding gives.
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
  if (frame.components.some((c) => frame.maxH % c.h !== 0 || frame.maxV % c.v !== 0)) throw unsupported('fractional sampling factors are not supported');
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
 * Refuses, before anything large is allocated, files whose scans cannot make the image they declare: no scan; a
 * multi-scan file cut off before EOI (scans may be missing; libjpeg, and so Pillow, will not decode it either); a
 * progressive AC scan before its component's DC scan (T.81 G.1.1.1.1); entropy-coded data too short for the blocks
 * it must code. Every block costs at least one Huffman code for DC and, in a sequential scan, one for AC (T.81
 * F.1.2), so a sequential scan needs 2 bits per block and a progressive DC first scan 1 bit per block of its
 * components: a tiny file declaring a huge frame is `ERR_TRUNCATED` at once, and the coefficient memory a decode
 * commits never exceeds what the data present could fill (128 bytes per bit of a DC scan).
 */
function checkScans(structure: JpegStructure): void {
  const { frame, scans } = structure;
  if (scans.length === 0) {
    // Without EOI the file was cut before its first scan; with it, the file has none.
    if (!structure.complete) throw new PixtextError('ERR_TRUNCATED', 'JPEG: the file ends before its first scan (SOS)', { chunk: 'SOS' });
    throw new PixtextError('ERR_CORRUPT', 'JPEG: no scan (SOS)', { chunk: 'SOS' });
  }
  const progressive = frame.marker === 0xc2;
  if (!structure.complete && (progressive || scans[0]!.components.length < frame.components.length)) {
    throw new PixtextError('ERR_TRUNCATED', 'JPEG: the file ends before EOI with scans missing', { chunk: 'EOI' });
  }
  const hasDc = new Set<number>();
  let neededBits = 0;
  let haveBytes = 0;
  for (const scan of scans) {
    haveBytes += scan.dataEnd - scan.dataStart;
    const dcFirst = scan.ss === 0 && scan.ah === 0;
    if (progressive && scan.ss > 0 && scan.components.some((ci) => !hasDc.has(ci))) {
      throw new PixtextError('ERR_CORRUPT', 'JPEG: an AC scan comes before the DC scan of its component', { chunk: 'SOS', offset: scan.dataStart });
    }
    const bitsPerBlock = !progressive ? 2 : dcFirst ? 1 : 0;
    for (const ci of scan.components) {
      if (scan.ss === 0) hasDc.add(ci);
      const { h, v } = frame.components[ci]!;
      neededBits += bitsPerBlock * Math.ceil((frame.width * h) / (frame.maxH * 8)) * Math.ceil((frame.height * v) / (frame.maxV * 8));
    }
  }
  // A component no scan codes would come out as whatever its empty plane holds, and its blocks would cost no data
  // (the bound above counts coded blocks only).
  const coded = new Set(scans.flatMap((scan) => scan.components));
  const missing = frame.components.findIndex((_, ci) => !coded.has(ci));
  if (missing >= 0) {
    throw new PixtextError('ERR_CORRUPT', `JPEG: component ${frame.components[missing]!.id} of the frame is in no scan`, { chunk: 'SOS' });
  }
  if (haveBytes * 8 < neededBits) {
    throw new PixtextError(
      'ERR_TRUNCATED',
      `JPEG scan data holds ${haveBytes} bytes but a ${frame.width}×${frame.height} image needs ${Math.ceil(neededBits / 8)}`,
      { chunk: 'SOS' },
    );
  }
}

/**
 * Pillow's JpegImageFile.draft scale for a requested size: the largest of 8, 4, 2, 1 that both sides' integer
 * ratios reach, so the result is at least the requested size (when the image is).
 */
export function draftScale(width: number, height: number, draft: { width: number; height: number } | undefined): number {
  if (draft === undefined) return 1;
  const ratio = Math.min(Math.floor(width / Math.max(1, draft.width)), Math.floor(height / Math.max(1, draft.height)));
  return [8, 4, 2].find((s) => ratio >= s) ?? 1;
}

/**
 * Decodes a baseline, extended or progressive JPEG: grey → `L`, YCbCr/RGB → `RGB`, CMYK/YCCK (Adobe) → `RGB`, with
 * pixels identical to libjpeg-turbo 2.1.5's as Pillow 9.4 gives them. With `draft`, decodes at the smallest of the
 * scales 1/1, 1/2, 1/4, 1/8 that Pillow's `draft()` picks for that size, in the DCT domain as libjpeg does.
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
  const { width, height } = structure.frame;
  checkDecodeLimits(width, height, mode, bytes, options, 'JPEG frame header (SOF)');
  checkScans(structure);
  const decoded = decodeFrame(bytes, structure, draftScale(width, height, options.draft));
  return { width: decoded.width, height: decoded.height, mode, data: decoded.data };
}
