// Reads an envelope's header without decoding its payload: what `pixtext info` shows.
import { dataField, parseEnvelopeHeader } from './envelope-header.js';
import type { EnvelopeHeader, JsonObject } from './envelope-header.js';
import { plainSlice, sliceEnvelope } from './envelope-read.js';
import { parseJsonObject, refuseRepeatedMembers } from './json-scan.js';

/** An envelope's header plus the size of its base64 `data`, from {@link inspectEnvelope}. */
export interface EnvelopeInfo extends EnvelopeHeader {
  /** Characters in the `data` string (as parsed, escapes resolved). */
  dataLength: number;
}

/**
 * The header of an envelope already parsed as a JSON object; `data` is measured, not decoded.
 * @throws PixtextError `ERR_ENVELOPE_VERSION`, `ERR_ENVELOPE`, `ERR_BASE64` (palette)
 * @example
 * ```ts
 * inspectEnvelopeObject(JSON.parse(text)).dataLength;
 * ```
 */
export function inspectEnvelopeObject(fields: JsonObject): EnvelopeInfo {
  return { ...parseEnvelopeHeader(fields), dataLength: dataField(fields).length };
}

/**
 * Reads an envelope's header (dimensions, mode, encoding, byteLength, crc32, metadata) without decoding the
 * payload. A canonically written envelope costs a parse of its header only. The payload is not verified: use
 * `textToImage` for that.
 *
 * @throws PixtextError `ERR_TRUNCATED`, `ERR_NOT_JSON`, `ERR_ENVELOPE_VERSION`, `ERR_ENVELOPE` (also a member twice)
 * @example
 * ```ts
 * const { width, height, mode, byteLength } = inspectEnvelope(text);
 * ```
 */
export function inspectEnvelope(text: string): EnvelopeInfo {
  // A plain slice holds no escapes (the full parse reads those), so its data is measured as it is.
  const sliced = plainSlice(sliceEnvelope(text));
  const fields = sliced === undefined ? parseJsonObject(text, 'The envelope') : undefined;
  refuseRepeatedMembers({ text, sliced }, 'Envelope');
  if (sliced !== undefined && Object.hasOwn(sliced.fields, 'pixtext')) {
    return { ...parseEnvelopeHeader(sliced.fields), dataLength: sliced.data.length };
  }
  return inspectEnvelopeObject(fields ?? parseJsonObject(text, 'The envelope'));
}
