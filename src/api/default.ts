// The top-level functions of the `pixtext` entry point: the two flows with every codec, text form and mode
// conversion. Code that wants less (a smaller bundle) calls createPixtext itself; the features below are then
// dropped by tree-shaking (docs/ARCHITECTURE.md#tree-shaking).
import { bmpCodec } from '../formats/bmp/index.js';
import { gifCodec } from '../formats/gif/index.js';
import { webpCodec } from '../formats/webp/index.js';
import { jpegCodec } from '../formats/jpeg/index.js';
import { npyCodec } from '../formats/npy/index.js';
import { pngCodec } from '../formats/png/index.js';
import type { FormatId } from '../formats/codec.js';
import { convert } from '../pixel-modes/convert.js';
import { fit } from '../resize/fit.js';
import type { RawImage } from '../raw-image.js';
import { base64Form } from '../text-forms/base64.js';
import { dataUrlForm } from '../text-forms/data-url.js';
import type { TextInfo } from '../text-forms/form.js';
import { pilDumpForm } from '../text-forms/pil-dump.js';
import { anthropicBlockForm } from '../text-forms/anthropic-block.js';
import { mcpBlockForm } from '../text-forms/mcp-block.js';
import { openaiBlockForm } from '../text-forms/openai-block.js';
import { decodeWith, detectFormatWith, encodeWith } from './building-blocks.js';
import { imageToTextWith, imageToTextWithReportWith } from './image-to-text.js';
import type { TextReport } from '../prepare/text-budget.js';
import type { ImageInput } from './image-to-text.js';
import type { DecodeOptions, EncodeOptions, ImageToTextOptions, TextToFileOptions, TextToImageOptions } from './options.js';
import { createFeatures } from './pixtext.js';
import type { PixtextConfig } from './pixtext.js';
import { inspectWith, textToFileWith, textToImageWith } from './text-to-image.js';
import type { ImageFile } from './text-to-image.js';

/** What the top-level functions are bound to: the PNG, JPEG, BMP, GIF, WebP and npy codecs, every text form, mode conversion and fit. */
export const DEFAULT_CONFIG = {
  codecs: [pngCodec, jpegCodec, bmpCodec, gifCodec, webpCodec, npyCodec],
  forms: [pilDumpForm, dataUrlForm, base64Form, anthropicBlockForm, openaiBlockForm, mcpBlockForm],
  convert,
  fit,
} as const satisfies PixtextConfig;

/** The features of {@link DEFAULT_CONFIG}, checked once. */
export const DEFAULT_FEATURES = /* @__PURE__ */ createFeatures(DEFAULT_CONFIG);

/**
 * Turns an image into text: by default a pixtext envelope v1 holding the input file itself (or the pixels of a
 * `RawImage`/`ImageData`) as base64.
 *
 * `input`: PNG/JPEG/BMP/GIF file bytes (sniffed from magic bytes), a `RawImage`, or an `ImageData`-like object
 * `{ width, height, data: Uint8ClampedArray }` (RGBA, not copied).
 * Options: `as` (defaults to `'envelope'`; `'data-url'`, `'base64'`, `'pil'`), `encoding` (defaults to `'original'`
 * for file input and to `'raw'` (envelope) or `'png'` for pixels: see `defaultEncoding`), `check` (defaults to
 * `'decode'`: a file carried as `'original'` is decoded once so a damaged one is refused; `'header'` skips that), `mode`
 * (defaults to the input's), `quality` (defaults to 90), `compressionLevel` (defaults to 6), `metadata` (envelope
 * only), `maxPixels` (defaults to 268,402,689), `orientation` (defaults to `'keep'`: a file's EXIF orientation, or a
 * RawImage's `orientation`, goes into the envelope's `orientation` and into PNG/JPEG payloads; `'apply'` turns the
 * pixels as Pillow's `ImageOps.exif_transpose` does). The envelope's `width`/`height`/`mode` are what `textToImage`
 * returns; `'original'` reads them from the file header.
 *
 * @throws PixtextError `ERR_INVALID_ARGUMENT` (bad option or combination, e.g. metadata with `as: 'base64'`),
 * `ERR_INVALID_IMAGE`, `ERR_UNKNOWN_FORMAT`, `ERR_UNSUPPORTED` (a mode the payload format cannot hold exactly: the
 * message names the conversion to ask for; or a codec, form or `convert` a {@link createPixtext} instance lacks),
 * `ERR_TOO_LARGE`, and decoding errors of file input (`ERR_CORRUPT`, `ERR_TRUNCATED`, …); `ERR_UNSUPPORTED` also for
 * an orientation other than 1 where the text has no place for it (a Pillow dump, a BMP or GIF file in a data URL).
 * @example
 * ```ts
 * imageToText({ width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 255, 0]) });
 * // '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}'
 * const dataUrl = imageToText(pngBytes, { as: 'data-url' }); // the PNG's own bytes
 * ```
 */
