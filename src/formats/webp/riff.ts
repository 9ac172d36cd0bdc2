// The WebP container: RIFF chunks (RFC 9649 §2-§5), read as libwebp 1.2.4's demuxer reads them (src/demux/demux.c),
// because Pillow 9.4 opens every WebP through WebPAnimDecoder, which refuses what that demuxer refuses. Only what
// the first frame needs is kept: the canvas, the first frame's place and its image and alpha chunks.
import { PixtextError } from '../../errors.js';
import { readVp8FrameInfo } from './vp8/frame-header.js';
import { readVp8lInfo } from './vp8l/info.js';

/** Chunk header: FourCC + 32-bit little-endian payload size (RFC 9649 §2.6). */
const CHUNK_HEADER_SIZE = 8;
/** "RIFF" + size + "WEBP". */
const RIFF_HEADER_SIZE = 12;
/** Fixed payload sizes (libwebp src/webp/format_constants.h). */
const VP8X_CHUNK_SIZE = 10;
const ANIM_CHUNK_SIZE = 6;
const ANMF_CHUNK_SIZE = 16;
/** Largest chunk payload libwebp accepts: ~0U - CHUNK_HEADER_SIZE - 1. */
const MAX_CHUNK_PAYLOAD = 0xffff_ffff - CHUNK_HEADER_SIZE - 1;
/** Largest canvas area: width × height must stay below 2^32 (MAX_IMAGE_AREA). */
const MAX_IMAGE_AREA = 2 ** 32;

/** VP8X feature flags (RFC 9649 §2.7: "Rsv I L E X A R" in the first byte). */
export const VP8X_FLAGS = { animation: 0x02, xmp: 0x04, exif: 0x08, alpha: 0x10, iccp: 0x20 } as const;
const ALL_VALID_FLAGS = 0x3e;

/** A byte range of the file. */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** The bitstream of one frame: VP8 (lossy) or VP8L (lossless), and an ALPH chunk for lossy alpha. */
export interface WebpFrame {
  /** Place on the canvas (ANMF X/Y offsets, in pixels). */
  readonly x: number;
  readonly y: number;
  /** Size from the bitstream header (the demuxer trusts it over the ANMF fields). */
  readonly width: number;
  readonly height: number;
  readonly lossless: boolean;
  /** The VP8/VP8L payload, padding byte included when present (libwebp hands the decoder the padded chunk). */
  readonly image: ByteRange;
  /** The ALPH payload, when the frame has one that the decoder uses. */
  readonly alpha: ByteRange | undefined;
}

/** What the container says, read without decoding any pixels. */
export interface WebpContainer {
  readonly canvasWidth: number;
  readonly canvasHeight: number;
  /** As WebPGetFeatures reports it, which is what makes Pillow 9.4 open the file as RGBA rather than RGB. */
  readonly hasAlpha: boolean;
  readonly animated: boolean;
  readonly frameCount: number;
  readonly first: WebpFrame;
}

const le32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const le24 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16);
const fourcc = (b: Uint8Array, o: number): string => String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);

function corrupt(message: string, offset: number, chunk?: string): PixtextError {
  return new PixtextError('ERR_CORRUPT', `WebP: ${message}`, { offset, ...(chunk === undefined ? {} : { chunk }) });
}
function truncated(message: string, offset: number, chunk?: string): PixtextError {
  return new PixtextError('ERR_TRUNCATED', `WebP: ${message}`, { offset, ...(chunk === undefined ? {} : { chunk }) });
}

/** True when `bytes` start with "RIFF" ???? "WEBP". Never throws. */
export function hasWebpSignature(bytes: Uint8Array): boolean {
  return (
    bytes.length >= RIFF_HEADER_SIZE &&
    bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46 &&
    bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50
  );
}

/** A frame being assembled from its chunks (demux.c StoreFrame). */
interface FrameParts {
  alpha: ByteRange | undefined;
  alphaChunkStart: number;
  image: ByteRange | undefined;
  imageChunkStart: number;
  lossless: boolean;
  width: number;
  height: number;
  bitstreamAlpha: boolean;
}

