// IJG quality scaling of the T.81 Annex K tables and the quantization step of the encoder.
// Sources: libjpeg-turbo jcparam.c (jpeg_quality_scaling, jpeg_add_quant_table), jcdctmgr.c (quantize).
import { STD_CHROMINANCE_QUANT, STD_LUMINANCE_QUANT, ZIGZAG_TO_NATURAL } from './standard-tables.js';

/** One quantization table, scaled for a quality, with what the quantizer needs precomputed. */
export interface QuantTable {
  /** The 64 quantizer steps in natural (row-major) order, each 1–255 (8-bit precision, baseline). */
  readonly natural: Uint8Array;
  /**
   * Per zig-zag position k: half the divisor applied to coefficient ZIGZAG_TO_NATURAL[k], rounded down (added
   * before dividing, to round). The islow DCT leaves its output scaled up by 8, so the divisor is the step times 8
   * (jcdctmgr.c start_pass_fdctmgr, JDCT_ISLOW).
   */
  readonly halves: Int32Array;
  /** Per zig-zag position: 1 / divisor, nudged up so that truncating a product never falls one short. */
  readonly reciprocals: Float64Array;
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
  return quantTable(natural);
}

/**
 * The quantizer's view of a table of steps 1–255 (natural order).
 *
 * The reciprocal is 1/d times (1 + 2^-40): for n = |x| + d/2 < 2^17, n/d is either an integer k, which the nudge
 * keeps from rounding to just below k, or at most k + 1 − 1/d, which an error of n × 2^-40 (far below 1/d ≥ 2^-11)
 * cannot push to k + 1. So truncating n × reciprocal is exactly the integer division (checked exhaustively in the
 * tests), at the cost of a multiplication.
 */
export function quantTable(natural: Uint8Array): QuantTable {
  const halves = new Int32Array(64);
  const reciprocals = new Float64Array(64);
  for (let k = 0; k < 64; k++) {
    const d = natural[ZIGZAG_TO_NATURAL[k]!]! << 3;
    halves[k] = d >> 1;
    reciprocals[k] = (1 + 2 ** -40) / d;
  }
  return { natural, halves, reciprocals };
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
 * Each coefficient becomes (|x| + divisor/2) / divisor in integers, sign restored: the rounding division
 * jcdctmgr.c's quantize performs. libjpeg-turbo computes it with a multiply by a precomputed integer reciprocal
 * (compute_reciprocal), which gives the same integer for every 16-bit input (checked exhaustively in the tests);
 * here the multiply is by a floating-point reciprocal (see {@link quantTable}). Branch-free: most coefficients
 * round to 0 but which ones is not predictable.
 */
export function quantizeBlock(block: Int32Array, table: QuantTable, out: Int32Array): void {
  const { halves, reciprocals } = table;
  for (let k = 0; k < 64; k++) {
    const x = block[NATURAL[k]!]!;
    const sign = x >> 31; // 0 or −1
    const q = (((x ^ sign) - sign + halves[k]!) * reciprocals[k]!) | 0;
    out[k] = (q ^ sign) - sign;
  }
}