export function imageToText(input: ImageInput, options?: ImageToTextOptions): string {
  return imageToTextWith(DEFAULT_FEATURES, input, options);
}

/**
 * {@link imageToText}, with a report of the text written: its length, the image's size and payload encoding, and what
 * `maxTextLength` did to fit the budget (the JPEG quality used, the size before it was made smaller, whether anything
 * was reduced). The text is the one `imageToText` returns for the same options.
 *
 * @throws PixtextError as {@link imageToText}; `ERR_TOO_LARGE` when no text of the image fits `maxTextLength`
 * @example
 * ```ts
 * const { text, report } = imageToTextWithReport(photoBytes, { as: 'anthropic', maxTextLength: 5_000_000 });
 * if (report.reduced) console.log(`sent ${report.width}×${report.height} at quality ${report.quality}`);
 * ```
 */
export function imageToTextWithReport(input: ImageInput, options?: ImageToTextOptions): { text: string; report: TextReport } {
  return imageToTextWithReportWith(DEFAULT_FEATURES, input, options);
}

/**
 * Reads an image back from text: a pixtext envelope, the Pillow dump JSON, a data URL, or bare base64 of a
 * PNG/JPEG/BMP/GIF file, recognised automatically. Options: `mode` (convert on the way out; defaults to the mode the
 * text declares), `maxPixels` (checked from headers before allocating; defaults to 268,402,689, `Infinity` disables),
 * `orientation` (defaults to `'keep'`: the envelope's `orientation`, else a stored file's EXIF tag, is returned as the
 * image's `orientation`; `'apply'` returns the pixels as Pillow's `ImageOps.exif_transpose` gives them, with none).
 *
 * @throws PixtextError `ERR_UNRECOGNIZED_TEXT`, `ERR_NOT_JSON`, `ERR_TRUNCATED`, `ERR_ENVELOPE`,
 * `ERR_ENVELOPE_VERSION`, `ERR_BASE64` (with the offset), `ERR_LENGTH_MISMATCH`, `ERR_CHECKSUM`, `ERR_DATA_URL`,
 * `ERR_TOO_LARGE`, `ERR_UNKNOWN_FORMAT`, `ERR_UNSUPPORTED` (a codec, form or `convert` a {@link createPixtext}
 * instance lacks), and the codecs' decoding errors.
 * @example
 * ```ts
 * const { width, height, mode, data } = textToImage(text);
 * const grey = textToImage(text, { mode: 'L' });
 * ```
 */
export function textToImage(text: string, options?: TextToImageOptions): RawImage {
  return textToImageWith(DEFAULT_FEATURES, text, options);
}

/**
 * Turns text into image file bytes. When the text already holds a file of the wanted `format` (an envelope with
 * encoding png/jpeg/bmp, a data URL, bare base64), those bytes are returned unchanged; otherwise the image is decoded
 * and encoded. `format` defaults to the stored file's format, or `'png'` for raw pixels; `quality`,
 * `compressionLevel` and `maxPixels` as in {@link imageToText}.
 *
 * @throws PixtextError as {@link textToImage}, plus `ERR_UNSUPPORTED` when `format` cannot hold the image's mode.
 * @example
 * ```ts
 * const { format, bytes } = textToFile(text, { format: 'png' });
 * ```
 */
