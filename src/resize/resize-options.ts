// The options of `resize`, validated once at the boundary (docs/ARCHITECTURE.md#errors).
import { invalidArgument } from '../errors.js';
import { resolveMaxPixels } from '../raw-image.js';
import { isJsonObject } from '../text-forms/json-scan.js';
import { RESIZE_FILTERS } from './filters.js';
import type { ResizeFilter } from './filters.js';

/** Options of `resize`. */
export interface ResizeOptions {
  /** The output width in pixels, an integer ≥ 1. Required. */
  width: number;
  /** The output height in pixels, an integer ≥ 1. Required. */
  height: number;
  /** The resampling filter. Defaults to `'lanczos'`. Modes `1` and `P` take only `'nearest'`. */
  filter?: ResizeFilter | undefined;
  /**
   * The source region to scale, `[left, top, right, bottom]` in source pixels (fractions allowed, held as 32-bit
   * floats as Pillow does), within the image. Defaults to the whole image.
   */
  box?: readonly [number, number, number, number] | undefined;
  /** Largest output (and intermediate) width × height accepted. Defaults to 268,402,689; `Infinity` disables. */
  maxPixels?: number | undefined;
}

/** {@link ResizeOptions} checked, with defaults applied; `box` is undefined when not given. */
export interface ResolvedResizeOptions {
  width: number;
  height: number;
  filter: ResizeFilter;
  box: readonly [number, number, number, number] | undefined;
  maxPixels: number;
}

const SIDE = 'an integer from 1 to 2147483647';

function side(value: unknown, option: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 0x7fff_ffff) return value;
  throw invalidArgument(SIDE, option, value);
}

function boxOption(value: unknown): readonly [number, number, number, number] | undefined {
  if (value === undefined) return undefined;
  const expected = 'an array [left, top, right, bottom] of 4 finite numbers';
  if (!Array.isArray(value) || value.length !== 4) throw invalidArgument(expected, 'box', value);
  value.forEach((v: unknown, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidArgument('a finite number', `box[${i}]`, v);
  });
  return [value[0], value[1], value[2], value[3]] as const;
}

/**
 * Validates resize options and applies defaults (the box is checked against the image later, as Pillow does).
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * resolveResizeOptions({ width: 2, height: 1 }).filter === 'lanczos';
 * ```
 */
export function resolveResizeOptions(options: unknown): ResolvedResizeOptions {
  if (!isJsonObject(options)) throw invalidArgument('an options object { width, height }', 'options', options);
  const filter = options['filter'];
  if (filter !== undefined && !(RESIZE_FILTERS as readonly unknown[]).includes(filter)) {
    throw invalidArgument(`one of ${RESIZE_FILTERS.map((f) => `'${f}'`).join(', ')}`, 'filter', filter);
  }
  return {
    width: side(options['width'], 'width'),
    height: side(options['height'], 'height'),
    filter: (filter as ResizeFilter | undefined) ?? 'lanczos',
    box: boxOption(options['box']),
    maxPixels: resolveMaxPixels(options['maxPixels']),
  };
}
