// imageToText (docs/ARCHITECTURE.md#2-the-two-flows): an image in (file bytes, a RawImage, ImageData), one of the
// text forms out. The order matters: everything that can be refused from the options and the input's kind is refused
// before any decoding or encoding.
import { PixtextError, invalidArgument } from '../errors.js';
import type { ImageCodec } from '../formats/codec.js';
import { ENVELOPE_ENCODINGS, isEnvelopeEncoding } from '../text-forms/envelope-header.js';
import { fromImageData } from '../image-data.js';
import { checkPixelLimit, validateRawImage } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import type { TextFormHandler, TextSubject } from '../text-forms/form.js';
import { BLOCK_FORMATS } from '../text-forms/model-block.js';
import { codecFor } from './codec-set.js';
import type { CodecSet } from './codec-set.js';
import { resolveImageToTextOptions } from './options.js';
import type { ResolvedImageToTextOptions } from './options.js';
import type { Features } from './pixtext.js';
import { inMode } from './pixtext.js';
import { encodeStored } from './stored-file.js';
import { fitTextBudget } from '../prepare/text-budget.js';
import { inspectWith } from './text-to-image.js';
import type { TextReport } from '../prepare/text-budget.js';
import { decodeFitted, fitChanges, fitPixels } from '../prepare/fit-input.js';
import { oriented, refuseOrientation } from './orientation.js';

/**
 * An object shaped like the DOM's `ImageData` (straight RGBA, 4 bytes a pixel, rows top to bottom). A real
 * `ImageData` is one; so is a plain `{ width, height, data }`.
 */
export interface ImageDataInput {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** What `imageToText` takes: file bytes (PNG/JPEG/BMP, sniffed), a `RawImage`, or an `ImageData`-like object. */
export type ImageInput = Uint8Array | ArrayBuffer | RawImage | ImageDataInput;

/** An input sorted out: a file with its codec, or pixels. */
export type ClassifiedInput =
  | { kind: 'file'; format: string; codec: ImageCodec<string>; bytes: Uint8Array }
  | { kind: 'pixels'; image: RawImage };

/**
 * Sorts `input` into a file (with its codec, by magic bytes) or pixels.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` (not an image input), `ERR_INVALID_IMAGE` (a malformed RawImage),
 * `ERR_UNKNOWN_FORMAT`, `ERR_UNSUPPORTED` (no codec for the file's format)
 * @example
 * ```ts
 * classifyInput(pngBytes, createCodecSet([pngCodec])); // { kind: 'file', format: 'png', codec, bytes }
 * ```
 */
export function classifyInput(input: unknown, codecs: CodecSet): ClassifiedInput {
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    const codec = codecFor(codecs, bytes, 'The input');
    return { kind: 'file', format: codec.id, codec, bytes };
  }
  if (typeof input === 'object' && input !== null && !ArrayBuffer.isView(input)) {
    if ('mode' in input) return { kind: 'pixels', image: validateRawImage(input) };
    if ((input as { data?: unknown }).data instanceof Uint8ClampedArray) {
      return { kind: 'pixels', image: fromImageData(input as ImageDataInput) };
    }
  }
  throw invalidArgument('file bytes, a RawImage or an ImageData', 'input', input);
}

/** Whether the text form is a model API image block, which carries only the formats the models take. */
const isBlock = (as: ResolvedImageToTextOptions['as']): boolean => as === 'anthropic' || as === 'openai' || as === 'mcp';

/**
 * The payload encoding `imageToText` uses when `encoding` is not given: the one place that rule lives
 * (docs/ARCHITECTURE.md#public-api has it as a table).
 *
 * Files travel as files: an encoded file (PNG, JPEG, BMP, GIF, WebP, npy) is carried as `'original'`, its own bytes
 * unchanged, in an envelope, a data URL, bare base64 or a model block (when the model takes its format), so
 * `textToFile` gives back the identical file and `textToImage` its pixels. Pixels (a `RawImage`, `ImageData`) have no
 * file to keep: an envelope carries them `'raw'`, the file forms as a lossless `'png'`. A Pillow dump is always
 * `'raw'`. Where the pixels must change, the file cannot be kept: a `mode` conversion, a `fit` that resizes or an
 * `orientation: 'apply'` that turns the image give `'raw'` in an envelope and `'png'` elsewhere (a JPEG made smaller
 * stays `'jpeg'`); so do a model block for a format the models do not take (`'png'`) and an envelope for a plug-in
 * format the envelope v1 cannot name (`'raw'`).
 *
 * @example
 * ```ts
 * defaultEncoding(resolveImageToTextOptions({}), classifyInput(pngBytes, codecs)); // 'original'
 * defaultEncoding(resolveImageToTextOptions({}), { kind: 'pixels', image });        // 'raw'
 * ```
 */
