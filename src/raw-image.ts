import { PixtextError, describeValue, invalidArgument } from './errors.js';

/** What one pixel mode holds: channels per pixel, bits per sample, and whether the last channel is alpha. */
interface ModeInfo<Channels extends number, Bits extends number, Alpha extends boolean> {
  readonly channels: Channels;
  readonly bitsPerSample: Bits;
  readonly alpha: Alpha;
}

/** The type of {@link PIXEL_MODES}: every mode with its exact channel count, sample size and alpha. */
export interface PixelModeTable {
  readonly '1': ModeInfo<1, 1, false>;
  readonly L: ModeInfo<1, 8, false>;
  readonly LA: ModeInfo<2, 8, true>;
  readonly P: ModeInfo<1, 8, false>;
  readonly RGB: ModeInfo<3, 8, false>;
  readonly RGBA: ModeInfo<4, 8, true>;
  readonly BGR: ModeInfo<3, 8, false>;
  readonly BGRA: ModeInfo<4, 8, true>;
  readonly L16: ModeInfo<1, 16, false>;
  readonly LA16: ModeInfo<2, 16, true>;
  readonly RGB16: ModeInfo<3, 16, false>;
  readonly RGBA16: ModeInfo<4, 16, true>;
}

/** A pixel mode name: `'1' | 'L' | 'LA' | 'P' | 'RGB' | 'RGBA' | 'BGR' | 'BGRA' | 'L16' | 'LA16' | 'RGB16' | 'RGBA16'`. */
export type PixelMode = keyof PixelModeTable;

// Bits per pixel of each mode: all that sizes and validation need, apart from PIXEL_MODES so that a bundle which
// only checks and measures images does not carry the whole table. tests/raw-image.test.ts checks that the two agree.
const BITS_PER_PIXEL: Readonly<Record<PixelMode, number>> = {
  '1': 1,
  L: 8,
  LA: 16,
  P: 8,
  RGB: 24,
  RGBA: 32,
  BGR: 24,
  BGRA: 32,
  L16: 16,
  LA16: 32,
  RGB16: 48,
  RGBA16: 64,
};

/** Every mode, in table order. */
export const PIXEL_MODE_NAMES = Object.keys(BITS_PER_PIXEL) as PixelMode[];

/** What a mode must be, for error messages: `one of 1, L, LA, …, RGBA16`. */
export const ONE_OF_MODES = `one of ${PIXEL_MODE_NAMES.join(', ')}`;

// The table is spelled out in PixelModeTable; at run time it is built from the bits per pixel and the names, which
// end in `16` for 16-bit samples and hold an `A` exactly when the mode has alpha.
function modeTable(): PixelModeTable {
  const table: Record<string, ModeInfo<number, number, boolean>> = {};
  for (const mode of PIXEL_MODE_NAMES) {
    const bitsPerSample = mode === '1' ? 1 : mode.endsWith('16') ? 16 : 8;
    table[mode] = { channels: BITS_PER_PIXEL[mode] / bitsPerSample, bitsPerSample, alpha: mode.includes('A') };
  }
  return table as unknown as PixelModeTable;
}

/**
 * The pixel modes of a {@link RawImage} (docs/ARCHITECTURE.md#rawimage-and-pixel-modes). 16-bit modes hold little-endian samples, so a
 * `Uint16Array` view over `data` works on every platform JavaScript runs on.
 * @example
 * ```ts
 * PIXEL_MODES.LA16; // { channels: 2, bitsPerSample: 16, alpha: true }
 * ```
 */
export const PIXEL_MODES: PixelModeTable = /* @__PURE__ */ modeTable();

/**
 * An image in memory: rows top to bottom, no row padding except mode `1` (each row padded to a whole byte).
 * `palette` (mode `P` only) holds up to 256 entries of 4 bytes R,G,B,A; without one, index i is grey i, as Pillow does.
 */
export interface RawImage {
  width: number;
  height: number;
  mode: PixelMode;
  data: Uint8Array;
  palette?: Uint8Array;
}

