// Reversing PNG's per-row filters (None, Sub, Up, Average, Paeth) in place.
// Spec: https://www.w3.org/TR/png-3/#9Filters
import { ErrorCode, PixtextError } from '../../errors.js';

/**
 * Unfilters `rows` rows in place and packs them together. On entry row y is its filter-type byte at
 * `src + y * (stride + 1)` followed by `stride` filtered bytes; on return row y's reconstructed bytes are at
 * `dst + y * stride`. Requires `dst <= src`: each byte is written at or before the position it was read from, and every
 * byte a write can overwrite has already been read, so no second buffer is needed.
 *
 * @param bpp Bytes per complete pixel, at least 1 (the distance Sub, Average and Paeth look back).
 * @throws PixtextError `ERR_CORRUPT` for a filter type over 4, naming the row.
 */
export function unfilterRows(buf: Uint8Array, src: number, dst: number, stride: number, rows: number, bpp: number): void {
  let s = src;
  let d = dst;
  for (let y = 0; y < rows; y++) {
    const type = buf[s]!;
    s++;
    const first = y === 0;
    switch (type) {
      case 0:
        if (s !== d) buf.copyWithin(d, s, s + stride);
        break;
      case 1:
        unSub(buf, s, d, stride, bpp);
        break;
      case 2:
        if (first) buf.copyWithin(d, s, s + stride);
        else unUp(buf, s, d, stride);
        break;
      case 3:
        if (first) unAverageFirst(buf, s, d, stride, bpp);
        else unAverage(buf, s, d, stride, bpp);
        break;
      case 4:
        // With no row above, Paeth always predicts the left byte: it is Sub.
        if (first) unSub(buf, s, d, stride, bpp);
        else unPaeth(buf, s, d, stride, bpp);
        break;
      default:
        throw new PixtextError(ErrorCode.CORRUPT, `PNG image data row ${y} has filter type ${type}; only 0–4 exist`, {
          chunk: 'IDAT',
        });
    }
    s += stride;
    d += stride;
  }
}

function unSub(buf: Uint8Array, s: number, d: number, stride: number, bpp: number): void {
  const n = Math.min(bpp, stride);
  for (let i = 0; i < n; i++) buf[d + i] = buf[s + i]!;
  for (let i = bpp; i < stride; i++) buf[d + i] = buf[s + i]! + buf[d + i - bpp]!;
}

function unUp(buf: Uint8Array, s: number, d: number, stride: number): void {
  const p = d - stride;
  for (let i = 0; i < stride; i++) buf[d + i] = buf[s + i]! + buf[p + i]!;
}

function unAverageFirst(buf: Uint8Array, s: number, d: number, stride: number, bpp: number): void {
  const n = Math.min(bpp, stride);
  for (let i = 0; i < n; i++) buf[d + i] = buf[s + i]!;
  for (let i = bpp; i < stride; i++) buf[d + i] = buf[s + i]! + (buf[d + i - bpp]! >> 1);
}

function unAverage(buf: Uint8Array, s: number, d: number, stride: number, bpp: number): void {
  const p = d - stride;
  const n = Math.min(bpp, stride);
  for (let i = 0; i < n; i++) buf[d + i] = buf[s + i]! + (buf[p + i]! >> 1);
  for (let i = bpp; i < stride; i++) buf[d + i] = buf[s + i]! + ((buf[d + i - bpp]! + buf[p + i]!) >> 1);
}

function unPaeth(buf: Uint8Array, s: number, d: number, stride: number, bpp: number): void {
  const p = d - stride;
  const n = Math.min(bpp, stride);
  for (let i = 0; i < n; i++) buf[d + i] = buf[s + i]! + buf[p + i]!;
  // Branch-free: on photographs the choice is close to random and mispredictions dominate. |v| is
  // (v ^ (v >> 31)) - (v >> 31); the masks pick a when pa <= pb and pa <= pc, else b when pb <= pc, else c.
  for (let i = bpp; i < stride; i++) {
    const a = buf[d + i - bpp]!;
    const b = buf[p + i]!;
    const c = buf[p + i - bpp]!;
    let pa = b - c;
    let pb = a - c;
    let pc = pa + pb;
    pa = (pa ^ (pa >> 31)) - (pa >> 31);
    pb = (pb ^ (pb >> 31)) - (pb >> 31);
    pc = (pc ^ (pc >> 31)) - (pc >> 31);
    const notA = ((pb - pa) | (pc - pa)) >> 31;
    const cNotB = (pc - pb) >> 31;
    buf[d + i] = buf[s + i]! + (a ^ ((a ^ (b ^ ((b ^ c) & cNotB))) & notA));
  }
}
