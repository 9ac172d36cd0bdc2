// The `fit` box option ({ width, height }) of fit, imageToText and textToFile, validated once at the boundary.
import { invalidArgument } from '../errors.js';
import { isJsonObject } from '../text-forms/json-scan.js';

/** The box `fit` shrinks an image into. */
export interface FitBox {
  /** The largest width, an integer ≥ 1. */
  width: number;
  /** The largest height, an integer ≥ 1. */
  height: number;
}

/**
 * Validates a fit box `{ width, height }`.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * resolveFitBox({ width: 1568, height: 1568 }, 'fit');
 * ```
 */
export function resolveFitBox(value: unknown, option: string): FitBox {
  const expected = 'an object { width, height } of integers from 1 to 2147483647';
  if (!isJsonObject(value)) throw invalidArgument(expected, option, value);
  const side = (key: 'width' | 'height'): number => {
    const v = value[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 0x7fff_ffff) return v;
    throw invalidArgument(expected, `${option}.${key}`, v);
  };
  return { width: side('width'), height: side('height') };
}

