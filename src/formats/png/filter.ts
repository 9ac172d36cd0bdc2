// Choosing and applying PNG row filters when encoding: libpng's heuristic, the filter whose output has the minimum
// sum of absolute values (bytes read as signed), ties going to the earlier filter in None, Sub, Up, Average, Paeth.
// Spec: https://www.w3.org/TR/png-3/#9Filters and https://www.w3.org/TR/png-3/#12Filter-selection
export const PngFilter = { NONE: 0, SUB: 1, UP: 2, AVERAGE: 3, PAETH: 4 } as const;
/** One of the values of {@link PngFilter}. */
export type PngFilter = (typeof PngFilter)[keyof typeof PngFilter];

/** |v| for a byte difference read as a signed byte. */
function abs8(diff: number): number {
  const v = (diff << 24) >> 24;
  return v < 0 ? -v : v;
}

function paeth(a: number, b: number, c: number): number {
  let pa = b - c;
  let pb = a - c;
  let pc = pa + pb;
  if (pa < 0) pa = -pa;
  if (pb < 0) pb = -pb;
  if (pc < 0) pc = -pc;
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * The filter libpng's heuristic picks for the row `cur[c .. c + stride)` above which lies `prior[p ..]` (`prior`
 * undefined for the first row, which sees zeros above). All five sums come from one pass over the row.
 */
export function chooseFilter(cur: Uint8Array, c: number, prior: Uint8Array | undefined, p: number, stride: number, bpp: number): PngFilter {
  let none = 0;
  let sub = 0;
  let up = 0;
  let avg = 0;
  let pae = 0;
  const head = Math.min(bpp, stride);
  if (prior === undefined) {
    // Above is zero: Up equals None, Paeth equals Sub.
    for (let i = 0; i < head; i++) {
      const x = abs8(cur[c + i]!);
      none += x;
      sub += x;
      avg += x;
    }
    for (let i = bpp; i < stride; i++) {
      const x = cur[c + i]!;
      const a = cur[c + i - bpp]!;
      none += abs8(x);
      sub += abs8(x - a);
      avg += abs8(x - (a >> 1));
    }
    up = none;
    pae = sub;
  } else {
    for (let i = 0; i < head; i++) {
      const x = cur[c + i]!;
      const b = prior[p + i]!;
      const n = abs8(x);
      const u = abs8(x - b);
      none += n;
      sub += n;
      up += u;
      avg += abs8(x - (b >> 1));
      pae += u;
    }
    for (let i = bpp; i < stride; i++) {
      const x = cur[c + i]!;
      const a = cur[c + i - bpp]!;
      const b = prior[p + i]!;
      const cc = prior[p + i - bpp]!;
      none += abs8(x);
      sub += abs8(x - a);
      up += abs8(x - b);
      avg += abs8(x - ((a + b) >> 1));
      pae += abs8(x - paeth(a, b, cc));
    }
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
      if (prior === undefined) out.set(cur.subarray(c, c + stride), o);
      else for (let i = 0; i < stride; i++) out[o + i] = cur[c + i]! - prior[p + i]!;
      return;
    case PngFilter.AVERAGE:
      if (prior === undefined) {
        for (let i = 0; i < head; i++) out[o + i] = cur[c + i]!;
        for (let i = bpp; i < stride; i++) out[o + i] = cur[c + i]! - (cur[c + i - bpp]! >> 1);
      } else {
        for (let i = 0; i < head; i++) out[o + i] = cur[c + i]! - (prior[p + i]! >> 1);
        for (let i = bpp; i < stride; i++) out[o + i] = cur[c + i]! - ((cur[c + i - bpp]! + prior[p + i]!) >> 1);
      }
      return;
    case PngFilter.PAETH:
      if (prior === undefined) {
        for (let i = 0; i < head; i++) out[o + i] = cur[c + i]!;
        for (let i = bpp; i < stride; i++) out[o + i] = cur[c + i]! - cur[c + i - bpp]!;
      } else {
        for (let i = 0; i < head; i++) out[o + i] = cur[c + i]! - prior[p + i]!;
        for (let i = bpp; i < stride; i++) {
          out[o + i] = cur[c + i]! - paeth(cur[c + i - bpp]!, prior[p + i]!, prior[p + i - bpp]!);
        }
      }
      return;
  }
}
