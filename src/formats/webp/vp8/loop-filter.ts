// The VP8 loop filter (RFC 6386 §15), ported from libwebp 1.2.4 src/dsp/dec.c (simple and normal/"complex"
// filters) and src/dec/frame_dec.c DoFilter (which edges, in which order, with which thresholds).
import type { FilterStrength } from './headers.js';

// dec_clip_tables.c: sclip1 clamps [-1020, 1020] to [-128, 127], sclip2 [-112, 112] to [-16, 15], clip1 [-255, 511]
// to [0, 255].
const sclip1 = (v: number): number => (v < -128 ? -128 : v > 127 ? 127 : v);
const sclip2 = (v: number): number => (v < -16 ? -16 : v > 15 ? 15 : v);
const clip1 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

function doFilter2(p: Uint8Array, i: number, step: number): void {
  const p1 = p[i - 2 * step]!, p0 = p[i - step]!, q0 = p[i]!, q1 = p[i + step]!;
  const a = 3 * (q0 - p0) + sclip1(p1 - q1);
  const a1 = sclip2((a + 4) >> 3);
  const a2 = sclip2((a + 3) >> 3);
  p[i - step] = clip1(p0 + a2);
  p[i] = clip1(q0 - a1);
}

function doFilter4(p: Uint8Array, i: number, step: number): void {
  const p1 = p[i - 2 * step]!, p0 = p[i - step]!, q0 = p[i]!, q1 = p[i + step]!;
  const a = 3 * (q0 - p0);
  const a1 = sclip2((a + 4) >> 3);
  const a2 = sclip2((a + 3) >> 3);
  const a3 = (a1 + 1) >> 1;
  p[i - 2 * step] = clip1(p1 + a3);
  p[i - step] = clip1(p0 + a2);
  p[i] = clip1(q0 - a1);
  p[i + step] = clip1(q1 - a3);
}

function doFilter6(p: Uint8Array, i: number, step: number): void {
  const p2 = p[i - 3 * step]!, p1 = p[i - 2 * step]!, p0 = p[i - step]!;
  const q0 = p[i]!, q1 = p[i + step]!, q2 = p[i + 2 * step]!;
  const a = sclip1(3 * (q0 - p0) + sclip1(p1 - q1));
  const a1 = (27 * a + 63) >> 7;
  const a2 = (18 * a + 63) >> 7;
  const a3 = (9 * a + 63) >> 7;
  p[i - 3 * step] = clip1(p2 + a3);
  p[i - 2 * step] = clip1(p1 + a2);
  p[i - step] = clip1(p0 + a1);
  p[i] = clip1(q0 - a1);
  p[i + step] = clip1(q1 - a2);
  p[i + 2 * step] = clip1(q2 - a3);
}

const needsFilter = (p: Uint8Array, i: number, step: number, t: number): boolean =>
  4 * Math.abs(p[i - step]! - p[i]!) + Math.abs(p[i - 2 * step]! - p[i + step]!) <= t;


/** Simple filter of `size` pixels across an edge: `step` crosses it, `along` moves along it. */
function simpleEdge(p: Uint8Array, i: number, step: number, along: number, thresh: number): void {
  const thresh2 = 2 * thresh + 1;
  for (let k = 0; k < 16; k++, i += along) if (needsFilter(p, i, step, thresh2)) doFilter2(p, i, step);
}

/**
 * Normal filter across a macroblock edge (FilterLoop26: 6-tap where the edge is not high-variance) or an inner edge
 * (FilterLoop24: 4-tap), with NeedsFilter2 and Hev inlined: this loop is a tenth of a lossy decode.
 */
function normalEdge(p: Uint8Array, i: number, step: number, along: number, size: number, thresh: number, ithresh: number, hevThresh: number, inner: boolean): void {
  const thresh2 = 2 * thresh + 1;
  for (let k = 0; k < size; k++, i += along) {
    const p1 = p[i - 2 * step]!, p0 = p[i - step]!, q0 = p[i]!, q1 = p[i + step]!;
    if (4 * Math.abs(p0 - q0) + Math.abs(p1 - q1) > thresh2) continue;
    // The outer samples only once the edge passes the first test.
    const p3 = p[i - 4 * step]!, p2 = p[i - 3 * step]!, q2 = p[i + 2 * step]!, q3 = p[i + 3 * step]!;
    if (
      Math.abs(p3 - p2) > ithresh || Math.abs(p2 - p1) > ithresh || Math.abs(p1 - p0) > ithresh ||
      Math.abs(q3 - q2) > ithresh || Math.abs(q2 - q1) > ithresh || Math.abs(q1 - q0) > ithresh
    ) {
      continue;
    }
    if (Math.abs(p1 - p0) > hevThresh || Math.abs(q1 - q0) > hevThresh) doFilter2(p, i, step);
    else if (inner) doFilter4(p, i, step);
    else doFilter6(p, i, step);
  }
}

/** The decoded planes the filter works on, strides in bytes. */
export interface Planes {
  readonly y: Uint8Array;
  readonly u: Uint8Array;
  readonly v: Uint8Array;
  readonly yStride: number;
  readonly uvStride: number;
}

/** Filters macroblock (mbX, mbY) in place: left edge, inner vertical edges, top edge, inner horizontal edges. */
export function filterMacroblock(planes: Planes, mbX: number, mbY: number, filterType: number, f: FilterStrength, inner: boolean): void {
  const limit = f.limit;
  if (limit === 0) return;
  const { y, yStride } = planes;
  const yAt = mbY * 16 * yStride + mbX * 16;
  if (filterType === 1) {
    if (mbX > 0) simpleEdge(y, yAt, 1, yStride, limit + 4);
    if (inner) for (let k = 4; k < 16; k += 4) simpleEdge(y, yAt + k, 1, yStride, limit);
    if (mbY > 0) simpleEdge(y, yAt, yStride, 1, limit + 4);
    if (inner) for (let k = 4; k < 16; k += 4) simpleEdge(y, yAt + k * yStride, yStride, 1, limit);
    return;
  }
  const { u, v, uvStride } = planes;
  const uvAt = mbY * 8 * uvStride + mbX * 8;
  const il = f.innerLevel;
  const hv = f.hevThreshold;
  if (mbX > 0) {
    normalEdge(y, yAt, 1, yStride, 16, limit + 4, il, hv, false);
    normalEdge(u, uvAt, 1, uvStride, 8, limit + 4, il, hv, false);
    normalEdge(v, uvAt, 1, uvStride, 8, limit + 4, il, hv, false);
  }
  if (inner) {
    for (let k = 4; k < 16; k += 4) normalEdge(y, yAt + k, 1, yStride, 16, limit, il, hv, true);
    normalEdge(u, uvAt + 4, 1, uvStride, 8, limit, il, hv, true);
    normalEdge(v, uvAt + 4, 1, uvStride, 8, limit, il, hv, true);
  }
  if (mbY > 0) {
    normalEdge(y, yAt, yStride, 1, 16, limit + 4, il, hv, false);
    normalEdge(u, uvAt, uvStride, 1, 8, limit + 4, il, hv, false);
    normalEdge(v, uvAt, uvStride, 1, 8, limit + 4, il, hv, false);
  }
  if (inner) {
    for (let k = 4; k < 16; k += 4) normalEdge(y, yAt + k * yStride, yStride, 1, 16, limit, il, hv, true);
    normalEdge(u, uvAt + 4 * uvStride, uvStride, 1, 8, limit, il, hv, true);
    normalEdge(v, uvAt + 4 * uvStride, uvStride, 1, 8, limit, il, hv, true);
  }
}
