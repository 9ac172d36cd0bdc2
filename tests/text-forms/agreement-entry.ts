// What the reader agreement test (agreement.test.ts) bundles twice, once with the Node twins and once portable as
// browsers get it: every public reader of a text, and the function the command line's `verify` runs on a file's bytes.
export { inspect, textToImage, textToRawImage, textToImageStream } from '../../src/index.js';
export { verifyText } from '../../src/cli/library.js';
export { bytesToText } from '../../src/cli/io.js';

import { DEFAULT_FEATURES } from '../../src/api/default.js';
import { recogniseForm } from '../../src/text-forms/recognise.js';

/** The form the recognition ladder finds a text in (the test's oracle for which readers apply), or its error. */
export function formOf(text: string): string {
  return recogniseForm(text, DEFAULT_FEATURES.forms, { codecs: DEFAULT_FEATURES.codecs, maxPixels: Infinity }).form.id;
}