export function defaultEncoding(options: ResolvedImageToTextOptions, input: ClassifiedInput): string {
  if (options.as === 'pil') return 'raw';
  const envelope = options.as === 'envelope';
  if (input.kind !== 'file') return envelope ? 'raw' : 'png';
  const resized = fileFitChanges(input, options);
  const turned = options.orientation === 'apply' && (input.codec.orientation?.(input.bytes) ?? 1) !== 1;
  const keepFile = options.mode === undefined && !resized && !turned;
  // A model block carries the file unchanged when the model takes its format, else a lossless PNG of it.
  if (isBlock(options.as) && !BLOCK_FORMATS.includes(input.format)) return 'png';
  if (keepFile && !(envelope && !isEnvelopeEncoding(input.format))) return 'original';
  if (envelope) return 'raw';
  // A photo made smaller stays a JPEG (at `quality`), as thumbnail() and a save would keep it; others become PNG.
  return (resized || turned) && options.mode === undefined && input.format === 'jpeg' ? 'jpeg' : 'png';
}

/** Whether `fit` makes a file's image smaller (read from its header, nothing decoded). */
function fileFitChanges(input: Extract<ClassifiedInput, { kind: 'file' }>, options: ResolvedImageToTextOptions): boolean {
  if (options.fit === undefined) return false;
  const { width, height } = input.codec.header(input.bytes);
  return fitChanges(width, height, options.fit);
}

/** Rejects combinations that would drop or contradict something the caller asked for. */
function checkCombination(options: ResolvedImageToTextOptions, encoding: string, input: ClassifiedInput): void {
  if (options.as === 'pil' && encoding !== 'raw') {
    throw invalidArgument(`encoding 'raw' with as: 'pil'`, 'encoding', encoding);
  }
  if ((options.as === 'data-url' || options.as === 'base64') && encoding === 'raw') {
    throw invalidArgument(`an encoded file with as: '${options.as}'`, 'encoding', encoding);
  }
  // (Pixels with encoding 'original' are refused in the flow, naming the input.)
  if (isBlock(options.as) && (encoding !== 'original' || input.kind === 'file')) {
    const format = encoding === 'original' && input.kind === 'file' ? input.format : encoding;
    if (!BLOCK_FORMATS.includes(format)) {
      const what = encoding === 'original' ? `the original ${format.toUpperCase()} file` : `encoding '${encoding}'`;
      throw new PixtextError(
        'ERR_UNSUPPORTED',
        `A model API image block (as: '${options.as}') carries PNG, JPEG, GIF or WebP, not ${what}: ask for encoding 'png' (lossless) or 'jpeg'`,
      );
    }
  }
  if (options.metadata !== undefined && options.as !== 'envelope') {
    throw invalidArgument(`no metadata with as: '${options.as}'`, 'metadata', options.metadata);
  }
  if (encoding === 'original' && options.mode !== undefined) {
    throw invalidArgument(`no mode with encoding 'original'`, 'mode', options.mode);
  }
  // A file that already fits the box is carried as it is; one that fit would change cannot be the original.
  if (encoding === 'original' && input.kind === 'file' && fileFitChanges(input, options)) {
    throw invalidArgument(`no fit that resizes the image with encoding 'original'`, 'fit', options.fit);
  }
}

/**
 * The image `imageToText` would write, after its `fit` and `mode`, and the payload encoding it would choose: what a
 * text budget (`maxTextLength`) starts from when the first text is too long.
 * @throws PixtextError as {@link imageToTextWith}
 * @example
 * ```ts
 * const { image, encoding, source } = preparedImage(features, jpegBytes, { as: 'anthropic' });
 * ```
 */
export function preparedImage(
  features: Features,
  input: unknown,
  rawOptions: unknown,
): { image: RawImage; encoding: string; source: string | undefined; original: boolean } {
  const options = resolveImageToTextOptions(rawOptions, features.codecs.knows);
  const classified = classifyInput(input, features.codecs);
  const encoding = options.encoding ?? defaultEncoding(options, classified);
  const source = classified.kind === 'file' ? classified.format : undefined;
  const orientation = classified.kind === 'file' ? classified.codec.orientation?.(classified.bytes) : classified.image.orientation;
  const image = pixelsOf(classified, { ...options, mode: encoding === 'original' ? undefined : options.mode }, features, orientation);
  return { image, encoding: encoding === 'original' ? (source ?? 'png') : encoding, source, original: encoding === 'original' };
}

