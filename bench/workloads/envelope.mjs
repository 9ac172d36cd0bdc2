// Raw RGBA pixels through imageToText / textToImage, against the native limit (Buffer's base64, Buffer.from plus
// zlib's CRC-32), a naive JSON.stringify / JSON.parse envelope, and memcpy. Params: { op, mib }.
import { Buffer } from 'node:buffer';
import { crc32 } from 'node:zlib';
import { pseudoRandomBytes } from '../lib/inputs.mjs';
import { loadPixtext } from '../lib/pixtext.mjs';

/** A `mib` MiB RGBA image, 1024 pixels wide. */
function rawImage(mib) {
  const height = mib * 256;
  return { width: 1024, height, mode: 'RGBA', data: pseudoRandomBytes(1024 * height * 4) };
}

const head = (image, crc) =>
  `{"pixtext":1,"width":${image.width},"height":${image.height},"mode":"RGBA","encoding":"raw",` +
  `"byteLength":${image.data.length},"crc32":"${crc.toString(16).padStart(8, '0')}","data":"`;

/** The envelope text, built with Buffer and flattened, as it would arrive from a file or the network. */
function envelopeText(mib) {
  const image = rawImage(mib);
  const text = head(image, crc32(image.data)) + Buffer.from(image.data.buffer).toString('base64') + '"}';
  // A flat string: read one character from each end (V8 flattens a concatenation on first indexed access).
  if (text.charCodeAt(0) !== 0x7b || text.charCodeAt(text.length - 1) !== 0x7d) throw new Error('bad envelope');
  return { text, bytes: image.data.length };
}

const imageToText = {
  pixtext: async ({ mib }) => {
    const { imageToText } = await loadPixtext();
    const image = rawImage(mib);
    return { run: () => imageToText(image), size: (t) => t.length };
  },
  'pixtext browser build': async ({ mib }) => {
    const { imageToText } = await loadPixtext(true);
    const image = rawImage(mib);
    return { run: () => imageToText(image), size: (t) => t.length };
  },
  'Buffer base64 + concatenation': async ({ mib }) => {
    const image = rawImage(mib);
    return {
      run: () => head(image, 0) + Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length).toString('base64') + '"}',
      size: (t) => t.length,
    };
  },
  'naive JSON.stringify': async ({ mib }) => {
    const image = rawImage(mib);
    return {
      run: () =>
        JSON.stringify({
          pixtext: 1,
          width: image.width,
          height: image.height,
          mode: image.mode,
          encoding: 'raw',
          byteLength: image.data.length,
          data: Buffer.from(image.data.buffer).toString('base64'),
        }),
      size: (t) => t.length,
    };
  },
  'memcpy (Uint8Array.set)': async ({ mib }) => {
    const image = rawImage(mib);
    return {
      run: () => {
        const copy = new Uint8Array(image.data.length);
        copy.set(image.data);
        return copy;
      },
    };
  },
};

const textToImage = {
  pixtext: async ({ mib }) => {
    const { textToImage } = await loadPixtext();
    const { text } = envelopeText(mib);
    return { run: () => textToImage(text), size: (image) => image.data.length };
  },
  'pixtext browser build': async ({ mib }) => {
    const { textToImage } = await loadPixtext(true);
    const { text } = envelopeText(mib);
    return { run: () => textToImage(text), size: (image) => image.data.length };
  },
  'Buffer.from + CRC-32': async ({ mib }) => {
    const { text } = envelopeText(mib);
    return {
      run: () => {
        const at = text.indexOf('"data":"') + 8;
        const bytes = Buffer.from(text.slice(at, text.length - 2), 'base64');
        if (crc32(bytes) === 0.5) throw new Error('unreachable');
        return bytes;
      },
      size: (bytes) => bytes.length,
    };
  },
  'naive JSON.parse': async ({ mib }) => {
    const { text } = envelopeText(mib);
    return { run: () => Buffer.from(JSON.parse(text).data, 'base64'), size: (bytes) => bytes.length };
  },
  'memcpy (Uint8Array.set)': async ({ mib }) => {
    const { bytes } = envelopeText(mib);
    const source = new Uint8Array(bytes);
    return {
      run: () => {
        const copy = new Uint8Array(source.length);
        copy.set(source);
        return copy;
      },
    };
  },
};

const ops = { imageToText, textToImage };
/** The peer `name` for `params` (op), or undefined. */
export const peer = (params, name) => ops[params.op]?.[name];
/** The peers measured for `params`. */
export const peerNames = (params) => Object.keys(ops[params.op]);
