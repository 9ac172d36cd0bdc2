// Bare base64 of an image file as a text form (docs/ARCHITECTURE.md#other-text-forms), recognised by the file's
// magic bytes, with a long text checked against maxPixels from its first bytes before the whole is decoded.
import { decodeBase64, encodeBase64 } from '../base64/base64.js';
import { fileForm } from './file-form.js';
import type { Base64Form, ReadContext, TextSample } from './form.js';
import { base64Prefix, leadingDigits, refuseOverLimit } from './peek-limit.js';

// Enough base64 for every codec's magic-byte check (48 bytes).
const SNIFF_CHARS = 64;

/**
 * Whether a text is bare base64 of an image file: its first bytes (decoded up to the first character that is not a
 * base64 digit, so a stray character later on is still reported as a base64 error with its offset) are a file
 * format's magic bytes.
 * @example
 * ```ts
 * recogniseBase64(prepareText('iVBORw0KGgoAAAANSUhEUg=='), context) === true;
 * ```
 */
export function recogniseBase64(sample: TextSample, { codecs }: ReadContext): boolean {
  const whole = leadingDigits(sample.text, sample.start, SNIFF_CHARS);
  return whole.length > 0 && codecs.detect(decodeBase64(whole)) !== undefined;
}

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
export const base64Form: Base64Form = /* @__PURE__ */ fileForm(
  'base64',
  recogniseBase64,
  ({ text, start }, { codecs, maxPixels }) => {
    refuseOverLimit(base64Prefix(text, start), codecs, maxPixels);
    return { bytes: decodeBase64(text, { allowWhitespace: true }) };
  },
  (file) => encodeBase64(file.bytes),
  'The base64 text',
);
