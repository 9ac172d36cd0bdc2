// Chroma upsampling and YCbCr → RGB exactly as libjpeg(-turbo) does by default, so our pixels track Pillow's,
// OpenCV's and ImageMagick's (all libjpeg-turbo) instead of jpeg-js's plain replication and truncating float maths.
// Spec: ITU-T T.81 A.1.1 (sampling), JFIF 1.02 §7 (YCbCr ↔ RGB); the integer forms and the "fancy" (triangle)
// filters are libjpeg's jdcolor.c and jdsample.c.
import type { JpegFrame } from './structure.js';

/** How one component reaches full resolution (libjpeg's jinit_upsampler choices at scale 1/1 with fancy upsampling). */
type Upsampling = 'none' | 'h2v1' | 'h1v2' | 'h2v2';

interface ComponentPlan {
  kind: Upsampling;
  /** The component's own (downsampled) width and height, libjpeg's `downsampled_width/height`. */
  width: number;
  height: number;
  /** Its samples, gathered from jpeg-js's replicated output (unused for `none`). */
  plane: Uint8Array;
}

/** True when every component's sampling divides the largest evenly (libjpeg refuses fractional sampling). */
export function hasIntegralSampling(frame: JpegFrame): boolean {
  const { maxH, maxV } = frame;
  return frame.components.every((c) => maxH % c.h === 0 && maxV % c.v === 0);
}

/**
 * Turns jpeg-js's output for a 3-component frame decoded without its colour transform — three samples a pixel,
 * subsampled components replicated — into RGB, in place: subsampled components are re-filtered with libjpeg's
 * triangle filters straight into their places, then `ycc` frames go through libjpeg's fixed-point YCbCr → RGB.
 */
export function finishThreeComponents(pixels: Uint8Array, frame: JpegFrame, ycc: boolean): void {
  const { width, height, maxH, maxV } = frame;
  const plans = frame.components.slice(0, 3).map((c, index) => planComponent(pixels, width, height, index, maxH / c.h, maxV / c.v));
  const sums = new Int32Array(Math.ceil(width / 2) + 2);
  for (let y = 0, at = 0; y < height; y++, at += width * 3) {
    for (let c = 0; c < 3; c++) if (plans[c]!.kind !== 'none') upsampleRow(plans[c]!, y, pixels, at + c, width, sums);
    if (ycc) yccToRgb(pixels, at, width);
  }
}

function planComponent(pixels: Uint8Array, width: number, height: number, index: number, hRatio: number, vRatio: number): ComponentPlan {
  const w = Math.ceil(width / hRatio);
  const h = Math.ceil(height / vRatio);
  let kind: Upsampling = 'none';
  // libjpeg: h2v1 and h2v2 are fancy only when the component is more than 2 samples wide; h1v2 always.
  if (hRatio === 2 && vRatio === 1 && w > 2) kind = 'h2v1';
  else if (hRatio === 1 && vRatio === 2) kind = 'h1v2';
  else if (hRatio === 2 && vRatio === 2 && w > 2) kind = 'h2v2';
  if (kind === 'none') return { kind, width: w, height: h, plane: new Uint8Array(0) };
  // jpeg-js replicated sample (i, j) to pixels (i·hRatio…, j·vRatio…): read it back from the top-left copy.
  const plane = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    const src = (j * vRatio * width) * 3 + index;
    const dst = j * w;
    for (let i = 0; i < w; i++) plane[dst + i] = pixels[src + i * hRatio * 3]!;
  }
  return { kind, width: w, height: h, plane };
}

/**
 * One output row of a component, from libjpeg's h2v1/h1v2/h2v2 fancy upsamplers (edges replicate), written to
 * `out[o + 3k]` for the row's samples k < `width` (h2 filters make 2·w samples, one more than an odd width).
 */
