// Recognises which text form a string holds (docs/ARCHITECTURE.md#3-text-forms) and reads it: a pixtext envelope, the Pillow dump
// JSON, a data URL, or bare base64 of a PNG/JPEG/BMP file.
import { decodeBase64 } from '../base64/base64.js';
import { isDataUrl } from './data-url.js';
import { readEnvelopeFast, readEnvelopeObject } from './envelope-read.js';
import type { EnvelopeHeader } from './envelope-header.js';
import { looksLikeJson, parseJsonObject } from './json-scan.js';
import { isPilDump } from './pil-dump.js';
import { PixtextError, invalidArgument } from '../errors.js';
import type { FormatId } from '../formats/codec.js';
import type { RawImage } from '../raw-image.js';
import type { CodecSet } from '../api/codec-set.js';
import { codecFor } from '../api/codec-set.js';
import type { Features } from '../api/features.js';
import { leadingDigits } from './peek-limit.js';

/** A text read and verified, before any file in it is decoded. */
export type TextContent =
  | { form: 'envelope'; header: EnvelopeHeader; payload: Uint8Array }
  | { form: 'pil'; image: RawImage }
  | { form: 'data-url'; format: FormatId; bytes: Uint8Array; mimeType: string }
  | { form: 'base64'; format: FormatId; bytes: Uint8Array };

// Enough base64 for every codec's magic-byte check (48 bytes).
const SNIFF_CHARS = 64;

function unrecognized(detail: string): PixtextError {
  return new PixtextError(
    'ERR_UNRECOGNIZED_TEXT',
    `The text is not an envelope, Pillow dump, data URL or base64 of a PNG, JPEG or BMP file: ${detail}`,
  );
}

/**
 * Accepts only strings as text, and drops a leading byte order mark (U+FEFF), which editors on Windows add to saved
 * files and JSON.parse rejects. Offsets in later errors count from after it.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * checkText('\uFEFF{"pixtext":1}'); // '{"pixtext":1}'
 * ```
 */
export function checkText(text: unknown): string {
  if (typeof text !== 'string') throw invalidArgument('a string', 'text', text);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Index of the first character that is not ASCII whitespace (the text's length if there is none).
 * @example
 * ```ts
 * firstNonWhitespace('  {}') === 2;
 * ```
 */
export function firstNonWhitespace(text: string): number {
  const i = text.search(/[^ \t\n\r\f]/);
  return i < 0 ? text.length : i;
}

/**
 * The file format bare base64 starts with, judged from its first bytes (up to the first character that is not a
 * base64 digit, so a stray character later on is still reported as a base64 error with its offset), or undefined.
 */
function sniffBase64(text: string, start: number, codecs: CodecSet): FormatId | undefined {
  const whole = leadingDigits(text, start, SNIFF_CHARS);
  if (whole.length === 0) return undefined;
  return codecs.detect(decodeBase64(whole));
}

function readJsonObjectText(text: string, features: Features, maxPixels: number): TextContent {
  const fast = readEnvelopeFast(text, { maxPixels });
  if (fast !== undefined) return { form: 'envelope', ...fast };
  const object = parseJsonObject(text, 'The text');
  if (Object.hasOwn(object, 'pixtext')) {
    return { form: 'envelope', ...readEnvelopeObject(object, { maxPixels }) };
  }
  if (isPilDump(object)) return { form: 'pil', image: features.forms.get('pil').read(object, maxPixels) };
  throw unrecognizedObject();
}

/**
 * The error for a JSON object that is neither an envelope nor a Pillow dump.
 * @example
 * ```ts
 * throw unrecognizedObject();
 * ```
 */
export function unrecognizedObject(): PixtextError {
  return unrecognized('it is a JSON object without "pixtext" or "img_info" and "img_data"');
}

/**
 * Reads any text form, verifying what can be verified without decoding an embedded file: an envelope's base64,
 * byteLength and CRC-32, a Pillow dump's size. A form the instance lacks is `ERR_UNSUPPORTED` once recognised.
 *
 * @throws PixtextError `ERR_INVALID_ARGUMENT` (not a string), `ERR_UNRECOGNIZED_TEXT`, `ERR_TRUNCATED`, `ERR_NOT_JSON`,
 * `ERR_ENVELOPE`, `ERR_ENVELOPE_VERSION`, `ERR_BASE64`, `ERR_LENGTH_MISMATCH`, `ERR_CHECKSUM`, `ERR_DATA_URL`,
 * `ERR_TOO_LARGE`, `ERR_UNKNOWN_FORMAT`, `ERR_UNSUPPORTED`
 * @example
 * ```ts
 * const content = readText(text, createFeatures({ codecs: [pngCodec] }), 268_402_689);
 * if (content.form === 'envelope') console.log(content.header.crc32);
 * ```
 */
export function readText(input: unknown, features: Features, maxPixels: number): TextContent {
  const { codecs, forms } = features;
  const text = checkText(input);
  const start = firstNonWhitespace(text);
  if (start === text.length) throw unrecognized(text.length === 0 ? 'it is empty' : 'it is only whitespace');
  const first = text.charCodeAt(start);
  if (first === 0x7b) return readJsonObjectText(text, features, maxPixels);
  // An array, a string, a number, true, false or null: JSON, but never an image (nor a data URL, nor base64 of a
  // file). parseJsonObject says what it is (not an object, or cut short).
  if (looksLikeJson(text)) parseJsonObject(text, 'The text');
  if (isDataUrl(text)) {
    const { mimeType, bytes } = forms.get('data-url').read(text, codecs, maxPixels);
    const codec = codecFor(codecs, bytes, 'The data URL');
    return { form: 'data-url', format: codec.id, bytes, mimeType };
  }
  const format = sniffBase64(text, start, codecs);
  if (format !== undefined) {
    const bytes = forms.get('base64').read(text, start, codecs, maxPixels);
    const codec = codecFor(codecs, bytes, 'The base64 text');
    return { form: 'base64', format: codec.id, bytes };
  }
  throw unrecognized(`it starts with ${JSON.stringify(text.slice(start, start + 16))}`);
}
