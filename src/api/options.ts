// Options of the public functions, validated once at the boundary (docs/ARCHITECTURE.md#public-api). Everything below the API receives
// complete, checked values.
import { invalidArgument } from '../errors.js';
import { DEFAULT_COMPRESSION_LEVEL, DEFAULT_QUALITY, FORMAT_IDS, JPEG_SUBSAMPLINGS } from '../formats/codec.js';
import type { FormatId, JpegSubsampling } from '../formats/codec.js';
import { PIXEL_MODE_NAMES, resolveMaxExpansion, resolveMaxPixels } from '../raw-image.js';
import type { PixelMode } from '../raw-image.js';
import { isJsonObject } from '../text-forms/json-scan.js';
import { resolveFitBox } from '../resize/fit-box.js';
import { MODEL_PRESETS } from '../prepare/presets.js';
import type { PresetName } from '../prepare/presets.js';
import type { FitBox } from '../resize/fit-box.js';

/**
 * The text forms `imageToText` writes: `'envelope' | 'data-url' | 'base64' | 'pil'` and the model API image blocks
 * `'anthropic' | 'openai' | 'mcp'`.
 */
export const TEXT_FORMS = ['envelope', 'data-url', 'base64', 'pil', 'anthropic', 'openai', 'mcp'] as const;
/** One of {@link TEXT_FORMS}. */
export type TextForm = (typeof TEXT_FORMS)[number];

/** What the text carries: `'raw'` pixels, an encoded file, or `'original'` (the input file's own bytes). */
export const PAYLOAD_ENCODINGS = ['raw', 'png', 'jpeg', 'bmp', 'gif', 'webp', 'npy', 'original'] as const;
/** One of {@link PAYLOAD_ENCODINGS}. */
export type PayloadEncoding = (typeof PAYLOAD_ENCODINGS)[number];

export { DEFAULT_COMPRESSION_LEVEL, DEFAULT_QUALITY };

/** What to do with an EXIF orientation: `'keep'` it with the pixels, or `'apply'` it to them. */
export const ORIENTATION_CHOICES = ['keep', 'apply'] as const;
/** One of {@link ORIENTATION_CHOICES}. */
export type OrientationChoice = (typeof ORIENTATION_CHOICES)[number];

/** Options of `encode` (and of the encoding step of `imageToText` and `textToFile`). */
export interface EncodeOptions {
  /** JPEG quality, an integer 1–100. Defaults to 90. */
  quality?: number | undefined;
  /** PNG zlib level, an integer 0–9. Defaults to 6. */
  compressionLevel?: number | undefined;
  /** JPEG chroma subsampling `'4:4:4' | '4:2:2' | '4:2:0'`. Defaults to libjpeg's: 4:2:0 for colour, none for grey. */
  subsampling?: JpegSubsampling | undefined;
  /** JPEG: Huffman tables computed for the image (smaller file, two passes), as Pillow's `optimize`. Defaults to false. */
  optimize?: boolean | undefined;
  /** JPEG: progressive instead of baseline, as Pillow's `progressive`. Defaults to false. */
  progressive?: boolean | undefined;
}

/** Options of `decode`. */
export interface DecodeOptions {
  /** Largest width × height accepted, checked from the header before allocating. Defaults to 268,402,689; `Infinity` disables. */
  maxPixels?: number | undefined;
  /**
   * Most bytes of decoded pixels per byte of an image file, beyond a fixed 48 MiB: a file declaring more (a
   * decompression bomb, a huge image from a few bytes) is refused with `ERR_TOO_LARGE` before anything is
   * allocated. Defaults to 8,256 (a 1-bit PNG at deflate's best ratio); `Infinity` disables.
   */
  maxExpansion?: number | undefined;
  /** Convert the decoded image to this mode. Defaults to the file's native mode. */
  mode?: PixelMode | undefined;
  /**
   * JPEG only: decode at the smallest libjpeg scale (1/1, 1/2, 1/4 or 1/8) whose result is still at least this size,
   * in the DCT domain, with exactly the pixels of Pillow's `im.draft('RGB', (width, height))`. Other formats ignore
   * it. Defaults to the full size.
   */
  draft?: { width: number; height: number } | undefined;
  /**
   * The EXIF orientation of a JPEG, PNG or WebP file (or of a text): `'keep'` returns the pixels as stored with
   * `orientation` (1–8) on the image; `'apply'` returns exactly the pixels and size of Pillow's
   * `ImageOps.exif_transpose` and no `orientation`. Defaults to `'keep'`.
   */
  orientation?: OrientationChoice | undefined;
}

