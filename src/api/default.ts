// The default functions of the `pixtext` entry point: bound to all three codecs, every text form and mode
// conversion. Code that wants less (a smaller bundle) calls createPixtext itself; the instance below is then
// dropped by tree-shaking.
import { bmpCodec } from '../formats/bmp/index.js';
import { jpegCodec } from '../formats/jpeg/index.js';
import { pngCodec } from '../formats/png/index.js';
import type { FormatId } from '../formats/codec.js';
import { convert } from '../pixel-modes/convert.js';
import type { RawImage } from '../raw-image.js';
import type { ImageInput } from './image-input.js';
import type { TextInfo } from './inspect.js';
import type { DecodeOptions, EncodeOptions, ImageToTextOptions, TextToFileOptions, TextToImageOptions } from './options.js';
import { base64Form } from '../text-forms/base64.js';
import { dataUrlForm } from '../text-forms/data-url-form.js';
import { pilDumpForm } from '../text-forms/pil-dump-form.js';
import { createPixtext } from './pixtext.js';
import type { PixtextConfig } from './pixtext.js';
import type { ImageFile } from './text-to-file.js';

/**
 * What the default functions are bound to: the PNG, JPEG and BMP codecs, every text form and mode conversion. For
 * code inside the package (the command line) that needs the same features through the lower-level functions.
 * @example
 * ```ts
 * const features = createFeatures(DEFAULT_CONFIG);
 * ```
 */
export const DEFAULT_CONFIG = {
  codecs: [pngCodec, jpegCodec, bmpCodec],
  forms: [pilDumpForm, dataUrlForm, base64Form],
  convert,
} as const satisfies PixtextConfig;

const all = /* @__PURE__ */ createPixtext(DEFAULT_CONFIG);

/**
 * Turns an image (PNG/JPEG/BMP bytes, a RawImage or ImageData-like RGBA) into text; see {@link Pixtext.imageToText}.
 * Uses the PNG, JPEG and BMP codecs, every text form and mode conversion.
 * @throws PixtextError with a stable `code` (see {@link Pixtext.imageToText})
 * @example
 * ```ts
 * imageToText({ width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 255, 0]) });
 * // '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}'
 * ```
 */
export function imageToText(input: ImageInput, options?: ImageToTextOptions): string {
  return all.imageToText(input, options);
}

/**
 * Reads an image back from an envelope, Pillow dump JSON, data URL or bare base64 of a file; see
 * {@link Pixtext.textToImage}.
 * @throws PixtextError with a stable `code` (see {@link Pixtext.textToImage})
 * @example
 * ```ts
 * const { width, height, mode, data } = textToImage(text, { maxPixels: 10_000_000 });
 * ```
 */
export function textToImage(text: string, options?: TextToImageOptions): RawImage {
  return all.textToImage(text, options);
}

/**
 * Text to image file bytes, the stored file unchanged when it already has the wanted format; see
 * {@link Pixtext.textToFile}.
 * @throws PixtextError with a stable `code` (see {@link Pixtext.textToFile})
 * @example
 * ```ts
 * const { format, bytes } = textToFile(text, { format: 'png' });
 * ```
 */
export function textToFile(text: string, options?: TextToFileOptions): ImageFile {
  return all.textToFile(text, options);
}

/**
 * Decodes PNG/JPEG/BMP bytes to a RawImage; see {@link Pixtext.decode}.
 * @throws PixtextError with a stable `code` (see {@link Pixtext.decode})
 * @example
 * ```ts
 * const image = decode(bytes);
 * ```
 */
export function decode(bytes: Uint8Array | ArrayBuffer, options?: DecodeOptions): RawImage {
  return all.decode(bytes, options);
}

/**
 * Encodes a RawImage as PNG, JPEG or BMP; see {@link Pixtext.encode}.
 * @throws PixtextError with a stable `code` (see {@link Pixtext.encode})
 * @example
 * ```ts
 * const jpeg = encode(image, 'jpeg', { quality: 85 });
 * ```
 */
export function encode(image: RawImage, format: FormatId, options?: EncodeOptions): Uint8Array {
  return all.encode(image, format, options);
}

/**
 * `'png' | 'jpeg' | 'bmp'` from magic bytes, or undefined; see {@link Pixtext.detectFormat}.
 * @example
 * ```ts
 * detectFormat(bytes) === 'png';
 * ```
 */
export function detectFormat(bytes: Uint8Array | ArrayBuffer): FormatId | undefined {
  return all.detectFormat(bytes);
}

/**
 * What a text holds, without decoding its pixels; see {@link Pixtext.inspect}.
 * @throws PixtextError with a stable `code` (see {@link Pixtext.inspect})
 * @example
 * ```ts
 * const { width, height, mode, encoding, byteLength } = inspect(text);
 * ```
 */
export function inspect(text: string): TextInfo {
  return all.inspect(text);
}
