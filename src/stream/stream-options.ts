// Options of the streaming functions, validated once at the boundary. Streaming exists for texts longer than the
// engine's maximum string length, so that limit is part of the options, as an internal knob tests turn down to
// prove the over-the-limit paths at small sizes.
import { PixtextError, describeValue, invalidArgument } from '../errors.js';
import { PIXEL_MODE_NAMES, isPixelMode, resolveMaxPixels } from '../raw-image.js';
import type { PixelMode } from '../raw-image.js';

import { ENGINE_MAX_STRING_LENGTH } from '../engine-limits.js';

export { ENGINE_MAX_STRING_LENGTH };

/**
 * Characters per string a text stream yields unless `chunkLength` says otherwise: 4 MiB (3 MiB of pixels).
 * @example
 * ```ts
 * DEFAULT_CHUNK_LENGTH === 4_194_304;
 * ```
 */
export const DEFAULT_CHUNK_LENGTH = 4 * 1024 * 1024;

/**
 * Options of {@link imageToTextStream}.
 * @example
 * ```ts
 * const options: ImageToTextStreamOptions = { metadata: { path: 'scan.tif' }, chunkLength: 65536 };
 * ```
 */
export interface ImageToTextStreamOptions {
  /** What the envelope carries. Only `'raw'` pixels stream. Defaults to `'raw'`. */
  encoding?: 'raw' | undefined;
  /** Convert the image to this mode first (a converted copy is held in memory). Defaults to the image's own mode. */
  mode?: PixelMode | undefined;
  /** A plain JSON object stored in the envelope's `metadata`. Defaults to none. */
  metadata?: Readonly<Record<string, unknown>> | undefined;
  /** Largest width × height accepted. Defaults to 268,402,689; `Infinity` disables. */
  maxPixels?: number | undefined;
  /**
   * Most characters in one string of the stream, at least 4 (the payload is cut at multiples of 4 characters).
   * Defaults to 4,194,304 (4 MiB).
   */
  chunkLength?: number | undefined;
  /**
   * The longest string this engine can hold. Defaults to V8's 536,870,888.
   * @internal Lowered by tests to exercise over-the-limit paths with small images.
   */
  maxStringLength?: number | undefined;
}

/**
 * Options of {@link textToImageStream}.
 * @example
 * ```ts
 * const options: TextToImageStreamOptions = { maxPixels: Infinity, mode: 'RGB' };
 * ```
 */
export interface TextToImageStreamOptions {
  /** Largest width × height accepted, checked from the header before the payload is allocated. Defaults to 268,402,689; `Infinity` disables. */
  maxPixels?: number | undefined;
  /** Convert the image to this mode on the way out (a converted copy is made). Defaults to the envelope's mode. */
  mode?: PixelMode | undefined;
}

/**
 * Options of {@link readImageTextFile}: those of {@link textToImageStream}.
 * @example
 * ```ts
 * const options: ReadImageTextFileOptions = { maxPixels: 400_000_000 };
 * ```
 */
export interface ReadImageTextFileOptions extends TextToImageStreamOptions {
  /**
   * The longest string this engine can hold. Defaults to V8's 536,870,888.
   * @internal Lowered by tests to exercise over-the-limit paths with small images.
   */
  maxStringLength?: number | undefined;
}

/** {@link ImageToTextStreamOptions} with defaults applied. */
export interface ResolvedImageToTextStreamOptions {
  mode: PixelMode | undefined;
  metadata: Readonly<Record<string, unknown>> | undefined;
  maxPixels: number;
  /** Characters per yielded string, a multiple of 4, at most `maxStringLength`. */
  chunkLength: number;
  maxStringLength: number;
}

/** {@link TextToImageStreamOptions} with defaults applied. */
export interface ResolvedTextToImageStreamOptions {
  maxPixels: number;
  mode: PixelMode | undefined;
}

function optionsObject(options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidArgument('an options object', 'options', options);
  }
  return options as Record<string, unknown>;
}

function modeOption(value: unknown): PixelMode | undefined {
  if (value === undefined || isPixelMode(value)) return value;
  throw invalidArgument(`one of ${PIXEL_MODE_NAMES.map((m) => `'${m}'`).join(', ')}`, 'mode', value);
}

function integerAtLeast(value: unknown, min: number, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
  throw invalidArgument(`an integer of at least ${min}`, option, value);
}

/**
 * Validates imageToTextStream options and applies defaults.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`, `ERR_UNSUPPORTED` for an encoding other than `'raw'`
 * @example
 * ```ts
 * resolveImageToTextStreamOptions({ chunkLength: 10 }).chunkLength; // 8: whole quads
 * ```
 */
export function resolveImageToTextStreamOptions(options: unknown): ResolvedImageToTextStreamOptions {
  const o = optionsObject(options);
  const encoding = o['encoding'];
  if (encoding !== undefined && encoding !== 'raw') {
    throw new PixtextError(
      'ERR_UNSUPPORTED',
      `Only raw pixels stream (encoding 'raw'), not ${describeValue(encoding)}: an encoded file's text is at most 4/3 of its bytes, so use imageToText for it`,
    );
  }
  const metadata = o['metadata'];
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) {
    throw invalidArgument('a plain JSON object', 'metadata', metadata);
  }
  const maxStringLength = integerAtLeast(o['maxStringLength'], 4, ENGINE_MAX_STRING_LENGTH, 'maxStringLength');
  const chunkLength = integerAtLeast(o['chunkLength'], 4, DEFAULT_CHUNK_LENGTH, 'chunkLength');
  return {
    mode: modeOption(o['mode']),
    metadata: metadata as Readonly<Record<string, unknown>> | undefined,
    maxPixels: resolveMaxPixels(o['maxPixels']),
    chunkLength: Math.min(chunkLength, maxStringLength) - (Math.min(chunkLength, maxStringLength) % 4),
    maxStringLength,
  };
}

/**
 * Validates textToImageStream options and applies defaults.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * resolveTextToImageStreamOptions(undefined); // { maxPixels: 268402689, mode: undefined }
 * ```
 */
export function resolveTextToImageStreamOptions(options: unknown): ResolvedTextToImageStreamOptions {
  const o = optionsObject(options);
  return {
    maxPixels: resolveMaxPixels(o['maxPixels']),
    mode: modeOption(o['mode']),
  };
}

/**
 * Validates readImageTextFile options: `maxStringLength` with its default, and the rest for textToImageStream.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * resolveReadImageTextFileOptions({ maxPixels: 100 }); // { maxPixels: 100, maxStringLength: 536870888 }
 * ```
 */
export function resolveReadImageTextFileOptions(options: unknown): { maxStringLength: number } & TextToImageStreamOptions {
  const { maxStringLength, ...rest } = optionsObject(options);
  return {
    ...(rest as TextToImageStreamOptions),
    maxStringLength: integerAtLeast(maxStringLength, 4, ENGINE_MAX_STRING_LENGTH, 'maxStringLength'),
  };
}