/**
 * Reads the RIFF structure of a WebP file and its first frame's place, refusing what libwebp 1.2.4's demuxer refuses.
 * @throws PixtextError `ERR_TRUNCATED` (the file ends before the RIFF size says), `ERR_CORRUPT`
 */
export function readWebpContainer(bytes: Uint8Array): WebpContainer {
  if (bytes.length < RIFF_HEADER_SIZE + CHUNK_HEADER_SIZE) {
    if (!hasWebpSignature(bytes) && bytes.length >= RIFF_HEADER_SIZE) throw corrupt('not a RIFF/WEBP file', 0);
    throw truncated(`the file has ${bytes.length} bytes, fewer than a RIFF header and one chunk header`, bytes.length);
  }
  if (!hasWebpSignature(bytes)) throw corrupt('not a RIFF/WEBP file', 0);
  const riffSize = le32(bytes, 4);
  if (riffSize < CHUNK_HEADER_SIZE || riffSize > MAX_CHUNK_PAYLOAD) {
    throw corrupt(`RIFF size ${riffSize} is impossible`, 4, 'RIFF');
  }
  // Bytes after the RIFF chunk are not part of the image (the demuxer stops at riff_end).
  const end = riffSize + CHUNK_HEADER_SIZE;
  if (bytes.length < end) {
    throw truncated(`the RIFF size says ${end} bytes but the file has ${bytes.length}`, bytes.length, 'RIFF');
  }
  const first = fourcc(bytes, RIFF_HEADER_SIZE);
  if (first === 'VP8 ' || first === 'VP8L') return readSimple(bytes, end);
  if (first === 'VP8X') return readExtended(bytes, end);
  throw corrupt(`the first chunk is ${JSON.stringify(first)}, not VP8, VP8L or VP8X`, RIFF_HEADER_SIZE, first);
}

/** Size of a chunk's payload with its padding byte, checked against the end of the RIFF data. */
function paddedSize(bytes: Uint8Array, pos: number, end: number, tag: string): number {
  if (end - pos < CHUNK_HEADER_SIZE) throw truncated(`a chunk header at ${pos} runs past the end of the RIFF data`, pos);
  const size = le32(bytes, pos + 4);
  if (size > MAX_CHUNK_PAYLOAD) throw corrupt(`chunk size ${size} is impossible`, pos + 4, tag);
  const padded = size + (size & 1);
  if (padded > end - pos - CHUNK_HEADER_SIZE) {
    throw truncated(`the ${tag} chunk at ${pos} needs ${padded} bytes, the RIFF data has ${end - pos - CHUNK_HEADER_SIZE}`, pos, tag);
  }
  return padded;
}

/**
 * The ALPH / VP8 / VP8L chunks of one frame starting at `pos` (demux.c StoreFrame), stopping at the first other
 * chunk. Returns the position after them.
 */
function storeFrame(bytes: Uint8Array, pos: number, end: number, parts: FrameParts): number {
  let alphaChunks = 0;
  while (end - pos >= CHUNK_HEADER_SIZE) {
    const tag = fourcc(bytes, pos);
    if (tag !== 'ALPH' && tag !== 'VP8 ' && tag !== 'VP8L') break;
    const padded = paddedSize(bytes, pos, end, tag);
    const payload = pos + CHUNK_HEADER_SIZE;
    if (tag === 'ALPH') {
      if (alphaChunks > 0) break;
      alphaChunks++;
      parts.alpha = { offset: payload, length: le32(bytes, pos + 4) };
      parts.alphaChunkStart = pos;
    } else {
      if (tag === 'VP8L' && alphaChunks > 0) throw corrupt('an ALPH chunk before a VP8L chunk (VP8L carries its own alpha)', pos, tag);
      if (parts.image !== undefined) break;
      const size = le32(bytes, pos + 4);
      const image = { offset: payload, length: padded };
      if (tag === 'VP8L') {
        const info = readVp8lInfo(bytes.subarray(payload, payload + size), payload);
        parts.width = info.width;
        parts.height = info.height;
        parts.bitstreamAlpha = info.hasAlpha;
      } else {
        const info = readVp8FrameInfo(bytes.subarray(payload, payload + size), payload);
        parts.width = info.width;
        parts.height = info.height;
      }
      parts.lossless = tag === 'VP8L';
      parts.image = image;
      parts.imageChunkStart = pos;
    }
    pos += CHUNK_HEADER_SIZE + padded;
  }
  return pos;
}

