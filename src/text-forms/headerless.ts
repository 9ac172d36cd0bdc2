// Bare base64 of headerless pixels (numpy's `tobytes()`, an OpenCV frame, a canvas buffer): no form can recognise
// such text, since nothing in it says its size, so it is read only when the caller declares the shape
// (`textToImage(text, { raw: { width, height, mode } })`), and the byte count must then match the shape exactly.
import { decodeBase64 } from '../base64/base64.js';
import { PixtextError, invalidArgument } from '../errors.js';
import { ONE_OF_MODES, byteLengthFor, checkPixelLimit, isPixelMode, rowStride } from '../raw-image.js';
import type { PixelMode, RawImage } from '../raw-image.js';

/** The shape of headerless pixels: what `raw` declares. */
export interface RawShape {
  width: number;
  height: number;
  mode: PixelMode;
}

/**
 * Validates a `raw` option value.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * resolveRawShape({ width: 640, height: 480, mode: 'BGR' }); // the same object, checked
 * ```
 */
export function resolveRawShape(value: unknown): RawShape | undefined {
  if (value === undefined) return undefined;
  const expected = 'an object { width, height, mode }';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidArgument(expected, 'raw', value);
  const { width, height, mode } = value as Record<string, unknown>;
  for (const [key, side] of [['width', width], ['height', height]] as const) {
    if (typeof side !== 'number' || !Number.isSafeInteger(side) || side < 1) throw invalidArgument('a positive integer', `raw.${key}`, side);
  }
  if (!isPixelMode(mode)) throw invalidArgument(ONE_OF_MODES, 'raw.mode', mode);
  return { width: width as number, height: height as number, mode };
}

/**
 * The image held by bare base64 of headerless pixels of the declared shape (rows top to bottom, no padding except
 * mode `1`'s byte-aligned rows, 16-bit samples little-endian). Checked against `maxPixels` from the shape before the
 * text is decoded, and the decoded byte count against the shape.
 * @throws PixtextError `ERR_TOO_LARGE`, `ERR_BASE64`, `ERR_LENGTH_MISMATCH` (naming both counts), `ERR_INVALID_ARGUMENT`
 * (a text in another form: an envelope, a data URL)
 * @example
 * ```ts
 * readHeaderless(base64OfFrame, { width: 640, height: 480, mode: 'BGR' }, 268_402_689).data.length === 921_600;
 * ```
 */
export function readHeaderless(text: string, shape: RawShape, maxPixels: number): RawImage {
  const { width, height, mode } = shape;
  const head = /^[\s\uFEFF]*(\{|data:)/i.exec(text.slice(0, 64));
  if (head !== null) {
    const form = head[1] === '{' ? 'JSON (an envelope or other text form)' : 'a data URL';
    throw invalidArgument(`bare base64 of headerless pixels with the raw option (this text is ${form}: leave raw out)`, 'text', text.slice(0, 16));
  }
  checkPixelLimit(width, height, maxPixels, 'The raw option', mode);
  const data = decodeBase64(text, { allowWhitespace: true });
  const needed = byteLengthFor(mode, width, height);
  if (data.length !== needed) {
    const perPixel = data.length / (width * height);
    const hint = Number.isInteger(perPixel) && perPixel >= 1 && perPixel <= 8 ? ` (${perPixel} bytes a pixel at ${width}×${height})` : '';
    throw new PixtextError(
      'ERR_LENGTH_MISMATCH',
      `The base64 holds ${data.length} bytes${hint}, but ${width}×${height} ${mode} pixels need ${needed} (${height} rows of ${rowStride(mode, width)} bytes)`,
    );
  }
  return { width, height, mode, data };
}
