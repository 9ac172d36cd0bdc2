// The envelope v1 reader (docs/ARCHITECTURE.md#the-envelope-v1). Fast path: slice the `data` string out of a canonically shaped text and
// JSON.parse only the header. Anything else that is valid JSON of the same object (keys in any order, whitespace,
// escapes such as `\/` or `\n` inside `data`) goes through a full JSON.parse and gives the same result.
import { decodeBase64 } from '../base64/base64.js';
import { crc32, crc32Hex } from '../checksum/crc32.js';
import { PixtextError } from '../errors.js';
import { byteLengthFor, checkPaletteIndices, checkPixelLimit } from '../raw-image.js';
import { dataField, decodeField, parseEnvelopeHeader } from './envelope-header.js';
import type { EnvelopeHeader, JsonObject } from './envelope-header.js';
import { isJsonObject, parseJsonObject, refuseRepeatedMembers, repeatedMember } from './json-scan.js';

/** Options of {@link readEnvelope}. */
export interface ReadEnvelopeOptions {
  /** Largest width × height to accept, checked from the header before anything is decoded. */
  maxPixels: number;
  /**
   * Called with the validated header before the payload is decoded: it throws to refuse an envelope the caller cannot
   * use (say, one holding a file). Defaults to none.
   */
  checkHeader?: ((header: EnvelopeHeader) => void) | undefined;
}

/** A read and verified envelope: its header and the decoded `data` bytes (raw pixels or a file). */
export interface DecodedEnvelope {
  header: EnvelopeHeader;
  payload: Uint8Array;
}

/** A canonically shaped envelope cut in two: the parsed header object and the raw `data` string. */
export interface SlicedEnvelope {
  fields: JsonObject;
  data: string;
  /** Offset of `data`'s first character in the text. */
  dataOffset: number;
  /** The first member name of the object that appears twice (`data` included), if any. */
  repeated: string | undefined;
  /** Whether `data` holds no escape and no raw control character (see {@link isPlainSlice}); set when first asked. */
  plain?: boolean;
}

const DATA_KEY = '"data":"';
// Each candidate costs a parse of the text before it; metadata rarely holds more than a few "data" keys.
const MAX_CANDIDATES = 8;

const isJsonWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function parseHeaderPrefix(text: string, end: number): { fields: JsonObject; repeated: string | undefined } | undefined {
  const prefix = text.slice(0, end) + '}';
  let value: unknown;
  try {
    value = JSON.parse(prefix);
  } catch {
    return undefined;
  }
  if (!isJsonObject(value) || Object.keys(value).length === 0) return undefined;
  return { fields: value, repeated: Object.hasOwn(value, 'data') ? 'data' : repeatedMember(prefix) };
}

// What makes a `data` string need the full parse: an escape, or a raw control character (not JSON at all).
const NOT_PLAIN = /[\\\x00-\x1f]/;

/**
 * Whether the slice's `data` holds no escape and no raw control character, so that the text is JSON exactly as cut
 * (else the full parse reads it, or refuses it as not JSON). Asked only where it matters, since it scans the whole
 * payload (a third of a read of 128 MiB of pixels): a `data` that decodes as strict base64 is plain already, so a
 * read asks only before it reports an error of its own, and inspection, which decodes nothing, always asks.
 * @example
 * ```ts
 * isPlainSlice(sliceEnvelope('{"pixtext":1,"data":"\\/w=="}')!) === false;
 * ```
 */
export function isPlainSlice(sliced: SlicedEnvelope): boolean {
  return (sliced.plain ??= !NOT_PLAIN.test(sliced.data));
}

/**
 * Whether a reader must parse the whole text before it says anything: there is no slice, or the slice would report a
 * repeated member and may not be JSON (a text that is not JSON is said to be so first).
 */
export const mustParseFirst = (sliced: SlicedEnvelope | undefined): boolean =>
  sliced === undefined || (sliced.repeated !== undefined && !isPlainSlice(sliced));

