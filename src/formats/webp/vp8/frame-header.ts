// The VP8 key frame header: a 3-byte frame tag, the start code 9d 01 2a, 14-bit width and height with 2-bit scales
// (RFC 6386 §9.1, §19.1; libwebp src/dec/vp8_dec.c VP8GetInfo, whose checks are kept).
import { PixtextError } from '../../../errors.js';

/** Frame tag (3 bytes) + start code (3) + width (2) + height (2). */
export const VP8_FRAME_HEADER_SIZE = 10;

/** The fields of the frame tag and the key frame header. */
export interface Vp8FrameInfo {
  readonly width: number;
  readonly height: number;
  /** Size of the first partition (modes and headers), after the 10 header bytes. */
  readonly partitionLength: number;
}

function fail(code: 'ERR_CORRUPT' | 'ERR_TRUNCATED', message: string, offset: number): PixtextError {
  return new PixtextError(code, `WebP: ${message}`, { offset, chunk: 'VP8 ' });
}

/**
 * Reads the frame tag and key frame header at the start of `data`, the VP8 chunk payload (`offset` locates it).
 * @throws PixtextError `ERR_TRUNCATED`, `ERR_CORRUPT`
 */
export function readVp8FrameInfo(data: Uint8Array, offset: number): Vp8FrameInfo {
  if (data.length < VP8_FRAME_HEADER_SIZE) throw fail('ERR_TRUNCATED', `the VP8 chunk has ${data.length} bytes, fewer than its 10-byte header`, offset);
  if (data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a) throw fail('ERR_CORRUPT', 'VP8 start code 9d 01 2a is missing', offset + 3);
  const tag = data[0]! | (data[1]! << 8) | (data[2]! << 16);
  if ((tag & 1) !== 0) throw fail('ERR_CORRUPT', 'the VP8 frame is not a key frame', offset);
  if (((tag >> 1) & 7) > 3) throw fail('ERR_CORRUPT', `VP8 profile ${(tag >> 1) & 7} is unknown`, offset);
  if (((tag >> 4) & 1) === 0) throw fail('ERR_CORRUPT', 'the VP8 frame is not shown', offset);
  const partitionLength = tag >>> 5;
  if (partitionLength >= data.length) throw fail('ERR_CORRUPT', `the first partition (${partitionLength} bytes) does not fit the chunk`, offset);
  const width = (data[6]! | (data[7]! << 8)) & 0x3fff;
  const height = (data[8]! | (data[9]! << 8)) & 0x3fff;
  if (width === 0 || height === 0) throw fail('ERR_CORRUPT', `VP8 size ${width}×${height} is empty`, offset + 6);
  return { width, height, partitionLength };
}