function newParts(): FrameParts {
  return { alpha: undefined, alphaChunkStart: 0, image: undefined, imageChunkStart: 0, lossless: false, width: 0, height: 0, bitstreamAlpha: false };
}

function finishFrame(parts: FrameParts, x: number, y: number, where: number): WebpFrame {
  if (parts.image === undefined) throw corrupt('a frame without a VP8 or VP8L chunk', where);
  if (parts.alpha !== undefined && parts.alphaChunkStart > parts.imageChunkStart) {
    throw corrupt('the ALPH chunk comes after the image chunk', parts.alphaChunkStart, 'ALPH');
  }
  return { x, y, width: parts.width, height: parts.height, lossless: parts.lossless, image: parts.image, alpha: parts.alpha };
}

function readSimple(bytes: Uint8Array, end: number): WebpContainer {
  const parts = newParts();
  const after = storeFrame(bytes, RIFF_HEADER_SIZE, end, parts);
  if (after !== end && end - after < CHUNK_HEADER_SIZE) throw truncated(`${end - after} stray bytes at the end of the RIFF data`, after);
  // A file without VP8X has no alpha flag, so the demuxer drops any ALPH chunk.
  parts.alpha = undefined;
  const frame = finishFrame(parts, 0, 0, RIFF_HEADER_SIZE);
  return {
    canvasWidth: frame.width,
    canvasHeight: frame.height,
    hasAlpha: frame.lossless && parts.bitstreamAlpha,
    animated: false,
    frameCount: 1,
    first: frame,
  };
}

