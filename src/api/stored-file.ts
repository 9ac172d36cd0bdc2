// Images stored as encoded files inside a text: encoding them so they come back exactly, and decoding them back to
// the mode the text declares. A format may keep an image in another mode than the one it was given (a BMP holds BGR
// as RGB, a JPEG holds grey as neutral colour); the declared mode is restored on read.
import { PixtextError } from '../errors.js';
import type { ImageCodec } from '../formats/codec.js';
import { checkPixelLimit } from '../raw-image.js';
import type { PixelMode, RawImage } from '../raw-image.js';
import type { CodecSet } from './codec-set.js';
import type { DeclaredImage } from '../text-forms/form.js';
import type { ConvertFunction } from './pixtext.js';
import type { ResolvedEncodeOptions } from './options.js';
import { encodeOriented } from './orientation.js';

// Decoded mode → declared modes it may be turned back into: byte-order swaps, and the same pixels held as grey,
// palette or bits. Anything else means the text contradicts itself.
const RESTORABLE: Partial<Record<PixelMode, readonly PixelMode[]>> = {
  RGB: ['BGR', 'L'],
  BGR: ['RGB'],
  RGBA: ['BGRA', 'LA'],
  BGRA: ['RGBA'],
  L: ['P', '1'],
  P: ['L', '1'],
  '1': ['L', 'P'],
};

const SWAPS = new Set(['RGB>BGR', 'BGR>RGB', 'RGBA>BGRA', 'BGRA>RGBA']);

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Turns a decoded image into the mode a text declares for it.
 * @throws PixtextError `ERR_ENVELOPE` when the mode cannot be the same pixels in another form
 * @example
 * ```ts
 * restoreMode(decodedRgb, 'BGR', 'png', convert); // the same pixels in B,G,R order
 * ```
 */
export function restoreMode(decoded: RawImage, mode: PixelMode, format: string, convert: ConvertFunction): RawImage {
  if (decoded.mode === mode) return decoded;
  if (!RESTORABLE[decoded.mode]?.includes(mode)) {
    throw new PixtextError(
      'ERR_ENVELOPE',
      `The stored ${format} file decodes to mode ${decoded.mode}, not the declared ${mode}`,
      { chunk: 'mode' },
    );
  }
  return convert(decoded, mode, { dither: 'none' });
}

/**
 * The first pixel (index in reading order) whose colour `restored` shows differently from `decoded`, or -1: both
 * compared as RGBA, so a grey, black-and-white or palette image is judged by what it shows, not by how it is held.
 */
function firstChangedPixel(decoded: RawImage, restored: RawImage, convert: ConvertFunction): number {
  const a = convert(decoded, 'RGBA').data;
  const b = convert(restored, 'RGBA').data;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i >>> 2;
  return -1;
}

/**
 * {@link restoreMode} for reading a text: a declared mode that cannot hold the stored file's pixels exactly (an RGB
 * file declared L, an L file declared 1) means the text contradicts itself, and is refused rather than converted.
 * @throws PixtextError `ERR_ENVELOPE` naming both modes and the first pixel that would change
 */
function restoreDeclared(decoded: RawImage, mode: PixelMode, format: string, convert: ConvertFunction): RawImage {
  const restored = restoreMode(decoded, mode, format, convert);
  if (restored === decoded || SWAPS.has(`${decoded.mode}>${mode}`)) return restored;
  const at = firstChangedPixel(decoded, restored, convert);
  if (at >= 0) {
    const where = `(${at % decoded.width}, ${Math.floor(at / decoded.width)})`;
    throw new PixtextError(
      'ERR_ENVELOPE',
      `Envelope declares mode ${mode} but its ${format} file holds mode ${decoded.mode} pixels that ${mode} cannot hold exactly (the pixel at ${where} would change)`,
      { chunk: 'mode' },
    );
  }
  return restored;
}

/**
 * Encodes `image` with `codec` so that decoding and {@link restoreMode} give it back exactly (JPEG: as exactly as
 * its quality allows).
 * @throws PixtextError `ERR_UNSUPPORTED` naming the conversion to ask for when the format cannot hold the image
 * @example
 * ```ts
 * encodeStored(bgrImage, pngCodec, { quality: 90, compressionLevel: 6 }, convert);
 * ```
 */
export function encodeStored(image: RawImage, codec: ImageCodec<string>, options: ResolvedEncodeOptions, convert: ConvertFunction): Uint8Array {
  const bytes = encodeOriented(codec, image, options);
  const stored = codec.header(bytes).mode;
  if (stored === image.mode || codec.id === 'jpeg' || SWAPS.has(`${stored}>${image.mode}`)) return bytes;
  // The format keeps the pixels in another form (e.g. a grey palette read back as L): make sure they come back.
  const back = restoreMode(codec.decode(bytes, { maxPixels: Infinity, maxExpansion: Infinity }), image.mode, codec.id, convert);
  if (!sameBytes(back.data, image.data) || !sameBytes(back.palette, image.palette)) {
    throw new PixtextError(
      'ERR_UNSUPPORTED',
      `${codec.id.toUpperCase()} reads this ${image.mode} image back as ${stored}: store it as png or raw, or convert(image, '${stored}') first`,
    );
  }
  return bytes;
}

/**
 * Decodes a stored file back to the image a text declares.
 * @throws PixtextError `ERR_ENVELOPE` (the file is not of the declared format or size, or holds pixels the declared
 * mode cannot hold exactly), `ERR_UNSUPPORTED` (no codec),
 * `ERR_TOO_LARGE`, and the codec's own errors
 * @example
 * ```ts
 * decodeStored(pngBytes, 'png', { width: 2, height: 1, mode: 'BGR' }, codecs, convert, 1e6);
 * ```
 */
export function decodeStored(
  bytes: Uint8Array,
  format: string,
  declared: DeclaredImage,
  codecs: CodecSet,
  convert: ConvertFunction,
  maxPixels: number,
  maxExpansion?: number,
): RawImage {
  checkPixelLimit(declared.width, declared.height, maxPixels, 'The envelope header', declared.mode);
  const actual = codecs.detect(bytes);
  if (actual !== format) {
    throw new PixtextError(
      'ERR_ENVELOPE',
      `Envelope encoding is ${format} but its data is ${actual === undefined ? 'not an image file pixtext knows' : `a ${actual} file`}`,
      { chunk: 'encoding' },
    );
  }
  const decoded = codecs.get(format).decode(bytes, { maxPixels, maxExpansion });
  if (decoded.width !== declared.width || decoded.height !== declared.height) {
    throw new PixtextError(
      'ERR_ENVELOPE',
      `Envelope declares ${declared.width}×${declared.height} but its ${format} file is ${decoded.width}×${decoded.height}`,
      { chunk: 'width' },
    );
  }
  // A .npy array holds channels, not colours: BGR pixels are stored in B,G,R order (OpenCV's arrays) and read back
  // under the RGB name, so the declared order names the same bytes rather than asking for a swap.
  if (format === 'npy' && SWAPS.has(`${decoded.mode}>${declared.mode}`)) return { ...decoded, mode: declared.mode };
  return restoreDeclared(decoded, declared.mode, format, convert);
}
