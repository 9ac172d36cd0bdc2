// createPixtext (docs/ARCHITECTURE.md#tree-shaking): the public functions bound to the features passed in (codecs,
// text forms beyond the envelope, mode conversion), each passed in and never registered globally, so a bundle holds
// exactly the features its code names. A feature that was not passed in is refused with ERR_UNSUPPORTED naming what
// to pass.
import { invalidArgument, notConfigured } from '../errors.js';
import type { FormatId, ImageCodec } from '../formats/codec.js';
import type { ConvertOptions } from '../pixel-modes/convert-options.js';
import type { PixelMode, RawImage } from '../raw-image.js';
import type { FitOptions } from '../resize/fit.js';
import { createFormSet } from '../text-forms/form.js';
import type { FormSet, TextFormHandler, TextInfo } from '../text-forms/form.js';
import { decodeWith, detectFormatWith, encodeWith } from './building-blocks.js';
import { createCodecSet } from './codec-set.js';
import type { CodecSet } from './codec-set.js';
import type { imageToText, textToImage, textToFile, decode, encode, detectFormat, inspect } from './default.js';
import type { ImageInput } from './image-to-text.js';
import { imageToTextWith, imageToTextWithReportWith } from './image-to-text.js';
import type { TextReport } from '../prepare/text-budget.js';
import type { DecodeOptions, EncodeOptions, ImageToTextOptions, TextToFileOptions, TextToImageOptions } from './options.js';
import { inspectWith, textToFileWith, textToImageWith } from './text-to-image.js';
import type { ImageFile } from './text-to-image.js';

/**
 * Options of {@link createPixtext}: what the instance can do beyond raw-pixel envelopes. Each feature left out is
 * `ERR_UNSUPPORTED` when asked for (the message names what to pass), and stays out of a bundle.
 */
export interface PixtextConfig {
  /**
   * The file codecs this instance can read and write, at most one per format, e.g. `[pngCodec, jpegCodec]`: for
   * file input, encoded payloads (`encoding: 'png'`, `'original'`, …), `decode`, `encode` and `textToFile`.
   * Defaults to none.
   */
  codecs?: readonly ImageCodec[] | undefined;
  /**
   * The text forms beyond the envelope, each at most once: `pilDumpForm` (Pillow dump JSON, `as: 'pil'`),
   * `dataUrlForm` (`as: 'data-url'`), `base64Form` (bare base64 of a file, `as: 'base64'`). Defaults to none: the
   * envelope only.
   */
  forms?: readonly TextFormHandler[] | undefined;
  /**
   * Mode conversion, for the `mode` options and for stored files whose format keeps the pixels in another mode
   * (BGR in a PNG, say): pass pixtext's `convert`. Defaults to none.
   */
  convert?: ConvertFunction | undefined;
  /** Pillow's thumbnail() for the `fit` options of `imageToText` and `textToFile`: pass pixtext's `fit`. Defaults to none. */
  fit?: FitFunction | undefined;
}

/**
 * The pixtext functions, bound to one instance's features: each is the top-level function of the same name (documented
 * there), limited to what the instance was given.
 */
export interface Pixtext {
  /** {@link imageToText}, with this instance's codecs, forms and conversion. */
  imageToText(input: ImageInput, options?: ImageToTextOptions): string;
  /** {@link imageToTextWithReport}, with this instance's codecs, forms, conversion and fit. */
  imageToTextWithReport(input: ImageInput, options?: ImageToTextOptions): { text: string; report: TextReport };
  /** {@link textToImage}, with this instance's codecs, forms and conversion. */
  textToImage(text: string, options?: TextToImageOptions): RawImage;
  /** {@link textToFile}, with this instance's codecs, forms and conversion. */
  textToFile(text: string, options?: TextToFileOptions): ImageFile;
  /** {@link decode}, with this instance's codecs and conversion. */
  decode(bytes: Uint8Array | ArrayBuffer, options?: DecodeOptions): RawImage;
  /** {@link encode}, with this instance's codecs. */
  encode(image: RawImage, format: FormatId, options?: EncodeOptions): Uint8Array;
  /** {@link detectFormat}, with this instance's codecs (PNG, JPEG and BMP are named even without their codec). */
  detectFormat(bytes: Uint8Array | ArrayBuffer): FormatId | undefined;
  /** {@link inspect}, with this instance's codecs and forms. */
  inspect(text: string): TextInfo;
}

