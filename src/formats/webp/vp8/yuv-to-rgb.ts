// YUV 4:2:0 → RGB as libwebp 1.2.4 outputs it by default: "fancy upsampling" of the chroma (src/dsp/upsampling.c
// UpsampleRgbaLinePair, driven row pair by row pair as src/dec/io_dec.c EmitFancyRGB) and the 14-bit fixed-point
// conversion of src/dsp/yuv.h (VP8YUVToR/G/B).
import type { Vp8Image } from './decode.js';

/** a × b >> 8 on 16-bit values: yuv.h MultHi, the emulation of _mm_mulhi_epu16 on (v << 8). */
const multHi = (v: number, coeff: number): number => (v * coeff) >> 8;
/** YUV_FIX2 = 6 fractional bits, clamped to 0..255 (yuv.h VP8Clip8). */
const clip8 = (v: number): number => ((v & ~16383) === 0 ? v >> 6 : v < 0 ? 0 : 255);

// The products of yuv.h VP8YUVToR/G/B for every 8-bit sample, with their constant terms folded in.
const Y_TERM = /* @__PURE__ */ Int32Array.from({ length: 256 }, (_, y) => multHi(y, 19077));
const R_V = /* @__PURE__ */ Int32Array.from({ length: 256 }, (_, v) => multHi(v, 26149) - 14234);
const G_U = /* @__PURE__ */ Int32Array.from({ length: 256 }, (_, u) => -multHi(u, 6419));
const G_V = /* @__PURE__ */ Int32Array.from({ length: 256 }, (_, v) => -multHi(v, 13320) + 8708);
const B_U = /* @__PURE__ */ Int32Array.from({ length: 256 }, (_, u) => multHi(u, 33050) - 17685);

/** Writes the RGB of (y, u, v) at `out[o]` (yuv.h VP8YuvToRgb). */
function put(out: Uint8Array, o: number, y: number, u: number, v: number): void {
  const yy = Y_TERM[y]!;
  out[o] = clip8(yy + R_V[v]!);
  out[o + 1] = clip8(yy + G_U[u]! + G_V[v]!);
  out[o + 2] = clip8(yy + B_U[u]!);
}

/**
 * One pair of output rows (upsampling.c UPSAMPLE_FUNC): the top row interpolates chroma rows `topUv` (nearer) and
 * `curUv`, the bottom row (when present) the other way round; u and v are processed together as 16-bit halves.
 */
function upsamplePair(
  img: Vp8Image,
  topY: number,
  bottomY: number,
  topUv: number,
  curUv: number,
  out: Uint8Array,
  topOut: number,
  bottomOut: number,
  step: number,
): void {
  const { y, u, v } = img;
  const len = img.width;
  const lastPair = (len - 1) >> 1;
  let tl = u[topUv]! | (v[topUv]! << 16);
  let l = u[curUv]! | (v[curUv]! << 16);
  let uv0 = (3 * tl + l + 0x00020002) >>> 2;
  put(out, topOut, y[topY]!, uv0 & 0xff, (uv0 >>> 16) & 0xff);
  if (bottomY >= 0) {
    uv0 = (3 * l + tl + 0x00020002) >>> 2;
    put(out, bottomOut, y[bottomY]!, uv0 & 0xff, (uv0 >>> 16) & 0xff);
  }
  for (let x = 1; x <= lastPair; x++) {
    const t = u[topUv + x]! | (v[topUv + x]! << 16);
    const c = u[curUv + x]! | (v[curUv + x]! << 16);
    const avg = tl + t + l + c + 0x00080008;
    const diag12 = (avg + 2 * (t + l)) >>> 3;
    const diag03 = (avg + 2 * (tl + c)) >>> 3;
    // put() written out for the two pixels of each row: this loop converts every pixel of the image.
    let a = (diag12 + tl) >>> 1;
    let b = (diag03 + t) >>> 1;
    let o = topOut + (2 * x - 1) * step;
    let yy = Y_TERM[y[topY + 2 * x - 1]!]!;
    let uu = a & 0xff;
    let vv = (a >>> 16) & 0xff;
    out[o] = clip8(yy + R_V[vv]!);
    out[o + 1] = clip8(yy + G_U[uu]! + G_V[vv]!);
    out[o + 2] = clip8(yy + B_U[uu]!);
    o += step;
    yy = Y_TERM[y[topY + 2 * x]!]!;
    uu = b & 0xff;
    vv = (b >>> 16) & 0xff;
    out[o] = clip8(yy + R_V[vv]!);
    out[o + 1] = clip8(yy + G_U[uu]! + G_V[vv]!);
    out[o + 2] = clip8(yy + B_U[uu]!);
    if (bottomY >= 0) {
      a = (diag03 + l) >>> 1;
      b = (diag12 + c) >>> 1;
      o = bottomOut + (2 * x - 1) * step;
      yy = Y_TERM[y[bottomY + 2 * x - 1]!]!;
      uu = a & 0xff;
      vv = (a >>> 16) & 0xff;
      out[o] = clip8(yy + R_V[vv]!);
      out[o + 1] = clip8(yy + G_U[uu]! + G_V[vv]!);
      out[o + 2] = clip8(yy + B_U[uu]!);
      o += step;
      yy = Y_TERM[y[bottomY + 2 * x]!]!;
      uu = b & 0xff;
      vv = (b >>> 16) & 0xff;
      out[o] = clip8(yy + R_V[vv]!);
      out[o + 1] = clip8(yy + G_U[uu]! + G_V[vv]!);
      out[o + 2] = clip8(yy + B_U[uu]!);
    }
    tl = t;
    l = c;
  }
  if ((len & 1) === 0) {
    uv0 = (3 * tl + l + 0x00020002) >>> 2;
    put(out, topOut + (len - 1) * step, y[topY + len - 1]!, uv0 & 0xff, (uv0 >>> 16) & 0xff);
    if (bottomY >= 0) {
      uv0 = (3 * l + tl + 0x00020002) >>> 2;
      put(out, bottomOut + (len - 1) * step, y[bottomY + len - 1]!, uv0 & 0xff, (uv0 >>> 16) & 0xff);
    }
  }
}

/**
 * Converts the decoded planes to interleaved pixels of `step` bytes (3 for RGB, 4 for RGBA: the 4th byte is left
 * to the caller) into `out`, at `out[(row) * stride + col * step]` from `start`.
 */
export function yuvToRgb(img: Vp8Image, out: Uint8Array, start: number, stride: number, step: number): void {
  const { width, height, yStride, uvStride } = img;
  // First row: its chroma row mirrored as the row above.
  upsamplePair(img, 0, -1, 0, 0, out, start, -1, step);
  if (width <= 0) return;
  let uvRow = 0;
  let y = 0;
  for (; y + 2 < height; y += 2) {
    // Rows y+1 and y+2 sit between chroma rows uvRow and uvRow + 1.
    upsamplePair(img, (y + 1) * yStride, (y + 2) * yStride, uvRow * uvStride, (uvRow + 1) * uvStride, out, start + (y + 1) * stride, start + (y + 2) * stride, step);
    uvRow++;
  }
  // The last row of an even height has no row below it: its chroma row mirrored again.
  if ((height & 1) === 0) {
    const last = height - 1;
    upsamplePair(img, last * yStride, -1, uvRow * uvStride, uvRow * uvStride, out, start + last * stride, -1, step);
  }
}
