// The "islow" forward DCT of libjpeg: Loeffler–Ligtenberg–Moschytz with 13-bit fixed-point constants, exactly as
// libjpeg-turbo jfdctint.c jpeg_fdct_islow computes it (its SIMD versions give the same integers).

// FIX(x) = round(x × 2^13), the constants as jfdctint.c writes them out for CONST_BITS 13.
const FIX_0_298631336 = 2446;
const FIX_0_390180644 = 3196;
const FIX_0_541196100 = 4433;
const FIX_0_765366865 = 6270;
const FIX_0_899976223 = 7373;
const FIX_1_175875602 = 9633;
const FIX_1_501321110 = 12299;
const FIX_1_847759065 = 15137;
const FIX_1_961570560 = 16069;
const FIX_2_053119869 = 16819;
const FIX_2_562915447 = 20995;
const FIX_3_072711026 = 25172;

const CONST_BITS = 13;
const PASS1_BITS = 2;
// DESCALE(x, n) = (x + 2^(n-1)) >> n: rounding right shifts after each pass.
const PASS1_SHIFT = CONST_BITS - PASS1_BITS;
const PASS1_ROUND = 1 << (PASS1_SHIFT - 1);
const PASS2_SHIFT = CONST_BITS + PASS1_BITS;
const PASS2_ROUND = 1 << (PASS2_SHIFT - 1);

/**
 * Transforms the 8×8 samples at `offset` of `samples` (rows `stride` apart) into `data`: the coefficients in
 * row-major order, scaled up by 8 as in libjpeg (the quantizer's divisors include that factor). Samples are
 * centred on 0 first (jcdctmgr.c convsamp subtracts CENTERJSAMPLE).
 *
 * Every intermediate stays well inside ±2^31 for 8-bit input, so `>>` on them is exact; the products are exact in
 * doubles before it.
 */
export function forwardDctIslow(samples: Uint8Array, offset: number, stride: number, data: Int32Array): void {
  // Pass 1: rows. Results are scaled up by sqrt(8) and by 2^PASS1_BITS.
  for (let p = 0, o = offset; p < 64; p += 8, o += stride) {
    const d0 = samples[o]! - 128, d1 = samples[o + 1]! - 128, d2 = samples[o + 2]! - 128, d3 = samples[o + 3]! - 128;
    const d4 = samples[o + 4]! - 128, d5 = samples[o + 5]! - 128, d6 = samples[o + 6]! - 128, d7 = samples[o + 7]! - 128;
    const tmp0 = d0 + d7, tmp7 = d0 - d7;
    const tmp1 = d1 + d6, tmp6 = d1 - d6;
    const tmp2 = d2 + d5, tmp5 = d2 - d5;
    const tmp3 = d3 + d4, tmp4 = d3 - d4;

    // Even part (LL&M figure 1; the rotator is sqrt(2)*c6).
    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
    data[p] = (tmp10 + tmp11) << PASS1_BITS;
    data[p + 4] = (tmp10 - tmp11) << PASS1_BITS;
    const z1e = (tmp12 + tmp13) * FIX_0_541196100;
    data[p + 2] = (z1e + tmp13 * FIX_0_765366865 + PASS1_ROUND) >> PASS1_SHIFT;
    data[p + 6] = (z1e - tmp12 * FIX_1_847759065 + PASS1_ROUND) >> PASS1_SHIFT;

    // Odd part (LL&M figure 8; cK = cos(K*pi/16)).
    const z3s = tmp4 + tmp6, z4s = tmp5 + tmp7;
    const z5 = (z3s + z4s) * FIX_1_175875602;
    const z1 = -(tmp4 + tmp7) * FIX_0_899976223;
    const z2 = -(tmp5 + tmp6) * FIX_2_562915447;
    const z3 = -z3s * FIX_1_961570560 + z5;
    const z4 = -z4s * FIX_0_390180644 + z5;
    data[p + 7] = (tmp4 * FIX_0_298631336 + z1 + z3 + PASS1_ROUND) >> PASS1_SHIFT;
    data[p + 5] = (tmp5 * FIX_2_053119869 + z2 + z4 + PASS1_ROUND) >> PASS1_SHIFT;
    data[p + 3] = (tmp6 * FIX_3_072711026 + z2 + z3 + PASS1_ROUND) >> PASS1_SHIFT;
    data[p + 1] = (tmp7 * FIX_1_501321110 + z1 + z4 + PASS1_ROUND) >> PASS1_SHIFT;
  }

  // Pass 2: columns. Removes the PASS1_BITS scaling, leaving the overall factor of 8.
  for (let c = 0; c < 8; c++) {
    const d0 = data[c]!, d1 = data[c + 8]!, d2 = data[c + 16]!, d3 = data[c + 24]!;
    const d4 = data[c + 32]!, d5 = data[c + 40]!, d6 = data[c + 48]!, d7 = data[c + 56]!;
    const tmp0 = d0 + d7, tmp7 = d0 - d7;
    const tmp1 = d1 + d6, tmp6 = d1 - d6;
    const tmp2 = d2 + d5, tmp5 = d2 - d5;
    const tmp3 = d3 + d4, tmp4 = d3 - d4;

    const tmp10 = tmp0 + tmp3, tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2, tmp12 = tmp1 - tmp2;
    data[c] = (tmp10 + tmp11 + (1 << (PASS1_BITS - 1))) >> PASS1_BITS;
    data[c + 32] = (tmp10 - tmp11 + (1 << (PASS1_BITS - 1))) >> PASS1_BITS;
    const z1e = (tmp12 + tmp13) * FIX_0_541196100;
    data[c + 16] = (z1e + tmp13 * FIX_0_765366865 + PASS2_ROUND) >> PASS2_SHIFT;
    data[c + 48] = (z1e - tmp12 * FIX_1_847759065 + PASS2_ROUND) >> PASS2_SHIFT;

    const z3s = tmp4 + tmp6, z4s = tmp5 + tmp7;
    const z5 = (z3s + z4s) * FIX_1_175875602;
    const z1 = -(tmp4 + tmp7) * FIX_0_899976223;
    const z2 = -(tmp5 + tmp6) * FIX_2_562915447;
    const z3 = -z3s * FIX_1_961570560 + z5;
    const z4 = -z4s * FIX_0_390180644 + z5;
    data[c + 56] = (tmp4 * FIX_0_298631336 + z1 + z3 + PASS2_ROUND) >> PASS2_SHIFT;
    data[c + 40] = (tmp5 * FIX_2_053119869 + z2 + z4 + PASS2_ROUND) >> PASS2_SHIFT;
    data[c + 24] = (tmp6 * FIX_3_072711026 + z2 + z3 + PASS2_ROUND) >> PASS2_SHIFT;
    data[c + 8] = (tmp7 * FIX_1_501321110 + z1 + z4 + PASS2_ROUND) >> PASS2_SHIFT;
  }
}
