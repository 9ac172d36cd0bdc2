// Choosing and applying PNG row filters when encoding: libpng's heuristic, the filter whose output has the minimum
// sum of absolute values (bytes read as signed), ties going to the earlier filter in None, Sub, Up, Average, Paeth.
// Spec: https://www.w3.org/TR/png-3/#9Filters and https://www.w3.org/TR/png-3/#12Filter-selection

/** PNG filter types (the byte before each row of filtered image data). */
export const PngFilter = { NONE: 0, SUB: 1, UP: 2, AVERAGE: 3, PAETH: 4 } as const;
/** One of the values of {@link PngFilter}. */
export type PngFilter = (typeof PngFilter)[keyof typeof PngFilter];

// The hot loops below are branch-free: on photographic rows the Paeth comparisons and the signs of the differences
// are close to random, and mispredicted branches cost more than the arithmetic (measured: 2× faster than branches).
// |v| of an int32 is (v ^ (v >> 31)) - (v >> 31); `(d << 24) >> 24` reads a byte difference d as a signed byte.

/**
 * The Paeth predictor of a (left), b (above), c (above left), without branches.
 * @example paeth(10, 20, 15) // 15: p = 15 is nearest to c
 */
export function paeth(a: number, b: number, c: number): number {
  let pa = b - c;
  let pb = a - c;
  let pc = pa + pb;
  pa = (pa ^ (pa >> 31)) - (pa >> 31);
  pb = (pb ^ (pb >> 31)) - (pb >> 31);
  pc = (pc ^ (pc >> 31)) - (pc >> 31);
  // a when pa <= pb and pa <= pc, else b when pb <= pc, else c (spec §9.4 order of ties).
  const notA = ((pb - pa) | (pc - pa)) >> 31;
  const cNotB = (pc - pb) >> 31;
  return a ^ ((a ^ (b ^ ((b ^ c) & cNotB))) & notA);
}

/**
 * The filter libpng's heuristic picks for the row `cur[c .. c + stride)` above which lies `prior[p ..]` (`prior`
 * undefined for the first row, which sees zeros above). All five sums come from one pass over the row.
 */
export function chooseFilter(cur: Uint8Array, c: number, prior: Uint8Array | undefined, p: number, stride: number, bpp: number): PngFilter {
  // The first row sees zeros above; a zero row gives exactly the sums the spec's rules for it give.
  const above = prior ?? new Uint8Array(stride);
  if (prior === undefined) p = 0;
  let none = 0;
  let sub = 0;
  let up = 0;
  let avg = 0;
  let pae = 0;
  const head = Math.min(bpp, stride);
  let v: number;
  for (let i = 0; i < head; i++) {
    const x = cur[c + i]!;
    const b = above[p + i]!;
    v = (x << 24) >> 24;
    v = (v ^ (v >> 31)) - (v >> 31);
    none += v;
    sub += v;
    v = ((x - b) << 24) >> 24;
    v = (v ^ (v >> 31)) - (v >> 31);
    up += v;
    pae += v;
    v = ((x - (b >> 1)) << 24) >> 24;
    avg += (v ^ (v >> 31)) - (v >> 31);
  }
  for (let i = bpp; i < stride; i++) {
    const x = cur[c + i]!;
    const a = cur[c + i - bpp]!;
    const b = above[p + i]!;
    const cc = above[p + i - bpp]!;
    v = (x << 24) >> 24;
    none += (v ^ (v >> 31)) - (v >> 31);
    v = ((x - a) << 24) >> 24;
    sub += (v ^ (v >> 31)) - (v >> 31);
    v = ((x - b) << 24) >> 24;
    up += (v ^ (v >> 31)) - (v >> 31);
    v = ((x - ((a + b) >> 1)) << 24) >> 24;
    avg += (v ^ (v >> 31)) - (v >> 31);
    // Paeth, inlined: this loop runs once per byte of the image.
    let pa = b - cc;
    let pb = a - cc;
    let pc = pa + pb;
    pa = (pa ^ (pa >> 31)) - (pa >> 31);
    pb = (pb ^ (pb >> 31)) - (pb >> 31);
    pc = (pc ^ (pc >> 31)) - (pc >> 31);
    const notA = ((pb - pa) | (pc - pa)) >> 31;
    const cNotB = (pc - pb) >> 31;
    v = ((x - (a ^ ((a ^ (b ^ ((b ^ cc) & cNotB))) & notA))) << 24) >> 24;
    pae += (v ^ (v >> 31)) - (v >> 31);
  }
  let best: PngFilter = PngFilter.NONE;
  let min = none;
  if (sub < min) (best = PngFilter.SUB), (min = sub);
  if (up < min) (best = PngFilter.UP), (min = up);
  if (avg < min) (best = PngFilter.AVERAGE), (min = avg);
  if (pae < min) best = PngFilter.PAETH;
  return best;
}

/**
 * Writes the filter-type byte at `out[o]` and the row filtered with `filter` after it. `prior` undefined means the
 * first row (zeros above).
 */
export function applyFilter(
  filter: PngFilter,
  cur: Uint8Array,
  c: number,
  prior: Uint8Array | undefined,
  p: number,
  stride: number,
  bpp: number,
  out: Uint8Array,
  o: number,
): void {
  out[o++] = filter;
  // As in chooseFilter, the first row is filtered against a zero row, which is what the spec's rules for it amount to.
  const above = prior ?? new Uint8Array(stride);
  if (prior === undefined) p = 0;
  const head = Math.min(bpp, stride);
  switch (filter) {
    case PngFilter.NONE:
      out.set(cur.subarray(c, c + stride), o);
      return;
    case PngFilter.SUB:
      for (let i = 0; i < head; i++) out[o + i] = cur[c + i]!;
      for (let i = bpp; i < stride; i++) out[o + i] = cur[c + i]! - cur[c + i - bpp]!;
      return;
    case PngFilter.UP:
      for (let i = 0; i < stride; i++) out[o + i] = cur[c + i]! - above[p + i]!;
      return;
    case PngFilter.AVERAGE:
      for (let i = 0; i < head; i++) out[o + i] = cur[c + i]! - (above[p + i]! >> 1);
      for (let i = bpp; i < stride; i++) out[o + i] = cur[c + i]! - ((cur[c + i - bpp]! + above[p + i]!) >> 1);
      return;
    case PngFilter.PAETH:
      for (let i = 0; i < head; i++) out[o + i] = cur[c + i]! - above[p + i]!;
      for (let i = bpp; i < stride; i++) out[o + i] = cur[c + i]! - paeth(cur[c + i - bpp]!, above[p + i]!, above[p + i - bpp]!);
      return;
  }
}
