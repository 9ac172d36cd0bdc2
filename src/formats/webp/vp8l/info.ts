// The VP8L header: signature byte 0x2f, 14-bit width - 1, 14-bit height - 1, alpha hint, 3-bit version 0
// (RFC 9649 §3.2; libwebp src/dec/vp8l_dec.c ReadImageInfo).
import { PixtextError } from '../../../errors.js';

/** The VP8L signature byte. */
export const VP8L_MAGIC_BYTE = 0x2f;
/** Signature + 32 bits of sizes, alpha and version. */
export const VP8L_HEADER_SIZE = 5;

/** What the VP8L header says. */
export interface Vp8lInfo {
  readonly width: number;
  readonly height: number;
  /** The alpha hint: 0 promises every alpha value is 255. */
  readonly hasAlpha: boolean;
}

/**
 * Reads the VP8L header at the start of `data` (`offset` is where `data` starts in the file, for errors).
 * @throws PixtextError `ERR_TRUNCATED`, `ERR_CORRUPT`
 */
export function readVp8lInfo(data: Uint8Array, offset: number): Vp8lInfo {
  if (data.length < VP8L_HEADER_SIZE) {
    throw new PixtextError('ERR_TRUNCATED', `WebP: the VP8L chunk has ${data.length} bytes, fewer than its 5-byte header`, { offset, chunk: 'VP8L' });
  }
  if (data[0] !== VP8L_MAGIC_BYTE) {
    throw new PixtextError('ERR_CORRUPT', `WebP: VP8L signature 0x${data[0]!.toString(16)} is not 0x2f`, { offset, chunk: 'VP8L' });
  }
  const bits = (data[1]! | (data[2]! << 8) | (data[3]! << 16) | (data[4]! << 24)) >>> 0;
  const version = bits >>> 29;
  if (version !== 0) {
    throw new PixtextError('ERR_CORRUPT', `WebP: VP8L version ${version} is not 0`, { offset: offset + 4, chunk: 'VP8L' });
  }
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, hasAlpha: ((bits >>> 28) & 1) === 1 };
}