/** The slice when it is plain (see {@link isPlainSlice}), else undefined: for readers that use `data` undecoded. */
export const plainSlice = (sliced: SlicedEnvelope | undefined): SlicedEnvelope | undefined =>
  sliced !== undefined && isPlainSlice(sliced) ? sliced : undefined;

/**
 * Cuts an envelope shaped like the canonical writer's output (`…,"data":"<base64>"}` at the end) into its parsed
 * header and the raw `data` string, without scanning the payload character by character. Returns undefined for
 * any other shape (the caller then parses the whole text).
 *
 * Why this is exact: `{…` + `}` parsing as an object proves the candidate `"data":"` is a key of the top-level object
 * (JSON is parsed left to right), and the absence of any `"` between it and the final `"}` proves `data` is the last
 * member. The text is JSON as cut only when `data` holds no escape and no raw control character: readers check
 * that with {@link isPlainSlice} before they report anything from the slice (the full parse reads the rest).
 * @example
 * ```ts
 * sliceEnvelope('{"pixtext":1,"data":"QQ=="}'); // { fields: { pixtext: 1 }, data: 'QQ==', dataOffset: 21, repeated: undefined }
 * ```
 */
export function sliceEnvelope(text: string): SlicedEnvelope | undefined {
  let last = text.length - 1;
  while (last >= 0 && isJsonWs(text.charCodeAt(last))) last--;
  if (last < 1 || text.charCodeAt(last) !== 0x7d || text.charCodeAt(last - 1) !== 0x22) return undefined;
  const closeQuote = last - 1;
  let at = text.indexOf(DATA_KEY);
  for (let tries = 0; at !== -1 && tries < MAX_CANDIDATES; tries++) {
    const dataOffset = at + DATA_KEY.length;
    if (dataOffset > closeQuote) return undefined;
    if (at > 0 && text.charCodeAt(at - 1) === 0x2c) {
      const header = parseHeaderPrefix(text, at - 1);
      if (header !== undefined) {
        if (text.indexOf('"', dataOffset) !== closeQuote) return undefined;
        return { fields: header.fields, data: text.slice(dataOffset, closeQuote), dataOffset, repeated: header.repeated };
      }
    }
    at = text.indexOf(DATA_KEY, at + 1);
  }
  return undefined;
}

/** Validates the header and checks what it promises before anything is decoded or allocated. */
function checkedHeader(fields: JsonObject, { maxPixels, checkHeader }: ReadEnvelopeOptions): EnvelopeHeader {
  const header = parseEnvelopeHeader(fields);
  const { width, height, mode, byteLength } = header;
  checkPixelLimit(width, height, maxPixels, 'The envelope header', mode);
  const expected = byteLengthFor(mode, width, height);
  if (header.encoding === 'raw' && byteLength !== expected) {
    throw new PixtextError(
      'ERR_LENGTH_MISMATCH',
      `Envelope byteLength is ${byteLength} but a ${width}×${height} ${mode} image needs ${expected}`,
      { chunk: 'byteLength' },
    );
  }
  checkHeader?.(header);
  return header;
}

function verified(header: EnvelopeHeader, payload: Uint8Array): DecodedEnvelope {
  if (payload.length !== header.byteLength) {
    throw new PixtextError(
      'ERR_LENGTH_MISMATCH',
      `Envelope data holds ${payload.length} bytes but byteLength is ${header.byteLength}`,
      { chunk: 'data' },
    );
  }
  const actual = crc32Hex(crc32(payload));
  if (actual !== header.crc32) {
    throw new PixtextError(
      'ERR_CHECKSUM',
      `Envelope data CRC-32 is ${actual} but crc32 is ${header.crc32}`,
      { chunk: 'crc32' },
    );
  }
  // Raw `P` pixels with indices past their palette: the same rule as for any image entering pixtext, checked last
  // (after the checksum), so a damaged payload is reported as damaged.
  const { width, height, mode, palette } = header;
  if (palette !== undefined) checkPaletteIndices({ width, height, mode, data: payload, palette }, 'envelope image');
  return { header, payload };
}

