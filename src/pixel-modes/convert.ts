import { PixtextError, invalidArgument } from '../errors.js';
import { ONE_OF_MODES, byteLengthFor, checkPixelLimit, isPixelMode, validateRawImage } from '../raw-image.js';
import type { PixelMode, RawImage } from '../raw-image.js';
import { resolveConvertOptions } from './convert-options.js';
import type { ConvertOptions } from './convert-options.js';
import { convertDirect } from './direct.js';
import { convertViaHub, dropsAlpha } from './hub.js';

export { DITHER_METHODS } from './convert-options.js';
export type { BackgroundColor, ConvertOptions, DitherMethod } from './convert-options.js';

/**
 * Converts `image` to pixel `mode`, following Pillow 9.4 wherever Pillow defines the conversion, so results can be
 * checked against it byte for byte. Width and height are unchanged; the result always has a fresh `data` array of
 * `byteLengthFor(mode, width, height)` bytes, and converting to the image's own mode returns such a copy (with a copy
 * of the palette; mode `1` padding bits copied as they are), never the image itself.
 *
 * - Colour → grey: Pillow's `(R·19595 + G·38470 + B·7471 + 0x8000) >> 16`; grey → colour replicates the level.
 * - → `1`: see {@link ConvertOptions.dither}. From colour the level is Pillow's `(R·299 + G·587 + B·114) / 1000`;
 *   `P` images are dithered too (Pillow only thresholds `P`; `dither: 'none'` matches it).
 * - Alpha: modes without it read as opaque; it is dropped only when the target has none, or composited over
 *   `options.background` when given. `LA`/`RGBA` ↔ each other keep it.
 * - `P` → any: through its palette (an index past it is `ERR_INVALID_IMAGE`, as everywhere); without a palette index i
 *   is the opaque grey `i, i, i`, as in Pillow's palette before one is set. → `P`: an exact palette of the image's distinct RGBA colours in order of first
 *   appearance, only when there are at most 256 (else `ERR_UNSUPPORTED`).
 * - `BGR`/`BGRA`: channel order only.
 * - Bit depth: 8 → 16 is `v × 257`; 16 → 8 keeps the high byte (as libpng and OpenCV, not Pillow 9.4's clipping of
 *   `I;16` → `L`). Between two 16-bit modes the conversion runs at 16 bits, with the same weights and rounding as at
 *   8 bits. Between depths it runs at 8 bits: a 16-bit source is first cut to its high bytes, an 8-bit result is
 *   widened last, so `RGB16 → L` equals `RGB16 → RGB → L`.
 *
 * @param image - A valid {@link RawImage}; `data` may be a view into a larger buffer.
 * @param mode - The target mode.
 * @param options - Dithering for `1` and a background to flatten alpha onto. Defaults to Floyd–Steinberg and none.
 * @returns A new image in `mode`.
 * @throws PixtextError `ERR_INVALID_IMAGE` for a malformed image, `ERR_INVALID_ARGUMENT` for a bad mode or option,
 *   `ERR_UNSUPPORTED` for → `P` with more than 256 distinct colours, `ERR_TOO_LARGE` when the result could not be
 *   held in memory (mode `1` → `RGBA16` grows 64-fold).
 *
 * @example
 * ```ts
 * import { convert } from 'pixtext';
 * const rgb = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 0, 255]) } as const;
 * convert(rgb, 'L').data;           // Uint8Array [76, 29]
 * convert(rgb, 'RGBA').data;        // Uint8Array [255, 0, 0, 255, 0, 0, 255, 255]
 * convert(rgb, '1', { dither: 'none' }).data; // Uint8Array [0]: both pixels are darker than 128
 * ```
 */
export function convert(image: RawImage, mode: PixelMode, options?: ConvertOptions): RawImage {
  const source = validateRawImage(image);
  if (!isPixelMode(mode)) throw invalidArgument(ONE_OF_MODES, 'mode', mode);
  const resolved = resolveConvertOptions(options);
  const { width, height } = source;

  // An image without pixels may still have a huge other side (0 × 2^32 is a valid RawImage): convert it as 0 × 0,
  // so its empty rows are never walked one by one.
  if ((width === 0 || height === 0) && width + height > 0) {
    return { ...convert({ ...source, width: 0, height: 0 }, mode, options), width, height };
  }

  if (source.mode === mode) {
    const copy: RawImage = { width, height, mode, data: source.data.slice() };
    if (source.palette !== undefined) copy.palette = source.palette.slice();
    return copy;
  }

  const data = allocate(source, mode);
  const composite = resolved.background !== undefined && dropsAlpha(mode);
  if (!composite && convertDirect(source, mode, data)) return { width, height, mode, data };
  const palette = convertViaHub(source, mode, data, resolved);
  return palette === undefined ? { width, height, mode, data } : { width, height, mode, data, palette };
}

/** The output array, refused cleanly when it cannot exist: converting can grow an image up to 64-fold. */
function allocate(source: RawImage, mode: PixelMode): Uint8Array {
  checkPixelLimit(source.width, source.height, Infinity, `Converting ${source.mode} to ${mode}`, mode);
  const length = byteLengthFor(mode, source.width, source.height);
  try {
    return new Uint8Array(length);
  } catch (cause) {
    const message = `Converting ${source.mode} to ${mode} needs ${length} bytes, too many to allocate`;
    throw new PixtextError('ERR_TOO_LARGE', message, { cause });
  }
}
