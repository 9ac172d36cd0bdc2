// PNG, BMP and JPEG decode and encode of the synthetic 12 MP photo and the real photo, pixtext (the built package's
// decode / encode) against the peers. Each peer returns what it natively returns (pixtext and jpeg-js: RGB;
// pngjs: RGBA; bmp-js: ABGR, turned into RGBA as its users must). Params: { op, format, image }.
import { Buffer } from 'node:buffer';
import { PHOTO, REAL, TINY, readInput, rgbToAbgr, rgbToRgba } from '../lib/inputs.mjs';
import { loadPixtext } from '../lib/pixtext.mjs';

const images = { [PHOTO.id]: PHOTO, [REAL.id]: REAL };
const imageOf = (params) => images[params.image];
const buf = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const fileSize = (bytes) => bytes.length;
const pixtext = () => loadPixtext();

async function pixtextDecode(params) {
  const { decode } = await pixtext();
  const bytes = readInput(imageOf(params), params.format === 'jpeg' ? 'jpg' : params.format);
  return { run: () => decode(bytes, { maxPixels: Infinity }), size: (image) => image.data.length };
}

function tinyImage() {
  const photo = readInput(PHOTO, 'rgb');
  const data = new Uint8Array(TINY.width * TINY.height * 3);
  for (let y = 0; y < TINY.height; y++) {
    const from = ((1000 + y) * PHOTO.width + 1000) * 3;
    data.set(photo.data.subarray(from, from + TINY.width * 3), y * TINY.width * 3);
  }
  return { width: TINY.width, height: TINY.height, mode: 'RGB', data };
}

/** `calls` encodes of the 64 × 64 image in one timed run (`size` is the last file's). */
function repeated(calls, encodeOnce) {
  return () => {
    let out;
    for (let i = 0; i < calls; i++) out = encodeOnce();
    return out;
  };
}

async function pixtextEncode(params) {
  const { encode } = await pixtext();
  if (params.image === TINY.id) {
    const image = tinyImage();
    return { run: repeated(params.calls, () => encode(image, params.format, { quality: 90 })), size: fileSize };
  }
  const image = readInput(imageOf(params), 'rgb');
  return { run: () => encode(image, params.format, { quality: 90 }), size: fileSize };
}

async function sharpDecode(params) {
  const sharp = (await import('sharp')).default;
  const bytes = buf(readInput(imageOf(params), params.format === 'jpeg' ? 'jpg' : params.format));
  return { run: () => sharp(bytes, { limitInputPixels: false }).raw().toBuffer(), size: (b) => b.length };
}

async function sharpEncode(params) {
  const sharp = (await import('sharp')).default;
  if (params.image === TINY.id) throw new Error('not measured: sharp encodes asynchronously, one call at a time is not comparable');
  const image = readInput(imageOf(params), 'rgb');
  const raw = { raw: { width: image.width, height: image.height, channels: 3 } };
  const data = buf(image.data);
  return {
    run: () => (params.format === 'png' ? sharp(data, raw).png() : sharp(data, raw).jpeg({ quality: 90 })).toBuffer(),
    size: fileSize,
  };
}

const png = {
  decode: {
    pixtext: pixtextDecode,
    pngjs: async (params) => {
      const { PNG } = (await import('pngjs')).default;
      const bytes = buf(readInput(imageOf(params), 'png'));
      return { run: () => PNG.sync.read(bytes), size: (p) => p.data.length };
    },
    'fast-png': async (params) => {
      const { decode } = await import('fast-png');
      const bytes = readInput(imageOf(params), 'png');
      return { run: () => decode(bytes), size: (p) => p.data.length };
    },
    'sharp (native)': sharpDecode,
  },
  encode: {
    pixtext: pixtextEncode,
    pngjs: async (params) => {
      const { PNG } = (await import('pngjs')).default;
      const { width, height, data } = readInput(imageOf(params), 'rgb');
      const options = { colorType: 2, inputColorType: 2, inputHasAlpha: false };
      return { run: () => PNG.sync.write({ width, height, data: buf(data) }, options), size: fileSize };
    },
    'fast-png': async (params) => {
      const { encode } = await import('fast-png');
      const { width, height, data } = readInput(imageOf(params), 'rgb');
      return { run: () => encode({ width, height, data, channels: 3, depth: 8 }), size: fileSize };
    },
    'sharp (native)': sharpEncode,
  },
};

const bmp = {
  decode: {
    pixtext: pixtextDecode,
    'bmp-js (+ ABGR→RGBA)': async (params) => {
      const bmpJs = (await import('bmp-js')).default;
      const bytes = buf(readInput(imageOf(params), 'bmp'));
      return {
        run: () => {
          const abgr = bmpJs.decode(bytes).data;
          const rgba = new Uint8Array(abgr.length);
          for (let i = 0; i < abgr.length; i += 4) {
            rgba[i] = abgr[i + 3];
            rgba[i + 1] = abgr[i + 2];
            rgba[i + 2] = abgr[i + 1];
            rgba[i + 3] = abgr[i];
          }
          return rgba;
        },
        size: (b) => b.length,
      };
    },
  },
  encode: {
    pixtext: pixtextEncode,
    'bmp-js (+ RGB→ABGR)': async (params) => {
      const bmpJs = (await import('bmp-js')).default;
      const { width, height, data } = readInput(imageOf(params), 'rgb');
      return { run: () => bmpJs.encode({ width, height, data: buf(rgbToAbgr(data)) }).data, size: fileSize };
    },
  },
};

const jpeg = {
  decode: {
    pixtext: pixtextDecode,
    'jpeg-js directly': async (params) => {
      const jpegJs = (await import('jpeg-js')).default;
      const bytes = readInput(imageOf(params), 'jpg');
      return {
        run: () => jpegJs.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 1000, maxMemoryUsageInMB: 4096 }),
        size: (p) => p.data.length,
      };
    },
    'sharp (native)': sharpDecode,
  },
  encode: {
    pixtext: pixtextEncode,
    // jpeg-js reads RGBA: given it ready-made (untimed), so the comparison charges pixtext's RGB→RGBA to pixtext.
    'jpeg-js directly': async (params) => {
      const jpegJs = (await import('jpeg-js')).default;
      const { width, height, data } = params.image === TINY.id ? tinyImage() : readInput(imageOf(params), 'rgb');
      const rgba = rgbToRgba(data);
      const once = () => jpegJs.encode({ width, height, data: rgba }, 90).data;
      return { run: params.image === TINY.id ? repeated(params.calls, once) : once, size: fileSize };
    },
    'sharp (native)': sharpEncode,
  },
};

const formats = { png, bmp, jpeg };

/** The peer `name` for `params` (format and op), or undefined. */
export const peer = (params, name) => formats[params.format]?.[params.op]?.[name];
/** The peers measured for `params`. */
export const peerNames = (params) => Object.keys(formats[params.format][params.op]);
