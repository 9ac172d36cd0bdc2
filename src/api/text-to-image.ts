// text → image (docs/ARCHITECTURE.md#2-the-two-flows): textToImage, textToFile and inspect. All three recognise the
// text with the one ladder of text-forms/recognise.ts and hand it to its form; they differ in what they ask the form
// for (the payload, or the header) and in what they make of the payload.
import type { FormatId } from '../formats/codec.js';
import type { RawImage } from '../raw-image.js';
import type { ReadContext, TextInfo, TextPayload } from '../text-forms/form.js';
import { recogniseForm } from '../text-forms/recognise.js';
import { PixtextError, invalidArgument } from '../errors.js';
import { readHeaderless, resolveRawShape } from '../text-forms/headerless.js';
import { resolveDecodeOptions, resolveTextToFileOptions } from './options.js';
import type { Features } from './pixtext.js';
import { inMode } from './pixtext.js';
import { decodeStored } from './stored-file.js';
import { decodeFitted, fitChanges, fitPixels } from '../prepare/fit-input.js';
import type { FitBox } from '../resize/fit-box.js';
import { encodeOriented, oriented } from './orientation.js';

/** An image file: its format (a built-in one, or a plug-in codec's id) and bytes. */
export interface ImageFile<Id extends string = FormatId> {
  format: Id;
  bytes: Uint8Array;
}

/** The payload of a text, recognised and read with every check its form makes. */
function readPayload(features: Features, text: unknown, maxPixels: number): TextPayload {
  const context: ReadContext = { codecs: features.codecs, maxPixels };
  const { form, sample } = recogniseForm(text, features.forms, context);
  return form.read(sample, context);
}

/**
 * Decodes the file a data URL, bare base64 or model block carries. Such a text has no length or checksum of its own,
 * so a file that ends early means the text was cut: said of the text (ERR_TRUNCATED), the file's own complaint kept as
 * the cause. (An envelope's byteLength and crc32 catch a cut before its file is decoded.)
 */
function decodeCarried(features: Features, format: string, bytes: Uint8Array, maxPixels: number, maxExpansion: number): RawImage {
  try {
    return features.codecs.get(format).decode(bytes, { maxPixels, maxExpansion });
  } catch (error) {
    if (!(error instanceof PixtextError) || error.code !== 'ERR_TRUNCATED') throw error;
    throw new PixtextError(
      'ERR_TRUNCATED',
      `The text's ${format.toUpperCase()} file ends early (${error.message}): the text is cut short`,
      { cause: error },
    );
  }
}

/** The image a payload holds, in the mode its text declares, with the orientation it declares (else its file's). */
function imageOf(payload: TextPayload, features: Features, maxPixels: number, maxExpansion: number): RawImage {
  if (payload.kind === 'pixels') return payload.image;
  const { format, bytes, declared } = payload;
  // decodeStored first: it checks that the bytes are of the declared format before any codec is asked for.
  const image =
    declared !== undefined
      ? decodeStored(bytes, format, declared, features.codecs, features.convert, maxPixels, maxExpansion)
      : decodeCarried(features, format, bytes, maxPixels, maxExpansion);
  return oriented(image, payload.orientation ?? features.codecs.get(format).orientation?.(bytes), 'keep');
}

/**
 * Reads an image back from text: the flow behind `textToImage` for one instance's features.
 * @throws PixtextError (see {@link textToImage})
 * @example
 * ```ts
 * textToImageWith(createFeatures({ convert }), envelopeText, { mode: 'RGBA' });
 * ```
 */
export function textToImageWith(features: Features, text: unknown, rawOptions: unknown): RawImage {
  const { maxPixels, maxExpansion, mode, draft, orientation } = resolveDecodeOptions(rawOptions);
  // Not silently ignored: the scaled decode is for file bytes (decode), where the caller sees the format.
  if (draft !== undefined) throw invalidArgument('no draft (it is an option of decode(bytes))', 'draft', draft);
  const shape = resolveRawShape((rawOptions as { raw?: unknown } | undefined)?.raw);
  if (shape !== undefined) {
    if (typeof text !== 'string') throw invalidArgument('a string', 'text', text);
    return inMode(features, readHeaderless(text, shape, maxPixels), mode);
  }
  const image = imageOf(readPayload(features, text, maxPixels), features, maxPixels, maxExpansion);
  // Mode conversion builds a new image: the orientation is put back on (or applied to) the converted pixels.
  return oriented(inMode(features, image, mode), image.orientation, orientation);
}

