// The canonical envelope v1 writer (DESIGN §4): one ASCII line, keys in a fixed order, `data` last. Built by string
// concatenation so the payload's base64 is never copied through JSON.stringify.
import { encodeBase64 } from '../base64/base64.js';
import { crc32, crc32Hex } from '../checksum/crc32.js';
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
  /** The payload: raw pixels or the file bytes. A view is honoured (byteOffset/byteLength). */
  data: Uint8Array;
}

/**
 * Writes an envelope v1. Same content, same text: the output is canonical, ASCII only, with keys in the order
 * `pixtext, width, height, mode, encoding, [palette], [source], [metadata], byteLength, crc32, data`.
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
  let head =
    `{"pixtext":${ENVELOPE_VERSION},"width":${content.width},"height":${content.height},` +
    `"mode":${JSON.stringify(content.mode)},"encoding":${JSON.stringify(content.encoding)}`;
  if (content.palette !== undefined) head += `,"palette":"${encodeBase64(content.palette)}"`;
  if (content.source !== undefined) head += `,"source":${asciiJsonString(content.source)}`;
  if (content.metadata !== undefined) head += `,"metadata":${toAsciiJsonObject(content.metadata, 'metadata')}`;
  const data = content.data;
  head += `,"byteLength":${data.length},"crc32":"${crc32Hex(crc32(data))}","data":"`;
  const payload = encodeBase64(data);
  try {
    return head + payload + '"}';
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    throw new PixtextError(
      'ERR_TOO_LARGE',
      `The envelope would be ${head.length + payload.length + 2} characters long, too long for one string`,
      { cause },
    );
  }
}
