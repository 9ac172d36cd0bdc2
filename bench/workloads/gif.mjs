// GIF decode of the 12 MP synthetic photo written by sharp (256 colours, dithered; bench/lib/inputs.mjs) to RGBA:
// pixtext (the built package's decode with mode 'RGBA': the first frame's palette indices expanded to RGBA) against
// omggif 1.0.10 (GifReader.decodeAndBlitFrameRGBA into a new RGBA buffer, as its users do) and sharp (libvips,
// native, first page, ensureAlpha). All three return RGBA, so the comparison is like for like. Params: none.
import { Buffer } from 'node:buffer';
import { PHOTO, readInput } from '../lib/inputs.mjs';
import { loadPixtext } from '../lib/pixtext.mjs';

const fileOf = () => readInput(PHOTO, 'gif');

const peers = {
  pixtext: async () => {
    const { decode } = await loadPixtext();
    const bytes = fileOf();
    return { run: () => decode(bytes, { mode: 'RGBA', maxPixels: Infinity }), size: (image) => image.data.length };
  },
  omggif: async () => {
    const { GifReader } = (await import('omggif')).default;
    const bytes = fileOf();
    return {
      run: () => {
        const reader = new GifReader(bytes);
        const rgba = new Uint8Array(reader.width * reader.height * 4);
        reader.decodeAndBlitFrameRGBA(0, rgba);
        return rgba;
      },
      size: (rgba) => rgba.length,
    };
  },
  'sharp (native)': async () => {
    const sharp = (await import('sharp')).default;
    const bytes = Buffer.from(fileOf());
    return { run: () => sharp(bytes, { pages: 1, limitInputPixels: false }).ensureAlpha().raw().toBuffer(), size: (b) => b.length };
  },
};

/** The peer `name`, or undefined. */
export const peer = (_params, name) => peers[name];
/** The peers measured. */
export const peerNames = () => Object.keys(peers);
