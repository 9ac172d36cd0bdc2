// A tiny stand-in codec for testing the API's plumbing apart from the real codecs. Its "files" are:
// the 8-byte PNG signature, width and height (uint32 big-endian), a mode index, then the raw pixels.
// Like real formats it keeps BGR/BGRA as RGB/RGBA, cannot hold LA16, and reads a P image back as L.
import { ErrorCode, PixtextError } from '../../src/errors.js';
import type { ImageCodec } from '../../src/formats/codec.js';
import { PIXEL_MODE_NAMES, byteLengthFor, checkPixelLimit } from '../../src/raw-image.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const HEADER = 17;

function swapRB(data: Uint8Array, channels: number): Uint8Array {
  const out = data.slice();
  for (let i = 0; i + 2 < out.length; i += channels) {
    out[i] = data[i + 2]!;
    out[i + 2] = data[i]!;
  }
  return out;
}

function readHeader(bytes: Uint8Array): { width: number; height: number; mode: PixelMode } {
  if (bytes.length < HEADER) throw new PixtextError(ErrorCode.TRUNCATED, 'fake: header cut short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mode = PIXEL_MODE_NAMES[bytes[16]!];
  if (mode === undefined) throw new PixtextError(ErrorCode.CORRUPT, 'fake: bad mode');
  return { width: view.getUint32(8), height: view.getUint32(12), mode };
}

export const calls = { decode: 0, header: 0, encode: 0 };

export const fakeCodec = {
  id: 'png',
  mimeType: 'image/x-fake',
  extensions: ['fake'],
  sniff: (bytes: Uint8Array) => SIGNATURE.every((b, i) => bytes[i] === b),
  header(bytes: Uint8Array) {
    calls.header++;
    return readHeader(bytes);
  },
  encodableModes: PIXEL_MODE_NAMES.filter((m) => m !== 'LA16'),
  decode(bytes: Uint8Array, options: { maxPixels: number }): RawImage {
    calls.decode++;
    const { width, height, mode } = readHeader(bytes);
    checkPixelLimit(width, height, options.maxPixels, 'fake header', mode);
    const data = bytes.slice(HEADER, HEADER + byteLengthFor(mode, width, height));
    if (data.length !== byteLengthFor(mode, width, height)) throw new PixtextError(ErrorCode.TRUNCATED, 'fake: data cut short');
    return { width, height, mode, data };
  },
  encode(image: RawImage): Uint8Array {
    calls.encode++;
    if (image.mode === 'LA16') throw new PixtextError(ErrorCode.UNSUPPORTED, "fake cannot hold LA16: convert to 'RGBA16' first");
    let { mode, data } = image;
    if (mode === 'BGR' || mode === 'BGRA') {
      data = swapRB(data, mode === 'BGR' ? 3 : 4);
      mode = mode === 'BGR' ? 'RGB' : 'RGBA';
    }
    // A palette is dropped and the indexes kept as grey, as some real formats read grey palettes back.
    if (mode === 'P') mode = 'L';
    const out = new Uint8Array(HEADER + data.length);
    out.set(SIGNATURE);
    const view = new DataView(out.buffer);
    view.setUint32(8, image.width);
    view.setUint32(12, image.height);
    out[16] = PIXEL_MODE_NAMES.indexOf(mode);
    out.set(data, HEADER);
    return out;
  },
} satisfies ImageCodec<'png'>;
