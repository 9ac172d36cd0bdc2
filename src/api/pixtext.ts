// createPixtext: the public functions bound to the features passed in (docs/ARCHITECTURE.md#public-api): codecs, text forms beyond the
// envelope, mode conversion. No global registry: a bundle contains what its code passes here and nothing else.
import type { FormatId, ImageCodec } from '../formats/codec.js';
import type { RawImage } from '../raw-image.js';
import { decodeWith, detectFormatWith, encodeWith } from './building-blocks.js';
import { createFeatures } from './features.js';
import type { ConvertFunction } from './features.js';
import type { TextFormHandler } from '../text-forms/form.js';
import type { ImageInput } from './image-input.js';
import { imageToTextWith } from './image-to-text.js';
import { inspectWith } from './inspect.js';
import type { TextInfo } from './inspect.js';
import type { DecodeOptions, EncodeOptions, ImageToTextOptions, TextToFileOptions, TextToImageOptions } from './options.js';
import type { ImageFile } from './text-to-file.js';
import { textToFileWith } from './text-to-file.js';
import { textToImageWith } from './text-to-image.js';

/**
 * Options of {@link createPixtext}: what the instance can do beyond raw-pixel envelopes. Each feature left out is
 * `ERR_UNSUPPORTED` when asked for (the message names what to pass), and stays out of a bundle.
 */
export interface PixtextConfig {
  /**
   * The file codecs this instance can read and write, at most one per format, e.g. `[pngCodec, jpegCodec]`: for
   * file input, encoded payloads (`encoding: 'png'`, `'original'`, …), `decode`, `encode` and `textToFile`.
   * Defaults to none.
   */
  codecs?: readonly ImageCodec[] | undefined;
  /**
   * The text forms beyond the envelope, each at most once: `pilDumpForm` (Pillow dump JSON, `as: 'pil'`),
   * `dataUrlForm` (`as: 'data-url'`), `base64Form` (bare base64 of a file, `as: 'base64'`). Defaults to none: the
   * envelope only.
   */
  forms?: readonly TextFormHandler[] | undefined;
  /**
   * Mode conversion, for the `mode` options and for stored files whose format keeps the pixels in another mode
   * (BGR in a PNG, say): pass pixtext's `convert`. Defaults to none.
   */
  convert?: ConvertFunction | undefined;
}

/**
 * The pixtext functions, bound to one instance's features. All synchronous and pure: no I/O, no global state,
 * inputs never modified; typed-array views are honoured (`byteOffset`/`byteLength`).
 */
export interface Pixtext {
  /**
   * Turns an image into text: by default a pixtext envelope v1 holding the raw pixels as base64.
   *
   * `input`: PNG/JPEG/BMP file bytes (sniffed from magic bytes), a `RawImage`, or an `ImageData`-like object
   * `{ width, height, data: Uint8ClampedArray }` (RGBA, not copied).
   * Options: `as` (`'envelope'` default, `'data-url'`, `'base64'`, `'pil'`), `encoding` (`'raw'` default for
   * envelopes; `'original'` for file input and `'png'` for pixels with `data-url`/`base64`), `mode`, `quality`
   * (default 90), `compressionLevel` (default 6), `metadata` (envelope only), `maxPixels` (default 268,402,689).
   * The envelope's `width`/`height`/`mode` are what `textToImage` returns; `'original'` reads them from the file
   * header without decoding the pixels.
   *
   * @throws PixtextError `ERR_INVALID_ARGUMENT` (bad option or combination, e.g. metadata with `as: 'base64'`),
   * `ERR_INVALID_IMAGE`, `ERR_UNKNOWN_FORMAT`, `ERR_UNSUPPORTED` (a mode the payload format cannot hold exactly:
   * the message names the conversion to ask for; or a codec, form or `convert` the instance lacks), `ERR_TOO_LARGE`,
   * and decoding errors of file input (`ERR_CORRUPT`, `ERR_TRUNCATED`, …).
   * @example
   * ```ts
   * const text = imageToText({ width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 255, 0]) });
   * // '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}'
   * const dataUrl = imageToText(pngBytes, { as: 'data-url' }); // the PNG's own bytes
   * ```
   */
  imageToText(input: ImageInput, options?: ImageToTextOptions): string;

  /**
   * Reads an image back from text: a pixtext envelope, the Pillow dump JSON, a data URL, or bare base64 of a
   * PNG/JPEG/BMP file, recognised automatically. Options: `mode` (convert on the way out), `maxPixels` (checked
   * from headers before allocating; default 268,402,689, `Infinity` disables).
   *
   * @throws PixtextError `ERR_UNRECOGNIZED_TEXT`, `ERR_NOT_JSON`, `ERR_TRUNCATED`, `ERR_ENVELOPE`,
   * `ERR_ENVELOPE_VERSION`, `ERR_BASE64` (with the offset), `ERR_LENGTH_MISMATCH`, `ERR_CHECKSUM`, `ERR_DATA_URL`,
   * `ERR_TOO_LARGE`, `ERR_UNKNOWN_FORMAT`, `ERR_UNSUPPORTED` (a codec, form or `convert` the instance lacks), and the
   * codecs' decoding errors.
   * @example
   * ```ts
   * const { width, height, mode, data } = textToImage(text);
   * const grey = textToImage(text, { mode: 'L' });
   * ```
   */
  textToImage(text: string, options?: TextToImageOptions): RawImage;

