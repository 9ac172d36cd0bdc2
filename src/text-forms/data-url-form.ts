// Data URLs of an image file as a text form of createPixtext (docs/ARCHITECTURE.md#other-text-forms): src/envelope/data-url.ts behind the
// DataUrlForm interface, with a long URL checked against maxPixels from its first bytes.
import { formatDataUrl, parseDataUrl } from './data-url.js';
import type { DataUrlForm } from './form.js';
import { dataUrlPrefix, refuseOverLimit } from './peek-limit.js';

/**
 * Data URLs (`data:image/png;base64,...`, parsed as browsers do): pass it to `createPixtext({ forms })` to read them
 * in `textToImage`/`inspect`/`textToFile` and write them with `as: 'data-url'`. Needs the codecs of the files it
 * carries. The default functions have it.
 * @example
 * ```ts
 * import { createPixtext, dataUrlForm, pngCodec } from 'pixtext';
 * const { imageToText } = createPixtext({ codecs: [pngCodec], forms: [dataUrlForm] });
 * const url = imageToText(pngBytes, { as: 'data-url' }); // 'data:image/png;base64,iVBORw0KGgo...'
 * ```
 */
export const dataUrlForm: DataUrlForm = {
  id: 'data-url',
  write: formatDataUrl,
  read(text, codecs, maxPixels) {
    refuseOverLimit(dataUrlPrefix(text), codecs, maxPixels);
    return parseDataUrl(text);
  },
};
