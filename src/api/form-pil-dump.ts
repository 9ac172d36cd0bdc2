// The Pillow dump JSON as a text form of createPixtext (DESIGN §5): the writer, reader and header look-up of
// src/envelope/pil-dump.ts behind the PilDumpForm interface.
import { isPilDumpMode, PIL_MODE_INFO } from '../envelope/pil-dump-modes.js';
import { readPilDump, writePilDump } from '../envelope/pil-dump.js';
import type { DeclaredSize, PilDumpForm } from './forms.js';

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** A dump's image from `img_info` alone; anything unusual is left to readPilDump to report. */
function inspectDump(dump: Record<string, unknown>): DeclaredSize {
  const info = hasOwn(dump, 'img_info') ? dump['img_info'] : undefined;
  if (typeof info === 'object' && info !== null && hasOwn(info, 'size') && hasOwn(info, 'mode')) {
    const { size, mode } = info as { size: unknown; mode: unknown };
    if (Array.isArray(size) && size.length === 2 && size.every((n) => Number.isSafeInteger(n) && n >= 0) && isPilDumpMode(mode)) {
      const [width, height] = size as [number, number];
      const { mode: pixelMode, rowBytes } = PIL_MODE_INFO[mode];
      return { width, height, mode: pixelMode, byteLength: rowBytes(width) * height };
    }
  }
  const image = readPilDump(dump, { maxPixels: Infinity }); // throws the reader's own error for a malformed dump
  return { width: image.width, height: image.height, mode: image.mode, byteLength: image.data.length };
}

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
  inspect: inspectDump,
};
