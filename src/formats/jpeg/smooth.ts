// Block smoothing of a progressive file whose low-frequency AC coefficients are not all fully known after its last
// scan, exactly as libjpeg-turbo 2.1.5's jdcoefct.c decompress_smooth_data (on by default, so Pillow applies it):
// coefficients still zero and not known to be exact are estimated from the DC values of the 5×5 neighbouring blocks.

/** What smoothing needs of a component. */
export interface SmoothComponent {
  v: number;
  bw: number;
  bh: number;
  cbw: number;
  coefBits: Int32Array;
  /** The latched quantisation table as stored (unsigned), natural order. */
  rawQuant: Uint16Array;
}

/**
 * Smooths block row `by` (the `j`-th of iMCU row `k` of `mcuRows`) of component `c`, calling `idct(bx, block)` with
 * each smoothed block in turn.
 */
export function smoothRow(
  c: SmoothComponent, coef: Int16Array, by: number, k: number, j: number, mcuRows: number, work: Int16Array,
  idct: (bx: number, block: Int16Array) => void,
): void {
  const last = mcuRows - 1;
  const rows = k < last ? c.v : c.bh - k * c.v;
  // The neighbouring block rows as jdcoefct.c picks them (note its conditions at the second and last-but-one rows).
  const prev = j > 0 || k > 0 ? by - 1 : by;
  const prevPrev = j > 1 || k > 1 ? by - 2 : prev;
  const next = j < rows - 1 || k < last ? by + 1 : by;
  const nextNext = j < rows - 2 || k + 1 < last ? by + 2 : next;
  const rowOf = [prevPrev, prev, by, next, nextNext].map((r) => r * c.cbw * 64);
  const bits = c.coefBits;
  const q = c.rawQuant;
  const changeDc = [1, 2, 3, 4, 5, 6, 7, 8, 9].every((i) => bits[i] === -1);
  const q00 = q[0]!;
  // DC[row][col]: 5 × 5 sliding registers, DC01…DC25 in libjpeg's numbering, row-major.
  const dc = new Int32Array(25);
  for (let r = 0; r < 5; r++) dc.fill(coef[rowOf[r]!]!, r * 5, r * 5 + 5);
  const lastColumn = c.bw - 1;
  const at = (n: number) => dc[n - 1]!;
  for (let bx = 0; bx <= lastColumn; bx++) {
    const base = rowOf[2]! + bx * 64;
    for (let i = 0; i < 64; i++) work[i] = coef[base + i]!;
    if (bx === 0 && bx < lastColumn) for (let r = 0; r < 5; r++) dc[r * 5 + 3] = coef[rowOf[r]! + 64]!;
    if (bx + 1 < lastColumn) for (let r = 0; r < 5; r++) dc[r * 5 + 4] = coef[rowOf[r]! + (bx + 2) * 64]!;
    // pred(num, Qxy, Al): libjpeg's rounded estimate, limited below 2^Al when Al > 0.
    const estimate = (pos: number, bitIndex: number, num: number, qxy: number) => {
      const al = bits[bitIndex]!;
      if (al === 0 || work[pos] !== 0) return;
      let pred = Math.floor((qxy * 128 + Math.abs(num)) / (qxy * 256)) | 0;
      if (al > 0 && pred >= 1 << al) pred = (1 << al) - 1;
      work[pos] = num >= 0 ? pred : -pred;
    };
    const d = at;
    estimate(1, 1, q00 * (changeDc
      ? -d(1) - d(2) + d(4) + d(5) - 3 * d(6) + 13 * d(7) - 13 * d(9) + 3 * d(10) - 3 * d(11) + 38 * d(12) - 38 * d(14) + 3 * d(15) - 3 * d(16) + 13 * d(17) - 13 * d(19) + 3 * d(20) - d(21) - d(22) + d(24) + d(25)
      : -7 * d(11) + 50 * d(12) - 50 * d(14) + 7 * d(15)), q[1]!);
    estimate(8, 2, q00 * (changeDc
      ? -d(1) - 3 * d(2) - 3 * d(3) - 3 * d(4) - d(5) - d(6) + 13 * d(7) + 38 * d(8) + 13 * d(9) - d(10) + d(16) - 13 * d(17) - 38 * d(18) - 13 * d(19) + d(20) + d(21) + 3 * d(22) + 3 * d(23) + 3 * d(24) + d(25)
      : -7 * d(3) + 50 * d(8) - 50 * d(18) + 7 * d(23)), q[8]!);
    estimate(16, 3, q00 * (changeDc
      ? d(3) + 2 * d(7) + 7 * d(8) + 2 * d(9) - 5 * d(12) - 14 * d(13) - 5 * d(14) + 2 * d(17) + 7 * d(18) + 2 * d(19) + d(23)
      : -d(3) + 13 * d(8) - 24 * d(13) + 13 * d(18) - d(23)), q[16]!);
    estimate(9, 4, q00 * (changeDc
      ? -d(1) + d(5) + 9 * d(7) - 9 * d(9) - 9 * d(17) + 9 * d(19) + d(21) - d(25)
      : d(10) + d(16) - 10 * d(17) + 10 * d(19) - d(2) - d(20) + d(22) - d(24) + d(4) - d(6) + 10 * d(7) - 10 * d(9)), q[9]!);
    estimate(2, 5, q00 * (changeDc
      ? 2 * d(7) - 5 * d(8) + 2 * d(9) + d(11) + 7 * d(12) - 14 * d(13) + 7 * d(14) + d(15) + 2 * d(17) - 5 * d(18) + 2 * d(19)
      : -d(11) + 13 * d(12) - 24 * d(13) + 13 * d(14) - d(15)), q[2]!);
    if (changeDc) {
      estimate(3, 6, q00 * (d(7) - d(9) + 2 * d(12) - 2 * d(14) + d(17) - d(19)), q[3]!);
      estimate(10, 7, q00 * (d(7) - 3 * d(8) + d(9) - d(17) + 3 * d(18) - d(19)), q[10]!);
      estimate(17, 8, q00 * (d(7) - d(9) - 3 * d(12) + 3 * d(14) + d(17) - d(19)), q[17]!);
      estimate(24, 9, q00 * (d(7) + 2 * d(8) + d(9) - d(17) - 2 * d(18) - d(19)), q[24]!);
      const num = q00 * (-2 * d(1) - 6 * d(2) - 8 * d(3) - 6 * d(4) - 2 * d(5) - 6 * d(6) + 6 * d(7) + 42 * d(8) + 6 * d(9) - 6 * d(10)
        - 8 * d(11) + 42 * d(12) + 152 * d(13) + 42 * d(14) - 8 * d(15) - 6 * d(16) + 6 * d(17) + 42 * d(18) + 6 * d(19) - 6 * d(20)
        - 2 * d(21) - 6 * d(22) - 8 * d(23) - 6 * d(24) - 2 * d(25));
      const pred = Math.floor((q00 * 128 + Math.abs(num)) / (q00 * 256)) | 0;
      work[0] = num >= 0 ? pred : -pred;
    }
    idct(bx, work);
    for (let r = 0; r < 25; r += 5) dc.copyWithin(r, r + 1, r + 5);
  }
}
