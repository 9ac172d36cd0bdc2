// VP8 intra prediction (RFC 6386 §12), ported from libwebp 1.2.4 src/dsp/dec.c. Every predictor writes into the
// macroblock work buffer `b` at `dst`, a block whose row above (dst - BPS) and column to the left (dst - 1) already
// hold the edge samples, rows BPS bytes apart.

/** Row stride of the work buffer (dsp.h BPS). */
export const BPS = 32;

/** Sub-block modes in libwebp's order (common_dec.h); 16×16 and chroma modes use DC, TM, VE (V), HE (H). */
export const B_DC_PRED = 0;
export const B_TM_PRED = 1;
export const B_VE_PRED = 2;
export const B_HE_PRED = 3;
export const B_RD_PRED = 4;
export const B_VR_PRED = 5;
export const B_LD_PRED = 6;
export const B_VL_PRED = 7;
export const B_HD_PRED = 8;
export const B_HU_PRED = 9;

const avg3 = (a: number, b: number, c: number): number => (a + 2 * b + c + 2) >> 2;
const avg2 = (a: number, b: number): number => (a + b + 1) >> 1;
const clip8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

function fill(b: Uint8Array, dst: number, size: number, value: number): void {
  for (let y = 0; y < size; y++, dst += BPS) for (let x = 0; x < size; x++) b[dst + x] = value;
}

function trueMotion(b: Uint8Array, dst: number, size: number): void {
  const topLeft = b[dst - BPS - 1]!;
  for (let y = 0; y < size; y++) {
    const row = dst + y * BPS;
    const base = b[row - 1]! - topLeft;
    for (let x = 0; x < size; x++) b[row + x] = clip8(base + b[dst - BPS + x]!);
  }
}

function vertical(b: Uint8Array, dst: number, size: number): void {
  for (let y = 1; y <= size; y++) for (let x = 0; x < size; x++) b[dst + (y - 1) * BPS + x] = b[dst - BPS + x]!;
}

function horizontal(b: Uint8Array, dst: number, size: number): void {
  for (let y = 0; y < size; y++, dst += BPS) {
    const v = b[dst - 1]!;
    for (let x = 0; x < size; x++) b[dst + x] = v;
  }
}

/**
 * 16×16 luma or 8×8 chroma prediction; `mode` is DC, TM, VE or HE, and DC falls back to the edges that exist
 * (frame_dec.c CheckMode: no top row at mbY 0, no left column at mbX 0).
 */
export function predictBlock(b: Uint8Array, dst: number, size: number, mode: number, hasTop: boolean, hasLeft: boolean): void {
  if (mode === B_TM_PRED) return trueMotion(b, dst, size);
  if (mode === B_VE_PRED) return vertical(b, dst, size);
  if (mode === B_HE_PRED) return horizontal(b, dst, size);
  const shift = size === 16 ? 4 : 3;
  let dc = 0;
  if (hasTop && hasLeft) {
    for (let j = 0; j < size; j++) dc += b[dst - 1 + j * BPS]! + b[dst + j - BPS]!;
    return fill(b, dst, size, (dc + size) >> (shift + 1));
  }
  if (hasLeft) {
    for (let j = 0; j < size; j++) dc += b[dst - 1 + j * BPS]!;
  } else if (hasTop) {
    for (let j = 0; j < size; j++) dc += b[dst + j - BPS]!;
  } else {
    return fill(b, dst, size, 0x80);
  }
  fill(b, dst, size, (dc + (size >> 1)) >> shift);
}

/** One sample of a 4×4 block. */
function put(b: Uint8Array, d: number, x: number, y: number, v: number): void {
  b[d + x + y * BPS] = v;
}

/** A row of four equal samples. */
function row4(b: Uint8Array, at: number, v: number): void {
  b[at] = b[at + 1] = b[at + 2] = b[at + 3] = v;
}

