// The envelope v1 header: its fields, and their validation from a parsed JSON object.
// Contract: DESIGN §4; machine-readable form: schema/envelope-v1.json.
import { ErrorCode, PixtextError, describeValue } from '../errors.js';
import { isPixelMode, PIXEL_MODE_NAMES } from '../raw-image.js';
import type { PixelMode } from '../raw-image.js';
import { decodeBase64 } from '../base64/base64.js';

/** The envelope major version this library writes and reads. */
export const ENVELOPE_VERSION = 1;

/** What an envelope's `data` holds: raw pixels or an encoded file. */
export const ENVELOPE_ENCODINGS = ['raw', 'png', 'jpeg', 'bmp'] as const;
/** `'raw' | 'png' | 'jpeg' | 'bmp'`. */
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
  /** Length of the decoded `data` bytes. */
  byteLength: number;
  /** CRC-32/ISO-HDLC of the decoded `data` bytes, 8 lowercase hex digits. */
  crc32: string;
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

function fieldError(field: string, expected: string, value: unknown, shown = describeValue(value)): PixtextError {
  return new PixtextError(ErrorCode.ENVELOPE, `Envelope field "${field}" must be ${expected} but is ${shown}`, { chunk: field });
}

function ownField(fields: JsonObject, field: string): unknown {
  return hasOwn(fields, field) ? fields[field] : undefined;
}

function requiredField(fields: JsonObject, field: string): unknown {
  if (!hasOwn(fields, field)) {
    throw new PixtextError(ErrorCode.ENVELOPE, `Envelope field "${field}" is missing`, { chunk: field });
  }
  return fields[field];
}

function nonNegativeInteger(fields: JsonObject, field: string): number {
  const value = requiredField(fields, field);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw fieldError(field, 'a non-negative integer', value);
  }
  return value;
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
  const version = requiredField(fields, 'pixtext');
  if (typeof version !== 'number' || !Number.isSafeInteger(version)) {
    throw fieldError('pixtext', 'an integer version', version);
  }
  if (version !== ENVELOPE_VERSION) {
    throw new PixtextError(
      ErrorCode.ENVELOPE_VERSION,
      `Envelope version ${version} is not supported: this reader knows version ${ENVELOPE_VERSION}`,
      { chunk: 'pixtext' },
    );
  }
}

function isEncoding(value: unknown): value is EnvelopeEncoding {
  return typeof value === 'string' && (ENVELOPE_ENCODINGS as readonly string[]).includes(value);
}

/**
 * Decodes the base64 string of envelope field `field` (strict, or with whitespace where DESIGN §4 allows it); a
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
  const data = requiredField(fields, 'data');
  if (typeof data !== 'string') throw fieldError('data', 'a base64 string', data);
  return data;
}

function readPalette(value: unknown, encoding: EnvelopeEncoding, mode: PixelMode): Uint8Array {
  if (encoding !== 'raw' || mode !== 'P') throw fieldError('palette', 'absent except with encoding "raw" and mode "P"', value);
  if (typeof value !== 'string') throw fieldError('palette', 'a base64 string', value);
  const palette = decodeField(value, 'palette', false);
  if (palette.length % 4 !== 0 || palette.length > 1024) {
    throw fieldError('palette', '0 to 256 RGBA entries (a multiple of 4 bytes up to 1024)', palette, `${palette.length} bytes`);
  }
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
  const width = nonNegativeInteger(fields, 'width');
  const height = nonNegativeInteger(fields, 'height');
  const mode = requiredField(fields, 'mode');
  if (!isPixelMode(mode)) throw fieldError('mode', `one of ${PIXEL_MODE_NAMES.join(', ')}`, mode);
  const encoding = requiredField(fields, 'encoding');
  if (!isEncoding(encoding)) throw fieldError('encoding', `one of ${ENVELOPE_ENCODINGS.join(', ')}`, encoding);
  const byteLength = nonNegativeInteger(fields, 'byteLength');
  const crc32 = requiredField(fields, 'crc32');
  if (typeof crc32 !== 'string' || !/^[0-9a-f]{8}$/.test(crc32)) {
    throw fieldError('crc32', '8 lowercase hex digits', crc32);
  }
  const header: EnvelopeHeader = { version: ENVELOPE_VERSION, width, height, mode, encoding, byteLength, crc32 };
  const palette = ownField(fields, 'palette');
  if (palette !== undefined) header.palette = readPalette(palette, encoding, mode);
  const source = ownField(fields, 'source');
  if (source !== undefined) {
    if (typeof source !== 'string') throw fieldError('source', 'a string', source);
    header.source = source;
  }
  const metadata = ownField(fields, 'metadata');
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw fieldError('metadata', 'a JSON object', metadata);
    }
    header.metadata = metadata as JsonObject;
  }
  return header;
}