/** The envelope v1 stores raw pixels and the built-in formats: a plug-in format is refused before any work. */
function checkEnvelopeEncoding(options: ResolvedImageToTextOptions, stored: string): void {
  if (options.as !== 'envelope' || stored === 'raw' || isEnvelopeEncoding(stored)) return;
  throw new PixtextError(
    'ERR_UNSUPPORTED',
    `An envelope v1 cannot hold a ${stored} file (its encodings are ${ENVELOPE_ENCODINGS.join(', ')}): ` +
      `ask for encoding 'raw' or 'png', or for as: 'data-url' or 'base64'`,
  );
}

function pixelsOf(input: ClassifiedInput, options: ResolvedImageToTextOptions, features: Features, orientation: number | undefined): RawImage {
  let image: RawImage;
  const { fit, maxPixels, maxExpansion } = options;
  if (input.kind === 'file') {
    image =
      fit === undefined
        ? input.codec.decode(input.bytes, { maxPixels, maxExpansion })
        : decodeFitted(features.fit, input.codec, input.bytes, fit, maxPixels, maxExpansion);
  } else if (fit !== undefined) {
    image = fitPixels(features.fit, input.image, fit, maxPixels);
  } else {
    image = input.image;
    checkPixelLimit(image.width, image.height, maxPixels, 'The input image', image.mode);
  }
  // Fitted in the native mode first, as thumbnail() works on the decoded image; then converted.
  return oriented(inMode(features, image, options.mode), orientation, options.orientation);
}

/** Refuses what would drop an orientation: a Pillow dump, or applying it to a file stored untouched. */
function checkOrientation(options: ResolvedImageToTextOptions, encoding: string, orientation: number | undefined): void {
  if (options.orientation === 'keep' && options.as === 'pil') refuseOrientation(orientation, 'A Pillow dump');
  if (options.orientation === 'apply' && encoding === 'original' && orientation !== undefined && orientation !== 1) {
    throw invalidArgument(`no orientation: 'apply' with encoding 'original' (the file is stored untouched, its orientation ${orientation} with it)`, 'orientation', options.orientation);
  }
}

/**
 * Turns an image into text: the flow behind `imageToText` for one instance's features. `write` writes the text form
 * (defaults to the form's own writer; the command line passes one that writes an envelope as bytes, with no string of
 * the whole text in between).
 * @throws PixtextError (see {@link imageToText})
 * @example
 * ```ts
 * imageToTextWith(createFeatures({}), rawImage, { metadata: { id: 7 } });
 * ```
 */
