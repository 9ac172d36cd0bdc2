// VP8 inverse transforms (RFC 6386 §14.3, §14.4), ported from libwebp 1.2.4 src/dsp/dec.c: the 4×4 inverse DCT
// with 20091/35468 fixed-point multipliers added onto the prediction, its DC-only shortcut, and the inverse
// Walsh-Hadamard transform of the Y2 block.
import { BPS } from './predict.js';

/** x × (1 + 20091 / 65536) and x × 35468 / 65536 as dec.c MUL1 / MUL2. */
const mul1 = (a: number): number => ((a * 20091) >> 16) + a;
const mul2 = (a: number): number => (a * 35468) >> 16;
const clip8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

const tmp = new Int32Array(16);

/** Adds the inverse DCT of the 16 coefficients at `c[at]` to the 4×4 block at `b[dst]` (TransformOne_C). */
export function transformOne(c: Int16Array, at: number, b: Uint8Array, dst: number): void {
  for (let i = 0, t = 0; i < 4; i++, t += 4) {
    const in0 = c[at + i]!, in4 = c[at + 4 + i]!, in8 = c[at + 8 + i]!, in12 = c[at + 12 + i]!;
    const a = in0 + in8;
    const bb = in0 - in8;
    const cc = mul2(in4) - mul1(in12);
    const d = mul1(in4) + mul2(in12);
    tmp[t] = a + d;
    tmp[t + 1] = bb + cc;
    tmp[t + 2] = bb - cc;
    tmp[t + 3] = a - d;
  }
  for (let i = 0; i < 4; i++, dst += BPS) {
    const dc = tmp[i]! + 4;
    const a = dc + tmp[8 + i]!;
    const bb = dc - tmp[8 + i]!;
    const cc = mul2(tmp[4 + i]!) - mul1(tmp[12 + i]!);
    const d = mul1(tmp[4 + i]!) + mul2(tmp[12 + i]!);
    b[dst] = clip8(b[dst]! + ((a + d) >> 3));
    b[dst + 1] = clip8(b[dst + 1]! + ((bb + cc) >> 3));
    b[dst + 2] = clip8(b[dst + 2]! + ((bb - cc) >> 3));
    b[dst + 3] = clip8(b[dst + 3]! + ((a - d) >> 3));
  }
}

/** Adds the inverse DCT of a block whose only non-zero coefficient is the DC (TransformDC_C). */
export function transformDc(c: Int16Array, at: number, b: Uint8Array, dst: number): void {
  const dc = (c[at]! + 4) >> 3;
  for (let j = 0; j < 4; j++, dst += BPS) {
    for (let i = 0; i < 4; i++) b[dst + i] = clip8(b[dst + i]! + dc);
  }
}

/** The inverse WHT of the Y2 block `input`, writing each result to the DC of the 16 luma blocks (TransformWHT_C). */
export function transformWht(input: Int16Array, out: Int16Array, outAt: number): void {
  for (let i = 0; i < 4; i++) {
    const a0 = input[i]! + input[12 + i]!;
    const a1 = input[4 + i]! + input[8 + i]!;
    const a2 = input[4 + i]! - input[8 + i]!;
    const a3 = input[i]! - input[12 + i]!;
    tmp[i] = a0 + a1;
    tmp[8 + i] = a0 - a1;
    tmp[4 + i] = a3 + a2;
    tmp[12 + i] = a3 - a2;
  }
  for (let i = 0; i < 4; i++) {
    const dc = tmp[i * 4]! + 3;
    const a0 = dc + tmp[3 + i * 4]!;
    const a1 = tmp[1 + i * 4]! + tmp[2 + i * 4]!;
    const a2 = tmp[1 + i * 4]! - tmp[2 + i * 4]!;
    const a3 = dc - tmp[3 + i * 4]!;
    const o = outAt + i * 64;
    out[o] = (a0 + a1) >> 3;
    out[o + 16] = (a3 + a2) >> 3;
    out[o + 32] = (a0 - a1) >> 3;
    out[o + 48] = (a3 - a2) >> 3;
  }
}