/** Options of `textToImage`. */
export interface TextToImageOptions extends Omit<DecodeOptions, 'draft'> {
  /**
   * Read the text as bare base64 of headerless pixels of this shape (numpy's `tobytes()`, an OpenCV frame in
   * `BGR`): rows top to bottom, no padding except mode `1`, 16-bit samples little-endian. The decoded byte count must
   * equal the shape's (`ERR_LENGTH_MISMATCH` names both). Defaults to none: the text's form is recognised.
   */
  raw?: { width: number; height: number; mode: PixelMode } | undefined;
}

/** Options of `imageToText`; `Id` adds the plug-in formats of a {@link createPixtext} instance to `encoding`. */
export interface ImageToTextOptions<Id extends string = FormatId> extends EncodeOptions {
  /** The text form. Defaults to `'envelope'`. */
  as?: TextForm | undefined;
  /**
   * What the text carries. Defaults to `'original'` (the file's own bytes) for file input and to `'raw'` (envelope)
   * or `'png'` for pixel input; the whole rule, with `mode`, `fit` and model blocks, is `defaultEncoding`
   * (docs/ARCHITECTURE.md#default-encoding-files-travel-as-files). `pil` is always raw. A plug-in codec's id is an
   * encoding for data URLs and bare base64.
   */
  encoding?: PayloadEncoding | Exclude<Id, FormatId> | undefined;
  /** Convert the image to this mode first. Defaults to the input's mode (a file's native mode). */
  mode?: PixelMode | undefined;
  /** A plain JSON object stored in the envelope's `metadata` (envelope only). Defaults to none. */
  metadata?: Readonly<Record<string, unknown>> | undefined;
  /** Largest width × height accepted. Defaults to 268,402,689; `Infinity` disables. */
  maxPixels?: number | undefined;
  /**
   * Most bytes of decoded pixels per byte of an image file, beyond a fixed 48 MiB: a file declaring more (a
   * decompression bomb, a huge image from a few bytes) is refused with `ERR_TOO_LARGE` before anything is
   * allocated. Defaults to 8,256 (a 1-bit PNG at deflate's best ratio); `Infinity` disables.
   */
  maxExpansion?: number | undefined;
  /**
   * Shrink the image to fit inside `{ width, height }` first, keeping its aspect ratio and never enlarging it, as
   * Pillow's `thumbnail()` (sizes and pixels; a JPEG decoded at a DCT scale first, as `draft()`), before `mode`.
   * Defaults to none. Not with `encoding: 'original'`.
   */
  fit?: FitBox | undefined;
  /**
   * The longest text to write, in characters. A text that would be longer is made to fit: a JPEG payload (also a
   * stored JPEG, then re-encoded) lowers its quality down to 30, then the image is made smaller (Pillow's
   * `thumbnail()`), with the quality raised again as far as the budget allows; a lossless payload is made smaller
   * only. An envelope records what was done in `metadata.textBudget`; `imageToTextWithReport` returns it.
   * `ERR_TOO_LARGE` names the shortest text reached when nothing fits. Defaults to no limit.
   */
  maxTextLength?: number | undefined;
  /**
   * A model API's limits in one word: `'anthropic'` or `'openai'` set `as`, `fit` and `maxTextLength` from
   * {@link MODEL_PRESETS}, and `orientation: 'apply'` (a model sees the picture as a person does), each overridden
   * by the option given explicitly. Defaults to none.
   */
  preset?: PresetName | undefined;
  /**
   * The input's EXIF orientation (a file's tag, a RawImage's `orientation`): `'keep'` stores it with the image (the
   * envelope's `orientation`, the EXIF of a PNG or JPEG payload); `'apply'` turns the pixels as Pillow's
   * `ImageOps.exif_transpose` does and stores none. Defaults to `'keep'`.
   */
  orientation?: OrientationChoice | undefined;
  /**
   * How a file carried as `'original'` (its own bytes) is checked before it goes into the text: `'decode'` decodes
   * it once and drops the pixels, so a damaged file is refused with its decoding error (`ERR_CORRUPT`,
   * `ERR_TRUNCATED`, …) instead of giving a text that looks fine; `'header'` reads only the header (width, height,
   * mode), about as fast as base64 itself, and a damaged body goes into the text unnoticed until it is decoded.
   * Other encodings decode the file anyway. Defaults to `'decode'`.
   */
  check?: OriginalCheck | undefined;
}

/** How `imageToText` checks a file it carries unchanged: see {@link ImageToTextOptions.check}. */
export type OriginalCheck = 'decode' | 'header';
const ORIGINAL_CHECKS: readonly OriginalCheck[] = ['decode', 'header'];

