// The `fit` option of imageToText and textToFile (docs/ARCHITECTURE.md#2-the-two-flows): Pillow's thumbnail() on the
// input. A JPEG file is decoded at the DCT scale Pillow's draft() picks for twice the thumbnail size first, with the
// box draft() returns, as thumbnail does (src/PIL/Image.py thumbnail, src/PIL/JpegImagePlugin.py draft).
import type { ImageCodec } from '../formats/codec.js';
import { draftScale } from '../formats/jpeg/decode.js';
import { checkPixelLimit } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import type { FitBox } from '../resize/fit-box.js';
import type { FitFunction } from '../api/pixtext.js';
import { thumbnailSize } from '../resize/thumbnail-size.js';

/** thumbnail's reducing_gap: draft() is asked for this many times the thumbnail size. */
const REDUCING_GAP = 2;

/**
 * Decodes a file and fits it in `box`; a JPEG through draft() as Pillow's thumbnail does. An image that fits is
 * decoded as it is.
 * @throws PixtextError the codec's errors, `ERR_TOO_LARGE`
 * @example
 * ```ts
 * decodeFitted(fit, jpegCodec, bytes, { width: 1568, height: 1568 }, 1e8);
 * ```
 */
export function decodeFitted(
  fit: FitFunction,
  codec: ImageCodec<string>,
  bytes: Uint8Array,
  box: FitBox,
  maxPixels: number,
  maxExpansion?: number,
): RawImage {
  const header = codec.header(bytes);
  checkPixelLimit(header.width, header.height, maxPixels, `The ${codec.id} header`, header.mode);
  const size = thumbnailSize(header.width, header.height, box.width, box.height);
  if (size === undefined) return codec.decode(bytes, { maxPixels, maxExpansion });
  if (codec.id !== 'jpeg') return fit(codec.decode(bytes, { maxPixels, maxExpansion }), { ...box, maxPixels });
  const request = { width: size[0] * REDUCING_GAP, height: size[1] * REDUCING_GAP };
  const scale = draftScale(header.width, header.height, request) as 1 | 2 | 4 | 8;
  const decoded = codec.decode(bytes, { maxPixels, maxExpansion, draft: request });
  // draft() returns the box of the whole picture in the scaled image: (0, 0, width / scale, height / scale).
  return fit(decoded, { ...box, maxPixels, draft: { width: header.width, height: header.height, scale } });
}

/**
 * Fits pixels in `box` (Pillow's thumbnail), after checking them against `maxPixels`.
 * @example
 * ```ts
 * fitPixels(fit, image, { width: 100, height: 100 }, Infinity);
 * ```
 */
export function fitPixels(fit: FitFunction, image: RawImage, box: FitBox, maxPixels: number): RawImage {
  checkPixelLimit(image.width, image.height, maxPixels, 'The input image', image.mode);
  return fit(image, { ...box, maxPixels });
}

/** Whether fitting a `width × height` image in `box` changes it. */
export const fitChanges = (width: number, height: number, box: FitBox | undefined): boolean =>
  box !== undefined && thumbnailSize(width, height, box.width, box.height) !== undefined;
