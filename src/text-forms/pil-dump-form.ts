// The Pillow dump JSON as a text form of createPixtext (docs/ARCHITECTURE.md#other-text-forms): the writer, reader and header look-up of
// src/envelope/pil-dump.ts behind the PilDumpForm interface.
import { readPilDump, readPilDumpHeader, writePilDump } from './pil-dump.js';
import type { PilDumpForm } from './form.js';

/**
 * The Pillow dump JSON of the original Image-to-Binary app, `{"img_info": {...}, "img_data": "<base64>"}`: pass it
 * to `createPixtext({ forms })` to read such text in `textToImage`/`inspect` and write it with `as: 'pil'`. The
 * default functions have it.
 * @example
 * ```ts
 * import { createPixtext, pilDumpForm } from 'pixtext';
 * const { imageToText } = createPixtext({ forms: [pilDumpForm] });
 * imageToText({ width: 1, height: 1, mode: 'L', data: new Uint8Array([7]) }, { as: 'pil' });
 * // '{"img_info": {"format": null, "size": [1, 1], "mode": "L"}, "img_data": "Bw=="}'
 * ```
 */
export const pilDumpForm: PilDumpForm = {
  id: 'pil',
  write: (image, source) => writePilDump(image, source === undefined ? {} : { format: source.toUpperCase() }),
  read: (dump, maxPixels) => readPilDump(dump, { maxPixels }),
  inspect(dump) {
    const { width, height, mode, byteLength } = readPilDumpHeader(dump);
    return { width, height, mode, byteLength };
  },
};
