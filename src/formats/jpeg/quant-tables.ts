// IJG quality scaling of the T.81 Annex K tables and the quantization step of the encoder.
// Sources: libjpeg-turbo jcparam.c (jpeg_quality_scaling, jpeg_add_quant_table), jcdctmgr.c (quantize).
import { STD_CHROMINANCE_QUANT, STD_LUMINANCE_QUANT, ZIGZAG_TO_NATURAL } from './standard-tables.js';

/** One quantization table, scaled for a quality, with what the quantizer needs precomputed. */
export interface QuantTable {
  /** The 64 quantizer steps in natural (row-major) order, each 1–255 (8-bit precision, baseline). */
  readonly natural: Uint8Array;
  /**
   * Per zig-zag position k: the divisor applied to coefficient ZIGZAG_TO_NATURAL[k] of the islow DCT, which leaves
   * its output scaled up by 8, so the divisor is the step times 8 (jcdctmgr.c start_pass_fdctmgr, JDCT_ISLOW).
   */
  readonly divisors: Int32Array;
}

/** The luminance (table 0) and chrominance (table 1) tables of one quality, as jpeg_set_quality sets them. */
export interface QualityTables {
  readonly luminance: QuantTable;
  readonly chrominance: QuantTable;
}

/**
 * jcparam.c jpeg_quality_scaling: quality 50 keeps the tables, 1–49 scale by 5000/q %, 51–100 by 200 − 2q %.
 */
export function qualityScaling(quality: number): number {
  const q = Math.min(100, Math.max(1, quality));
  return q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
}

/**
 * jcparam.c jpeg_add_quant_table with force_baseline TRUE (how Pillow calls jpeg_set_quality): each entry is
 * (basic × scale + 50) / 100 in integer arithmetic, then clamped to 1–255.
 */
function scaleTable(basic: readonly number[], scale: number): QuantTable {
  const natural = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    const value = Math.floor((basic[i]! * scale + 50) / 100);
    natural[i] = Math.min(255, Math.max(1, value));
  }
  const divisors = new Int32Array(64);
  for (let k = 0; k < 64; k++) divisors[k] = natural[ZIGZAG_TO_NATURAL[k]!]! << 3;
  return { natural, divisors };
}

// Built on first use, once per quality: at most 100 small entries.
const cache = new Map<number, QualityTables>();

/** The two tables for an IJG quality 1–100 (cached). */
export function qualityTables(quality: number): QualityTables {
  let tables = cache.get(quality);
  if (tables === undefined) {
    const scale = qualityScaling(quality);
    tables = { luminance: scaleTable(STD_LUMINANCE_QUANT, scale), chrominance: scaleTable(STD_CHROMINANCE_QUANT, scale) };
    cache.set(quality, tables);
  }
  return tables;
}

// The zig-zag order as a typed array, for the inner loop.
const NATURAL = Int32Array.from(ZIGZAG_TO_NATURAL);

/**
 * Quantizes one DCT block (natural order, as the islow DCT leaves it) into `out` in zig-zag order.
 *
 * Each coefficient becomes round(|x| / divisor) with halves rounded up, sign restored: the division jcdctmgr.c's
 * quantize performs. libjpeg-turbo computes it with a multiply by a precomputed reciprocal (compute_reciprocal),
 * which gives the same integer for every input a DCT of 8-bit samples produces (checked exhaustively in the tests).
 * A floating-point division of two integers below 2^17 truncates to the exact integer quotient, since the true
 * quotient is never closer than 1/divisor to the next integer.
 */
export function quantizeBlock(block: Int32Array, divisors: Int32Array, out: Int32Array): void {
  for (let k = 0; k < 64; k++) {
    const x = block[NATURAL[k]!]!;
    const d = divisors[k]!;
    const half = d >> 1;
    const magnitude = x < 0 ? -x : x;
    // Most high-frequency coefficients round to 0: skip the division for them.
    if (magnitude + half < d) out[k] = 0;
    else {
      const q = ((magnitude + half) / d) | 0;
      out[k] = x < 0 ? -q : q;
    }
  }
}
