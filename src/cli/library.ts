// The library calls the CLI makes, in one place: commands and worker tasks speak in these terms, so a change in the
// public API touches this file only.
import { DEFAULT_CONFIG } from '../api/default.js';
import { createFeatures } from '../api/features.js';
import { imageToTextWith } from '../api/image-to-text.js';
import { writeEnvelopeBytes } from '../text-forms/envelope-write.js';
import { encode, imageToText, inspect, textToFile, textToImage } from '../index.js';
import type { FormatId, PixelMode, RawImage } from '../index.js';

/** How `encode` turns an image file into text (the `imageToText` options the CLI exposes). */
export interface TextOptions {
  readonly as?: 'envelope' | 'data-url' | 'base64' | 'pil' | undefined;
  readonly encoding?: 'raw' | 'png' | 'jpeg' | 'bmp' | 'original' | undefined;
  readonly mode?: PixelMode | undefined;
  readonly quality?: number | undefined;
  readonly compressionLevel?: number | undefined;
}

/** How `decode` writes an image file (format, and optionally a mode conversion and encoder settings). */
export interface FileOptions {
  readonly format: FormatId;
  readonly mode?: PixelMode | undefined;
  readonly quality?: number | undefined;
  readonly compressionLevel?: number | undefined;
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
export interface FileLine {
  /** The text and a line feed, as UTF-8 (ASCII for an envelope), in an ArrayBuffer of its own. */
  readonly line: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly mode: string;
}

let features: ReturnType<typeof createFeatures> | undefined;

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
  let summary: FileLine | undefined;
  const output = imageToTextWith(
    (features ??= createFeatures(DEFAULT_CONFIG)),
    bytes,
    textOptions(options, metadata),
    (content) => {
      const line = writeEnvelopeBytes(content, '\n');
      summary = { line, width: content.width, height: content.height, mode: content.mode };
      return line;
    },
  );
  if (summary !== undefined) return summary;
  const text = output as string;
  const { width, height, mode } = inspect(text);
  return { line: new TextEncoder().encode(`${text}\n`), width, height, mode };
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
  if (options.mode !== undefined) return encode(textToImage(text, { mode: options.mode }), options.format, encodeOptions);
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

function textOptions(options: TextOptions, metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  return { ...definedOnly(options), ...(metadata === undefined ? {} : { metadata }) };
}

function definedOnly<T extends object>(options: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}