/** The mode conversion an instance uses: pixtext's `convert`, or a function with its contract. */
export type ConvertFunction = (image: RawImage, mode: PixelMode, options?: ConvertOptions) => RawImage;

/** What fits images for an instance: pixtext's `fit`, or a function with its contract. */
export type FitFunction = (image: RawImage, options: FitOptions) => RawImage;

/** The features of one instance, checked. */
export interface Features {
  codecs: CodecSet;
  forms: FormSet;
  /** Converts between modes; throws `ERR_UNSUPPORTED` when the instance was made without `convert`. */
  convert: ConvertFunction;
  /** Fits an image in a box (the `fit` option); throws `ERR_UNSUPPORTED` when the instance was made without `fit`. */
  fit: FitFunction;
}

const noConvert: ConvertFunction = () => {
  throw notConfigured('Mode conversion', '{ convert }');
};

const noFit: FitFunction = () => {
  throw notConfigured('Fitting (the fit option)', '{ fit }');
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
  const { codecs = [], forms = [], convert = noConvert, fit = noFit } = config as Record<string, unknown>;
  if (typeof convert !== 'function') throw invalidArgument("a function (pixtext's convert)", 'convert', convert);
  if (typeof fit !== 'function') throw invalidArgument("a function (pixtext's fit)", 'fit', fit);
  return { codecs: createCodecSet(codecs), forms: createFormSet(forms), convert: convert as ConvertFunction, fit: fit as FitFunction };
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

/**
 * Creates the pixtext functions bound to the features passed in. With nothing, the instance reads and writes
 * raw-pixel envelopes only (ImageData and RawImage input, metadata, `maxPixels`), the smallest bundle; asking it for
 * a file, a mode conversion, a Pillow dump, a data URL or bare base64 is `ERR_UNSUPPORTED` naming what to pass.
 * The top-level `imageToText`, `textToImage`, … are such an instance with everything. Pure: calling it has no
 * effect beyond its result, so bundlers drop it, and every feature it names, when the result is unused.
 *
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for something that is not a codec or form, two codecs of one format,
 * a form given twice, or a `convert` that is not a function.
 * @example
 * ```ts
 * import { base64Form, convert, createPixtext, dataUrlForm, pilDumpForm, pngCodec } from 'pixtext';
 * // Raw-pixel envelopes only, no codec in the bundle:
 * const { imageToText, textToImage } = createPixtext();
 * // PNG files, data URLs and mode conversion, but no JPEG, BMP, Pillow dump or bare base64:
 * const png = createPixtext({ codecs: [pngCodec], forms: [dataUrlForm], convert });
 * png.imageToText(pngBytes, { as: 'data-url', mode: 'L' });
 * ```
 */
/* #__NO_SIDE_EFFECTS__ */
export function createPixtext(config: PixtextConfig = {}): Pixtext {
  const features = createFeatures(config);
  return {
    imageToText: (input, options) => imageToTextWith(features, input, options),
    imageToTextWithReport: (input, options) => imageToTextWithReportWith(features, input, options),
    textToImage: (text, options) => textToImageWith(features, text, options),
    textToFile: (text, options) => textToFileWith(features, text, options),
    decode: (bytes, options) => decodeWith(features, bytes, options),
    encode: (image, format, options) => encodeWith(features.codecs, image, format, options),
    detectFormat: (bytes) => detectFormatWith(features.codecs, bytes),
    inspect: (text) => inspectWith(features, text),
  };
}
