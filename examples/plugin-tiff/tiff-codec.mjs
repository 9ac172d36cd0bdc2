// A plug-in codec: TIFF through createPixtext({ codecs }), with the utif2 package doing the TIFF work. It is an
// ImageCodec<'tiff'> like pixtext's own codecs: an id of its own, magic bytes, a header, decode and encode, and
// every failure a PixtextError with a stable code.
import UTIF from 'utif2';
import { PixtextError } from 'pixtext';

/** utif2 works on ArrayBuffers: the bytes of a view, copied out only when the view is part of a larger buffer. */
const bufferOf = (bytes) =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

/** The first image directory, or ERR_CORRUPT: utif2 throws plain errors (or finds nothing) on a broken file. */
function firstIfd(bytes) {
  let ifds;
  try {
    ifds = UTIF.decode(bufferOf(bytes));
  } catch (cause) {
    throw new PixtextError('ERR_CORRUPT', `TIFF: ${cause?.message ?? cause}`, { cause });
  }
  const ifd = ifds?.[0];
  const width = ifd?.t256?.[0];
  const height = ifd?.t257?.[0];
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new PixtextError('ERR_CORRUPT', 'TIFF: the first image directory has no valid width and height');
  }
  return { ifd, width, height };
}

/** @type {import('pixtext').ImageCodec<'tiff'>} */
export const tiffCodec = {
  id: 'tiff',
  mimeType: 'image/tiff',
  extensions: ['tif', 'tiff'],
  // utif2 gives every TIFF as 8-bit RGBA, so that is the one mode decode returns and encode takes.
  encodableModes: ['RGBA'],
  sniff: (bytes) =>
    (bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a && bytes[3] === 0) ||
    (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === 0x2a),
  header(bytes) {
    const { width, height } = firstIfd(bytes);
    return { width, height, mode: 'RGBA' };
  },
  decode(bytes, options) {
    const { ifd, width, height } = firstIfd(bytes);
    // The size is checked from the header before utif2 allocates anything.
    if (width * height > options.maxPixels) {
      throw new PixtextError('ERR_TOO_LARGE', `TIFF image is ${width}×${height}, over maxPixels ${options.maxPixels}`);
    }
    let rgba;
    try {
      UTIF.decodeImage(bufferOf(bytes), ifd);
      rgba = UTIF.toRGBA8(ifd);
    } catch (cause) {
      throw new PixtextError('ERR_CORRUPT', `TIFF: ${cause?.message ?? cause}`, { cause });
    }
    if (rgba.length !== width * height * 4) throw new PixtextError('ERR_CORRUPT', 'TIFF: the image data is shorter than its size');
    return { width, height, mode: 'RGBA', data: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.length) };
  },
  encode(image) {
    if (image.mode !== 'RGBA') {
      throw new PixtextError('ERR_UNSUPPORTED', `This TIFF codec writes RGBA only, not ${image.mode}: convert(image, 'RGBA') first`);
    }
    return new Uint8Array(UTIF.encodeImage(image.data, image.width, image.height));
  },
};
