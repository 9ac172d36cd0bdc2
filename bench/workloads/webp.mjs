// WebP decode of the 12 MP synthetic photo, lossy (quality 90) and lossless, both written by sharp (bench/lib/
// inputs.mjs): pixtext (the built package's decode) against image-in-browser's WebP decoder (pure TypeScript) and
// sharp (libvips + libwebp, native). Each returns what it natively returns: pixtext RGB, image-in-browser its RGBA
// frame, sharp RGB. Params: { kind }.
import { Buffer } from 'node:buffer';
import { PHOTO, readInput } from '../lib/inputs.mjs';
import { loadPixtext } from '../lib/pixtext.mjs';

const fileOf = (params) => readInput(PHOTO, params.kind === 'lossless' ? 'lossless.webp' : 'q90.webp');

const peers = {
  pixtext: async (params) => {
    const { decode } = await loadPixtext();
    const bytes = fileOf(params);
    return { run: () => decode(bytes, { maxPixels: Infinity }), size: (image) => image.data.length };
  },
  'image-in-browser': async (params) => {
    const { decodeWebP } = await import('image-in-browser');
    const bytes = fileOf(params);
    return { run: () => decodeWebP({ data: bytes }), size: (image) => image.getBytes().length };
  },
  'sharp (native)': async (params) => {
    const sharp = (await import('sharp')).default;
    const bytes = Buffer.from(fileOf(params));
    return { run: () => sharp(bytes, { limitInputPixels: false }).raw().toBuffer(), size: (b) => b.length };
  },
};

/** The peer `name`, or undefined. */
export const peer = (_params, name) => peers[name];
/** The peers measured. */
export const peerNames = () => Object.keys(peers);