/** The largest image accepted unless `maxPixels` says otherwise: 16,383 × 16,383, the same default as sharp. */
export const DEFAULT_MAX_PIXELS = 268_402_689;

/** Returns true when `value` names a pixel mode. */
export function isPixelMode(value: unknown): value is PixelMode {
  return typeof value === 'string' && Object.hasOwn(BITS_PER_PIXEL, value);
}

/** Bytes in one row of `width` pixels of `mode` (mode `1` packs 8 pixels a byte, rounded up). */
export function rowStride(mode: PixelMode, width: number): number {
  const bits = BITS_PER_PIXEL[mode];
  return bits === 1 ? Math.ceil(width / 8) : width * (bits >> 3);
}

/** Bytes `data` must hold for an image of this mode and size. */
export function byteLengthFor(mode: PixelMode, width: number, height: number): number {
  return rowStride(mode, width) * height;
}

/** Validates a `maxPixels` option value. Defaults to {@link DEFAULT_MAX_PIXELS}. */
export function resolveMaxPixels(value: unknown, option = 'maxPixels'): number {
  if (value === undefined) return DEFAULT_MAX_PIXELS;
  if (value === Infinity || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) return value;
  throw invalidArgument('a non-negative integer or Infinity', option, value);
}

/**
 * Throws `ERR_TOO_LARGE` when width × height exceeds `maxPixels`, or when the pixel data could not be held in one
 * typed array; `where` names the source (e.g. "PNG IHDR"). Call it with header values before allocating anything.
 */
export function checkPixelLimit(width: number, height: number, maxPixels: number, where: string, mode?: PixelMode): void {
  const pixels = width * height;
  if (pixels > maxPixels) {
    throw new PixtextError(
      'ERR_TOO_LARGE',
      `${where} declares ${width}×${height} = ${pixels} pixels, over maxPixels ${maxPixels}`,
    );
  }
  // 2^32 - 1 is well above any engine's typed-array limit on 32-bit length fields; beyond it we refuse cleanly.
  if (mode !== undefined && byteLengthFor(mode, width, height) > 0xffff_ffff) {
    throw new PixtextError('ERR_TOO_LARGE', `${where} declares ${width}×${height} pixels, too many to allocate`);
  }
}

/**
 * Checks that `image` is a well-formed {@link RawImage} and returns it.
 * @throws PixtextError `ERR_INVALID_IMAGE` naming what is wrong.
 * @example
 * ```ts
 * validateRawImage({ width: 1, height: 1, mode: 'L', data: new Uint8Array(2) }); // throws: data holds 2 bytes …
 * ```
 */
export function validateRawImage(image: unknown, what = 'image'): RawImage {
  const fail = (detail: string): never => {
    throw new PixtextError('ERR_INVALID_IMAGE', `Invalid ${what}: ${detail}`);
  };
  const must = (field: string, expected: string, value: unknown): never =>
    fail(`expected ${expected} for ${field} but received ${describeValue(value)}`);
  if (typeof image !== 'object' || image === null) return must(what, 'a RawImage object', image);
  const { width, height, mode, data, palette } = image as Partial<RawImage>;
  if (!Number.isSafeInteger(width) || (width as number) < 0) return must('width', 'a non-negative integer', width);
  if (!Number.isSafeInteger(height) || (height as number) < 0) return must('height', 'a non-negative integer', height);
  if (!isPixelMode(mode)) return must('mode', ONE_OF_MODES, mode);
  if (!(data instanceof Uint8Array)) return must('data', 'a Uint8Array', data);
  const expected = byteLengthFor(mode, width as number, height as number);
  if (data.length !== expected) return fail(`data holds ${data.length} bytes but a ${width}×${height} ${mode} image needs ${expected}`);
  if (palette !== undefined) {
    if (mode !== 'P') return fail(`only mode P has a palette, not ${mode}`);
    if (!(palette instanceof Uint8Array) || palette.length % 4 !== 0 || palette.length > 1024) {
      return must('palette', 'a Uint8Array of up to 256 RGBA entries', palette);
    }
  }
  return image as RawImage;
}
