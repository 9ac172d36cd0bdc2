// The two convolution passes over 8-bit samples, as Pillow 9.4's ImagingResampleHorizontal_8bpc and
// ImagingResampleVertical_8bpc (src/libImaging/Resample.c): integer weights of PRECISION_BITS fraction bits, a start
// of 1 << (PRECISION_BITS - 1) so the shift rounds half up, and clip8 (the shifted sum clamped to 0…255). Samples are
// interleaved, `channels` per pixel, each channel on its own (Pillow's bands), so BGR orders need no swap.
import { PRECISION_BITS } from './coefficients.js';

const HALF = 1 << (PRECISION_BITS - 1);

/** clip8: `ss >> PRECISION_BITS` clamped to a byte. `>>` wraps as C's int arithmetic would. */
const clip8 = (ss: number): number => {
  const v = ss >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
};

/**
 * Horizontal pass: rows `firstRow … firstRow + outHeight - 1` of `src` (width `inWidth`) into `out`
 * (`outWidth × outHeight`).
 */
export function horizontal8(
  src: Uint8Array,
  inWidth: number,
  firstRow: number,
  out: Uint8Array,
  outWidth: number,
  outHeight: number,
  channels: number,
  taps: number,
  bounds: Int32Array,
  k: Int32Array,
): void {
  const inStride = inWidth * channels;
  for (let yy = 0; yy < outHeight; yy++) {
    const row = (yy + firstRow) * inStride;
    let o = yy * outWidth * channels;
    if (channels === 3) {
      for (let xx = 0; xx < outWidth; xx++) {
        const xmin = bounds[xx * 2]!;
        const count = bounds[xx * 2 + 1]!;
        const kBase = xx * taps;
        let s0 = HALF;
        let s1 = HALF;
        let s2 = HALF;
        let p = row + xmin * 3;
        for (let x = 0; x < count; x++, p += 3) {
          const w = k[kBase + x]!;
          s0 += src[p]! * w;
          s1 += src[p + 1]! * w;
          s2 += src[p + 2]! * w;
        }
        out[o++] = clip8(s0);
        out[o++] = clip8(s1);
        out[o++] = clip8(s2);
      }
    } else if (channels === 4) {
      for (let xx = 0; xx < outWidth; xx++) {
        const xmin = bounds[xx * 2]!;
        const count = bounds[xx * 2 + 1]!;
        const kBase = xx * taps;
        let s0 = HALF;
        let s1 = HALF;
        let s2 = HALF;
        let s3 = HALF;
        let p = row + xmin * 4;
        for (let x = 0; x < count; x++, p += 4) {
          const w = k[kBase + x]!;
          s0 += src[p]! * w;
          s1 += src[p + 1]! * w;
          s2 += src[p + 2]! * w;
          s3 += src[p + 3]! * w;
        }
        out[o++] = clip8(s0);
        out[o++] = clip8(s1);
        out[o++] = clip8(s2);
        out[o++] = clip8(s3);
      }
    } else {
      for (let xx = 0; xx < outWidth; xx++) {
        const xmin = bounds[xx * 2]!;
        const count = bounds[xx * 2 + 1]!;
        const kBase = xx * taps;
        for (let c = 0; c < channels; c++) {
          let s = HALF;
          let p = row + xmin * channels + c;
          for (let x = 0; x < count; x++, p += channels) s += src[p]! * k[kBase + x]!;
          out[o++] = clip8(s);
        }
      }
    }
  }
}

/**
 * Vertical pass: `src` (`width × any height`) into `out` (`width × outHeight`), output row yy summing source rows
 * `bounds[2yy] …`. Sums are exact integers in doubles, so accumulating row by row (faster in JavaScript than
 * Pillow's column order) gives Pillow's sums.
 */
export function vertical8(
  src: Uint8Array,
  width: number,
  out: Uint8Array,
  outHeight: number,
  channels: number,
  taps: number,
  bounds: Int32Array,
  k: Int32Array,
): void {
  const stride = width * channels;
  const acc = new Float64Array(stride);
  for (let yy = 0; yy < outHeight; yy++) {
    const ymin = bounds[yy * 2]!;
    const count = bounds[yy * 2 + 1]!;
    const kBase = yy * taps;
    acc.fill(HALF);
    for (let y = 0; y < count; y++) {
      const w = k[kBase + y]!;
      if (w === 0) continue;
      const row = (ymin + y) * stride;
      for (let i = 0; i < stride; i++) acc[i] = acc[i]! + src[row + i]! * w;
    }
    const o = yy * stride;
    for (let i = 0; i < stride; i++) out[o + i] = clip8(acc[i]!);
  }
}