function upsampleRow(plan: ComponentPlan, y: number, out: Uint8Array, o: number, width: number, sums: Int32Array): void {
  const { plane, width: w, height: h } = plan;
  const edge = 2 * w - 1 < width;
  if (plan.kind === 'h2v1') {
    const r = y * w;
    out[o] = plane[r]!;
    out[o + 3] = (plane[r]! * 3 + plane[r + 1]! + 2) >> 2;
    for (let i = 1, k = o + 6; i < w - 1; i++, k += 6) {
      const v = plane[r + i]! * 3;
      out[k] = (v + plane[r + i - 1]! + 1) >> 2;
      out[k + 3] = (v + plane[r + i + 1]! + 2) >> 2;
    }
    const last = plane[r + w - 1]!;
    out[o + 6 * w - 6] = (last * 3 + plane[r + w - 2]! + 1) >> 2;
    if (edge) out[o + 6 * w - 3] = last;
    return;
  }
  const j = y >> 1;
  const lower = (y & 1) === 1;
  const near = j * w;
  const far = (lower ? Math.min(j + 1, h - 1) : Math.max(j - 1, 0)) * w;
  if (plan.kind === 'h1v2') {
    const bias = lower ? 2 : 1;
    for (let i = 0; i < w; i++) out[o + 3 * i] = (plane[near + i]! * 3 + plane[far + i]! + bias) >> 2;
    return;
  }
  for (let i = 0; i < w; i++) sums[i] = plane[near + i]! * 3 + plane[far + i]!;
  out[o] = (sums[0]! * 4 + 8) >> 4;
  out[o + 3] = (sums[0]! * 3 + sums[1]! + 7) >> 4;
  for (let i = 1, k = o + 6; i < w - 1; i++, k += 6) {
    const s = sums[i]! * 3;
    out[k] = (s + sums[i - 1]! + 8) >> 4;
    out[k + 3] = (s + sums[i + 1]! + 7) >> 4;
  }
  out[o + 6 * w - 6] = (sums[w - 1]! * 3 + sums[w - 2]! + 8) >> 4;
  if (edge) out[o + 6 * w - 3] = (sums[w - 1]! * 4 + 7) >> 4;
}

// libjpeg jdcolor.c build_ycc_rgb_table: 16-bit fixed point, rounded, for Cb/Cr = 0…255 (centred on 128).
// Built on first use rather than at import, so importing the codec has no side effects.
const SCALE = 16;
interface YccTables { crR: Int32Array; cbB: Int32Array; crG: Int32Array; cbG: Int32Array }
let tables: YccTables | undefined;
function yccTables(): YccTables {
  if (tables !== undefined) return tables;
  const half = 1 << (SCALE - 1);
  const fix = (x: number) => Math.floor(x * (1 << SCALE) + 0.5);
  const t = { crR: new Int32Array(256), cbB: new Int32Array(256), crG: new Int32Array(256), cbG: new Int32Array(256) };
  for (let i = 0; i < 256; i++) {
    const x = i - 128;
    t.crR[i] = (fix(1.402) * x + half) >> SCALE;
    t.cbB[i] = (fix(1.772) * x + half) >> SCALE;
    t.crG[i] = -fix(0.71414) * x;
    t.cbG[i] = -fix(0.34414) * x + half;
  }
  return (tables = t);
}

/** libjpeg's YCbCr → RGB of one row of pixels in place; a clamped view does its range limiting on every store. */
function yccToRgb(px: Uint8Array, at: number, width: number): void {
  const out = new Uint8ClampedArray(px.buffer, px.byteOffset + at, width * 3);
  const { crR, cbB, crG, cbG } = yccTables();
  for (let p = 0, end = width * 3; p < end; p += 3) {
    const y = out[p]!;
    const cb = out[p + 1]!;
    const cr = out[p + 2]!;
    out[p] = y + crR[cr]!;
    out[p + 1] = y + ((cbG[cb]! + crG[cr]!) >> SCALE);
    out[p + 2] = y + cbB[cb]!;
  }
}
