// Bare base64 of an image file as a text form of createPixtext (docs/ARCHITECTURE.md#other-text-forms), with a long text checked against
// maxPixels from its first bytes before the whole is decoded.
import { decodeBase64, encodeBase64 } from '../base64/base64.js';
import type { Base64Form } from './form.js';
import { base64Prefix, refuseOverLimit } from './peek-limit.js';

/**
 * Bare base64 of a PNG/JPEG/BMP file (line breaks allowed when reading): pass it to `createPixtext({ forms })` to
 * read it in `textToImage`/`inspect`/`textToFile` and write it with `as: 'base64'`. Needs the codecs of the files
 * it carries. The default functions have it.
 * @example
 * ```ts
 * import { base64Form, createPixtext, pngCodec } from 'pixtext';
 * const { textToImage } = createPixtext({ codecs: [pngCodec], forms: [base64Form] });
 * const image = textToImage('iVBORw0KGgoAAAANSUhEUg...');
 * ```
 */
export const base64Form: Base64Form = {
  id: 'base64',
  write: encodeBase64,
  read(text, start, codecs, maxPixels) {
    refuseOverLimit(base64Prefix(text, start), codecs, maxPixels);
    return decodeBase64(text, { allowWhitespace: true });
  },
};
