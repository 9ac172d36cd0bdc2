import { invalidArgument } from '../errors.js';

/**
 * Dithering methods for conversions to mode `1`, for validating user input.
 * @example
 * ```ts
 * if (DITHER_METHODS.includes(flag as DitherMethod)) convert(image, '1', { dither: flag as DitherMethod });
 * ```
 */
export const DITHER_METHODS = ['floyd-steinberg', 'none'] as const;
/** `'floyd-steinberg' | 'none'`: see {@link ConvertOptions.dither}. */
export type DitherMethod = (typeof DITHER_METHODS)[number];

/** The dithering of conversions to `1` when none is asked for: Pillow's default. */
const DEFAULT_DITHER: DitherMethod = 'floyd-steinberg';

/**
 * An opaque colour `[r, g, b]`, each an integer 0–255, to flatten alpha onto.
 * @example
 * ```ts
 * const white: BackgroundColor = [255, 255, 255];
 * ```
 */
export type BackgroundColor = readonly [r: number, g: number, b: number];

/**
 * Options of `convert`.
 *
 * @example
 * ```ts
 * convert(rgba, 'RGB', { background: [255, 255, 255] }); // flatten onto white
 * convert(grey, '1', { dither: 'none' });                   // threshold at 128
 * ```
 */
export interface ConvertOptions {
  /**
   * How a conversion to mode `1` picks black or white; ignored for every other target.
   * `'floyd-steinberg'` diffuses the error exactly as Pillow does; `'none'` makes a pixel white when its grey level
   * is at least 128, as Pillow's `convert('1', dither=Image.Dither.NONE)`. Defaults to `'floyd-steinberg'`.
   */
  dither?: DitherMethod;
  /**
   * An opaque `[r, g, b]` colour (integers 0–255) to composite the image over when the conversion drops alpha
   * (to `1`, `L`, `RGB`, `BGR`, `L16`, `RGB16`), giving the same pixels as Pillow's
   * `Image.alpha_composite(background, image)` followed by the conversion. Ignored when the target keeps alpha
   * (including `P`, whose palette holds alpha). For a 16-bit result of a 16-bit image each channel is widened as
   * `v × 257`. Defaults to none: alpha is simply dropped, as Pillow does.
   */
  background?: BackgroundColor;
}

/** {@link ConvertOptions} after validation. */
export interface ResolvedConvertOptions {
  dither: DitherMethod;
  background: BackgroundColor | undefined;
}

/**
 * Validates convert options once, at the public boundary.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` naming the bad option.
 */
export function resolveConvertOptions(options: unknown): ResolvedConvertOptions {
  if (options === undefined) return { dither: DEFAULT_DITHER, background: undefined };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidArgument('an options object', 'options', options);
  }
  const { dither, background } = options as ConvertOptions;
  if (dither !== undefined && !(DITHER_METHODS as readonly unknown[]).includes(dither)) {
    throw invalidArgument(`one of ${DITHER_METHODS.map((m) => `'${m}'`).join(', ')}`, 'options.dither', dither);
  }
  return { dither: dither ?? DEFAULT_DITHER, background: resolveBackground(background) };
}

function resolveBackground(value: unknown): BackgroundColor | undefined {
  if (value === undefined) return undefined;
  const isChannel = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 255;
  if (!Array.isArray(value) || value.length !== 3 || !value.every(isChannel)) {
    throw invalidArgument('[r, g, b] of integers 0-255', 'options.background', value);
  }
  const [r, g, b] = value as [number, number, number];
  return [r, g, b];
}