/**
 * Reads an envelope from an already parsed JSON object (the slow path, also used when the caller has parsed the
 * text to tell an envelope from a Pillow dump).
 *
 * @throws PixtextError `ERR_ENVELOPE_VERSION`, `ERR_ENVELOPE`, `ERR_TOO_LARGE`, `ERR_BASE64`, `ERR_LENGTH_MISMATCH`,
 * `ERR_CHECKSUM`
 * @example
 * ```ts
 * const { header, payload } = readEnvelopeObject(JSON.parse(text), { maxPixels: 1e6 });
 * ```
 */
export function readEnvelopeObject(fields: JsonObject, options: ReadEnvelopeOptions): DecodedEnvelope {
  const header = checkedHeader(fields, options);
  return verified(header, decodeField(dataField(fields), 'data', true));
}

/**
 * Reads the fast path only: returns undefined when the text is not canonically shaped or its `data` needs the full
 * JSON parse (whitespace or escapes). Header errors are thrown: they are exactly what the full parse would report.
 * @throws PixtextError as {@link readEnvelopeObject}
 * @example
 * ```ts
 * readEnvelopeFast(text, { maxPixels: 1e8 }) ?? readEnvelope(text, { maxPixels: 1e8 });
 * ```
 */
export function readEnvelopeFast(text: string, options: ReadEnvelopeOptions): DecodedEnvelope | undefined {
  const sliced = sliceEnvelope(text);
  return sliced !== undefined && Object.hasOwn(sliced.fields, 'pixtext') ? readSlicedEnvelope(sliced, options) : undefined;
}

/**
 * {@link readEnvelopeFast} of a text already cut by {@link sliceEnvelope} (undefined: not canonically shaped) whose
 * header holds `pixtext`.
 * @throws PixtextError as {@link readEnvelopeObject}
 * @example
 * ```ts
 * readSlicedEnvelope(sliceEnvelope(text), { maxPixels: 1e8 });
 * ```
 */
export function readSlicedEnvelope(sliced: SlicedEnvelope | undefined, options: ReadEnvelopeOptions): DecodedEnvelope | undefined {
  if (sliced === undefined) return undefined;
  let header: EnvelopeHeader;
  try {
    header = checkedHeader(sliced.fields, options);
  } catch (error) {
    // Said only of a text that is JSON as cut; otherwise the full parse says what is wrong first.
    if (isPlainSlice(sliced)) throw error;
    return undefined;
  }
  let payload: Uint8Array;
  try {
    // Strict base64 has no backslash and no control character: a `data` that decodes is plain.
    payload = decodeBase64(sliced.data);
  } catch {
    return undefined; // escapes or whitespace in `data`, or an error the full parse reports with its offset
  }
  return verified(header, payload);
}

/**
 * Reads and verifies an envelope v1: version, header fields, `maxPixels` (before decoding), base64, `byteLength`
 * and `crc32`. Unknown keys are ignored and never copied anywhere.
 *
 * @throws PixtextError `ERR_TRUNCATED` (text cut short), `ERR_NOT_JSON` (not JSON, or JSON but not an object),
 * `ERR_ENVELOPE_VERSION`, `ERR_ENVELOPE` (missing or ill-typed field), `ERR_TOO_LARGE` (over `maxPixels`),
 * `ERR_BASE64` (stray character, with its offset in `data`), `ERR_LENGTH_MISMATCH`, `ERR_CHECKSUM`; `ERR_ENVELOPE`
 * also for a member name that appears twice.
 * @example
 * ```ts
 * const { header, payload } = readEnvelope(text, { maxPixels: 268_402_689 });
 * ```
 */
export function readEnvelope(text: string, options: ReadEnvelopeOptions): DecodedEnvelope {
  const sliced = sliceEnvelope(text);
  const fields = mustParseFirst(sliced) ? parseJsonObject(text, 'The envelope') : undefined;
  refuseRepeatedMembers({ text, sliced }, 'Envelope');
  return readSlicedEnvelope(sliced, options) ?? readEnvelopeObject(fields ?? parseJsonObject(text, 'The envelope'), options);
}