/** 4×4 luma sub-block prediction (dec.c VE4 … HU4); the top row extends 4 samples to the right. */
export function predict4(b: Uint8Array, d: number, mode: number): void {
  const t = d - BPS;
  const A = b[t]!, B = b[t + 1]!, C = b[t + 2]!, D = b[t + 3]!;
  const I = b[d - 1]!, J = b[d - 1 + BPS]!, K = b[d - 1 + 2 * BPS]!, L = b[d - 1 + 3 * BPS]!;
  const X = b[t - 1]!;
  switch (mode) {
    case B_DC_PRED: {
      const dc = (A + B + C + D + I + J + K + L + 4) >> 3;
      return fill(b, d, 4, dc);
    }
    case B_TM_PRED:
      return trueMotion(b, d, 4);
    case B_VE_PRED: {
      const E = b[t + 4]!;
      const v0 = avg3(X, A, B), v1 = avg3(A, B, C), v2 = avg3(B, C, D), v3 = avg3(C, D, E);
      for (let y = 0, r = d; y < 4; y++, r += BPS) {
        b[r] = v0; b[r + 1] = v1; b[r + 2] = v2; b[r + 3] = v3;
      }
      return;
    }
    case B_HE_PRED: {
      row4(b, d, avg3(X, I, J));
      row4(b, d + BPS, avg3(I, J, K));
      row4(b, d + 2 * BPS, avg3(J, K, L));
      row4(b, d + 3 * BPS, avg3(K, L, L));
      return;
    }
    case B_RD_PRED:
      put(b, d, 0, 3, avg3(J, K, L));
      put(b, d, 1, 3, avg3(I, J, K)); put(b, d, 0, 2, avg3(I, J, K));
      put(b, d, 2, 3, avg3(X, I, J)); put(b, d, 1, 2, avg3(X, I, J)); put(b, d, 0, 1, avg3(X, I, J));
      put(b, d, 3, 3, avg3(A, X, I)); put(b, d, 2, 2, avg3(A, X, I)); put(b, d, 1, 1, avg3(A, X, I)); put(b, d, 0, 0, avg3(A, X, I));
      put(b, d, 3, 2, avg3(B, A, X)); put(b, d, 2, 1, avg3(B, A, X)); put(b, d, 1, 0, avg3(B, A, X));
      put(b, d, 3, 1, avg3(C, B, A)); put(b, d, 2, 0, avg3(C, B, A));
      put(b, d, 3, 0, avg3(D, C, B));
      return;
    case B_LD_PRED: {
      const E = b[t + 4]!, F = b[t + 5]!, G = b[t + 6]!, H = b[t + 7]!;
      put(b, d, 0, 0, avg3(A, B, C));
      put(b, d, 1, 0, avg3(B, C, D)); put(b, d, 0, 1, avg3(B, C, D));
      put(b, d, 2, 0, avg3(C, D, E)); put(b, d, 1, 1, avg3(C, D, E)); put(b, d, 0, 2, avg3(C, D, E));
      put(b, d, 3, 0, avg3(D, E, F)); put(b, d, 2, 1, avg3(D, E, F)); put(b, d, 1, 2, avg3(D, E, F)); put(b, d, 0, 3, avg3(D, E, F));
      put(b, d, 3, 1, avg3(E, F, G)); put(b, d, 2, 2, avg3(E, F, G)); put(b, d, 1, 3, avg3(E, F, G));
      put(b, d, 3, 2, avg3(F, G, H)); put(b, d, 2, 3, avg3(F, G, H));
      put(b, d, 3, 3, avg3(G, H, H));
      return;
    }
    case B_VR_PRED:
      put(b, d, 0, 0, avg2(X, A)); put(b, d, 1, 2, avg2(X, A));
      put(b, d, 1, 0, avg2(A, B)); put(b, d, 2, 2, avg2(A, B));
      put(b, d, 2, 0, avg2(B, C)); put(b, d, 3, 2, avg2(B, C));
      put(b, d, 3, 0, avg2(C, D));
      put(b, d, 0, 3, avg3(K, J, I));
      put(b, d, 0, 2, avg3(J, I, X));
      put(b, d, 0, 1, avg3(I, X, A)); put(b, d, 1, 3, avg3(I, X, A));
      put(b, d, 1, 1, avg3(X, A, B)); put(b, d, 2, 3, avg3(X, A, B));
      put(b, d, 2, 1, avg3(A, B, C)); put(b, d, 3, 3, avg3(A, B, C));
      put(b, d, 3, 1, avg3(B, C, D));
      return;
    case B_VL_PRED: {
      const E = b[t + 4]!, F = b[t + 5]!, G = b[t + 6]!, H = b[t + 7]!;
      put(b, d, 0, 0, avg2(A, B));
      put(b, d, 1, 0, avg2(B, C)); put(b, d, 0, 2, avg2(B, C));
      put(b, d, 2, 0, avg2(C, D)); put(b, d, 1, 2, avg2(C, D));
      put(b, d, 3, 0, avg2(D, E)); put(b, d, 2, 2, avg2(D, E));
      put(b, d, 0, 1, avg3(A, B, C));
      put(b, d, 1, 1, avg3(B, C, D)); put(b, d, 0, 3, avg3(B, C, D));
      put(b, d, 2, 1, avg3(C, D, E)); put(b, d, 1, 3, avg3(C, D, E));
      put(b, d, 3, 1, avg3(D, E, F)); put(b, d, 2, 3, avg3(D, E, F));
      put(b, d, 3, 2, avg3(E, F, G));
      put(b, d, 3, 3, avg3(F, G, H));
      return;
    }
    case B_HD_PRED:
      put(b, d, 0, 0, avg2(I, X)); put(b, d, 2, 1, avg2(I, X));
      put(b, d, 0, 1, avg2(J, I)); put(b, d, 2, 2, avg2(J, I));
      put(b, d, 0, 2, avg2(K, J)); put(b, d, 2, 3, avg2(K, J));
      put(b, d, 0, 3, avg2(L, K));
      put(b, d, 3, 0, avg3(A, B, C));
      put(b, d, 2, 0, avg3(X, A, B));
      put(b, d, 1, 0, avg3(I, X, A)); put(b, d, 3, 1, avg3(I, X, A));
      put(b, d, 1, 1, avg3(J, I, X)); put(b, d, 3, 2, avg3(J, I, X));
      put(b, d, 1, 2, avg3(K, J, I)); put(b, d, 3, 3, avg3(K, J, I));
      put(b, d, 1, 3, avg3(L, K, J));
      return;
    default: // B_HU_PRED
      put(b, d, 0, 0, avg2(I, J));
      put(b, d, 2, 0, avg2(J, K)); put(b, d, 0, 1, avg2(J, K));
      put(b, d, 2, 1, avg2(K, L)); put(b, d, 0, 2, avg2(K, L));
      put(b, d, 1, 0, avg3(I, J, K));
      put(b, d, 3, 0, avg3(J, K, L)); put(b, d, 1, 1, avg3(J, K, L));
      put(b, d, 3, 1, avg3(K, L, L)); put(b, d, 1, 2, avg3(K, L, L));
      put(b, d, 3, 2, L); put(b, d, 2, 2, L); put(b, d, 0, 3, L); put(b, d, 1, 3, L); put(b, d, 2, 3, L); put(b, d, 3, 3, L);
  }
}