/**
 * Turns text into image file bytes, the stored file unchanged when it already has the wanted format: the flow behind
 * `textToFile` for one instance's features.
 * @throws PixtextError (see {@link textToFile})
 * @example
 * ```ts
 * textToFileWith(createFeatures({ codecs: [pngCodec] }), text, { format: 'png' }).bytes;
 * ```
 */
export function textToFileWith(features: Features, text: unknown, rawOptions: unknown): ImageFile<string> {
  const options = resolveTextToFileOptions(rawOptions, features.codecs.knows);
  const { fit, maxPixels, maxExpansion } = options;
  const payload = readPayload(features, text, maxPixels);
  // The stored file, handed out unchanged: only when its bytes really are of the format the text says, and fitting
  // leaves it as it is.
  if (
    payload.kind === 'file' &&
    (options.format ?? payload.format) === payload.format &&
    features.codecs.detect(payload.bytes) === payload.format &&
    !(fit !== undefined && fitsChangeFile(features, payload.format, payload.bytes, fit))
  ) {
    checkDeclared(features, payload, maxPixels, maxExpansion);
    return { format: payload.format, bytes: payload.bytes };
  }
  const format = options.format ?? 'png';
  const codec = features.codecs.get(format);
  return { format, bytes: encodeOriented(codec, fitted(payload, features, fit, maxPixels, maxExpansion), options) };
}

/**
 * Refuses a stored file the text contradicts (another size, or pixels its declared mode cannot hold), as reading the
 * image would: from the file's header when it agrees with the text, else by decoding it once.
 */
function checkDeclared(features: Features, payload: TextPayload & { kind: 'file' }, maxPixels: number, maxExpansion: number): void {
  const { declared } = payload;
  if (declared === undefined) return;
  const header = features.codecs.get(payload.format).header(payload.bytes);
  if (header.mode === declared.mode && header.width === declared.width && header.height === declared.height) return;
  imageOf(payload, features, maxPixels, maxExpansion);
}

function fitsChangeFile(features: Features, format: string, bytes: Uint8Array, fit: FitBox): boolean {
  const header = features.codecs.get(format).header(bytes);
  return fitChanges(header.width, header.height, fit);
}

/** The payload's image, fitted when asked; a stored JPEG in its native mode through draft(), as thumbnail does. */
function fitted(payload: TextPayload, features: Features, fit: FitBox | undefined, maxPixels: number, maxExpansion: number): RawImage {
  if (fit === undefined) return imageOf(payload, features, maxPixels, maxExpansion);
  if (payload.kind === 'file' && payload.format === 'jpeg' && features.codecs.detect(payload.bytes) === 'jpeg') {
    const codec = features.codecs.get('jpeg');
    const header = codec.header(payload.bytes);
    const { declared } = payload;
    if (declared === undefined || (declared.mode === header.mode && declared.width === header.width && declared.height === header.height)) {
      return decodeFitted(features.fit, codec, payload.bytes, fit, maxPixels, maxExpansion);
    }
  }
  return fitPixels(features.fit, imageOf(payload, features, maxPixels, maxExpansion), fit, maxPixels);
}

/**
 * What a text holds, without decoding its pixels: the flow behind `inspect` for one instance's features. An envelope
 * is read from its header alone, a Pillow dump from its `img_info`; a data URL or bare base64 is base64-decoded to
 * read the file's header.
 * @throws PixtextError (see {@link inspect})
 * @example
 * ```ts
 * inspectWith(createFeatures({}), text).byteLength;
 * ```
 */
export function inspectWith(features: Features, text: unknown): TextInfo {
  const context: ReadContext = { codecs: features.codecs, maxPixels: Infinity };
  const { form, sample } = recogniseForm(text, features.forms, context);
  return form.inspect(sample, context);
}
