// Dequantisation and inverse DCT of one 8×8 block into 8-bit samples, exactly as libjpeg-turbo 2.1.5: the ISLOW
// integer IDCT (jidctint.c) at full size and the reduced-size IDCTs of jidctred.c (4×4, 2×2, 1×1) for scaled
// decoding, each with its post-IDCT range limiting (jdmaster.c prepare_range_limit_table: the value is masked to
// 10 bits and then clamped, so a wildly out-of-range value from corrupt data wraps around).
// Spec: ITU-T T.81 A.3.3 (IDCT), libjpeg's fixed-point forms with CONST_BITS = 13 and PASS1_BITS = 2.

/** The post-IDCT range limit table, indexed by (value & 1023): -128…383 → 0…255 clamped, wrapping beyond. */
const RANGE = /* @__PURE__ */ Uint8Array.from({ length: 1024 }, (_, i) => (i < 128 ? i + 128 : i < 512 ? 255 : i < 896 ? 0 : i - 896));

const WS = /* @__PURE__ */ new Int32Array(64);

/**
 * Blocks whose dequantised coefficients have absolute values summing to at most this stay within 32-bit integers
 * in every step of {@link idctIslow} (its largest gain, coefficient to pre-shift output, is below 63,100), so it may
 * use `>>`; every block a real encoder writes does (its coefficients sum to at most about 16,400).
 */
const FAST_LIMIT = 32768;

// FIX(x) = round(x · 2^13), libjpeg's constants.
const F0298 = 2446, F0390 = 3196, F0541 = 4433, F0765 = 6270, F0899 = 7373, F1175 = 9633, F1501 = 12299,
  F1847 = 15137, F1961 = 16069, F2053 = 16819, F2562 = 20995, F3072 = 25172;

/**
 * jpeg_idct_islow: dequantises `coef[at…at+63]` (natural order) with `quant` and writes 8×8 samples to
 * `out[o + row·stride + col]`. Blocks beyond {@link FAST_LIMIT} (only corrupt data makes them) go to
 * {@link idctExact}.
 */
