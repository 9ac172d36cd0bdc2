// The envelope v1 header: its fields, and their validation from a parsed JSON object.
// Contract: docs/ARCHITECTURE.md#the-envelope-v1; machine-readable form: schema/envelope-v1.json.
import { PixtextError, describeValue } from '../errors.js';
import { isPixelMode, ONE_OF_MODES } from '../raw-image.js';
import type { PixelMode } from '../raw-image.js';
import { decodeBase64 } from '../base64/base64.js';
import { isJsonObject } from './json-scan.js';

/** The envelope major version this library writes and reads. */
export const ENVELOPE_VERSION = 1;

/** What an envelope's `data` holds: raw pixels or an encoded file. */
export const ENVELOPE_ENCODINGS = ['raw', 'png', 'jpeg', 'bmp', 'gif', 'webp', 'npy'] as const;
/** One of {@link ENVELOPE_ENCODINGS}. */
export type EnvelopeEncoding = (typeof ENVELOPE_ENCODINGS)[number];

/** A JSON object as stored in an envelope's `metadata`. */
export type JsonObject = Record<string, unknown>;

/** The fields of an envelope v1 other than `data`, validated. */
export interface EnvelopeHeader {
  /** The major version, `pixtext` in the text: always 1 here. */
  version: 1;
  /** The image: what `textToImage` returns, also when the payload is an encoded file. */
  width: number;
  height: number;
  mode: PixelMode;
  /** `raw` pixels, or the format of the stored file. */
  encoding: EnvelopeEncoding;
  /** RGBA palette entries (raw mode `P` only), decoded from base64. */
  palette?: Uint8Array;
  /** The format the image was read from, when it came from a file. */
  source?: string;
  /** The JSON object stored with the image. */
  metadata?: JsonObject;
  /** The EXIF orientation (1–8) the image is to be shown with. */
  orientation?: number;
  /** Length of the decoded `data` bytes. */
  byteLength: number;
  /** CRC-32/ISO-HDLC of the decoded `data` bytes, 8 lowercase hex digits. */
  crc32: string;
}


function fieldError(field: string, expected: string, value: unknown): PixtextError {
  return new PixtextError('ERR_ENVELOPE', `Envelope field "${field}" must be ${expected} but is ${describeValue(value)}`, { chunk: field });
}

const NON_NEGATIVE = 'a non-negative integer';
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const isString = (value: unknown): boolean => typeof value === 'string';

/**
 * The own field `field`, checked by `ok` (else `expected` says what it must be). A missing field is an error unless
 * `optional`, when it reads as undefined.
 */
function checkedField<T>(fields: JsonObject, field: string, expected: string, ok: (value: unknown) => boolean, optional?: boolean): T {
  if (!Object.hasOwn(fields, field)) {
    if (optional) return undefined as T;
    throw new PixtextError('ERR_ENVELOPE', `Envelope field "${field}" is missing`, { chunk: field });
  }
  const value = fields[field];
  if (!ok(value)) throw fieldError(field, expected, value);
  return value as T;
}

/**
 * Checks the `pixtext` marker: 1 is this version; any other integer is a version this reader does not know.
 * @throws PixtextError `ERR_ENVELOPE_VERSION`, `ERR_ENVELOPE`
 * @example
 * ```ts
 * checkEnvelopeVersion({ pixtext: 2 }); // throws ERR_ENVELOPE_VERSION
 * ```
 */
export function checkEnvelopeVersion(fields: JsonObject): void {
  const version = checkedField<number>(fields, 'pixtext', 'an integer version', Number.isSafeInteger);
  if (version !== ENVELOPE_VERSION) {
    throw new PixtextError(
      'ERR_ENVELOPE_VERSION',
      `Envelope version ${version} is not supported (only ${ENVELOPE_VERSION})`,
      { chunk: 'pixtext' },
    );
  }
}

