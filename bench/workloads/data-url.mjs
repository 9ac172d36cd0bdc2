// Pixels to a PNG data URL, the job of Jimp's getBase64: pixtext's imageToText(image, { as: 'data-url' }) against
// Jimp (getBase64('image/png') on a bitmap) and sharp (PNG, then Buffer's base64). Params: { op: 'png', image }.
import { Buffer } from 'node:buffer';
import { PHOTO, REAL, readInput, rgbToRgba } from '../lib/inputs.mjs';
import { loadPixtext } from '../lib/pixtext.mjs';

const images = { [PHOTO.id]: PHOTO, [REAL.id]: REAL };

const png = {
  pixtext: async ({ image }) => {
    const { imageToText } = await loadPixtext();
    const raw = readInput(images[image], 'rgb');
    return { run: () => imageToText(raw, { as: 'data-url' }), size: (t) => t.length };
  },
  'Jimp getBase64': async ({ image }) => {
    const { Jimp } = await import('jimp');
    const { width, height, data } = readInput(images[image], 'rgb');
    const bitmap = { width, height, data: Buffer.from(rgbToRgba(data).buffer) };
    // Jimp holds RGBA bitmaps; making one from RGB is the caller's job, so it is not timed.
    return { run: () => Jimp.fromBitmap(bitmap).getBase64('image/png'), size: (t) => t.length };
  },
  'sharp (native) + Buffer base64': async ({ image }) => {
    const sharp = (await import('sharp')).default;
    const { width, height, data } = readInput(images[image], 'rgb');
    const pixels = Buffer.from(data.buffer, data.byteOffset, data.length);
    return {
      run: async () =>
        'data:image/png;base64,' + (await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer()).toString('base64'),
      size: (t) => t.length,
    };
  },
};

const ops = { png };
/** The peer `name` for `params` (op), or undefined. */
export const peer = (params, name) => ops[params.op]?.[name];
/** The peers measured for `params`. */
export const peerNames = (params) => Object.keys(ops[params.op]);