export function idctIslow(coef: Int16Array, at: number, quant: Int32Array, out: Uint8Array, o: number, stride: number): void {
  const ws = WS;
  let sum = 0;
  for (let c = 0; c < 8; c++) {
    const i = at + c;
    const c1 = coef[i + 8]!, c2 = coef[i + 16]!, c3 = coef[i + 24]!, c4 = coef[i + 32]!, c5 = coef[i + 40]!, c6 = coef[i + 48]!, c7 = coef[i + 56]!;
    if ((c1 | c2 | c3 | c4 | c5 | c6 | c7) === 0) {
      const z = coef[i]! * quant[c]!;
      sum += z < 0 ? -z : z;
      const dc = z << 2;
      ws[c] = ws[c + 8] = ws[c + 16] = ws[c + 24] = ws[c + 32] = ws[c + 40] = ws[c + 48] = ws[c + 56] = dc;
      continue;
    }
    const d0 = coef[i]! * quant[c]!, d1 = c1 * quant[c + 8]!, d2 = c2 * quant[c + 16]!, d3 = c3 * quant[c + 24]!;
    const d4 = c4 * quant[c + 32]!, d5 = c5 * quant[c + 40]!, d6 = c6 * quant[c + 48]!, d7 = c7 * quant[c + 56]!;
    sum += Math.abs(d0) + Math.abs(d1) + Math.abs(d2) + Math.abs(d3) + Math.abs(d4) + Math.abs(d5) + Math.abs(d6) + Math.abs(d7);
    let z1 = (d2 + d6) * F0541;
    const t2 = z1 - d6 * F1847;
    const t3 = z1 + d2 * F0765;
    const t0 = (d0 + d4) * 8192;
    const t1 = (d0 - d4) * 8192;
    const t10 = t0 + t3, t13 = t0 - t3, t11 = t1 + t2, t12 = t1 - t2;
    z1 = d7 + d1;
    let z2 = d5 + d3;
    let z3 = d7 + d3;
    let z4 = d5 + d1;
    const z5 = (z3 + z4) * F1175;
    let o0 = d7 * F0298, o1 = d5 * F2053, o2 = d3 * F3072, o3 = d1 * F1501;
    z1 *= -F0899; z2 *= -F2562; z3 = z3 * -F1961 + z5; z4 = z4 * -F0390 + z5;
    o0 += z1 + z3; o1 += z2 + z4; o2 += z2 + z3; o3 += z1 + z4;
    ws[c] = (t10 + o3 + 1024) >> 11;
    ws[c + 56] = (t10 - o3 + 1024) >> 11;
    ws[c + 8] = (t11 + o2 + 1024) >> 11;
    ws[c + 48] = (t11 - o2 + 1024) >> 11;
    ws[c + 16] = (t12 + o1 + 1024) >> 11;
    ws[c + 40] = (t12 - o1 + 1024) >> 11;
    ws[c + 24] = (t13 + o0 + 1024) >> 11;
    ws[c + 32] = (t13 - o0 + 1024) >> 11;
  }
  if (sum > FAST_LIMIT) {
    idctExact(8, coef, at, quant, out, o, stride);
    return;
  }
  for (let r = 0; r < 64; r += 8, o += stride) {
    const w1 = ws[r + 1]!, w2 = ws[r + 2]!, w3 = ws[r + 3]!, w4 = ws[r + 4]!, w5 = ws[r + 5]!, w6 = ws[r + 6]!, w7 = ws[r + 7]!;
    if ((w1 | w2 | w3 | w4 | w5 | w6 | w7) === 0) {
      const v = RANGE[((ws[r]! + 16) >> 5) & 1023]!;
      out[o] = out[o + 1] = out[o + 2] = out[o + 3] = out[o + 4] = out[o + 5] = out[o + 6] = out[o + 7] = v;
      continue;
    }
    let z1 = (w2 + w6) * F0541;
    const t2 = z1 - w6 * F1847;
    const t3 = z1 + w2 * F0765;
    const t0 = (ws[r]! + w4) * 8192;
    const t1 = (ws[r]! - w4) * 8192;
    const t10 = t0 + t3, t13 = t0 - t3, t11 = t1 + t2, t12 = t1 - t2;
    z1 = w7 + w1;
    let z2 = w5 + w3;
    let z3 = w7 + w3;
    let z4 = w5 + w1;
    const z5 = (z3 + z4) * F1175;
    let o0 = w7 * F0298, o1 = w5 * F2053, o2 = w3 * F3072, o3 = w1 * F1501;
    z1 *= -F0899; z2 *= -F2562; z3 = z3 * -F1961 + z5; z4 = z4 * -F0390 + z5;
    o0 += z1 + z3; o1 += z2 + z4; o2 += z2 + z3; o3 += z1 + z4;
    out[o] = RANGE[((t10 + o3 + 131072) >> 18) & 1023]!;
    out[o + 7] = RANGE[((t10 - o3 + 131072) >> 18) & 1023]!;
    out[o + 1] = RANGE[((t11 + o2 + 131072) >> 18) & 1023]!;
    out[o + 6] = RANGE[((t11 - o2 + 131072) >> 18) & 1023]!;
    out[o + 2] = RANGE[((t12 + o1 + 131072) >> 18) & 1023]!;
    out[o + 5] = RANGE[((t12 - o1 + 131072) >> 18) & 1023]!;
    out[o + 3] = RANGE[((t13 + o0 + 131072) >> 18) & 1023]!;
    out[o + 4] = RANGE[((t13 - o0 + 131072) >> 18) & 1023]!;
  }
}

/** C's `(x + 2^(n-1)) >> n` on a 64-bit value (libjpeg's DESCALE), exact for any |x| < 2^53. */
const descale = (x: number, n: number): number => Math.floor((x + 2 ** (n - 1)) / 2 ** n);

/** Odd part of the 8-point ISLOW IDCT for inputs 1, 3, 5, 7: returns [o0, o1, o2, o3] as in jidctint.c. */
function oddIslow(i1: number, i3: number, i5: number, i7: number): number[] {
  const z5 = (i7 + i3 + i5 + i1) * F1175;
  const z1 = (i7 + i1) * -F0899, z2 = (i5 + i3) * -F2562, z3 = (i7 + i3) * -F1961 + z5, z4 = (i5 + i1) * -F0390 + z5;
  return [i7 * F0298 + z1 + z3, i5 * F2053 + z2 + z4, i3 * F3072 + z2 + z3, i1 * F1501 + z1 + z4];
}

/**
 * The IDCT libjpeg uses for a component whose DCT_scaled_size is `size` (8: jpeg_idct_islow, 4/2/1: the reduced
 * forms of jidctred.c), with libjpeg's 64-bit intermediates and 32-bit workspace emulated exactly, so any
 * coefficients (corrupt data included) give libjpeg's samples. Writes size × size samples.
 */
