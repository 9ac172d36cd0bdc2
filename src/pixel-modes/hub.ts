// The generic conversion path: every pair of modes goes through RGBA rows, 16-bit when both ends are 16-bit and
// 8-bit otherwise, so each mode needs only a reader and a writer instead of a loop per pair.
import { PIXEL_MODES } from '../raw-image.js';
import type { PixelMode, RawImage } from '../raw-image.js';
import { bilevelRowWriter } from './bilevel.js';
import { compositeRow16, compositeRow8 } from './composite.js';
import type { ResolvedConvertOptions } from './convert-options.js';
import { createPaletteBuilder } from './palette.js';
import { rgba16RowReader, rgba16RowWriter } from './rgba16-rows.js';
import type { Mode16 } from './rgba16-rows.js';
import { rgba8RowReader, rgba8RowWriter } from './rgba8-rows.js';
import type { DirectColorMode, Rgba8RowWriter } from './rgba8-rows.js';

const is16 = (mode: PixelMode): mode is Mode16 => PIXEL_MODES[mode].bitsPerSample === 16;

/** True when `mode` cannot hold alpha, so converting to it drops (or, with a background, flattens) alpha. */
export function dropsAlpha(mode: PixelMode): boolean {
  return !PIXEL_MODES[mode].alpha && mode !== 'P';
}

/**
 * Converts a validated `source` into `out` (already `byteLengthFor(mode, width, height)` bytes) row by row, with
 * one row of scratch memory. Returns the new palette when `mode` is `P`.
 * @throws PixtextError `ERR_UNSUPPORTED` for → `P` with more than 256 distinct colours.
 */
export function convertViaHub(
  source: RawImage,
  mode: PixelMode,
  out: Uint8Array,
  options: ResolvedConvertOptions,
): Uint8Array | undefined {
  if (is16(source.mode) && is16(mode)) {
    convertRows16(source as RawImage & { mode: Mode16 }, mode, out, options);
    return undefined;
  }
  return convertRows8(source, mode, out, options);
}

/** The 16-bit hub: RGBA16 rows, composited if the target drops alpha, written out. */
function convertRows16(source: RawImage & { mode: Mode16 }, mode: Mode16, out: Uint8Array, options: ResolvedConvertOptions) {
  const { width, height } = source;
  const read = rgba16RowReader(source);
  const write = rgba16RowWriter(mode, out, width);
  const background = dropsAlpha(mode) ? options.background : undefined;
  const row = new Uint16Array(width * 4);
  for (let y = 0; y < height; y++) {
    read(y, row);
    if (background !== undefined) compositeRow16(row, width, background);
    write(y, row);
  }
}

/** The 8-bit hub: RGBA8 rows, composited if the target drops alpha, written out; returns the palette for `P`. */
function convertRows8(source: RawImage, mode: PixelMode, out: Uint8Array, options: ResolvedConvertOptions) {
  const { width, height } = source;
  const read = rgba8RowReader(source);
  const background = dropsAlpha(mode) ? options.background : undefined;
  const builder = mode === 'P' ? createPaletteBuilder(width, source.mode) : undefined;
  const write: Rgba8RowWriter =
    builder !== undefined
      ? (y, row) => builder.writeRow(row, out, y * width)
      : mode === '1'
        ? bilevelRowWriter(out, width, options.dither)
        : rgba8RowWriter(mode as DirectColorMode, out, width);
  const row = new Uint8Array(width * 4);
  for (let y = 0; y < height; y++) {
    read(y, row);
    if (background !== undefined) compositeRow8(row, width, background);
    write(y, row);
  }
  return builder?.palette();
}
