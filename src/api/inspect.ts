// inspect (docs/ARCHITECTURE.md#public-api): what a text holds (dimensions, mode, encoding, sizes, checksum) without decoding pixels.
import { inspectEnvelope, inspectEnvelopeObject } from '../text-forms/envelope-inspect.js';
import type { EnvelopeInfo } from '../text-forms/envelope-inspect.js';
import type { EnvelopeEncoding } from '../text-forms/envelope-header.js';
import { sliceEnvelope } from '../text-forms/envelope-read.js';
import { parseJsonObject } from '../text-forms/json-scan.js';
import { isPilDump } from '../text-forms/pil-dump.js';
import type { PixelMode } from '../raw-image.js';
import type { Features } from './features.js';
import { checkText, firstNonWhitespace, readText, unrecognizedObject } from '../text-forms/recognise.js';

/** Which form a text is in, as recognised by `textToImage` and `inspect`. */
export type RecognisedForm = 'envelope' | 'pil' | 'data-url' | 'base64';

/** What `inspect` reports about a text. */
export interface TextInfo {
  /** The text form. */
  form: RecognisedForm;
  /** The image `textToImage` returns (before its `mode` option). */
  width: number;
  height: number;
  mode: PixelMode;
  /** `raw` pixels, or the format of the stored file. */
  encoding: EnvelopeEncoding;
  /** Bytes of the stored payload (raw pixels or file); for an envelope as declared, not verified. */
  byteLength: number;
  /** Characters in the text. */
  textLength: number;
  /** Envelope only: the version. */
  version?: number;
  /** Envelope only: the CRC-32 of the payload as declared (8 lowercase hex digits), not verified. */
  crc32?: string;
  /** Envelope only: the format the image was read from. */
  source?: string;
  /** Envelope only: the stored JSON object. */
  metadata?: Record<string, unknown>;
  /** Envelope only (raw `P`): the number of palette entries. */
  paletteEntries?: number;
  /** Data URL only: the declared media type. */
  mimeType?: string;
}

function envelopeInfo(e: EnvelopeInfo, textLength: number): TextInfo {
  const info: TextInfo = {
    form: 'envelope',
    width: e.width,
    height: e.height,
    mode: e.mode,
    encoding: e.encoding,
    byteLength: e.byteLength,
    textLength,
    version: e.version,
    crc32: e.crc32,
  };
  if (e.source !== undefined) info.source = e.source;
  if (e.metadata !== undefined) info.metadata = e.metadata;
  if (e.palette !== undefined) info.paletteEntries = e.palette.length / 4;
  return info;
}

/**
 * Reports what a text holds. Implementation of `inspect` for one instance's features. An envelope is read from its header
 * alone, a Pillow dump from its `img_info`; a data URL or bare base64 is base64-decoded to read the file's header,
 * but its pixels are not decoded.
 * @throws PixtextError (see `Pixtext.inspect`)
 * @example
 * ```ts
 * inspectWith(createFeatures({}), text).byteLength;
 * ```
 */
export function inspectWith(features: Features, input: unknown): TextInfo {
  const text = checkText(input);
  const textLength = text.length;
  const start = firstNonWhitespace(text);
  if (text.charCodeAt(start) === 0x7b) {
    const sliced = sliceEnvelope(text);
    if (sliced !== undefined && Object.hasOwn(sliced.fields, 'pixtext')) return envelopeInfo(inspectEnvelope(text), textLength);
    const object = parseJsonObject(text, 'The text');
    if (Object.hasOwn(object, 'pixtext')) return envelopeInfo(inspectEnvelopeObject(object), textLength);
    if (!isPilDump(object)) throw unrecognizedObject();
    return { form: 'pil', ...features.forms.get('pil').inspect(object), encoding: 'raw', textLength };
  }
  const content = readText(text, features, Infinity);
  if (content.form !== 'data-url' && content.form !== 'base64') throw unrecognizedObject();
  const { width, height, mode } = features.codecs.get(content.format).header(content.bytes);
  const info: TextInfo = { form: content.form, width, height, mode, encoding: content.format, byteLength: content.bytes.length, textLength };
  if (content.form === 'data-url') info.mimeType = content.mimeType;
  return info;
}
