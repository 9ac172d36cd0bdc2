// Pillow 9.4's Image.reduce((xscale, yscale), box) on 8-bit samples (src/_imaging.c _reduce, src/libImaging/Reduce.c):
// each output sample the mean of an xscale × yscale block of the box, the blocks at the right and bottom edges
// cut short (ImagingReduceCorners). Every variant there (1xN, Nx1, 2x2 … 5x5, NxN, corners) computes
// ((sum + n / 2) × multiplier) >> 24 in 32-bit unsigned integers, multiplier = (UINT32)(2^32 / (256 n)) divided
// in float (division_UINT32); the power-of-two variants' shifts are the same numbers.

/** division_UINT32(n, 8): the float quotient 2^32 / (n << 8), truncated. */
function multiplierFor(n: number): number {
  return Math.trunc(Math.fround(4294967296 / Math.fround(n * 256)));
}

/** An 8-bit image of interleaved samples. */
export interface Samples8 {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/**
 * Reduces the box `[left, top, right, bottom]` (whole pixels, inside the image) by `xscale × yscale`; the result is
 * ceil(boxWidth / xscale) × ceil(boxHeight / yscale).
 */
export function reduce8(src: Samples8, xscale: number, yscale: number, box: readonly [number, number, number, number]): Samples8 {
  const { data, width, channels } = src;
  const [left, top] = box;
  const boxWidth = box[2] - left;
  const boxHeight = box[3] - top;
  const outWidth = Math.ceil(boxWidth / xscale);
  const outHeight = Math.ceil(boxHeight / yscale);
  const out = new Uint8Array(outWidth * outHeight * channels);
  const sums = new Float64Array(channels);
  const stride = width * channels;
  for (let y = 0; y < outHeight; y++) {
    const y0 = top + y * yscale;
    const y1 = Math.min(y0 + yscale, top + boxHeight);
    for (let x = 0; x < outWidth; x++) {
      const x0 = left + x * xscale;
      const x1 = Math.min(x0 + xscale, left + boxWidth);
      const n = (x1 - x0) * (y1 - y0);
      sums.fill(0);
      for (let yy = y0; yy < y1; yy++) {
        for (let p = yy * stride + x0 * channels, end = yy * stride + x1 * channels; p < end; p += channels) {
          for (let c = 0; c < channels; c++) sums[c] = sums[c]! + data[p + c]!;
        }
      }
      const multiplier = multiplierFor(n);
      const amend = n >> 1;
      const o = (y * outWidth + x) * channels;
      for (let c = 0; c < channels; c++) out[o + c] = Math.floor((((sums[c]! + amend) * multiplier) % 4294967296) / 16777216); // UINT32 wraps, then >> 24
    }
  }
  return { data: out, width: outWidth, height: outHeight, channels };
}
