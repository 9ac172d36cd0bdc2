// What the text forms that carry an encoded file (data URL, bare base64) share: the file's format from its magic
// bytes and `inspect` from the file's header. Each such form supplies only how its text is recognised, how its
// bytes are read and how they are written.
import { codecFor } from '../api/codec-set.js';
import type { ReadContext, StoredFile, TextFormHandler, TextInfo, TextSample, TextSubject } from './form.js';

/** The bytes a file form's text holds (its reader checks `maxPixels` from their first bytes), and a media type. */
export interface FileText {
  bytes: Uint8Array;
  mimeType?: string;
}

/**
 * A text form that holds one encoded file.
 * @throws PixtextError from the form's methods: `ERR_UNKNOWN_FORMAT` (not a file of a known format),
 * `ERR_UNSUPPORTED` (no codec for it), and the reader's own errors
 * @example
 * ```ts
 * const base64Form = fileForm('base64', recogniseBase64, readBase64, (file) => encodeBase64(file.bytes), 'The base64 text');
 * ```
 */
/* #__NO_SIDE_EFFECTS__ */
export function fileForm<Id extends 'data-url' | 'base64'>(
  id: Id,
  recognise: (sample: TextSample, context: ReadContext) => boolean,
  readText: (sample: TextSample, context: ReadContext) => FileText,
  writeFile: (file: Extract<TextSubject, { kind: 'file' }>) => string,
  what: string,
): TextFormHandler<Id> {
  const read = (sample: TextSample, context: ReadContext): StoredFile & FileText => {
    const { bytes, mimeType } = readText(sample, context);
    return { kind: 'file', format: codecFor(context.codecs, bytes, what).id, bytes, mimeType };
  };
  return {
    id,
    recognise,
    read,
    // imageToText hands a file form files only (checked with the options, before any work).
    write: (subject) => writeFile(subject as Extract<TextSubject, { kind: 'file' }>),
    inspect(sample, context) {
      const { format, bytes, mimeType } = read(sample, { ...context, maxPixels: Infinity });
      const codec = context.codecs.get(format);
      const { width, height, mode, frameCount } = codec.header(bytes);
      const info: TextInfo = { form: id, width, height, mode, encoding: format, byteLength: bytes.length, textLength: sample.text.length };
      if (mimeType !== undefined) info.mimeType = mimeType;
      if (frameCount !== undefined) info.frameCount = frameCount;
      const orientation = codec.orientation?.(bytes);
      if (orientation !== undefined) info.orientation = orientation;
      return info;
    },
  };
}
