// EXIF orientation along the two flows: read from the file or text an image comes from, kept on the RawImage (and
// so in envelopes and in the PNG/JPEG/WebP files pixtext writes), or applied to the pixels as Pillow's
// ImageOps.exif_transpose does. Nothing drops an orientation silently: a target with no place for one refuses it.
import { PixtextError } from '../errors.js';
import type { CodecEncodeOptions, ImageCodec } from '../formats/codec.js';
import { applyOrientation } from '../formats/exif/transpose.js';
import type { RawImage } from '../raw-image.js';
import type { OrientationChoice } from './options.js';

/**
 * `image` with `orientation` (when there is one) kept on it, or applied to its pixels.
 * @example
 * ```ts
 * oriented(decoded, codec.orientation?.(bytes), 'apply'); // the pixels as exif_transpose shows them
 * ```
 */
export function oriented(image: RawImage, orientation: number | undefined, how: OrientationChoice): RawImage {
  if (orientation === undefined) {
    if (image.orientation === undefined) return image;
    const { orientation: _dropped, ...rest } = image;
    return rest;
  }
  if (how === 'apply') return applyOrientation(image, orientation);
  return image.orientation === orientation ? image : { ...image, orientation };
}

/**
 * Refuses an orientation a target cannot carry. Orientation 1 (the identity) changes no pixel and is let go.
 * @throws PixtextError `ERR_UNSUPPORTED` naming `orientation: 'apply'`
 * @example
 * ```ts
 * refuseOrientation(image.orientation, 'A Pillow dump');
 * ```
 */
export function refuseOrientation(orientation: number | undefined, target: string): void {
  if (orientation === undefined || orientation === 1) return;
  throw new PixtextError(
    'ERR_UNSUPPORTED',
    `${target} has no place for the image's EXIF orientation ${orientation}: ask for orientation: 'apply' (turn the pixels), or for a PNG or JPEG file or an envelope`,
  );
}

/**
 * Encodes `image` with `codec`, its orientation written into the file (PNG eXIf chunk, JPEG APP1 Exif, WebP EXIF). An image
 * without orientation is encoded by the codec alone, byte for byte.
 * @throws PixtextError `ERR_UNSUPPORTED` for an orientation other than 1 in a format pixtext writes none into, and
 * the codec's own errors
 * @example
 * ```ts
 * encodeOriented(pngCodec, { ...image, orientation: 6 }, options); // a PNG with an eXIf chunk
 * ```
 */
export function encodeOriented(codec: ImageCodec<string>, image: RawImage, options: CodecEncodeOptions): Uint8Array {
  const { orientation } = image;
  const add = codec.withOrientation;
  if (orientation !== undefined && add === undefined) refuseOrientation(orientation, `A ${codec.id} file pixtext writes`);
  const bytes = codec.encode(image, options);
  return orientation === undefined || add === undefined ? bytes : add(bytes, orientation);
}
