// The part of an envelope v1 before the payload's base64, for writers that stream the payload. It is cut from the
// canonical writer's own output for an empty payload, so a streamed envelope can never drift from what
// imageToText writes (`byteLength`, `crc32` and `data` are always the last three keys:
// docs/ARCHITECTURE.md#the-envelope-v1).
import { crc32Hex } from '../checksum/crc32.js';
import { writeEnvelope } from '../text-forms/envelope-write.js';
import type { EnvelopeContent } from '../text-forms/envelope-write.js';

const EMPTY_TAIL = '"byteLength":0,"crc32":"00000000","data":""}';

/**
 * The envelope text up to and including the opening quote of `data`, for a payload of `byteLength` bytes whose
 * CRC-32 is `crc`. Followed by the payload's base64 and `"}`, it is exactly `writeEnvelope` of the same content.
 *
 * @throws PixtextError `ERR_INVALID_ARGUMENT` when `metadata` is not a plain JSON object.
 * @example
 * ```ts
 * envelopeHead({ width: 2, height: 1, mode: 'RGB', encoding: 'raw' }, 6, 0xc622f71d);
 * // '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"'
 * ```
 */
export function envelopeHead(content: Omit<EnvelopeContent, 'data'>, byteLength: number, crc: number): string {
  const empty = writeEnvelope({ ...content, data: new Uint8Array(0) });
  if (!empty.endsWith(EMPTY_TAIL)) {
    // Only a change to the canonical writer's key order can get here; fail loudly rather than write a variant.
    throw new Error(`pixtext internal error: the canonical envelope no longer ends with ${EMPTY_TAIL}`);
  }
  return `${empty.slice(0, -EMPTY_TAIL.length)}"byteLength":${byteLength},"crc32":"${crc32Hex(crc)}","data":"`;
}
