// Mode 1 rows (8 pixels a byte, most significant bit first, rows padded to a byte) as one byte a pixel and back,
// so that nearest resizing and cropping move whole pixels as Pillow's one-byte-a-pixel "1" images do.
import { rowStride } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';

/** One byte a pixel, 0 or 1, from a mode 1 image. */
export function unpackBits(image: RawImage): Uint8Array {
  const { width, height, data } = image;
  const stride = rowStride('1', width);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = (data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1;
  }
  return out;
}

/** Mode 1 data from one byte a pixel (any non-zero byte is a set bit); padding bits 0. */
export function packBits(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const stride = rowStride('1', width);
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (bytes[y * width + x] !== 0) out[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return out;
}
