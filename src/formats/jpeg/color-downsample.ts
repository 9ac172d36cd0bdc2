// Encoder front end: RGB → YCbCr, edge expansion and chroma downsampling, into strips one MCU row tall.
// Sources: libjpeg-turbo jccolor.c (rgb_ycc_start, rgb_ycc_convert), jcprepct.c (expand_bottom_edge and the
// bottom padding in pre_process_data), jcsample.c (expand_right_edge, fullsize/h2v1/h2v2_downsample).

// jccolor.c: FIX(x) = round(x × 2^16), SCALEBITS 16. Y = 0.299 R + 0.587 G + 0.114 B (rounded);
// Cb, Cr = ±0.5 … + 128, rounded with ONE_HALF − 1 so the maximum lands on 255, never 256.
const FIX_0_29900 = 19595;
const FIX_0_58700 = 38470;
const FIX_0_11400 = 7471;
const FIX_0_16874 = 11059;
const FIX_0_33126 = 21709;
const FIX_0_50000 = 32768;
const FIX_0_41869 = 27439;
const FIX_0_08131 = 5329;
const SCALEBITS = 16;
const ONE_HALF = 1 << (SCALEBITS - 1);
const CBCR_OFFSET = 128 << SCALEBITS;

/** Where the source pixels are and how they are laid out. */
export interface SourcePixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** 1 (grey) or 3 bytes a pixel. */
  readonly channels: 1 | 3;
  /** Byte offsets of red and blue within a 3-byte pixel: 0 and 2 for RGB, 2 and 0 for BGR. */
  readonly red: number;
  readonly blue: number;
}

/**
 * Fills `rows` rows of full-resolution strips, `stride` samples wide, starting at image row `y0`.
 *
 * Rows past the image bottom repeat its last row and columns past its right edge repeat the last column: what
 * libjpeg's expand_bottom_edge / expand_right_edge do to the converted samples, done here to the pixels (the same
 * thing, as conversion works pixel by pixel). Grey fills only `y`.
 */
export function fillStrips(
  src: SourcePixels,
  y0: number,
  rows: number,
  stride: number,
  y: Uint8Array,
  cb: Uint8Array,
  cr: Uint8Array,
): void {
  const { data, width, height, channels, red, blue } = src;
  for (let r = 0; r < rows; r++) {
    const sy = Math.min(y0 + r, height - 1);
    const o = r * stride;
    if (channels === 1) {
      y.set(data.subarray(sy * width, sy * width + width), o);
    } else {
      convertRow(data, sy * width * 3, width, red, blue, y, cb, cr, o);
      cb.fill(cb[o + width - 1]!, o + width, o + stride);
      cr.fill(cr[o + width - 1]!, o + width, o + stride);
    }
    y.fill(y[o + width - 1]!, o + width, o + stride);
  }
}

/** One row of jccolor.c rgb_ycc_convert: `width` pixels from `i` into the three planes at `o`. */
function convertRow(
  data: Uint8Array,
  i: number,
  width: number,
  red: number,
  blue: number,
  y: Uint8Array,
  cb: Uint8Array,
  cr: Uint8Array,
  o: number,
): void {
  const end = o + width;
  for (let p = o, r = i + red, b = i + blue; p < end; p++, r += 3, b += 3) {
    const R = data[r]!;
    const G = data[r - red + 1]!;
    const B = data[b]!;
    y[p] = (FIX_0_29900 * R + FIX_0_58700 * G + FIX_0_11400 * B + ONE_HALF) >> SCALEBITS;
    cb[p] = (B * FIX_0_50000 - FIX_0_16874 * R - FIX_0_33126 * G + CBCR_OFFSET + ONE_HALF - 1) >> SCALEBITS;
    cr[p] = (R * FIX_0_50000 - FIX_0_41869 * G - FIX_0_08131 * B + CBCR_OFFSET + ONE_HALF - 1) >> SCALEBITS;
  }
}

/**
 * jcsample.c h2v1_downsample: each output sample is the mean of two neighbours, rounded alternately down and up
 * (bias 0, 1, 0, 1, … from the left of every row) so the rounding error does not drift one way.
 */
export function downsampleH2V1(src: Uint8Array, srcStride: number, dst: Uint8Array, dstStride: number, rows: number): void {
  for (let r = 0; r < rows; r++) {
    let i = r * srcStride;
    const o = r * dstStride;
    for (let c = 0; c < dstStride; c++, i += 2) dst[o + c] = (src[i]! + src[i + 1]! + (c & 1)) >> 1;
  }
}

/**
 * jcsample.c h2v2_downsample: the mean of a 2×2 square with bias 1, 2, 1, 2, … from the left of every row.
 *
 * Output rows past `lastRow` repeat output row `lastRow` (the last one made from image rows): libjpeg pads the
 * bottom of the downsampled component by copying its last row (jcprepct.c), it does not downsample the repeated
 * image rows again, and the two differ when the image height is even.
 */
export function downsampleH2V2(
  src: Uint8Array,
  srcStride: number,
  dst: Uint8Array,
  dstStride: number,
  rows: number,
  lastRow: number,
): void {
  for (let r = 0; r < rows; r++) {
    const o = r * dstStride;
    if (r > lastRow) {
      dst.copyWithin(o, lastRow * dstStride, lastRow * dstStride + dstStride);
      continue;
    }
    let i0 = 2 * r * srcStride;
    let i1 = i0 + srcStride;
    for (let c = 0; c < dstStride; c++, i0 += 2, i1 += 2) {
      dst[o + c] = (src[i0]! + src[i0 + 1]! + src[i1]! + src[i1 + 1]! + 1 + (c & 1)) >> 2;
    }
  }
}
