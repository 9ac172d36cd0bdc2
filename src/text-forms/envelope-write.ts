// The canonical envelope v1 writer (docs/ARCHITECTURE.md#the-envelope-v1): one ASCII line, keys in a fixed order, `data` last. Built by string
// concatenation so the payload's base64 is never copied through JSON.stringify.
import { encodeBase64, encodeBase64Into } from '../base64/base64.js';
import { crc32, crc32Hex } from '../checksum/crc32.js';
import { ENGINE_MAX_STRING_LENGTH } from '../engine-limits.js';
import { PixtextError } from '../errors.js';
import type { PixelMode } from '../raw-image.js';
import { ENVELOPE_VERSION } from './envelope-header.js';
import type { EnvelopeEncoding } from './envelope-header.js';
import { asciiJsonString, toAsciiJsonObject } from './json-ascii.js';

/** What {@link writeEnvelope} stores. Validated by the caller (the public API), except `metadata`. */
export interface EnvelopeContent {
  width: number;
  height: number;
  mode: PixelMode;
  encoding: EnvelopeEncoding;
  /** RGBA palette entries; only for raw mode `P`. */
  palette?: Uint8Array | undefined;
  /** The format the image was read from. */
  source?: string | undefined;
  /** A plain JSON object, stored as is (non-ASCII characters escaped). */
  metadata?: Readonly<Record<string, unknown>> | undefined;
  /** The EXIF orientation (1–8) the image is to be shown with. */
  orientation?: number | undefined;
  /** The payload: raw pixels or the file bytes. A view is honoured (byteOffset/byteLength). */
  data: Uint8Array;
}

/**
 * Writes an envelope v1. Same content, same text: the output is canonical, ASCII only, with keys in the order
 * `pixtext, width, height, mode, encoding, [palette], [source], [metadata], [orientation], byteLength, crc32, data`.
 *
 * @throws PixtextError `ERR_INVALID_ARGUMENT` when `metadata` is not a plain JSON object, `ERR_TOO_LARGE` when the
 * text would exceed the engine's maximum string length.
 * @example
 * ```ts
 * writeEnvelope({ width: 2, height: 1, mode: 'RGB', encoding: 'raw', data: new Uint8Array([255, 0, 0, 0, 255, 0]) });
 * // '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}'
 * ```
 */
export function writeEnvelope(content: EnvelopeContent): string {
  const head = envelopeHead(content);
  const payload = encodeBase64(content.data);
  try {
    return head + payload + '"}';
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    throw tooLarge(head.length + payload.length + 2, cause);
  }
}

/**
 * Writes the same envelope as {@link writeEnvelope} as ASCII bytes, followed by `suffix` (ASCII, say a line feed):
 * for output that goes to a file or another thread as bytes, with no string of the whole text in between.
 *
 * @throws PixtextError `ERR_INVALID_ARGUMENT` when `metadata` is not a plain JSON object, `ERR_TOO_LARGE` when the
 * text would exceed the longest string every engine can read back (the same limit as {@link writeEnvelope}).
 * @example
 * ```ts
 * new TextDecoder().decode(writeEnvelopeBytes(content, '\n')) === writeEnvelope(content) + '\n';
 * ```
 */
export function writeEnvelopeBytes(content: EnvelopeContent, suffix = ''): Uint8Array {
  const head = envelopeHead(content);
  const tail = '"}' + suffix;
  const size = head.length + Math.ceil(content.data.length / 3) * 4 + tail.length;
  if (size - suffix.length > ENGINE_MAX_STRING_LENGTH) throw tooLarge(size - suffix.length);
  const out = new Uint8Array(size);
  writeAscii(head, out, 0);
  writeAscii(tail, out, encodeBase64Into(content.data, out, head.length));
  return out;
}

/** Everything before the payload's base64: `{"pixtext":1,…,"data":"`. */
function envelopeHead(content: EnvelopeContent): string {
  let head =
    `{"pixtext":${ENVELOPE_VERSION},"width":${content.width},"height":${content.height},` +
    `"mode":${JSON.stringify(content.mode)},"encoding":${JSON.stringify(content.encoding)}`;
  if (content.palette !== undefined) head += `,"palette":"${encodeBase64(content.palette)}"`;
  if (content.source !== undefined) head += `,"source":${asciiJsonString(content.source)}`;
  if (content.metadata !== undefined) head += `,"metadata":${toAsciiJsonObject(content.metadata, 'metadata')}`;
  if (content.orientation !== undefined) head += `,"orientation":${content.orientation}`;
  const data = content.data;
  return head + `,"byteLength":${data.length},"crc32":"${crc32Hex(crc32(data))}","data":"`;
}

/** Copies ASCII `text` into `out` at `offset` (the head and tail: a few hundred characters). */
function writeAscii(text: string, out: Uint8Array, offset: number): void {
  for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
}

function tooLarge(length: number, cause?: unknown): PixtextError {
  return new PixtextError('ERR_TOO_LARGE', `The envelope would be ${length} characters long, too long for one string`, { cause });
}
