// WebP to pixels, as Pillow 9.4 opens it: every file through libwebp 1.2.4's WebPAnimDecoder, which draws the
// first frame on a canvas cleared to transparent black, in RGBA; Pillow keeps RGBA when WebPGetFeatures reports
// alpha, else reads the canvas as RGBX and drops the fourth byte (Pillow src/_webp.c, WebPImagePlugin.py).
import { PixtextError } from '../../errors.js';
import type { RawImage } from '../../raw-image.js';
import { checkDecodeLimits } from '../../raw-image.js';
import type { CodecDecodeOptions, ImageHeader } from '../codec.js';
import { decodeAlpha } from './alpha.js';
import { readWebpContainer, type WebpContainer, type WebpFrame } from './riff.js';
import { decodeVp8 } from './vp8/decode.js';
import { yuvToRgb } from './vp8/yuv-to-rgb.js';
import { ArgbToBytes } from './vp8l/argb-bytes.js';
import { decodeVp8l } from './vp8l/decode.js';

/** The header of a WebP file: the canvas, the mode Pillow 9.4 opens it in, and the frame count. */
export interface WebpHeader extends ImageHeader {
  readonly mode: 'RGB' | 'RGBA';
  readonly frames: number;
  readonly animated: boolean;
}

function headerOf(c: WebpContainer): WebpHeader {
  return { width: c.canvasWidth, height: c.canvasHeight, mode: c.hasAlpha ? 'RGBA' : 'RGB', frames: c.frameCount, animated: c.animated };
}

/**
 * Size, mode and frame count from the container alone (no pixels decoded).
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`
 * @example
 * ```ts
 * readWebpHeader(bytes); // { width: 128, height: 128, mode: 'RGB', frames: 1, animated: false }
 * ```
 */
export function readWebpHeader(bytes: Uint8Array): WebpHeader {
  return headerOf(readWebpContainer(bytes));
}

/** A row writer kept for the life of the module, for its hidden class (see vp8l/decode.ts `kept`). */
let keptSink: ArgbToBytes | undefined;

/** The frame's pixels, `channels` (3 or 4) bytes each, at its own size. */
function decodeFrame(bytes: Uint8Array, frame: WebpFrame, channels: 3 | 4): Uint8Array {
  const { width, height } = frame;
  const payload = bytes.subarray(frame.image.offset, frame.image.offset + frame.image.length);
  if (frame.lossless) {
    // The coded words and the output bytes share one buffer: each row goes out over the words already done with,
    // as soon as its transforms are undone (decodeVp8l `into`). Half the fresh memory of two arrays, and the bytes
    // are written where the words were just read, still in cache. An RGB result is a view of the first 3/4.
    const words = new Int32Array(width * height);
    const out = new Uint8Array(words.buffer, 0, width * height * channels);
    keptSink ??= new ArgbToBytes(new Uint8Array(4), 4);
    decodeVp8l(payload, width, height, frame.image.offset, false, new ArgbToBytes(out, channels, width), words);
    return out;
  }
  const out = new Uint8Array(width * height * channels);
  const size = (bytes[frame.image.offset - 4]! | (bytes[frame.image.offset - 3]! << 8) | (bytes[frame.image.offset - 2]! << 16) | (bytes[frame.image.offset - 1]! << 24)) >>> 0;
  const planes = decodeVp8(payload, size, frame.image.offset);
  if (planes.width !== width || planes.height !== height) {
    throw new PixtextError('ERR_CORRUPT', 'WebP: the VP8 frame size changed between header and data', { offset: frame.image.offset, chunk: 'VP8 ' });
  }
  yuvToRgb(planes, out, 0, width * channels, channels);
  if (channels === 4) {
    if (frame.alpha !== undefined) {
      const alpha = decodeAlpha(bytes.subarray(frame.alpha.offset, frame.alpha.offset + frame.alpha.length), width, height, frame.alpha.offset);
      for (let i = 0; i < alpha.length; i++) out[4 * i + 3] = alpha[i]!;
    } else {
      for (let i = 3; i < out.length; i += 4) out[i] = 255;
    }
  }
  return out;
}

/**
 * Decodes a WebP file's first frame to `RGB` or `RGBA` exactly as Pillow 9.4 (libwebp 1.2.4) opens it: lossy
 * pixels bit-identical to libwebp's default output (fancy upsampling, its fixed-point YUV to RGB), lossless ones
 * exact, ALPH alpha; an animation's first frame on its canvas, transparent black around it.
 * @throws PixtextError `ERR_TOO_LARGE` (canvas over `maxPixels`, checked before allocating), `ERR_TRUNCATED`,
 * `ERR_CORRUPT`
 * @example
 * ```ts
 * const image = decodeWebp(bytes, { maxPixels: 1e8 }); // { width, height, mode: 'RGB' | 'RGBA', data }
 * ```
 */
export function decodeWebp(bytes: Uint8Array, options: CodecDecodeOptions): RawImage {
  const container = readWebpContainer(bytes);
  const header = headerOf(container);
  const { width, height, mode } = header;
  checkDecodeLimits(width, height, mode, bytes, options, 'WebP canvas');
  const frame = container.first;
  const channels = mode === 'RGBA' ? 4 : 3;
  const full = frame.x === 0 && frame.y === 0 && frame.width === width && frame.height === height;
  // The canvas is RGBA: with no alpha the frame's own fourth byte is dropped, so RGB frames can be decoded as RGB.
  const pixels = decodeFrame(bytes, frame, channels);
  if (full) return { width, height, mode, data: pixels };
  const data = new Uint8Array(width * height * channels);
  const rowBytes = frame.width * channels;
  for (let y = 0; y < frame.height; y++) {
    data.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), ((frame.y + y) * width + frame.x) * channels);
  }
  return { width, height, mode, data };
}
