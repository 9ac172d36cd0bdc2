// The lean pair for raw-pixel envelopes: what an app that only moves pixels needs, without the file codecs, other
// text forms and mode conversion that imageToText/textToImage can reach (the smallest bundle, docs/ARCHITECTURE.md#tree-shaking). Same envelope,
// same checks: the text is byte for byte what imageToText writes, and every bad text gets textToImage's error code.
import { PixtextError, invalidArgument } from '../errors.js';
import { checkPixelLimit, resolveMaxPixels, validateRawImage } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import { readEnvelopeText, recogniseEnvelope } from '../text-forms/envelope.js';
import type { EnvelopeHeader } from '../text-forms/envelope-header.js';
import { writeEnvelope } from '../text-forms/envelope-write.js';
import { isJsonObject } from '../text-forms/json-scan.js';
import { recogniseText } from '../text-forms/recognise.js';
import type { ImageDataInput } from './image-to-text.js';

/** Options of {@link rawImageToText}. */
export interface RawImageToTextOptions {
  /** A plain JSON object stored in the envelope's `metadata`. Defaults to none. */
  metadata?: Readonly<Record<string, unknown>> | undefined;
  /** Largest width × height accepted. Defaults to 268,402,689; `Infinity` disables. */
  maxPixels?: number | undefined;
}

/** Options of {@link textToRawImage}. */
export interface TextToRawImageOptions {
  /** Largest width × height accepted, checked from the header before allocating. Defaults to 268,402,689; `Infinity` disables. */
  maxPixels?: number | undefined;
}

/**
 * The options object. `mode` is refused rather than ignored: imageToText and textToImage convert with it, so ignoring
 * it here would silently give another image.
 */
function optionsOf(options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (!isJsonObject(options)) throw invalidArgument('an options object', 'options', options);
  if (options['mode'] !== undefined) throw invalidArgument('no mode (use convert)', 'mode', options['mode']);
  return options;
}

/** Refuses an envelope holding a file before its payload is decoded. */
function rawOnly(header: EnvelopeHeader): void {
  if (header.encoding !== 'raw') {
    throw new PixtextError('ERR_UNSUPPORTED', `The envelope holds a ${header.encoding} file: use textToImage`, { chunk: 'encoding' });
  }
}

/**
 * Turns raw pixels into a pixtext envelope v1: exactly the text `imageToText(image, { metadata, maxPixels })`
 * writes (canonical, ASCII, `encoding: "raw"`), without the code for files, other text forms or mode conversion, so
 * a browser bundle that needs only this stays small. File bytes go through `imageToText`; to store another mode,
 * `convert` the image first.
 *
 * @param image - A {@link RawImage} of any mode (its `data` may be a view), or an `ImageData`-like
 *   `{ width, height, data: Uint8ClampedArray }` (straight RGBA, stored as mode `RGBA`, not copied).
 * @param options - `metadata` (a plain JSON object, stored as is), `maxPixels` (default 268,402,689). No other option.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` (not an image, a bad option, metadata that is not plain JSON, or an
 * option of `imageToText` such as `mode`), `ERR_INVALID_IMAGE` (a malformed RawImage or ImageData), `ERR_TOO_LARGE`
 * (over `maxPixels`, or more text than the engine can hold in one string).
 * @example
 * ```ts
 * import { rawImageToText } from 'pixtext';
 * rawImageToText({ width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 255, 0]) });
 * // '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}'
 * rawImageToText(ctx.getImageData(0, 0, 64, 64), { metadata: { id: 7 } });
 * ```
 */
export function rawImageToText(image: RawImage | ImageDataInput, options?: RawImageToTextOptions): string {
  const o = optionsOf(options);
  const maxPixels = resolveMaxPixels(o['maxPixels']);
  let raw: RawImage;
  if (typeof image === 'object' && image !== null && 'mode' in image) {
    raw = validateRawImage(image);
  } else if ((image as Partial<ImageDataInput> | null)?.data instanceof Uint8ClampedArray) {
    // As fromImageData: an RGBA view of the same memory, checked like any RawImage.
    const { width, height, data } = image as ImageDataInput;
    raw = validateRawImage({ width, height, mode: 'RGBA', data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }, 'ImageData');
  } else {
    throw invalidArgument('a RawImage or an ImageData', 'image', image);
  }
  const { width, height, mode, data, palette } = raw;
  checkPixelLimit(width, height, maxPixels, 'The input image', mode);
  return writeEnvelope({
    width,
    height,
    mode,
    encoding: 'raw',
    palette,
    // Checked by writeEnvelope: a plain JSON object, or ERR_INVALID_ARGUMENT.
    metadata: o['metadata'] as Readonly<Record<string, unknown>> | undefined,
    data,
  });
}

/**
 * Reads raw pixels back from a pixtext envelope v1 with `encoding: "raw"`, with every check `textToImage` makes:
 * version, header fields, `maxPixels` before anything is allocated, strict base64 (line breaks and spaces allowed),
 * `byteLength` and `crc32`. Any valid JSON of the envelope is read (keys in any order, whitespace, escapes), unknown
 * keys are ignored and never copied, and a leading byte order mark is skipped. The image comes back in the mode the
 * envelope declares: to get another, `convert` it.
 *
 * @param text - The envelope.
 * @param options - `maxPixels` (default 268,402,689; `Infinity` disables). No other option.
 * @returns `{ width, height, mode, data }`, plus `palette` for a mode `P` image that has one.
 * @throws PixtextError with textToImage's codes for every bad text: `ERR_TRUNCATED` (cut short), `ERR_NOT_JSON`
 * (with `offset`), `ERR_ENVELOPE` (a missing or ill-typed field), `ERR_ENVELOPE_VERSION`, `ERR_TOO_LARGE` (over
 * `maxPixels`), `ERR_BASE64` (with the `offset` in `data`), `ERR_LENGTH_MISMATCH`, `ERR_CHECKSUM`,
 * `ERR_UNRECOGNIZED_TEXT` (not an envelope: a data URL or a Pillow dump needs `textToImage`); `ERR_UNSUPPORTED` for
 * an envelope holding a PNG, JPEG or BMP file (use `textToImage`); `ERR_INVALID_ARGUMENT` for text that is not a
 * string or a bad option (`mode` included).
 * @example
 * ```ts
 * import { textToRawImage } from 'pixtext';
 * const { width, height, mode, data } = textToRawImage(text, { maxPixels: 4096 * 4096 });
 * ```
 */
export function textToRawImage(text: string, options?: TextToRawImageOptions): RawImage {
  const maxPixels = resolveMaxPixels(optionsOf(options)['maxPixels']);
  // The one recognition, with the envelope as the only rung of its ladder: any other text is ERR_UNRECOGNIZED_TEXT.
  const { sample } = recogniseText(text, [{ id: 'envelope', recognise: recogniseEnvelope }], undefined, 'an envelope');
  const { header, payload } = readEnvelopeText(sample, { maxPixels, checkHeader: rawOnly });
  const image: RawImage = { width: header.width, height: header.height, mode: header.mode, data: payload };
  if (header.palette !== undefined) image.palette = header.palette;
  return image;
}
