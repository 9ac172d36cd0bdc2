// The tiny application the bundling tests build (with esbuild and with Vite) and run in Chromium. It imports pixtext
// by name, as any app would, and exposes one function the test calls with fixture file names; everything it returns
// is plain JSON so the test can compare it with what Node computes for the same files.
import { PixtextError, encode, imageToText, textToImage, toImageData } from 'pixtext';

const FORMATS = ['png', 'bmp', 'jpeg'];

/** Runs `fn`, returning `{ ok }` or `{ error: { code, name } }` so failures compare as data. */
function attempt(fn) {
  try {
    return { ok: fn() };
  } catch (error) {
    if (error instanceof PixtextError) return { error: { code: error.code, name: error.name } };
    return { error: { code: 'UNEXPECTED', name: String(error && error.stack ? error.stack : error) } };
  }
}

// Bytes travel back to the test as hex: one string crosses the DevTools protocol far faster than an array of numbers,
// and a plain loop keeps the page's own base64 methods (whose calls the test counts) out of it.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function hex(bytes) {
  const parts = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = HEX[bytes[i]];
  return parts.join('');
}

function plainImage(image) {
  const plain = { width: image.width, height: image.height, mode: image.mode, data: hex(image.data) };
  if (image.palette !== undefined) plain.palette = hex(image.palette);
  return plain;
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetch ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Each fixture: file bytes → envelope text → RawImage → encoded as PNG, BMP and JPEG; plus a data-URL round trip. */
async function roundTrip(names) {
  const results = [];
  for (const name of names) {
    const bytes = await fetchBytes(`./fixtures/${name}`);
    const text = attempt(() => imageToText(bytes));
    const image = text.ok === undefined ? text : attempt(() => textToImage(text.ok));
    const encoded = {};
    for (const format of FORMATS) {
      encoded[format] = image.ok === undefined ? image : attempt(() => hex(encode(image.ok, format)));
    }
    const dataUrl = attempt(() => imageToText(bytes, { as: 'data-url', encoding: 'png' }));
    const fromDataUrl = dataUrl.ok === undefined ? dataUrl : attempt(() => plainImage(textToImage(dataUrl.ok)));
    const rgba = image.ok === undefined ? image : attempt(() => hex(toImageData(image.ok).data));
    results.push({
      name,
      text: text.ok ?? text.error,
      image: image.ok === undefined ? image : { ok: plainImage(image.ok) },
      encoded,
      dataUrlImage: fromDataUrl,
      rgba,
    });
  }
  return results;
}

/** `getImageData` output goes straight into imageToText, and toImageData output straight into putImageData. */
function imageDataInterop() {
  const width = 3;
  const height = 2;
  // Opaque pixels: a canvas stores premultiplied alpha, so only opaque pixels survive it exactly.
  const pixels = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 17, 34, 51, 255, 200, 100, 50, 255, 1, 2, 3, 255];
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.putImageData(new ImageData(new Uint8ClampedArray(pixels), width, height), 0, 0);
  const text = imageToText(context.getImageData(0, 0, width, height));
  const image = textToImage(text);
  const imageData = toImageData(image);
  context.clearRect(0, 0, width, height);
  context.putImageData(imageData, 0, 0);
  return {
    pixels,
    text,
    image: plainImage(image),
    isImageData: imageData instanceof ImageData,
    redrawn: Array.from(context.getImageData(0, 0, width, height).data),
  };
}

function environment() {
  return {
    buffer: typeof globalThis.Buffer,
    process: typeof globalThis.process,
    nativeToBase64: typeof Uint8Array.prototype.toBase64,
    nativeFromBase64: typeof Uint8Array.fromBase64,
  };
}

window.pixtextApp = { roundTrip, imageDataInterop, environment };
document.title = 'pixtext app ready';
