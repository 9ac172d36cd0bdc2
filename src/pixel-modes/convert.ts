import { ErrorCode, PixtextError, invalidArgument } from '../errors.js';
import { byteLengthFor, isPixelMode, PIXEL_MODE_NAMES, validateRawImage } from '../raw-image.js';
import type { PixelMode, RawImage } from '../raw-image.js';

/** Dithering used when converting to mode `1`. */
export const DITHER_METHODS = ['floyd-steinberg', 'none'] as const;
/** `'floyd-steinberg' | 'none'`. */
export type DitherMethod = (typeof DITHER_METHODS)[number];

/** Options of {@link convert}. */
export interface ConvertOptions {
  /** Only for conversions to mode `1`. Defaults to `'floyd-steinberg'` (as Pillow); `'none'` thresholds at 128. */
  dither?: DitherMethod;
  /**
   * An opaque `[r, g, b]` colour (integers 0–255) to composite the image over when alpha is dropped.
   * Defaults to none: alpha is simply dropped.
   */
  background?: readonly [number, number, number];
}

/**
 * Converts `image` to `mode`. Work in progress: only the identity conversion is available so far.
 * @throws PixtextError `ERR_UNSUPPORTED` for conversions not available yet.
 */
export function convert(image: RawImage, mode: PixelMode, options: ConvertOptions = {}): RawImage {
  const source = validateRawImage(image);
  if (!isPixelMode(mode)) throw invalidArgument(`one of ${PIXEL_MODE_NAMES.join(', ')}`, 'mode', mode);
  void options;
  if (source.mode === mode) {
    const copy: RawImage = { width: source.width, height: source.height, mode, data: source.data.slice() };
    if (source.palette !== undefined) copy.palette = source.palette.slice();
    return copy;
  }
  void byteLengthFor;
  throw new PixtextError(ErrorCode.UNSUPPORTED, `Converting ${source.mode} to ${mode} is not available yet`);
}
