// What one pixtext instance can do beyond raw-pixel envelopes: codecs, text forms and mode conversion, each passed
// to createPixtext and never registered globally, so a bundle holds exactly the features its code names. A feature
// that was not passed in is refused with ERR_UNSUPPORTED naming what to pass.
import { invalidArgument } from '../errors.js';
import type { ConvertOptions } from '../pixel-modes/convert-options.js';
import type { PixelMode, RawImage } from '../raw-image.js';
import { createCodecSet } from './codec-set.js';
import type { CodecSet } from './codec-set.js';
import { createFormSet } from '../text-forms/form.js';
import type { FormSet } from '../text-forms/form.js';
import { notConfigured } from './not-configured.js';

/** The mode conversion an instance uses: pixtext's `convert`, or a function with its contract. */
export type ConvertFunction = (image: RawImage, mode: PixelMode, options?: ConvertOptions) => RawImage;

/** The features of one instance, checked. */
export interface Features {
  codecs: CodecSet;
  forms: FormSet;
  /** Converts between modes; throws `ERR_UNSUPPORTED` when the instance was made without `convert`. */
  convert: ConvertFunction;
}

const noConvert: ConvertFunction = () => {
  throw notConfigured('Mode conversion', '{ convert }');
};

/**
 * Checks a createPixtext configuration and builds its look-ups.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for a configuration that is not an object, a codec or form that is not
 * one, two of the same kind, or a `convert` that is not a function.
 * @example
 * ```ts
 * const features = createFeatures({ codecs: [pngCodec], convert });
 * ```
 */
export function createFeatures(config: unknown): Features {
  if (typeof config !== 'object' || config === null) throw invalidArgument('a configuration object', 'config', config);
  const { codecs = [], forms = [], convert = noConvert } = config as Record<string, unknown>;
  if (typeof convert !== 'function') throw invalidArgument("a function (pixtext's convert)", 'convert', convert);
  return { codecs: createCodecSet(codecs), forms: createFormSet(forms), convert: convert as ConvertFunction };
}

/**
 * `image` in `mode`: converted with the instance's `convert` when the mode differs, as it is when `mode` is undefined.
 * @throws PixtextError `ERR_UNSUPPORTED` when a conversion is needed and the instance was made without `convert`
 * @example
 * ```ts
 * inMode(features, decoded, options.mode);
 * ```
 */
export function inMode(features: Features, image: RawImage, mode: PixelMode | undefined): RawImage {
  return mode === undefined || mode === image.mode ? image : features.convert(image, mode);
}