/** Whether `value` is an encoding the envelope v1 declares: `raw` or a built-in format. */
export function isEnvelopeEncoding(value: unknown): value is EnvelopeEncoding {
  return (ENVELOPE_ENCODINGS as readonly unknown[]).includes(value);
}

/**
 * Decodes the base64 string of envelope field `field` (strict, or with whitespace where docs/ARCHITECTURE.md#the-envelope-v1 allows it); a
 * decoding error keeps its code and offset, and names the field.
 * @throws PixtextError `ERR_BASE64` with `chunk` the field
 * @example
 * ```ts
 * decodeField('/wAA', 'palette', false); // Uint8Array [255, 0, 0]
 * ```
 */
export function decodeField(text: string, field: string, allowWhitespace: boolean): Uint8Array {
  try {
    return decodeBase64(text, { allowWhitespace });
  } catch (cause) {
    if (!(cause instanceof PixtextError)) throw cause;
    throw new PixtextError(cause.code, `Envelope field "${field}": ${cause.message}`, { chunk: field, offset: cause.offset, cause });
  }
}

/**
 * The `data` field: it must be a string (the base64 payload).
 * @throws PixtextError `ERR_ENVELOPE`
 * @example
 * ```ts
 * dataField({ data: 'QQ==' }) === 'QQ==';
 * ```
 */
export function dataField(fields: JsonObject): string {
  return checkedField(fields, 'data', 'a base64 string', isString);
}

function readPalette(value: unknown, encoding: EnvelopeEncoding, mode: PixelMode): Uint8Array {
  if (encoding !== 'raw' || mode !== 'P') throw fieldError('palette', 'absent unless mode is P and encoding raw', value);
  if (typeof value !== 'string') throw fieldError('palette', 'a base64 string', value);
  const palette = decodeField(value, 'palette', false);
  if (palette.length % 4 !== 0 || palette.length > 1024) throw fieldError('palette', 'up to 256 RGBA entries', palette);
  return palette;
}

/**
 * Validates the header fields of a parsed envelope (everything but `data`). Never copies keys from `fields`:
 * only the known fields are read, as own properties, so `__proto__` or any other unknown key is ignored.
 *
 * @throws PixtextError `ERR_ENVELOPE_VERSION` for another version, `ERR_ENVELOPE` for a missing or ill-typed field,
 * `ERR_BASE64` for a bad palette.
 * @example
 * ```ts
 * const header = parseEnvelopeHeader(JSON.parse(headerJson));
 * ```
 */
export function parseEnvelopeHeader(fields: JsonObject): EnvelopeHeader {
  checkEnvelopeVersion(fields);
  const header: EnvelopeHeader = {
    version: ENVELOPE_VERSION,
    width: checkedField(fields, 'width', NON_NEGATIVE, isCount),
    height: checkedField(fields, 'height', NON_NEGATIVE, isCount),
    mode: checkedField(fields, 'mode', ONE_OF_MODES, isPixelMode),
    encoding: checkedField(fields, 'encoding', `one of ${ENVELOPE_ENCODINGS.join(', ')}`, isEnvelopeEncoding),
    byteLength: checkedField(fields, 'byteLength', NON_NEGATIVE, isCount),
    crc32: checkedField(fields, 'crc32', '8 lowercase hex digits', (value) => isString(value) && /^[0-9a-f]{8}$/.test(value as string)),
  };
  if (Object.hasOwn(fields, 'palette')) header.palette = readPalette(fields['palette'], header.encoding, header.mode);
  const source = checkedField<string | undefined>(fields, 'source', 'a string', isString, true);
  if (source !== undefined) header.source = source;
  const metadata = checkedField<JsonObject | undefined>(fields, 'metadata', 'a JSON object', isJsonObject, true);
  if (metadata !== undefined) header.metadata = metadata;
  const isOrientation = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 8;
  const orientation = checkedField<number | undefined>(fields, 'orientation', 'an integer from 1 to 8', isOrientation, true);
  if (orientation !== undefined) header.orientation = orientation;
  return header;
}
