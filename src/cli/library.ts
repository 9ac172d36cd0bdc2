// The library calls the CLI makes, in one place: commands and worker tasks speak in these terms, so a change in the
// public API touches this file only.
import { PixtextError, bmpCodec, convert, detectFormat, encode, gifCodec, imageToText, inspect, jpegCodec, npyCodec, pngCodec, readImageTextFile, textToFile, textToImage, webpCodec } from '../index.js';
import { flattenedMode, type Rgb } from './background.js';
import type { FormatId, ImageToTextOptions, PixelMode, PresetName, RawImage, TextForm } from '../index.js';
import { imageToTextLine } from '../internal.js';
import type { TextLine } from '../internal.js';

/** How `encode` turns an image file into text (the `imageToText` options the CLI exposes). */
export interface TextOptions {
  readonly as?: TextForm | undefined;
  readonly encoding?: 'raw' | 'png' | 'jpeg' | 'bmp' | 'gif' | 'webp' | 'npy' | 'original' | undefined;
  readonly mode?: PixelMode | undefined;
  readonly quality?: number | undefined;
  readonly compressionLevel?: number | undefined;
  /** Shrink to fit inside this box first, as Pillow's thumbnail(). */
  readonly fit?: { readonly width: number; readonly height: number } | undefined;
  /** The longest text to write (`--max-text-length`). */
  readonly maxTextLength?: number | undefined;
  /** A model API's limits (`--preset`). */
  readonly preset?: PresetName | undefined;
  /** How a file carried as it is gets checked (`--check`): decoded once (the default) or its header only. */
  readonly check?: 'decode' | 'header' | undefined;
}

/** How `decode` writes an image file (format, and optionally a mode conversion and encoder settings). */
export interface FileOptions {
  readonly format: FormatId;
  readonly mode?: PixelMode | undefined;
  readonly quality?: number | undefined;
  readonly compressionLevel?: number | undefined;
  /** Flatten alpha onto this colour where the output cannot hold it (JPEG, or a mode without alpha). */
  readonly background?: Rgb | undefined;
  /** The text is bare base64 of headerless pixels of this shape (`--raw WxH:MODE`). */
  readonly raw?: { width: number; height: number; mode: PixelMode } | undefined;
}

/**
 * Image file bytes to text, with `metadata` stored in the envelope when given.
 *
 * @throws PixtextError (ERR_UNKNOWN_FORMAT, ERR_CORRUPT, ERR_UNSUPPORTED, ERR_TOO_LARGE…)
 * @example
 * ```ts
 * fileToText(pngBytes, { encoding: 'png' }, { path: 'a/b.png' });
 * ```
 */
export function fileToText(bytes: Uint8Array, options: TextOptions, metadata?: Record<string, unknown>): string {
  return imageToText(bytes, textOptions(options, metadata));
}

/** One image file as one line of text, as bytes, with what `info` would show of it. */
export type FileLine = TextLine;

/**
 * {@link fileToText} plus a line feed, as bytes. An envelope is written as bytes directly, with no string of the
 * whole text: for a batch of files that is most of the work saved (no large string to build, copy and collect).
 *
 * @throws PixtextError as {@link fileToText}
 * @example
 * ```ts
 * const { line, width } = fileToLine(pngBytes, {}, { path: 'a/b.png' });
 * ```
 */
export function fileToLine(bytes: Uint8Array, options: TextOptions, metadata?: Record<string, unknown>): FileLine {
  return imageToTextLine(bytes, textOptions(options, metadata), '\n');
}

/**
 * Text to image file bytes: the stored bytes unchanged when the text holds a file of that format and no mode
 * conversion is asked for, else decoded and encoded.
 *
 * @throws PixtextError
 * @example
 * ```ts
 * const png = textToFileBytes(text, { format: 'png' });
 * ```
 */
export function textToFileBytes(text: string, options: FileOptions): Uint8Array {
  const encodeOptions = definedOnly({ quality: options.quality, compressionLevel: options.compressionLevel });
  if (options.background !== undefined) {
    const image = textToImage(text, definedOnly({ raw: options.raw }));
    const mode = options.mode ?? flattenedMode(image.mode, options.format);
    if (mode !== undefined) return encode(convert(image, mode, { background: options.background }), options.format, encodeOptions);
  }
  if (options.mode !== undefined || options.raw !== undefined) {
    return encode(textToImage(text, definedOnly({ mode: options.mode, raw: options.raw })), options.format, encodeOptions);
  }
  return textToFile(text, { format: options.format, ...encodeOptions }).bytes;
}

/**
 * Decodes the text fully, checking base64, length and CRC-32 (and the embedded file, if any).
 *
 * @throws PixtextError
 * @example
 * ```ts
 * const { width, height, mode } = verifyText(text);
 * ```
 */
export function verifyText(text: string): RawImage {
  return textToImage(text);
}

/**
 * Decodes a text file fully as {@link verifyText} does, streaming an envelope too long for one string.
 *
 * @throws PixtextError; Node system errors.
 * @example
 * ```ts
 * const { width } = await verifyTextFile('huge.json', MAX_STRING_LENGTH);
 * ```
 */
export function verifyTextFile(path: string, maxStringLength: number): Promise<RawImage> {
  return readImageTextFile(path, { maxStringLength });
}

/** What `info` shows: the text's header, read without decoding the payload. */
export type TextHeader = ReturnType<typeof inspect>;

/**
 * The header of a text (dimensions, mode, encoding, sizes, checksum, metadata) without decoding the payload.
 *
 * @throws PixtextError
 * @example
 * ```ts
 * textHeader(text).width;
 * ```
 */
export function textHeader(text: string): TextHeader {
  return inspect(text);
}

/** What an image file's header says, and its format. */
export interface FileHeader {
  readonly format: FormatId;
  readonly width: number;
  readonly height: number;
  readonly mode: PixelMode;
}

const CODEC_OF_FORMAT = { png: pngCodec, jpeg: jpegCodec, bmp: bmpCodec, gif: gifCodec, webp: webpCodec, npy: npyCodec } as const;

/**
 * The format (from the magic bytes) and the header of an image file, without decoding its pixels: what
 * `--encoding original` records, here for a Parquet row that stores the file unchanged.
 *
 * @throws PixtextError `ERR_UNKNOWN_FORMAT` for bytes that are not PNG, JPEG or BMP; the codec's header errors.
 * @example
 * ```ts
 * fileHeader(pngBytes); // { format: 'png', width: 64, height: 64, mode: 'RGBA' }
 * ```
 */
export function fileHeader(bytes: Uint8Array): FileHeader {
  const format = detectFormat(bytes);
  if (format === undefined) throw new PixtextError('ERR_UNKNOWN_FORMAT', 'the bytes are not a PNG, JPEG, BMP, GIF, WebP or npy file (by their first bytes)');
  const { width, height, mode } = CODEC_OF_FORMAT[format].header(bytes);
  return { format, width, height, mode };
}

function textOptions(options: TextOptions, metadata: Record<string, unknown> | undefined): ImageToTextOptions {
  return { ...definedOnly(options), ...(metadata === undefined ? {} : { metadata }) };
}

function definedOnly<T extends object>(options: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}
