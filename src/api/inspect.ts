// inspect (DESIGN §2): what a text holds (dimensions, mode, encoding, sizes, checksum) without decoding pixels.
import { inspectEnvelope, inspectEnvelopeObject } from '../envelope/envelope-inspect.js';
import type { EnvelopeInfo } from '../envelope/envelope-inspect.js';
import type { EnvelopeEncoding } from '../envelope/envelope-header.js';
import { sliceEnvelope } from '../envelope/envelope-read.js';
import { parseJsonObject } from '../envelope/json-scan.js';
import { isPilDump, readPilDump } from '../envelope/pil-dump.js';
import { PIL_MODE_INFO, isPilDumpMode } from '../envelope/pil-dump-modes.js';
import type { PixelMode } from '../raw-image.js';
import type { CodecSet } from './codec-set.js';
import { checkText, firstNonWhitespace, readText, unrecognizedObject } from './read-text.js';

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

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

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

/** A Pillow dump's image from `img_info` alone; anything unusual is left to readPilDump to report. */
function pilDumpInfo(dump: Record<string, unknown>): Omit<TextInfo, 'textLength'> {
  const info = hasOwn(dump, 'img_info') ? dump['img_info'] : undefined;
  if (typeof info === 'object' && info !== null && hasOwn(info, 'size') && hasOwn(info, 'mode')) {
    const { size, mode } = info as { size: unknown; mode: unknown };
    if (Array.isArray(size) && size.length === 2 && size.every((n) => Number.isSafeInteger(n) && n >= 0) && isPilDumpMode(mode)) {
      const [width, height] = size as [number, number];
      const { mode: pixelMode, rowBytes } = PIL_MODE_INFO[mode];
      return { form: 'pil', width, height, mode: pixelMode, encoding: 'raw', byteLength: rowBytes(width) * height };
    }
  }
  const image = readPilDump(dump, { maxPixels: Infinity }); // throws the reader's own error for a malformed dump
  return { form: 'pil', width: image.width, height: image.height, mode: image.mode, encoding: 'raw', byteLength: image.data.length };
}

/**
 * Reports what a text holds. Implementation of `inspect` for one set of codecs. An envelope is read from its header
 * alone, a Pillow dump from its `img_info`; a data URL or bare base64 is base64-decoded to read the file's header,
 * but its pixels are not decoded.
 * @throws PixtextError (see `Pixtext.inspect`)
 * @example
 * ```ts
 * inspectWith(createCodecSet([]), text).byteLength;
 * ```
 */
export function inspectWith(codecs: CodecSet, input: unknown): TextInfo {
  const text = checkText(input);
  const textLength = text.length;
  const start = firstNonWhitespace(text);
  if (text.charCodeAt(start) === 0x7b) {
    const sliced = sliceEnvelope(text);
    if (sliced !== undefined && hasOwn(sliced.fields, 'pixtext')) return envelopeInfo(inspectEnvelope(text), textLength);
    const object = parseJsonObject(text, 'The text');
    if (hasOwn(object, 'pixtext')) return envelopeInfo(inspectEnvelopeObject(object), textLength);
    if (!isPilDump(object)) throw unrecognizedObject();
    return { ...pilDumpInfo(object), textLength };
  }
  const content = readText(text, codecs, Infinity);
  if (content.form !== 'data-url' && content.form !== 'base64') throw unrecognizedObject();
  const { width, height, mode } = codecs.get(content.format).header(content.bytes);
  const info: TextInfo = { form: content.form, width, height, mode, encoding: content.format, byteLength: content.bytes.length, textLength };
  if (content.form === 'data-url') info.mimeType = content.mimeType;
  return info;
}
