// Direct loops for the most common conversions, a single pass with no intermediate row. Each gives exactly the
// bytes the generic RGBA-hub path gives (tests compare the two); they exist only for speed.
import type { PixelMode, RawImage } from '../raw-image.js';
import { LITTLE_ENDIAN } from './byte-order.js';
import { paletteLookupTable } from './palette.js';
import { swapRedBlue3, swapRedBlue4 } from './red-blue.js';
import { luma8 } from './rgba8-rows.js';

/** Converts `pixels` pixels of `src` into `out`; a loop that returns false has declined, and the hub does it. */
type DirectLoop = (src: Uint8Array, out: Uint8Array, pixels: number, image: RawImage) => void | false;

// Whole-pixel 32-bit stores roughly halve the time of 4-channel loops; they need a 4-byte-aligned array and a
// little-endian platform (see byte-order.ts). convert always writes to a fresh, aligned array, so the loops that store
// words decline only on big-endian platforms.
const words = (bytes: Uint8Array, pixels: number): Uint32Array | undefined =>
  LITTLE_ENDIAN && bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, pixels) : undefined;

/** Same channels, 8 → 16 bits: each sample `v` becomes `v × 257`, the little-endian bytes `v, v`. */
const widen: DirectLoop = (src, out) => {
  const n = src.length;
  for (let i = 0, o = 0; i < n; i++, o += 2) {
    const v = src[i]!;
    out[o] = v;
    out[o + 1] = v;
  }
};

/** Same channels, 16 → 8 bits: each sample keeps its high (second) byte, as libpng and OpenCV do. */
const narrow: DirectLoop = (src, out) => {
  const n = out.length;
  for (let o = 0, i = 1; o < n; o++, i += 2) out[o] = src[i]!;
};

/** 3 → 4 channels, same order, opaque. */
const addAlpha: DirectLoop = (src, out, pixels) => {
  const out32 = words(out, pixels);
  if (out32 === undefined) return false;
  for (let p = 0, i = 0; p < pixels; p++, i += 3) {
    out32[p] = (src[i]! | (src[i + 1]! << 8) | (src[i + 2]! << 16) | 0xff000000) >>> 0;
  }
};

/** 4 → 3 channels, same order, alpha dropped. */
const dropAlpha: DirectLoop = (src, out, pixels) => {
  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += 4, o += 3) {
    out[o] = src[i]!;
    out[o + 1] = src[i + 1]!;
    out[o + 2] = src[i + 2]!;
  }
};

/** RGB ↔ BGR. */
const swap3: DirectLoop = (src, out, pixels) => swapRedBlue3(src, 0, out, 0, pixels);

/** RGBA ↔ BGRA. */
const swap4: DirectLoop = (src, out, pixels) => swapRedBlue4(src, 0, out, 0, pixels);

/** RGB → L with Pillow's luma. */
const rgbToLuma: DirectLoop = (src, out, pixels) => {
  for (let p = 0, i = 0; p < pixels; p++, i += 3) out[p] = luma8(src[i]!, src[i + 1]!, src[i + 2]!);
};

/** L → RGB (or BGR): the level replicated. */
const greyToRgb: DirectLoop = (src, out, pixels) => {
  for (let p = 0, o = 0; p < pixels; p++, o += 3) {
    const v = src[p]!;
    out[o] = v;
    out[o + 1] = v;
    out[o + 2] = v;
  }
};

/** L → RGBA: the level replicated, opaque. */
const greyToRgba: DirectLoop = (src, out, pixels) => {
  const out32 = words(out, pixels);
  if (out32 === undefined) return false;
  for (let p = 0; p < pixels; p++) out32[p] = (src[p]! * 0x010101 + 0xff000000) >>> 0;
};

/** P → RGBA through the palette's lookup table. */
const paletteToRgba: DirectLoop = (src, out, pixels, image) => {
  const out32 = words(out, pixels);
  if (out32 === undefined) return false;
  const table32 = new Uint32Array(paletteLookupTable(image).buffer, 0, 256);
  for (let p = 0; p < pixels; p++) out32[p] = table32[src[p]!]!;
};

// The pairs worth a loop of their own; every other pair (BGR↔BGRA, → LA, 16-bit grey with alpha, …) goes through
// the hub, which gives the same bytes a little more slowly.
const LOOPS: Partial<Record<`${PixelMode}>${PixelMode}`, DirectLoop>> = {
  'RGB>RGBA': addAlpha,
  'RGBA>RGB': dropAlpha,
  'RGB>BGR': swap3,
  'BGR>RGB': swap3,
  'RGBA>BGRA': swap4,
  'BGRA>RGBA': swap4,
  'RGB>L': rgbToLuma,
  'L>RGB': greyToRgb,
  'L>RGBA': greyToRgba,
  'P>RGBA': paletteToRgba,
  'L>L16': widen,
  'RGB>RGB16': widen,
  'RGBA>RGBA16': widen,
  'L16>L': narrow,
  'RGB16>RGB': narrow,
  'RGBA16>RGBA': narrow,
};

/**
 * Converts into `out` (already sized for `mode`) with a direct loop and returns true when one exists for this pair
 * and this platform; returns false otherwise. Callers must not use it when a background is to be composited.
 */
export function convertDirect(image: RawImage, mode: PixelMode, out: Uint8Array): boolean {
  const loop = LOOPS[`${image.mode}>${mode}`];
  return loop !== undefined && loop(image.data, out, image.width * image.height, image) !== false;
}
