// The coefficient tables of one resampling pass, as Pillow 9.4 computes them (src/libImaging/Resample.c:
// precompute_coeffs and normalize_coeffs_8bpc). `in0`/`in1` are the box edges as C floats (float32).
import type { Kernel } from './filters.js';

/** Fixed-point bits of the 8-bit coefficients: 32 - 8 - 2, as Resample.c's PRECISION_BITS. */
export const PRECISION_BITS = 22;

/** The coefficients of one pass: for output index i, taps `weights[i*taps … i*taps+count-1]` from source `first`. */
export interface PassCoefficients {
  /** Coefficients per output sample (Pillow's ksize); unused entries are 0. */
  readonly taps: number;
  /** Per output index: the first source index (`bounds[2i]`) and the number of source samples (`bounds[2i+1]`). */
  readonly bounds: Int32Array;
  /** Normalised weights as doubles, `outSize × taps`. */
  readonly weights: Float64Array;
}

/**
 * Pillow's precompute_coeffs: a filter stretched by the scale when shrinking, centred on each output pixel's centre
 * mapped into the box, clipped to the source and normalised to sum 1.
 */
export function precomputeCoefficients(inSize: number, in0: number, in1: number, outSize: number, kernel: Kernel): PassCoefficients {
  // (double)(in1 - in0): the difference of two floats is a float in C.
  const scale = Math.fround(in1 - in0) / outSize;
  const filterScale = scale < 1.0 ? 1.0 : scale;
  const support = kernel.support * filterScale;
  const taps = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Float64Array(outSize * taps);
  const ss = 1.0 / filterScale;
  const { weight } = kernel;
  for (let xx = 0; xx < outSize; xx++) {
    const center = in0 + (xx + 0.5) * scale;
    let ww = 0.0;
    // (int) casts truncate toward zero.
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    const base = xx * taps;
    for (let x = 0; x < xmax; x++) {
      const w = weight((x + xmin - center + 0.5) * ss);
      weights[base + x] = w;
      ww += w;
    }
    if (ww !== 0.0) for (let x = 0; x < xmax; x++) weights[base + x] = weights[base + x]! / ww;
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax < 0 ? 0 : xmax;
  }
  return { taps, bounds, weights };
}

/** normalize_coeffs_8bpc: each weight × 2^22, rounded half away from zero and truncated as C's (int) cast. */
export function fixedPointWeights(weights: Float64Array): Int32Array {
  const out = new Int32Array(weights.length);
  const one = 1 << PRECISION_BITS;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    out[i] = w < 0 ? Math.trunc(-0.5 + w * one) : Math.trunc(0.5 + w * one);
  }
  return out;
}
