// JPEG encoding through jpeg-js (baseline, 4:4:4, JFIF), made to run where `Buffer` does not exist.
// Spec: ITU-T T.81 (https://www.w3.org/Graphics/JPEG/itu-t81.pdf); JFIF 1.02.
import encodeJpegJs from 'jpeg-js/lib/encoder.js';
import { PixtextError, invalidArgument } from '../../errors.js';
import { validateRawImage } from '../../raw-image.js';
import type { PixelMode, RawImage } from '../../raw-image.js';
import type { CodecEncodeOptions } from '../codec.js';

/** Modes the encoder takes as they are. `L` is written as YCbCr with neutral chroma (jpeg-js has no grey output). */
export const JPEG_ENCODABLE_MODES = ['L', 'RGB', 'BGR'] as const satisfies readonly PixelMode[];

/** Quality when none is given, as documented in docs/ARCHITECTURE.md#public-api. */
export const DEFAULT_QUALITY = 90;

/** JPEG's own limit: 16-bit dimensions in the frame header. */
const MAX_DIMENSION = 65535;

/**
 * The RGBA layout jpeg-js reads (it ignores the 4th byte), filled in one tight pass; the only copy we add.
 */
function toJpegJsInput(image: RawImage): Uint8Array {
  const { data, mode } = image;
  const pixels = image.width * image.height;
  const out = new Uint8Array(pixels * 4);
  if (mode === 'L') {
    for (let i = 0, o = 0; i < pixels; i++, o += 4) {
      const v = data[i]!;
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    }
  } else {
    const [r, b] = mode === 'BGR' ? [2, 0] : [0, 2];
    for (let i = 0, o = 0; i < pixels * 3; i += 3, o += 4) {
      out[o] = data[i + r]!;
      out[o + 1] = data[i + 1]!;
      out[o + 2] = data[i + b]!;
    }
  }
  return out;
}

/**
 * jpeg-js's encoder ends in `return Buffer.from(bytes)` whenever it runs as a CommonJS module, which is also how
 * every bundler wraps it for browsers, so there it throws `ReferenceError: Buffer is not defined`. Calling it
 * with a minimal stand-in `Buffer` (only `from`, returning a plain Uint8Array) is the least intrusive fix: the
 * encoder's other routes are private, and patching or vendoring it would fork the dependency. The stand-in is
 * installed only when no `Buffer` exists and is removed in `finally`; the encoder runs synchronously, so no other
 * code can ever observe it, and the global object is exactly as before when this returns or throws.
 */
function withBufferFrom<T>(run: () => T): T {
  const scope = globalThis as { Buffer?: { from?: unknown } };
  if (typeof scope.Buffer?.from === 'function') return run();
  const previous = Object.getOwnPropertyDescriptor(scope, 'Buffer');
  if (previous !== undefined && !previous.configurable) {
    throw new PixtextError('ERR_UNSUPPORTED', 'JPEG encoding needs globalThis.Buffer absent, a Buffer or configurable');
  }
  const standIn = { from: (bytes: ArrayLike<number>) => new Uint8Array(bytes) };
  Object.defineProperty(scope, 'Buffer', { value: standIn, configurable: true, writable: true, enumerable: false });
  try {
    return run();
  } finally {
    if (previous === undefined) delete scope.Buffer;
    else Object.defineProperty(scope, 'Buffer', previous);
  }
}

/**
 * Encodes `L`, `RGB` or `BGR` as a baseline JPEG (4:4:4, JFIF) at `quality` 1–100. Defaults to quality 90.
 * @throws PixtextError `ERR_UNSUPPORTED` for other modes (naming the conversion) and empty images,
 *   `ERR_TOO_LARGE` beyond 65535 pixels a side, `ERR_INVALID_ARGUMENT` for a bad quality.
 * @example
 * ```ts
 * const jpeg = encodeJpeg({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0]) }, { quality: 90 });
 * ```
 */
export function encodeJpeg(image: RawImage, options: Partial<CodecEncodeOptions> = {}): Uint8Array {
  const { width, height, mode } = validateRawImage(image);
  const { quality = DEFAULT_QUALITY } = options;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw invalidArgument('an integer from 1 to 100', 'quality', quality);
  if (!(JPEG_ENCODABLE_MODES as readonly PixelMode[]).includes(mode)) {
    // Grey modes become L, the others RGB; alpha is dropped unless flattened.
    const target = mode === '1' || mode[0] === 'L' ? 'L' : 'RGB';
    const alpha = mode.includes('A') ? ' (drops alpha; pass { background } to flatten it)' : '';
    throw new PixtextError('ERR_UNSUPPORTED', `JPEG cannot hold mode ${mode}: convert(image, '${target}') first${alpha}`);
  }
  if (width === 0 || height === 0) throw new PixtextError('ERR_UNSUPPORTED', `JPEG cannot hold ${width}×${height} (empty)`);
  if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
    throw new PixtextError('ERR_TOO_LARGE', `JPEG cannot hold ${width}×${height} (sides over ${MAX_DIMENSION})`);
  }
  const rgba = toJpegJsInput(image);
  const { data } = withBufferFrom(() => encodeJpegJs({ width, height, data: rgba }, quality));
  if (data.constructor === Uint8Array) return data;
  // In Node it is a Buffer, and a small one is a view into a shared pool: hand back a plain array of its own.
  return data.byteOffset === 0 && data.buffer.byteLength === data.length ? new Uint8Array(data.buffer) : new Uint8Array(data);
}