export function imageToTextWith(features: Features, input: unknown, rawOptions: unknown): string;
export function imageToTextWith<T>(
  features: Features,
  input: unknown,
  rawOptions: unknown,
  write: (form: TextFormHandler, subject: TextSubject) => T,
): T;
export function imageToTextWith(
  features: Features,
  input: unknown,
  rawOptions: unknown,
  write = (form: TextFormHandler, subject: TextSubject): unknown => form.write(subject),
): unknown {
  const { codecs } = features;
  const options = resolveImageToTextOptions(rawOptions, codecs.knows);
  if (options.maxTextLength !== undefined) {
    if (arguments.length > 3) throw invalidArgument('no maxTextLength when writing an envelope as bytes', 'maxTextLength', options.maxTextLength);
    return imageToTextWithReportWith(features, input, rawOptions).text;
  }
  const classified = classifyInput(input, codecs);
  const encoding = options.encoding ?? defaultEncoding(options, classified);
  checkCombination(options, encoding, classified);
  if (encoding !== 'original') checkEnvelopeEncoding(options, encoding);
  else if (classified.kind === 'file') checkEnvelopeEncoding(options, classified.format);
  // A form this instance lacks is refused before any decoding or encoding.
  const form = features.forms.get(options.as);
  const { metadata } = options;
  const source: string | undefined = classified.kind === 'file' ? classified.format : undefined;
  const inputOrientation = classified.kind === 'file' ? classified.codec.orientation?.(classified.bytes) : classified.image.orientation;
  checkOrientation(options, encoding, inputOrientation);

  let image: RawImage | undefined;
  let codec: ImageCodec<string>;
  let bytes: Uint8Array;
  if (encoding === 'original') {
    if (classified.kind !== 'file') {
      throw invalidArgument(`file bytes as input with encoding 'original'`, 'input', classified.image);
    }
    ({ codec, bytes } = classified);
    // The file goes into the text unchanged, so nothing else would notice a damaged body: decode it once (the pixels
    // are dropped) unless the caller asked for the header only.
    if (options.check === 'decode') codec.decode(bytes, { maxPixels: options.maxPixels, maxExpansion: options.maxExpansion });
  } else {
    image = pixelsOf(classified, options, features, inputOrientation);
    if (encoding === 'raw') return write(form, { kind: 'pixels', image, source, metadata });
    codec = codecs.get(encoding);
    // An envelope records the orientation itself, so a payload format with no place for it (BMP, GIF) is fine there.
    const toStore = options.as === 'envelope' && codec.withOrientation === undefined ? oriented(image, undefined, 'keep') : image;
    bytes = encodeStored(toStore, codec, options, features.convert);
  }
  const declared = () => {
    if (image !== undefined) return image;
    // The original file's header gives what textToImage will return, without decoding the pixels.
    const header = codec.header(bytes);
    checkPixelLimit(header.width, header.height, options.maxPixels, `The ${codec.id} header`, header.mode);
    return header;
  };
  // The orientation the stored file carries: the original's own tag, or the one written with the pixels.
  // (With 'apply', an original file reaches here only when its tag is 1 or absent: nothing to record.)
  const orientation = image === undefined ? (options.orientation === 'apply' ? undefined : inputOrientation) : image.orientation;
  return write(form, { kind: 'file', format: codec.id, mimeType: codec.mimeType, bytes, source, metadata, orientation, declared });
}

/**
 * Turns an image into text no longer than `maxTextLength`, and reports what was done: the flow behind
 * `imageToTextWithReport` (and `imageToText` with `maxTextLength`). Without `maxTextLength`, the text of
 * `imageToText` and a report of it.
 * @throws PixtextError (see {@link imageToText}), `ERR_TOO_LARGE` when nothing fits the budget
 * @example
 * ```ts
 * imageToTextWithReportWith(features, jpegBytes, { as: 'anthropic', maxTextLength: 5_000_000 }).report.quality;
 * ```
 */
export function imageToTextWithReportWith(features: Features, input: unknown, rawOptions: unknown): { text: string; report: TextReport } {
  const options = resolveImageToTextOptions(rawOptions, features.codecs.knows);
  // The same options with the preset resolved and no budget: what each candidate is written with.
  const unlimited = { ...(rawOptions as Record<string, unknown>), preset: undefined, as: options.as, fit: options.fit, orientation: options.orientation, maxTextLength: undefined };
  if (options.maxTextLength !== undefined && options.metadata !== undefined && Object.hasOwn(options.metadata, 'textBudget')) {
    throw invalidArgument('metadata without a textBudget key (maxTextLength records what it did there)', 'metadata', options.metadata);
  }
  const first = imageToTextWith(features, input, unlimited);
  const limit = options.maxTextLength;
  if (limit === undefined || first.length <= limit) {
    const { width, height, encoding } = inspectWith(features, first);
    const report: TextReport = { textLength: first.length, width, height, encoding, reduced: false };
    if (encoding === 'jpeg' && options.encoding === 'jpeg') report.quality = options.quality;
    return { text: first, report };
  }
  const { image, encoding, original } = preparedImage(features, input, unlimited);
  const write = (candidate: RawImage, payload: string, quality: number | undefined, optimize?: boolean): string => {
    let metadata = options.metadata;
    if (options.as === 'envelope') {
      const textBudget: Record<string, unknown> = { maxTextLength: limit };
      if (quality !== undefined) textBudget['quality'] = quality;
      if (optimize === true) textBudget['optimize'] = true;
      if (candidate !== image) textBudget['resizedFrom'] = [image.width, image.height];
      if (original) textBudget['reencoded'] = true;
      metadata = { ...metadata, textBudget };
    }
    return imageToTextWith(features, candidate, {
      ...unlimited,
      encoding: payload,
      quality: quality ?? options.quality,
      optimize: optimize === true || options.optimize,
      fit: undefined,
      mode: undefined,
      metadata,
    });
  };
  const shrink = (candidate: RawImage, side: number): RawImage => features.fit(candidate, { width: side, height: side, maxPixels: options.maxPixels });
  return fitTextBudget(image, encoding, options.quality, limit, write, shrink);
}
