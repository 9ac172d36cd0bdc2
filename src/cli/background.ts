// `--background COLOR`: the colour alpha is flattened onto when the output cannot hold it (JPEG, or a --mode without
// alpha), read here so that a bad value is a usage error naming the flag, never the library's option name.
import type { PixelMode } from '../index.js';
import { usageError } from './args.js';

/** An opaque colour, as the library's `background` option takes it. */
export type Rgb = readonly [number, number, number];

const NAMED: Readonly<Record<string, Rgb>> = { white: [255, 255, 255], black: [0, 0, 0] };

/** The mode each alpha mode flattens to (P keeps alpha in its palette, so it becomes RGB). */
const FLATTENED: Readonly<Partial<Record<PixelMode, PixelMode>>> = {
  LA: 'L',
  RGBA: 'RGB',
  BGRA: 'BGR',
  LA16: 'L16',
  RGBA16: 'RGB16',
  P: 'RGB',
};

/**
 * Reads `--background`: `white`, `black`, `#rgb`, `#rrggbb` or `r,g,b` (each 0–255).
 *
 * @throws UsageError naming --background and the value.
 * @example
 * ```ts
 * backgroundValue('#ff8000'); // [255, 128, 0]
 * ```
 */
export function backgroundValue(value: string | boolean | undefined): Rgb | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim().toLowerCase();
  const refuse = (): never => {
    throw usageError('white, black, #rgb, #rrggbb or r,g,b with each 0-255', '--background', String(value));
  };
  if (Object.prototype.hasOwnProperty.call(NAMED, text)) return NAMED[text];
  if (/^#[0-9a-f]{3}$/.test(text)) return [1, 2, 3].map((i) => parseInt(text[i]!.repeat(2), 16)) as unknown as Rgb;
  if (/^#[0-9a-f]{6}$/.test(text)) return [1, 3, 5].map((i) => parseInt(text.slice(i, i + 2), 16)) as unknown as Rgb;
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== 3 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return refuse();
  return parts.map(Number) as unknown as Rgb;
}

/**
 * The mode to convert an image of `mode` to so that `format` can hold it after flattening onto a background: its
 * mode without alpha for JPEG, which has none; undefined when nothing needs flattening.
 *
 * @example
 * ```ts
 * flattenedMode('RGBA', 'jpeg'); // 'RGB'
 * flattenedMode('RGBA', 'png');  // undefined
 * ```
 */
export function flattenedMode(mode: PixelMode, format: string): PixelMode | undefined {
  return format === 'jpeg' ? FLATTENED[mode] : undefined;
}