  /**
   * Turns text into image file bytes. When the text already holds a file of the wanted `format` (an envelope with
   * encoding png/jpeg/bmp, a data URL, bare base64), those bytes are returned unchanged; otherwise the image is
   * decoded and encoded. `format` defaults to the stored file's format, or `'png'` for raw pixels.
   *
   * @throws PixtextError as `textToImage`, plus `ERR_UNSUPPORTED` when `format` cannot hold the image's mode.
   * @example
   * ```ts
   * const { format, bytes } = textToFile(text, { format: 'png' });
   * ```
   */
  textToFile(text: string, options?: TextToFileOptions): ImageFile;

  /**
   * Decodes PNG/JPEG/BMP bytes (sniffed) to a RawImage in the file's native mode, or in `mode`.
   * @throws PixtextError `ERR_UNKNOWN_FORMAT`, `ERR_UNSUPPORTED`, `ERR_TOO_LARGE`, `ERR_CORRUPT`, `ERR_TRUNCATED`, …
   * @example
   * ```ts
   * const image = decode(pngBytes, { maxPixels: 50_000_000 });
   * ```
   */
  decode(bytes: Uint8Array | ArrayBuffer, options?: DecodeOptions): RawImage;

  /**
   * Encodes a RawImage as a `'png'`, `'jpeg'` or `'bmp'` file.
   * @throws PixtextError `ERR_INVALID_IMAGE`, `ERR_UNSUPPORTED` (a mode the format cannot hold, naming the conversion;
   * or no codec for it in this instance), `ERR_INVALID_ARGUMENT`
   * @example
   * ```ts
   * const png = encode(image, 'png', { compressionLevel: 9 });
   * ```
   */
  encode(image: RawImage, format: FormatId, options?: EncodeOptions): Uint8Array;

  /**
   * The format of file bytes from their magic bytes, or undefined. Names PNG/JPEG/BMP even without their codec.
   * @example
   * ```ts
   * detectFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])); // 'jpeg'
   * ```
   */
  detectFormat(bytes: Uint8Array | ArrayBuffer): FormatId | undefined;

  /**
   * What a text holds (form, dimensions, mode, encoding, sizes, checksum, metadata) without decoding its pixels.
   * Nothing is verified: use `textToImage` for that.
   * @throws PixtextError as `textToImage` for text it cannot read.
   * @example
   * ```ts
   * const { width, height, mode, encoding, byteLength, crc32 } = inspect(text);
   * ```
   */
  inspect(text: string): TextInfo;
}

/**
 * Creates the pixtext functions bound to the features passed in. With nothing, the instance reads and writes
 * raw-pixel envelopes only (ImageData and RawImage input, metadata, `maxPixels`), the smallest bundle; asking it for
 * a file, a mode conversion, a Pillow dump, a data URL or bare base64 is `ERR_UNSUPPORTED` naming what to pass.
 * The top-level `imageToText`, `textToImage`, … are such an instance with everything. Pure: calling it has no
 * effect beyond its result, so bundlers drop it, and every feature it names, when the result is unused.
 *
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for something that is not a codec or form, two codecs of one format,
 * a form given twice, or a `convert` that is not a function.
 * @example
 * ```ts
 * import { base64Form, convert, createPixtext, dataUrlForm, pilDumpForm, pngCodec } from 'pixtext';
 * // Raw-pixel envelopes only, no codec in the bundle:
 * const { imageToText, textToImage } = createPixtext();
 * // PNG files, data URLs and mode conversion, but no JPEG, BMP, Pillow dump or bare base64:
 * const png = createPixtext({ codecs: [pngCodec], forms: [dataUrlForm], convert });
 * png.imageToText(pngBytes, { as: 'data-url', mode: 'L' });
 * ```
 */
/* #__NO_SIDE_EFFECTS__ */
export function createPixtext(config: PixtextConfig = {}): Pixtext {
  const features = createFeatures(config);
  return {
    imageToText: (input, options) => imageToTextWith(features, input, options),
    textToImage: (text, options) => textToImageWith(features, text, options),
    textToFile: (text, options) => textToFileWith(features, text, options),
    decode: (bytes, options) => decodeWith(features, bytes, options),
    encode: (image, format, options) => encodeWith(features.codecs, image, format, options),
    detectFormat: (bytes) => detectFormatWith(features.codecs, bytes),
    inspect: (text) => inspectWith(features, text),
  };
}