function readExtended(bytes: Uint8Array, end: number): WebpContainer {
  const vp8xPos = RIFF_HEADER_SIZE;
  const vp8xSize = le32(bytes, vp8xPos + 4);
  if (vp8xSize < VP8X_CHUNK_SIZE || vp8xSize > MAX_CHUNK_PAYLOAD) throw corrupt(`VP8X size ${vp8xSize} is not 10`, vp8xPos + 4, 'VP8X');
  const vp8xPadded = paddedSize(bytes, vp8xPos, end, 'VP8X');
  const flags = bytes[vp8xPos + 8]!;
  const canvasWidth = 1 + le24(bytes, vp8xPos + 12);
  const canvasHeight = 1 + le24(bytes, vp8xPos + 15);
  if (canvasWidth * canvasHeight >= MAX_IMAGE_AREA) {
    throw corrupt(`the canvas ${canvasWidth}×${canvasHeight} is larger than WebP allows`, vp8xPos + 12, 'VP8X');
  }
  if ((flags & ~ALL_VALID_FLAGS) !== 0) throw corrupt(`VP8X flags 0x${flags.toString(16)} set reserved bits`, vp8xPos + 8, 'VP8X');
  const animated = (flags & VP8X_FLAGS.animation) !== 0;
  const alphaFlag = (flags & VP8X_FLAGS.alpha) !== 0;

  let pos = vp8xPos + CHUNK_HEADER_SIZE + vp8xPadded;
  if (pos === end) throw corrupt('a VP8X file without an image', pos, 'VP8X');
  let first: WebpFrame | undefined;
  let firstParts: FrameParts | undefined;
  let frameCount = 0;
  let sawAnim = false;
  while (pos < end) {
    const tag = fourcc(bytes, pos);
    const padded = paddedSize(bytes, pos, end, tag);
    if (tag === 'VP8X') throw corrupt('a second VP8X chunk', pos, tag);
    if (tag === 'ALPH' || tag === 'VP8 ' || tag === 'VP8L') {
      if (sawAnim || animated) throw corrupt(`a ${tag} chunk outside ANMF in an animation`, pos, tag);
      if (first !== undefined) throw corrupt('a second image in a still WebP', pos, tag);
      const parts = newParts();
      pos = storeFrame(bytes, pos, end, parts);
      if (!alphaFlag) parts.alpha = undefined;
      first = finishFrame(parts, 0, 0, pos);
      firstParts = parts;
      frameCount = 1;
      continue;
    }
    if (tag === 'ANIM') {
      if (padded < ANIM_CHUNK_SIZE) throw corrupt(`ANIM size ${padded} is below 6`, pos + 4, tag);
      sawAnim = true;
    } else if (tag === 'ANMF') {
      if (!sawAnim) throw corrupt('an ANMF chunk before the ANIM chunk', pos, tag);
      if (padded < ANMF_CHUNK_SIZE) throw corrupt(`ANMF size ${padded} is below 16`, pos + 4, tag);
      const p = pos + CHUNK_HEADER_SIZE;
      const x = 2 * le24(bytes, p);
      const y = 2 * le24(bytes, p + 3);
      const declaredWidth = 1 + le24(bytes, p + 6);
      const declaredHeight = 1 + le24(bytes, p + 9);
      if (declaredWidth * declaredHeight >= MAX_IMAGE_AREA) throw corrupt('an ANMF frame larger than WebP allows', p + 6, tag);
      const frameEnd = p + padded;
      const parts = newParts();
      const after = storeFrame(bytes, p + ANMF_CHUNK_SIZE, frameEnd, parts);
      if (after > frameEnd) throw corrupt('frame chunks run past their ANMF chunk', p, tag);
      // Frames count only in a file flagged as an animation (demux.c ParseAnimationFrame).
      if (animated && (parts.image !== undefined || parts.alpha !== undefined)) {
        const frame = finishFrame(parts, x, y, p);
        checkBounds(frame, canvasWidth, canvasHeight, false, p);
        if (first === undefined) first = frame;
        frameCount++;
      }
    }
    pos += CHUNK_HEADER_SIZE + padded;
  }
  if (first === undefined) throw corrupt('no frame in the file', pos);
  if (!animated) checkBounds(first, canvasWidth, canvasHeight, true, RIFF_HEADER_SIZE);
  // WebPGetFeatures: an animation reports the VP8X flag; a still image the flag, or the VP8L header's alpha bit
  // for lossless, or an ALPH chunk.
  let hasAlpha = alphaFlag;
  if (!animated && firstParts !== undefined) {
    if (firstParts.lossless) hasAlpha = firstParts.bitstreamAlpha;
    hasAlpha ||= firstParts.alpha !== undefined || hasAlphChunkBefore(bytes, RIFF_HEADER_SIZE + CHUNK_HEADER_SIZE + vp8xPadded, end);
  }
  return { canvasWidth, canvasHeight, hasAlpha, animated, frameCount, first };
}

/** Whether an ALPH chunk comes before the first VP8/VP8L chunk (webp_dec.c ParseOptionalChunks). */
function hasAlphChunkBefore(bytes: Uint8Array, pos: number, end: number): boolean {
  while (end - pos >= CHUNK_HEADER_SIZE) {
    const tag = fourcc(bytes, pos);
    if (tag === 'VP8 ' || tag === 'VP8L') return false;
    if (tag === 'ALPH') return true;
    pos += CHUNK_HEADER_SIZE + paddedSize(bytes, pos, end, tag);
  }
  return false;
}

function checkBounds(frame: WebpFrame, canvasWidth: number, canvasHeight: number, exact: boolean, where: number): void {
  const ok = exact
    ? frame.x === 0 && frame.y === 0 && frame.width === canvasWidth && frame.height === canvasHeight
    : frame.x + frame.width <= canvasWidth && frame.y + frame.height <= canvasHeight;
  if (!ok) {
    throw corrupt(
      `the ${frame.width}×${frame.height} frame at (${frame.x}, ${frame.y}) does not fit the ${canvasWidth}×${canvasHeight} canvas`,
      where,
    );
  }
}
