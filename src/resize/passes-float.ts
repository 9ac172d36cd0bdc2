// The two convolution passes over float samples with double coefficients (the 16-bit rule: Pillow's 8bpc passes
// with the weights unquantised and no rounding or clamping between the passes).
import type { PassCoefficients } from './coefficients.js';

/** Horizontal pass over rows `firstRow …` of `src` into `out` (`outWidth × outHeight`). */
export function horizontalFloat(
  src: Float64Array,
  inWidth: number,
  firstRow: number,
  out: Float64Array,
  outWidth: number,
  outHeight: number,
  channels: number,
  c: PassCoefficients,
): void {
  const { taps, bounds, weights } = c;
  const inStride = inWidth * channels;
  let o = 0;
  for (let yy = 0; yy < outHeight; yy++) {
    const row = (yy + firstRow) * inStride;
    for (let xx = 0; xx < outWidth; xx++) {
      const start = row + bounds[xx * 2]! * channels;
      const count = bounds[xx * 2 + 1]!;
      const kBase = xx * taps;
      for (let ch = 0; ch < channels; ch++) {
        let s = 0;
        for (let x = 0, p = start + ch; x < count; x++, p += channels) s += src[p]! * weights[kBase + x]!;
        out[o++] = s;
      }
    }
  }
}

/** Vertical pass of `src` (`width × any height`) into `out` (`width × outHeight`). */
export function verticalFloat(
  src: Float64Array,
  width: number,
  out: Float64Array,
  outHeight: number,
  channels: number,
  c: PassCoefficients,
): void {
  const { taps, bounds, weights } = c;
  const stride = width * channels;
  const acc = new Float64Array(stride);
  for (let yy = 0; yy < outHeight; yy++) {
    const ymin = bounds[yy * 2]!;
    const count = bounds[yy * 2 + 1]!;
    acc.fill(0);
    for (let y = 0; y < count; y++) {
      const w = weights[yy * taps + y]!;
      const row = (ymin + y) * stride;
      for (let i = 0; i < stride; i++) acc[i] = acc[i]! + src[row + i]! * w;
    }
    out.set(acc, yy * stride);
  }
}