/** Options of `textToFile`; `Id` adds the plug-in formats of a {@link createPixtext} instance to `format`. */
export interface TextToFileOptions<Id extends string = FormatId> extends EncodeOptions {
  /** The file format wanted. Defaults to the format of the file the text holds, or `'png'` for raw pixels. */
  format?: Id | undefined;
  /** Largest width × height accepted. Defaults to 268,402,689; `Infinity` disables. */
  maxPixels?: number | undefined;
  /**
   * Most bytes of decoded pixels per byte of an image file, beyond a fixed 48 MiB: a file declaring more (a
   * decompression bomb, a huge image from a few bytes) is refused with `ERR_TOO_LARGE` before anything is
   * allocated. Defaults to 8,256 (a 1-bit PNG at deflate's best ratio); `Infinity` disables.
   */
  maxExpansion?: number | undefined;
  /** Shrink the image to fit inside `{ width, height }`, as `imageToText`'s `fit`. Defaults to none. */
  fit?: FitBox | undefined;
}

/** {@link EncodeOptions} with defaults applied. */
export interface ResolvedEncodeOptions {
  quality: number;
  compressionLevel: number;
  /** Left undefined: the JPEG encoder applies libjpeg's default. */
  subsampling: JpegSubsampling | undefined;
  optimize: boolean;
  progressive: boolean;
}

/** {@link DecodeOptions} with defaults applied. */
export interface ResolvedDecodeOptions {
  maxPixels: number;
  maxExpansion: number;
  mode: PixelMode | undefined;
  orientation: OrientationChoice;
  draft: { width: number; height: number } | undefined;
}

/** {@link ImageToTextOptions} with defaults applied, except `encoding`, whose default depends on the input. */
export interface ResolvedImageToTextOptions extends ResolvedEncodeOptions {
  as: TextForm;
  /** One of {@link PAYLOAD_ENCODINGS}, or a plug-in codec's id. */
  encoding: string | undefined;
  mode: PixelMode | undefined;
  metadata: Readonly<Record<string, unknown>> | undefined;
  maxPixels: number;
  maxExpansion: number;
  fit: FitBox | undefined;
  maxTextLength: number | undefined;
  orientation: OrientationChoice;
  check: OriginalCheck;
}

/** {@link TextToFileOptions} with defaults applied, except `format`. */
export interface ResolvedTextToFileOptions extends ResolvedEncodeOptions {
  /** A built-in format, or a plug-in codec's id. */
  format: string | undefined;
  maxPixels: number;
  maxExpansion: number;
  fit: FitBox | undefined;
}

function optionsObject(options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (!isJsonObject(options)) throw invalidArgument('an options object', 'options', options);
  return options;
}

/** `value` when it is one of `values`; undefined when it is undefined and not `required`. */
function oneOf<T extends string>(values: readonly T[], value: unknown, option: string, required?: boolean): T | undefined {
  if (value === undefined && !required) return undefined;
  if ((values as readonly unknown[]).includes(value)) return value as T;
  throw invalidArgument(`one of ${values.map((v) => `'${v}'`).join(', ')}`, option, value);
}

function integerIn(value: unknown, min: number, max: number, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw invalidArgument(`an integer from ${min} to ${max}`, option, value);
}

function booleanOption(value: unknown, fallback: boolean, option: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw invalidArgument('true or false', option, value);
}

const modeOption = (value: unknown): PixelMode | undefined => oneOf(PIXEL_MODE_NAMES, value, 'mode');

/** What an instance knows beyond the built-in ids: its plug-in codecs' ids. */
export type KnowsFormat = (id: string) => boolean;
const builtInOnly: KnowsFormat = () => false;

/** `value` when it is one of `values` or a format `knows`; undefined when it is undefined. */
function formatOrOneOf(values: readonly string[], knows: KnowsFormat, value: unknown, option: string, required?: boolean): string | undefined {
  if (typeof value === 'string' && !values.includes(value) && knows(value)) return value;
  return oneOf(values, value, option, required);
}

/**
 * Validates encode options and applies defaults.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * resolveEncodeOptions({ quality: 80 }); // { quality: 80, compressionLevel: 6, subsampling: undefined, optimize: false, progressive: false }
 * ```
 */
export function resolveEncodeOptions(options: unknown): ResolvedEncodeOptions {
  const o = optionsObject(options);
  return {
    quality: integerIn(o['quality'], 1, 100, DEFAULT_QUALITY, 'quality'),
    compressionLevel: integerIn(o['compressionLevel'], 0, 9, DEFAULT_COMPRESSION_LEVEL, 'compressionLevel'),
    subsampling: oneOf(JPEG_SUBSAMPLINGS, o['subsampling'], 'subsampling'),
    optimize: booleanOption(o['optimize'], false, 'optimize'),
    progressive: booleanOption(o['progressive'], false, 'progressive'),
  };
}

/**
 * Validates decode / textToImage options and applies defaults.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * resolveDecodeOptions(undefined); // { maxPixels: 268402689, maxExpansion: 8256, mode: undefined, draft: undefined, orientation: 'keep' }
 * ```
 */
