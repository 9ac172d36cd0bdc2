// Direct loops for the most common conversions, a single pass with no intermediate row. Each gives exactly the
// bytes the generic RGBA-hub path gives (tests compare the two); they exist only for speed.
import type { PixelMode, RawImage } from '../raw-image.js';
import { paletteLookupTable } from './palette.js';
import { luma8 } from './rgba8-rows.js';

type DirectLoop = (src: Uint8Array, out: Uint8Array, pixels: number, image: RawImage) => void;

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
  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += 3, o += 4) {
    out[o] = src[i]!;
    out[o + 1] = src[i + 1]!;
    out[o + 2] = src[i + 2]!;
    out[o + 3] = 255;
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
const swap3: DirectLoop = (src, out, pixels) => {
  for (let p = 0, i = 0; p < pixels; p++, i += 3) {
    out[i] = src[i + 2]!;
    out[i + 1] = src[i + 1]!;
    out[i + 2] = src[i]!;
  }
};

/** RGBA ↔ BGRA. */
const swap4: DirectLoop = (src, out, pixels) => {
  for (let p = 0, i = 0; p < pixels; p++, i += 4) {
    out[i] = src[i + 2]!;
    out[i + 1] = src[i + 1]!;
    out[i + 2] = src[i]!;
    out[i + 3] = src[i + 3]!;
  }
};

const lumaOf = (step: number, blueFirst: boolean): DirectLoop => {
  const r = blueFirst ? 2 : 0;
  const b = blueFirst ? 0 : 2;
  return (src, out, pixels) => {
    for (let p = 0, i = 0; p < pixels; p++, i += step) out[p] = luma8(src[i + r]!, src[i + 1]!, src[i + b]!);
  };
};

const rgbaToLa: DirectLoop = (src, out, pixels) => {
  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += 4, o += 2) {
    out[o] = luma8(src[i]!, src[i + 1]!, src[i + 2]!);
    out[o + 1] = src[i + 3]!;
  }
};

const greyTo = (channels: 3 | 4): DirectLoop => (src, out, pixels) => {
  for (let p = 0, o = 0; p < pixels; p++, o += channels) {
    const v = src[p]!;
    out[o] = v;
    out[o + 1] = v;
    out[o + 2] = v;
    if (channels === 4) out[o + 3] = 255;
  }
};

const paletteTo = (channels: 3 | 4): DirectLoop => (src, out, pixels, image) => {
  const table = paletteLookupTable(image);
  for (let p = 0, o = 0; p < pixels; p++, o += channels) {
    const t = src[p]! * 4;
    out[o] = table[t]!;
    out[o + 1] = table[t + 1]!;
    out[o + 2] = table[t + 2]!;
    if (channels === 4) out[o + 3] = table[t + 3]!;
  }
};

const LOOPS: Partial<Record<`${PixelMode}>${PixelMode}`, DirectLoop>> = {
  'RGB>RGBA': addAlpha,
  'BGR>BGRA': addAlpha,
  'RGBA>RGB': dropAlpha,
  'BGRA>BGR': dropAlpha,
  'RGB>BGR': swap3,
  'BGR>RGB': swap3,
  'RGBA>BGRA': swap4,
  'BGRA>RGBA': swap4,
  'RGB>L': lumaOf(3, false),
  'BGR>L': lumaOf(3, true),
  'RGBA>L': lumaOf(4, false),
  'BGRA>L': lumaOf(4, true),
  'RGBA>LA': rgbaToLa,
  'L>RGB': greyTo(3),
  'L>BGR': greyTo(3),
  'L>RGBA': greyTo(4),
  'L>BGRA': greyTo(4),
  'P>RGB': paletteTo(3),
  'P>RGBA': paletteTo(4),
  'L>L16': widen,
  'LA>LA16': widen,
  'RGB>RGB16': widen,
  'RGBA>RGBA16': widen,
  'L16>L': narrow,
  'LA16>LA': narrow,
  'RGB16>RGB': narrow,
  'RGBA16>RGBA': narrow,
};

/**
 * Converts into `out` (already sized for `mode`) with a direct loop and returns true when one exists for this pair;
 * returns false otherwise. Callers must not use it when a background is to be composited.
 */
export function convertDirect(image: RawImage, mode: PixelMode, out: Uint8Array): boolean {
  const loop = LOOPS[`${image.mode}>${mode}`];
  if (loop === undefined) return false;
  loop(image.data, out, image.width * image.height, image);
  return true;
}
