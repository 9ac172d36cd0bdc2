// The resampling filters of Pillow 9.4 (src/libImaging/Resample.c: box_filter … lanczos_filter, and the BOX … LANCZOS
// supports), written with the same operations in the same order so every coefficient is the same double.

/** The names of the resampling filters `resize` takes. */
export const RESIZE_FILTERS = ['nearest', 'box', 'bilinear', 'hamming', 'bicubic', 'lanczos'] as const;
/** One of {@link RESIZE_FILTERS}. */
export type ResizeFilter = (typeof RESIZE_FILTERS)[number];

/** A convolution filter: its kernel and its support (half-width in source pixels at scale 1). */
export interface Kernel {
  readonly weight: (x: number) => number;
  readonly support: number;
}

const box = (x: number): number => (x > -0.5 && x <= 0.5 ? 1.0 : 0.0);

function bilinear(x: number): number {
  if (x < 0.0) x = -x;
  return x < 1.0 ? 1.0 - x : 0.0;
}

// Resample.c writes `0.54f + 0.46f * cos(x)`: float constants widened to double.
const HAMMING_A = Math.fround(0.54);
const HAMMING_B = Math.fround(0.46);

function hamming(x: number): number {
  if (x < 0.0) x = -x;
  if (x === 0.0) return 1.0;
  if (x >= 1.0) return 0.0;
  x = x * Math.PI;
  return (Math.sin(x) / x) * (HAMMING_A + HAMMING_B * Math.cos(x));
}

// Keys' cubic convolution with a = -0.5, as Resample.c's bicubic_filter.
const A = -0.5;

function bicubic(x: number): number {
  if (x < 0.0) x = -x;
  if (x < 1.0) return ((A + 2.0) * x - (A + 3.0)) * x * x + 1;
  if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * A;
  return 0.0;
}

function sinc(x: number): number {
  if (x === 0.0) return 1.0;
  x = x * Math.PI;
  return Math.sin(x) / x;
}

const lanczos = (x: number): number => (-3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0);

/** The convolution kernels by filter name (every filter but `nearest`, which Pillow does by an affine transform). */
export const KERNELS: Readonly<Record<Exclude<ResizeFilter, 'nearest'>, Kernel>> = {
  box: { weight: box, support: 0.5 },
  bilinear: { weight: bilinear, support: 1.0 },
  hamming: { weight: hamming, support: 1.0 },
  bicubic: { weight: bicubic, support: 2.0 },
  lanczos: { weight: lanczos, support: 3.0 },
};
