// The in-page half of bench/browser.mjs: plain browser JavaScript, loaded after the bundles that define the globals
// `pixtext` (the package's browser build), `fastBase64Js` and `fastBase64Wasm` (fast-base64's JS and WASM codecs).
// `benchSetup(spec)` makes the input and returns once it exists; each `benchRun()` runs the operation once and
// returns its wall time in ms, measured here with performance.now() so no page round trip is counted.
'use strict';

const MiB = 1024 * 1024;
let current; // { run, size }
let keep; // the last result, held so the engine cannot drop the work

/** Deterministic bytes (xorshift32 words): base64 and CRC-32 do not care what they hold. */
function pseudoRandomBytes(length) {
  const out = new Uint8Array(length);
  const words = new Int32Array(out.buffer, 0, length >>> 2);
  let s = 0x2545f491;
  for (let i = 0; i < words.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    words[i] = s;
  }
  return out;
}

/** An RGBA image of `mib` MiB: 1024 pixels wide, 256 rows per MiB. */
function rgbaImage(mib) {
  return { width: 1024, height: 256 * mib, mode: 'RGBA', data: pseudoRandomBytes(mib * MiB) };
}

/** A flat (sequential) copy of a string, as text arriving from fetch or a file is: concatenations are ropes. */
function flat(text) {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

/** Removes the engine's base64 methods, so the library takes its portable codec (as in older browsers). */
function removeNativeBase64() {
  delete Uint8Array.prototype.toBase64;
  delete Uint8Array.fromBase64;
}

const HEAD = '{"pixtext":1,"width":1024,"height":0,"mode":"RGBA","encoding":"raw","byteLength":0,"crc32":"00000000","data":"';

const WORKLOADS = {
  imageToText: {
    pixtext: (image) => () => pixtext.imageToText(image),
    'native toBase64 + concatenation': (image) => () => HEAD + image.data.toBase64() + '"}',
    'pixtext portable': (image) => (removeNativeBase64(), () => pixtext.imageToText(image)),
    'fast-base64/js + concatenation': (image) => () => HEAD + fastBase64Js.toBase64(image.data) + '"}',
    'fast-base64 (WASM) + concatenation': (image) => async () => HEAD + (await fastBase64Wasm.toBase64(image.data)) + '"}',
  },
  textToImage: {
    pixtext: (text) => () => pixtext.textToImage(text).data,
    'native fromBase64 + CRC-32': (text, payload) => () => {
      const bytes = Uint8Array.fromBase64(payload);
      pixtext.crc32(bytes);
      return bytes;
    },
    'pixtext portable': (text) => (removeNativeBase64(), () => pixtext.textToImage(text).data),
    'fast-base64/js + CRC-32': (text, payload) => () => {
      const bytes = fastBase64Js.toBytes(payload);
      pixtext.crc32(bytes);
      return bytes;
    },
    'fast-base64 (WASM) + CRC-32': (text, payload) => async () => {
      const bytes = await fastBase64Wasm.toBytes(payload);
      pixtext.crc32(bytes);
      return bytes;
    },
  },
  pngDecode: {
    pixtext: (png) => () => pixtext.decode(png).data,
    'createImageBitmap + getImageData': (png) => async () => {
      const bitmap = await createImageBitmap(new Blob([png], { type: 'image/png' }), {
        premultiplyAlpha: 'none',
        colorSpaceConversion: 'none',
      });
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d', { willReadFrequently: true });
      context.drawImage(bitmap, 0, 0);
      bitmap.close();
      return context.getImageData(0, 0, canvas.width, canvas.height).data;
    },
  },
};

const sizeOf = (result) => (typeof result === 'string' ? result.length : result.length);

window.benchSetup = async (spec) => {
  const make = WORKLOADS[spec.workload]?.[spec.peer];
  if (make === undefined) throw new Error(`no peer ${spec.peer} for ${spec.workload}`);
  if (spec.workload === 'imageToText') current = make(rgbaImage(spec.mib));
  else if (spec.workload === 'textToImage') {
    const text = flat(pixtext.imageToText(rgbaImage(spec.mib)));
    const start = text.indexOf('"data":"') + 8;
    current = make(text, text.slice(start, text.length - 2));
  } else {
    const response = await fetch(spec.url);
    current = make(new Uint8Array(await response.arrayBuffer()));
  }
  keep = await current(); // warm-up, and the size of what one run makes
  return { outputSize: sizeOf(keep) };
};

/** Drops the last result and collects, so the driver reads the baseline memory without it. */
window.benchClear = () => {
  keep = undefined;
  gc();
};

window.benchRun = async () => {
  const t0 = performance.now();
  keep = await current();
  return performance.now() - t0;
};