export function textToFile(text: string, options?: TextToFileOptions): ImageFile {
  // The default instance has only built-in codecs, so every format it returns is a FormatId.
  return textToFileWith(DEFAULT_FEATURES, text, options) as ImageFile;
}

/**
 * Decodes PNG/JPEG/BMP/GIF bytes (sniffed; a GIF's first frame) to a RawImage in the file's native mode, or in
 * `mode`. `maxPixels` defaults to 268,402,689. `draft: { width, height }` decodes a JPEG at the smallest of libjpeg's
 * scales 1/1, 1/2, 1/4, 1/8 whose result is at least that size, in the DCT domain (Pillow's `draft()`: the same size
 * and pixels); other formats ignore it. Defaults to the full size. `orientation` defaults to `'keep'`: a JPEG or PNG
 * file's EXIF Orientation is returned as `orientation` (1–8); `'apply'` gives exactly the pixels and size of Pillow's
 * `ImageOps.exif_transpose` and no `orientation`.
 * @throws PixtextError `ERR_UNKNOWN_FORMAT`, `ERR_UNSUPPORTED`, `ERR_TOO_LARGE`, `ERR_CORRUPT`, `ERR_TRUNCATED`,
 * `ERR_INVALID_ARGUMENT` for a bad option, …
 * @example
 * ```ts
 * const image = decode(pngBytes, { maxPixels: 50_000_000 });
 * const preview = decode(jpegBytes, { draft: { width: 400, height: 300 } }); // 1/2, 1/4 or 1/8 of the photo
 * const upright = decode(phonePhoto, { orientation: 'apply' }); // as the camera meant it, no orientation left
 * ```
 */
export function decode(bytes: Uint8Array | ArrayBuffer, options?: DecodeOptions): RawImage {
  return decodeWith(DEFAULT_FEATURES, bytes, options);
}

/**
 * Encodes a RawImage as a `'png'`, `'jpeg'`, `'bmp'` or `'gif'` file. `quality` defaults to 90, `compressionLevel` to
 * 6. An image's `orientation` is written as EXIF (PNG eXIf chunk, JPEG APP1, WebP EXIF chunk); without one, the JPEG bytes are
 * Pillow's byte for byte.
 * @throws PixtextError `ERR_INVALID_IMAGE`, `ERR_UNSUPPORTED` (a mode the format cannot hold, naming the conversion;
 * or no codec for it in a {@link createPixtext} instance), `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * const jpeg = encode(image, 'jpeg', { quality: 85 });
 * ```
 */
export function encode(image: RawImage, format: FormatId, options?: EncodeOptions): Uint8Array {
  return encodeWith(DEFAULT_FEATURES.codecs, image, format, options);
}

/**
 * The format of file bytes from their magic bytes (one of `FORMAT_IDS`: `'png' | 'jpeg' | 'bmp' | 'gif' | 'webp'`,
 * WebP named although no WebP codec is built in yet), or undefined.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` when `bytes` is not a Uint8Array or ArrayBuffer
 * @example
 * ```ts
 * detectFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])); // 'jpeg'
 * ```
 */
export function detectFormat(bytes: Uint8Array | ArrayBuffer): FormatId | undefined {
  return detectFormatWith(DEFAULT_FEATURES.codecs, bytes) as FormatId | undefined;
}

/**
 * What a text holds (form, dimensions, mode, encoding, sizes, checksum, metadata) without decoding its pixels.
 * Nothing is verified: use `textToImage` for that.
 * @throws PixtextError as {@link textToImage} for text it cannot read.
 * @example
 * ```ts
 * const { width, height, mode, encoding, byteLength, crc32 } = inspect(text);
 * ```
 */
export function inspect(text: string): TextInfo {
  return inspectWith(DEFAULT_FEATURES, text);
}
