// Resize of the synthetic 12 MP photo (4000 × 3000 RGB) to 1568 px on the long side (1568 × 1176) with Lanczos:
// pixtext's resize (the built package; Pillow's LANCZOS, bit for bit) against pica 10's pure-JavaScript path
// (resizeBuffer with features: ['js'], filter lanczos3, no unsharp; RGBA only, so it gets the photo as RGBA, made
// untimed) and sharp (libvips, native, its own thread pool, kernel lanczos3). Params: { width, height }.
import { Buffer } from 'node:buffer';
import { PHOTO, readInput, rgbToRgba } from '../lib/inputs.mjs';
import { loadPixtext } from '../lib/pixtext.mjs';

const size = (out) => out.length ?? out.data.length;

const peers = {
  pixtext: async ({ width, height }) => {
    const { resize } = await loadPixtext();
    const image = readInput(PHOTO, 'rgb');
    return { run: () => resize(image, { width, height, filter: 'lanczos', maxPixels: Infinity }), size };
  },
  'pica (pure JS, RGBA)': async ({ width, height }) => {
    const pica = (await import('pica')).default({ features: ['js'] });
    const image = readInput(PHOTO, 'rgb');
    const src = rgbToRgba(image.data);
    return {
      run: () => pica.resizeBuffer({ src, width: image.width, height: image.height, toWidth: width, toHeight: height, filter: 'lanczos3' }),
      size,
    };
  },
  'sharp (native)': async ({ width, height }) => {
    const sharp = (await import('sharp')).default;
    const image = readInput(PHOTO, 'rgb');
    const data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    const raw = { raw: { width: image.width, height: image.height, channels: 3 }, limitInputPixels: false };
    return { run: () => sharp(data, raw).resize(width, height, { kernel: 'lanczos3', fit: 'fill' }).raw().toBuffer(), size };
  },
};

export const peer = (_params, name) => peers[name];
export const peerNames = () => Object.keys(peers);