export function idctExact(size: number, coef: Int16Array, at: number, quant: Int32Array, out: Uint8Array, o: number, stride: number): void {
  if (size === 1) {
    out[o] = RANGE[descale(coef[at]! * quant[0]!, 3) & 1023]!;
    return;
  }
  const ws = WS;
  const z = (k: number) => coef[at + k]! * quant[k]!;
  for (let c = 0; c < 8; c++) {
    // jidctred.c skips the columns its output does not use.
    if ((size === 4 && c === 4) || (size === 2 && (c & 1) === 0 && c > 0)) continue;
    let ac = false;
    for (let k = 1; k < 8; k++) if (coef[at + c + 8 * k] !== 0 && !(size === 4 && k === 4) && !(size === 2 && (k & 1) === 0)) ac = true;
    if (!ac) {
      for (let r = 0; r < 8; r++) ws[c + 8 * r] = z(c) * 4;
      continue;
    }
    if (size === 8) {
      const t1s = (z(c + 16) + z(c + 48)) * F0541;
      const t2 = t1s - z(c + 48) * F1847, t3 = t1s + z(c + 16) * F0765;
      const t0 = (z(c) + z(c + 32)) * 8192, t1 = (z(c) - z(c + 32)) * 8192;
      const [o0, o1, o2, o3] = oddIslow(z(c + 8), z(c + 24), z(c + 40), z(c + 56));
      const even = [t0 + t3, t1 + t2, t1 - t2, t0 - t3];
      const odd = [o3!, o2!, o1!, o0!];
      for (let r = 0; r < 4; r++) {
        ws[c + 8 * r] = descale(even[r]! + odd[r]!, 11);
        ws[c + 8 * (7 - r)] = descale(even[r]! - odd[r]!, 11);
      }
    } else if (size === 4) {
      const t0 = z(c) * 16384;
      const t2 = z(c + 16) * 15137 - z(c + 48) * 6270;
      const [a, b] = odd4(z(c + 56), z(c + 40), z(c + 24), z(c + 8));
      ws[c] = descale(t0 + t2 + b!, 12);
      ws[c + 24] = descale(t0 + t2 - b!, 12);
      ws[c + 8] = descale(t0 - t2 + a!, 12);
      ws[c + 16] = descale(t0 - t2 - a!, 12);
    } else {
      const t10 = z(c) * 32768;
      const t0 = odd2(z(c + 56), z(c + 40), z(c + 24), z(c + 8));
      ws[c] = descale(t10 + t0, 13);
      ws[c + 8] = descale(t10 - t0, 13);
    }
  }
  for (let r = 0; r < size; r++, o += stride) {
    const w = (k: number) => ws[8 * r + k]!;
    const used = size === 8 ? [1, 2, 3, 4, 5, 6, 7] : size === 4 ? [1, 2, 3, 5, 6, 7] : [1, 3, 5, 7];
    if (used.every((k) => w(k) === 0)) {
      out.fill(RANGE[descale(w(0), 5) & 1023]!, o, o + size);
      continue;
    }
    if (size === 8) {
      const t1s = (w(2) + w(6)) * F0541;
      const t2 = t1s - w(6) * F1847, t3 = t1s + w(2) * F0765;
      const t0 = (w(0) + w(4)) * 8192, t1 = (w(0) - w(4)) * 8192;
      const [o0, o1, o2, o3] = oddIslow(w(1), w(3), w(5), w(7));
      const even = [t0 + t3, t1 + t2, t1 - t2, t0 - t3];
      const odd = [o3!, o2!, o1!, o0!];
      for (let k = 0; k < 4; k++) {
        out[o + k] = RANGE[descale(even[k]! + odd[k]!, 18) & 1023]!;
        out[o + 7 - k] = RANGE[descale(even[k]! - odd[k]!, 18) & 1023]!;
      }
    } else if (size === 4) {
      const t0 = w(0) * 16384;
      const t2 = w(2) * 15137 - w(6) * 6270;
      const [a, b] = odd4(w(7), w(5), w(3), w(1));
      out[o] = RANGE[descale(t0 + t2 + b!, 19) & 1023]!;
      out[o + 3] = RANGE[descale(t0 + t2 - b!, 19) & 1023]!;
      out[o + 1] = RANGE[descale(t0 - t2 + a!, 19) & 1023]!;
      out[o + 2] = RANGE[descale(t0 - t2 - a!, 19) & 1023]!;
    } else {
      const t10 = w(0) * 32768;
      const t0 = odd2(w(7), w(5), w(3), w(1));
      out[o] = RANGE[descale(t10 + t0, 20) & 1023]!;
      out[o + 1] = RANGE[descale(t10 - t0, 20) & 1023]!;
    }
  }
}

/** jidctred.c jpeg_idct_4x4 odd part from inputs 7, 5, 3, 1: [tmp0, tmp2]. */
const odd4 = (z1: number, z2: number, z3: number, z4: number) => [
  z1 * -1730 + z2 * 11893 + z3 * -17799 + z4 * 8697,
  z1 * -4176 + z2 * -4926 + z3 * 7373 + z4 * 20995,
];

/** jidctred.c jpeg_idct_2x2 odd part from inputs 7, 5, 3, 1. */
const odd2 = (z7: number, z5: number, z3: number, z1: number) => z7 * -5906 + z5 * 6967 + z3 * -10426 + z1 * 29692;
