// The two-pass convolution resize of Pillow 9.4's ImagingResampleInner (src/libImaging/Resample.c): coefficients
// for both axes first; a horizontal pass only when the width or the box's horizontal edges ask for one, over just
// the source rows the vertical pass will read (bounds_vert[0] to the last row's end); then the vertical pass, over
// the horizontal result, only when the height or the box's vertical edges ask for one.
import { PixtextError } from '../errors.js';
import { fixedPointWeights, precomputeCoefficients } from './coefficients.js';
import type { PassCoefficients } from './coefficients.js';
import type { Kernel } from './filters.js';
import { horizontal8, vertical8 } from './passes-8bit.js';
import { horizontalFloat, verticalFloat } from './passes-float.js';

/** Box edges as C floats (float32 values): left, top, right, bottom in source pixels. */
export type Box = readonly [number, number, number, number];

/** What one resampling call works on: interleaved samples, `channels` a pixel. */
export interface ResampleJob {
  readonly inWidth: number;
  readonly inHeight: number;
  readonly channels: number;
  readonly outWidth: number;
  readonly outHeight: number;
  readonly kernel: Kernel;
  readonly box: Box;
  /** The largest intermediate image (pixels) allowed; `ERR_TOO_LARGE` beyond it. */
  readonly maxPixels: number;
}

/** The coefficients and the rows of the plan Pillow follows for a job. */
interface Plan {
  needHorizontal: boolean;
  needVertical: boolean;
  horizontal: PassCoefficients;
  vertical: PassCoefficients;
  /** The first and one past the last source row the vertical pass reads. */
  firstRow: number;
  endRow: number;
}

function plan(job: ResampleJob): Plan {
  const { inWidth, inHeight, outWidth, outHeight, kernel, box } = job;
  // Resample.c compares box[2] and box[3] with the output size, as written there.
  const needHorizontal = outWidth !== inWidth || box[0] !== 0 || box[2] !== outWidth;
  const needVertical = outHeight !== inHeight || box[1] !== 0 || box[3] !== outHeight;
  const horizontal = precomputeCoefficients(inWidth, box[0], box[2], outWidth, kernel);
  const vertical = precomputeCoefficients(inHeight, box[1], box[3], outHeight, kernel);
  const b = vertical.bounds;
  const firstRow = b[0]!;
  const endRow = b[outHeight * 2 - 2]! + b[outHeight * 2 - 1]!;
  if (needHorizontal) {
    const rows = endRow - firstRow;
    if (outWidth * rows > job.maxPixels) {
      throw new PixtextError(
        'ERR_TOO_LARGE',
        `Resizing needs an intermediate image of ${outWidth}×${rows} = ${outWidth * rows} pixels, over maxPixels ${job.maxPixels}`,
      );
    }
    // The vertical pass reads the horizontal result, whose row 0 is source row firstRow.
    for (let i = 0; i < outHeight; i++) b[i * 2] = b[i * 2]! - firstRow;
  }
  return { needHorizontal, needVertical, horizontal, vertical, firstRow, endRow };
}

/** Resizes 8-bit samples exactly as Pillow's 8bpc passes do. Returns a new array. */
export function resample8(src: Uint8Array, job: ResampleJob): Uint8Array {
  const p = plan(job);
  const { channels, outWidth, outHeight } = job;
  let current = src;
  let width = job.inWidth;
  if (p.needHorizontal) {
    const rows = p.endRow - p.firstRow;
    const temp = new Uint8Array(outWidth * rows * channels);
    const k = fixedPointWeights(p.horizontal.weights);
    horizontal8(src, job.inWidth, p.firstRow, temp, outWidth, rows, channels, p.horizontal.taps, p.horizontal.bounds, k);
    current = temp;
    width = outWidth;
  }
  if (p.needVertical) {
    const out = new Uint8Array(width * outHeight * channels);
    const k = fixedPointWeights(p.vertical.weights);
    vertical8(current, width, out, outHeight, channels, p.vertical.taps, p.vertical.bounds, k);
    return out;
  }
  return current === src ? src.slice() : current;
}

/**
 * Resizes samples held as floats with the same plan and the double coefficients, without rounding between the
 * passes (the 16-bit rule, see resize-16bit.ts). Returns the unrounded result.
 */
export function resampleFloat(src: Float64Array, job: ResampleJob): Float64Array {
  const p = plan(job);
  const { channels, outWidth, outHeight } = job;
  let current = src;
  let width = job.inWidth;
  if (p.needHorizontal) {
    const rows = p.endRow - p.firstRow;
    const temp = new Float64Array(outWidth * rows * channels);
    horizontalFloat(src, job.inWidth, p.firstRow, temp, outWidth, rows, channels, p.horizontal);
    current = temp;
    width = outWidth;
  }
  if (p.needVertical) {
    const out = new Float64Array(width * outHeight * channels);
    verticalFloat(current, width, out, outHeight, channels, p.vertical);
    return out;
  }
  return current;
}