export function resolveDecodeOptions(options: unknown): ResolvedDecodeOptions {
  const o = optionsObject(options);
  return {
    maxPixels: resolveMaxPixels(o['maxPixels']),
    maxExpansion: resolveMaxExpansion(o['maxExpansion']),
    mode: modeOption(o['mode']),
    draft: draftOption(o['draft']),
    orientation: oneOf(ORIENTATION_CHOICES, o['orientation'], 'orientation') ?? 'keep',
  };
}

/** A requested draft size: positive integer width and height (JPEG sides are at most 65,535). */
function draftOption(value: unknown): { width: number; height: number } | undefined {
  if (value === undefined) return undefined;
  const expected = 'an object { width, height } of integers from 1 to 65535';
  if (!isJsonObject(value)) throw invalidArgument(expected, 'draft', value);
  const side = (key: 'width' | 'height'): number => {
    const v = value[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535) return v;
    throw invalidArgument(expected, `draft.${key}`, v);
  };
  return { width: side('width'), height: side('height') };
}

/**
 * Validates imageToText options and applies defaults.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * resolveImageToTextOptions({ as: 'data-url' }).as === 'data-url';
 * ```
 */
export function resolveImageToTextOptions(options: unknown, knows: KnowsFormat = builtInOnly): ResolvedImageToTextOptions {
  const o = withPreset(optionsObject(options));
  const metadata = o['metadata'];
  if (metadata !== undefined && !isJsonObject(metadata)) {
    throw invalidArgument('a plain JSON object', 'metadata', metadata);
  }
  return {
    ...resolveEncodeOptions(o),
    as: oneOf(TEXT_FORMS, o['as'], 'as') ?? 'envelope',
    encoding: formatOrOneOf(PAYLOAD_ENCODINGS, knows, o['encoding'], 'encoding'),
    mode: modeOption(o['mode']),
    metadata: metadata as Readonly<Record<string, unknown>> | undefined,
    maxPixels: resolveMaxPixels(o['maxPixels']),
    maxExpansion: resolveMaxExpansion(o['maxExpansion']),
    fit: o['fit'] === undefined ? undefined : resolveFitBox(o['fit'], 'fit'),
    maxTextLength: maxTextLengthOption(o['maxTextLength']),
    orientation: oneOf(ORIENTATION_CHOICES, o['orientation'], 'orientation') ?? 'keep',
    check: oneOf(ORIGINAL_CHECKS, o['check'], 'check') ?? 'decode',
  };
}

/** The options with a `preset`'s values filled in where not given explicitly. */
function withPreset(o: Record<string, unknown>): Record<string, unknown> {
  const name = o['preset'];
  if (name === undefined) return o;
  if (typeof name !== 'string' || !Object.hasOwn(MODEL_PRESETS, name)) {
    throw invalidArgument(`one of ${Object.keys(MODEL_PRESETS).map((n) => `'${n}'`).join(', ')}`, 'preset', name);
  }
  const preset = MODEL_PRESETS[name as PresetName];
  const explicit = (key: string) => o[key] !== undefined;
  return {
    ...o,
    as: explicit('as') ? o['as'] : preset.as,
    fit: explicit('fit') ? o['fit'] : preset.fit,
    maxTextLength: explicit('maxTextLength') ? o['maxTextLength'] : preset.maxTextLength,
    orientation: explicit('orientation') ? o['orientation'] : preset.orientation,
  };
}

/** A `maxTextLength`: a positive integer of characters. */
function maxTextLengthOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  throw invalidArgument('a positive integer (characters)', 'maxTextLength', value);
}

/**
 * Validates textToFile options and applies defaults.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * resolveTextToFileOptions({ format: 'bmp' }).format === 'bmp';
 * ```
 */
export function resolveTextToFileOptions(options: unknown, knows: KnowsFormat = builtInOnly): ResolvedTextToFileOptions {
  const o = optionsObject(options);
  return {
    ...resolveEncodeOptions(o),
    format: formatOrOneOf(FORMAT_IDS, knows, o['format'] === 'jpg' ? 'jpeg' : o['format'], 'format'),
    maxPixels: resolveMaxPixels(o['maxPixels']),
    maxExpansion: resolveMaxExpansion(o['maxExpansion']),
    fit: o['fit'] === undefined ? undefined : resolveFitBox(o['fit'], 'fit'),
  };
}

/**
 * Validates a format argument: a built-in format, or a plug-in format `knows`.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * resolveFormat('jpeg'); // 'jpeg'; resolveFormat('tiff') throws ERR_INVALID_ARGUMENT without a TIFF plug-in
 * ```
 */
export function resolveFormat(value: unknown, knows: KnowsFormat = builtInOnly, option = 'format'): string {
  // 'jpg' is the file extension most people type: the same format, not a typo to refuse.
  return formatOrOneOf(FORMAT_IDS, knows, value === 'jpg' ? 'jpeg' : value, option, true)!;
}
