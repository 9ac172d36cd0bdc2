/**
 * Stable error codes. Match on `error.code`, never on the message text, which may be reworded.
 *
 * @example
 * ```ts
 * try { textToImage(text); } catch (e) { if (e instanceof PixtextError && e.code === ErrorCode.CHECKSUM) retry(); }
 * ```
 */
export const ErrorCode = {
  /** An argument or option has the wrong type or value (`Expected <what> for <option> but received <value>`). */
  INVALID_ARGUMENT: 'ERR_INVALID_ARGUMENT',
  /** A `RawImage` is malformed: bad dimensions, wrong `data` length for its mode, bad palette. */
  INVALID_IMAGE: 'ERR_INVALID_IMAGE',
  /** A valid request this library cannot honour exactly (e.g. RGBA as JPEG, >256 colours to `P`, 12-bit JPEG). */
  UNSUPPORTED: 'ERR_UNSUPPORTED',
  /** Bytes that are not PNG, JPEG or BMP (by magic bytes). */
  UNKNOWN_FORMAT: 'ERR_UNKNOWN_FORMAT',
  /** width × height exceeds `maxPixels`, or a size exceeds what this engine can hold. Checked before allocating. */
  TOO_LARGE: 'ERR_TOO_LARGE',
  /** Invalid base64: a stray character or bad padding (the message gives the offset). */
  BASE64: 'ERR_BASE64',
  /** Text that is not valid JSON where JSON was expected, or JSON that is not an object. */
  NOT_JSON: 'ERR_NOT_JSON',
  /** Text in none of the recognised forms (envelope, Pillow dump, data URL, base64 of an image file). */
  UNRECOGNIZED_TEXT: 'ERR_UNRECOGNIZED_TEXT',
  /** An envelope or Pillow dump with a missing or ill-typed field. */
  ENVELOPE: 'ERR_ENVELOPE',
  /** An envelope of a major version this reader does not know. */
  ENVELOPE_VERSION: 'ERR_ENVELOPE_VERSION',
  /** Input that ends before it should: a cut-off envelope, file, chunk or stream. */
  TRUNCATED: 'ERR_TRUNCATED',
  /** Decoded payload length differs from the declared `byteLength` (or from what the header implies). */
  LENGTH_MISMATCH: 'ERR_LENGTH_MISMATCH',
  /** A CRC-32 mismatch: envelope `crc32`, PNG chunk CRC, or chunked-transport checksum. */
  CHECKSUM: 'ERR_CHECKSUM',
  /** A structurally invalid image file (bad chunk, bad header field, bad compressed data). */
  CORRUPT: 'ERR_CORRUPT',
  /** A malformed data URL (not `data:`, URL-safe alphabet, not base64). */
  DATA_URL: 'ERR_DATA_URL',
  /** A chunk of chunked transport that is corrupt or belongs to another message. */
  CHUNK: 'ERR_CHUNK',
  /** Chunked transport: one or more chunks are missing (the message names them). */
  CHUNK_MISSING: 'ERR_CHUNK_MISSING',
} as const;

/** One of the values of {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Where in the input an error was found, when that is known. */
export interface ErrorLocation {
  /** Byte offset (in a file) or character offset (in text). */
  offset?: number;
  /** PNG chunk type, BMP structure or JSON field the error concerns. */
  chunk?: string;
}

/**
 * The only error pixtext throws on bad input. `code` is stable; `offset`/`chunk` say where, when known.
 *
 * @example
 * ```ts
 * import { PixtextError, ErrorCode } from 'pixtext';
 * if (err instanceof PixtextError && err.code === ErrorCode.TOO_LARGE) console.log('image too big');
 * ```
 */
export class PixtextError extends Error {
  override readonly name = 'PixtextError';
  // `declare`: assigned in the constructor, so no field initialisers are emitted for them.
  declare readonly code: ErrorCode;
  declare readonly offset: number | undefined;
  declare readonly chunk: string | undefined;

  constructor(code: ErrorCode, message: string, location: ErrorLocation & { cause?: unknown } = {}) {
    super(message, location.cause === undefined ? undefined : { cause: location.cause });
    this.code = code;
    this.offset = location.offset;
    this.chunk = location.chunk;
  }
}

/** Renders a received value for an error message, briefly and without dumping large data. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a string of length ${value.length}` : JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  // undefined, numbers, booleans, bigints and symbols as String() writes them.
  if (typeof value !== 'object' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `${value.constructor.name} of ${value.byteLength} bytes`;
  return 'an object';
}

/**
 * The character at `text[i]` for an error message: `"x"` when it is printable ASCII, else its code point `U+XXXX`.
 * @example
 * ```ts
 * describeChar('a\u00e9', 1) === 'U+00E9';
 * ```
 */
export function describeChar(text: string, i: number): string {
  const c = text.charCodeAt(i);
  return c >= 0x20 && c < 0x7f ? JSON.stringify(text[i]) : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The one message form for a bad argument: `Expected <what> for <option> but received <value>`.
 * @internal
 */
export function invalidArgument(what: string, option: string, value: unknown): PixtextError {
  return new PixtextError('ERR_INVALID_ARGUMENT', `Expected ${what} for ${option} but received ${describeValue(value)}`);
}

/**
 * `ERR_UNSUPPORTED` for a feature a pixtext instance was made without (a codec, a text form, mode conversion):
 * `<what> is not configured: pass createPixtext(<config>)`.
 * @example
 * ```ts
 * throw notConfigured('The png codec', '{ codecs: [pngCodec] }');
 * ```
 */
export function notConfigured(what: string, config: string): PixtextError {
  return new PixtextError('ERR_UNSUPPORTED', `${what} is not configured: pass createPixtext(${config})`);
}
