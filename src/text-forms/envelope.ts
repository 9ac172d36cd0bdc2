// The pixtext envelope v1 as a text form (docs/ARCHITECTURE.md#the-envelope-v1): the reader, writer and header
// look-up of the envelope-*.ts modules behind the TextFormHandler interface. Every instance has it.
import type { RawImage } from '../raw-image.js';
import { PixtextError } from '../errors.js';
import { dataField, decodeField, isEnvelopeEncoding, parseEnvelopeHeader } from './envelope-header.js';
import { inspectEnvelopeObject } from './envelope-inspect.js';
import { mustParseFirst, plainSlice, readEnvelopeObject, readSlicedEnvelope } from './envelope-read.js';
import type { DecodedEnvelope, ReadEnvelopeOptions } from './envelope-read.js';
import { writeEnvelope } from './envelope-write.js';
import type { EnvelopeContent } from './envelope-write.js';
import type { ReadContext, StoredFile, TextFormHandler, TextInfo, TextPayload, TextSample, TextSubject } from './form.js';
import { refuseRepeatedMembers } from './json-scan.js';

/**
 * The envelope content of what `imageToText` writes: for the string writer and for the command line's bytes writer.
 * @example
 * ```ts
 * writeEnvelopeBytes(envelopeContent(subject), '\n');
 * ```
 */
export function envelopeContent(subject: TextSubject): EnvelopeContent {
  const { source, metadata, orientation } = subject;
  if (subject.kind === 'file') {
    // imageToText refuses other formats before any work; this guards the form's own contract.
    if (!isEnvelopeEncoding(subject.format)) throw new PixtextError('ERR_UNSUPPORTED', `An envelope v1 cannot hold a ${subject.format} file`);
    const { width, height, mode } = subject.declared();
    return { width, height, mode, encoding: subject.format, source, metadata, orientation, data: subject.bytes };
  }
  const { width, height, mode, data, palette } = subject.image;
  return { width, height, mode, encoding: 'raw', palette, source, metadata, orientation: subject.image.orientation, data };
}

/**
 * Whether a text is an envelope: a JSON object with its own `pixtext` key (read from the header alone when the text
 * has the canonical shape).
 * @throws PixtextError `ERR_NOT_JSON`, `ERR_TRUNCATED` for a text that starts as a JSON object but is not one
 * @example
 * ```ts
 * recogniseEnvelope(prepareText('{"pixtext":1}')) === true;
 * ```
 */
export function recogniseEnvelope(sample: TextSample): boolean {
  return sample.text.charCodeAt(sample.start) === 0x7b && Object.hasOwn(sample.sliced?.fields ?? sample.object(), 'pixtext');
}

/**
 * Reads and verifies the envelope of a text {@link recogniseEnvelope} accepted (so a slice of it holds `pixtext`):
 * the canonical fast path when the text has its shape, else the parsed object. Shared by the envelope form and
 * `textToRawImage`, which refuses files through `checkHeader`.
 * @throws PixtextError as `readEnvelope`, and `ERR_ENVELOPE` for a member name that appears twice
 * @example
 * ```ts
 * const { header, payload } = readEnvelopeText(sample, { maxPixels: 1e6 });
 * ```
 */
export function readEnvelopeText(sample: TextSample, options: ReadEnvelopeOptions): DecodedEnvelope {
  if (mustParseFirst(sample.sliced)) sample.object(); // not JSON: that is said first
  refuseRepeatedMembers(sample, 'Envelope');
  return readSlicedEnvelope(sample.sliced, options) ?? readEnvelopeObject(sample.object(), options);
}

/** The frames of a stored GIF, from its header (the payload base64-decoded, no pixels), or undefined if unreadable. */
function storedFrameCount(data: string, context: ReadContext): number | undefined {
  try {
    return context.codecs.get('gif').header(decodeField(data, 'data', true)).frameCount;
  } catch (error) {
    if (error instanceof PixtextError) return undefined;
    throw error;
  }
}

/**
 * The envelope v1, always part of a pixtext instance: exported for code that works with the form interface itself.
 * @example
 * ```ts
 * envelopeForm.write({ kind: 'pixels', image: { width: 1, height: 1, mode: 'L', data: new Uint8Array([7]) } });
 * ```
 */
export const envelopeForm = {
  id: 'envelope',
  recognise: recogniseEnvelope,
  read(sample: TextSample, context: ReadContext): TextPayload {
    const { header, payload } = readEnvelopeText(sample, context);
    const { width, height, mode, encoding } = header;
    if (encoding !== 'raw') {
      const file: StoredFile = { kind: 'file', format: encoding, bytes: payload, declared: { width, height, mode } };
      if (header.orientation !== undefined) file.orientation = header.orientation;
      return file;
    }
    const image: RawImage = { width, height, mode, data: payload };
    if (header.palette !== undefined) image.palette = header.palette;
    if (header.orientation !== undefined) image.orientation = header.orientation;
    return { kind: 'pixels', image };
  },
  write: (subject: TextSubject): string => writeEnvelope(envelopeContent(subject)),
  inspect(sample: TextSample, context: ReadContext): TextInfo {
    // Nothing is decoded here to show the slice is JSON, so it is asked.
    const sliced = plainSlice(sample.sliced);
    if (sliced === undefined) sample.object();
    refuseRepeatedMembers({ text: sample.text, sliced }, 'Envelope');
    // The header alone: of the slice when the text has the canonical shape, else of the object (whose `data` must
    // still be a string).
    const e = sliced === undefined ? inspectEnvelopeObject(sample.object()) : parseEnvelopeHeader(sliced.fields);
    const info: TextInfo = {
      form: 'envelope',
      width: e.width,
      height: e.height,
      mode: e.mode,
      encoding: e.encoding,
      byteLength: e.byteLength,
      textLength: sample.text.length,
      version: e.version,
      crc32: e.crc32,
    };
    if (e.source !== undefined) info.source = e.source;
    if (e.metadata !== undefined) info.metadata = e.metadata;
    if (e.palette !== undefined) info.paletteEntries = e.palette.length / 4;
    if (e.orientation !== undefined) info.orientation = e.orientation;
    if (e.encoding === 'gif') {
      const frameCount = storedFrameCount(sliced?.data ?? dataField(sample.object()), context);
      if (frameCount !== undefined) info.frameCount = frameCount;
    }
    return info;
  },
} satisfies TextFormHandler<'envelope'>;
