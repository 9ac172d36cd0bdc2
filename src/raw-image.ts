import { PixtextError, describeValue, invalidArgument } from './errors.js';
import { MODE_TABLE, PIXEL_MODE_NAMES, bitsPerPixel, type PixelMode } from './pixel-modes/mode-table.js';

// The mode table lives with the conversions; these names have always been exported from here.
export { PIXEL_MODES, PIXEL_MODE_NAMES } from './pixel-modes/mode-table.js';
export type { PixelMode, PixelModeTable } from './pixel-modes/mode-table.js';

/** What a mode must be, for error messages: `one of 1, L, LA, …, RGBA16`. */
export const ONE_OF_MODES = `one of ${PIXEL_MODE_NAMES.join(', ')}`;

/**
 * An image in memory: rows top to bottom, no row padding except mode `1` (each row padded to a whole byte).
 * `palette` (mode `P` only) holds up to 256 entries of 4 bytes R,G,B,A, and every index used must be one of them;
 * without a palette, index i is grey i, as Pillow does.
 */
export interface RawImage {
  width: number;
  height: number;
  mode: PixelMode;
  data: Uint8Array;
  palette?: Uint8Array;
  /**
   * The EXIF Orientation (1–8) the pixels are to be shown with, as the file or text they came from says; left out
   * when there is none. Kept, not applied: `orientation: 'apply'` gives the pixels as shown instead.
   */
  orientation?: number;
}

/** The largest image accepted unless `maxPixels` says otherwise: 16,383 × 16,383, the same default as sharp. */
export const DEFAULT_MAX_PIXELS = 268_402_689;

/** Returns true when `value` names a pixel mode. */
export function isPixelMode(value: unknown): value is PixelMode {
  return typeof value === 'string' && Object.hasOwn(MODE_TABLE, value);
}

/** Bytes in one row of `width` pixels of `mode` (mode `1` packs 8 pixels a byte, rounded up). */
export function rowStride(mode: PixelMode, width: number): number {
  const bits = bitsPerPixel(mode);
  return bits === 1 ? Math.ceil(width / 8) : width * (bits >> 3);
}

/**
 * The bits of a mode `1` row's last byte that hold pixels (the rest is padding), e.g. 0b11100000 for width 3.
 * @example lastByteMask1(3) === 0xe0
 */
export function lastByteMask1(width: number): number {
  return (0xff00 >> (((width - 1) & 7) + 1)) & 0xff;
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
 * Checks that every pixel of a mode `P` image uses an index its palette has: an index past the palette has no colour
 * (PNG cannot store it, and other readers would each show it differently), so it is refused wherever an image
 * enters pixtext. Without a palette every index is grey i, and a full palette has all 256: no pass over the pixels.
 * @throws PixtextError `ERR_INVALID_IMAGE` naming the first bad index, its pixel and the palette size.
 * @example
 * ```ts
 * checkPaletteIndices({ width: 2, height: 1, mode: 'P', data: Uint8Array.of(0, 3), palette: new Uint8Array(8) });
 * // throws: the pixel at (1, 0) uses palette index 3 but the palette has 2 entries
 * ```
 */
export function checkPaletteIndices(image: RawImage, what = 'image'): void {
  const { data, palette, width } = image;
  if (image.mode !== 'P' || palette === undefined || palette.length >= 1024) return;
  const entries = palette.length >> 2;
  for (let i = 0; i < data.length; i++) {
    if (data[i]! >= entries) {
      throw new PixtextError(
        'ERR_INVALID_IMAGE',
        `Invalid ${what}: the pixel at (${i % width}, ${Math.floor(i / width)}) uses palette index ${data[i]} but the palette has ${entries} entries`,
      );
    }
  }
}

/**
 * Default `maxExpansion`: bytes of decoded pixels a decoder may return per byte of the file it read, beyond
 * {@link EXPANSION_ALLOWANCE_BYTES}. The real formats stay under it: deflate expands at most ~1,032:1 and a 1-bit
 * PNG unpacks 8 pixels a byte (8 × 1,032 = 8,256); GIF's LZW under ~2,730:1 (a 12-bit code gives at most 4,096
 * bytes); a JPEG spends at least 1 bit on each 8×8 block (under ~1,300:1 in RGB, whatever the subsampling); BMP RLE8
 * 255 pixels per 2 bytes. Files past it declare a huge image and hold almost no data (RLE end-of-bitmap, a tiny GIF
 * frame on a huge logical screen, VP8L codes of 0 bits a pixel): decompression bombs, whose output is the allocation.
 */
export const DEFAULT_MAX_EXPANSION = 8_256;

/**
 * Decoded pixel bytes any file may give whatever its size, on top of `maxExpansion` × its size: 48 MiB, more than
 * a 12-megapixel RGBA image (48,000,000 bytes), so a flat photo-sized picture a few hundred bytes long (lossy WebP's
 * arithmetic coder spends well under 1 bit a macroblock) is never refused.
 */
export const EXPANSION_ALLOWANCE_BYTES = 48 * 1024 * 1024;

/** Validates a `maxExpansion` option value. Defaults to {@link DEFAULT_MAX_EXPANSION}. */
export function resolveMaxExpansion(value: unknown, option = 'maxExpansion'): number {
  if (value === undefined) return DEFAULT_MAX_EXPANSION;
  if (value === Infinity || (typeof value === 'number' && Number.isFinite(value) && value >= 0)) return value;
  throw invalidArgument('a non-negative number or Infinity', option, value);
}

/**
 * Throws `ERR_TOO_LARGE` when a file of `inputBytes` bytes declares more decoded pixel bytes than
 * `maxExpansion` × `inputBytes` + {@link EXPANSION_ALLOWANCE_BYTES} (a decompression bomb). Codecs call it with
 * the header's values, with {@link checkPixelLimit}, before allocating the image. `Infinity` disables it.
 */
export function checkExpansion(width: number, height: number, mode: PixelMode, inputBytes: number, maxExpansion: number, where: string): void {
  const declared = byteLengthFor(mode, width, height);
  const allowed = maxExpansion * inputBytes + EXPANSION_ALLOWANCE_BYTES;
  if (declared > allowed) {
    throw new PixtextError(
      'ERR_TOO_LARGE',
      `${where} declares ${width}×${height} ${mode} = ${declared} bytes of pixels from a file of ${inputBytes} bytes, ` +
        `over maxExpansion ${maxExpansion} × ${inputBytes} + ${EXPANSION_ALLOWANCE_BYTES} bytes (a decompression bomb); ` +
        'pass a larger maxExpansion (Infinity disables the check) to decode it',
    );
  }
}

/** The limits every codec checks from the header before allocating: {@link checkPixelLimit} and {@link checkExpansion}. */
export function checkDecodeLimits(
  width: number,
  height: number,
  mode: PixelMode,
  input: Uint8Array,
  limits: { maxPixels: number; maxExpansion?: number | undefined },
  where: string,
): void {
  checkPixelLimit(width, height, limits.maxPixels, where, mode);
  checkExpansion(width, height, mode, input.length, limits.maxExpansion ?? DEFAULT_MAX_EXPANSION, where);
}

/**
 * Checks that `image` is a well-formed {@link RawImage} and returns it (for `P`, that every index is in its palette:
 * {@link checkPaletteIndices}).
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
    checkPaletteIndices(image as RawImage, what);
  }
  const { orientation } = image as Partial<RawImage>;
  if (orientation !== undefined && !(Number.isInteger(orientation) && orientation >= 1 && orientation <= 8)) {
    return must('orientation', 'an EXIF orientation, an integer from 1 to 8', orientation);
  }
  return image as RawImage;
}
