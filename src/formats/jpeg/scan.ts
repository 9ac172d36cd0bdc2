// Decoding the blocks of one scan's entropy-coded data, as libjpeg-turbo 2.1.5 does: sequential blocks (jdhuff.c
// decode_mcu) and the four progressive kinds (jdphuff.c), restart markers with jdmarker.c's resynchronisation, and
// libjpeg's handling of corrupt data (bad codes give 0, runs past the block end land on coefficient 63, coefficients
// wrap to 16 bits, a segment that ends early is read as zero bits).
// Spec: ITU-T T.81 F.2.2 (sequential), G.1.2 (progressive), E.1.4 and F.1.2.3 (restart intervals, markers).
import { PixtextError } from '../../errors.js';
import type { BitReader, HuffmanTable } from './huffman.js';
import { NATURAL_ORDER } from './markers.js';

/** What a scan does to each block (T.81 Table G.1, plus the sequential process). */
export const enum ScanKind { Sequential, DcFirst, DcRefine, AcFirst, AcRefine }

/** One component of the scan, with its state. */
export interface ScanComponent {
  dc: HuffmanTable | undefined;
  ac: HuffmanTable | undefined;
  /** The DC prediction (T.81 F.2.1.3.1). */
  pred: number;
}

/** Entropy decoder state carried across blocks: the band, successive approximation and the EOB run. */
export interface ScanState {
  kind: ScanKind;
  ss: number;
  se: number;
  al: number;
  eobrun: number;
}

/**
 * Decodes one block into `coef[at…at+63]` (natural order), which holds what earlier scans gave it. For a sequential
 * block the caller passes zeros (or, for a second sequential scan of a component, its previous coefficients: libjpeg
 * only writes the non-zero ones).
 */
export function decodeBlock(bits: BitReader, comp: ScanComponent, state: ScanState, coef: Int16Array, at: number): void {
  const kind = state.kind;
  if (kind === ScanKind.Sequential) {
    const s = bits.decode(comp.dc!);
    const pred = (comp.pred = (comp.pred + (s ? bits.receiveExtend(s) : 0)) | 0);
    coef[at] = pred;
    const ac = comp.ac!;
    for (let k = 1; k < 64; k++) {
      const rs = bits.decode(ac);
      const r = rs >> 4;
      const size = rs & 15;
      if (size !== 0) {
        k += r;
        coef[at + NATURAL_ORDER[k]!] = bits.receiveExtend(size);
      } else {
        if (r !== 15) break;
        k += 15;
      }
    }
    return;
  }
  if (kind === ScanKind.DcFirst) {
    const s = bits.decode(comp.dc!);
    const pred = comp.pred + (s ? bits.receiveExtend(s) : 0);
    // jdphuff.c refuses a DC value that would overflow its int.
    if (pred > 0x7fffffff || pred < -0x80000000) throw new PixtextError('ERR_CORRUPT', 'JPEG: a DC coefficient overflows');
    comp.pred = pred;
    coef[at] = pred * 2 ** state.al;
    return;
  }
  if (kind === ScanKind.DcRefine) {
    if (bits.bits(1)) coef[at] = coef[at]! | (1 << state.al);
    return;
  }
  const ac = comp.ac!;
  const { se, al } = state;
  let k = state.ss;
  if (kind === ScanKind.AcFirst) {
    if (state.eobrun > 0) {
      state.eobrun--;
      return;
    }
    for (; k <= se; k++) {
      const rs = bits.decode(ac);
      const r = rs >> 4;
      const s = rs & 15;
      if (s !== 0) {
        k += r;
        coef[at + NATURAL_ORDER[k]!] = bits.receiveExtend(s) * 2 ** al;
      } else if (r === 15) {
        k += 15;
      } else {
        state.eobrun = (1 << r) + (r ? bits.bits(r) : 0) - 1;
        break;
      }
    }
    return;
  }
  // AC refinement (jdphuff.c decode_mcu_AC_refine).
  const p1 = 1 << al;
  const m1 = -1 << al;
  if (state.eobrun === 0) {
    for (; k <= se; k++) {
      const rs = bits.decode(ac);
      let r = rs >> 4;
      const s = rs & 15;
      let value = 0;
      if (s !== 0) {
        value = bits.bits(1) ? p1 : m1;
      } else if (r !== 15) {
        state.eobrun = (1 << r) + (r ? bits.bits(r) : 0);
        break;
      }
      // Skip r zero-history coefficients (16 for ZRL), appending a correction bit to each non-zero one passed.
      do {
        const pos = at + NATURAL_ORDER[k]!;
        const c = coef[pos]!;
        if (c !== 0) {
          if (bits.bits(1) && (c & p1) === 0) coef[pos] = c >= 0 ? c + p1 : c + m1;
        } else if (--r < 0) break;
        k++;
      } while (k <= se);
      if (value !== 0) coef[at + NATURAL_ORDER[k]!] = value;
    }
  }
  if (state.eobrun > 0) {
    for (; k <= se; k++) {
      const pos = at + NATURAL_ORDER[k]!;
      const c = coef[pos]!;
      if (c !== 0 && bits.bits(1) && (c & p1) === 0) coef[pos] = c >= 0 ? c + p1 : c + m1;
    }
    state.eobrun--;
  }
}

/**
 * Where the bit reader stands after a restart interval: finds the next marker as jdmarker.c's read_restart_marker
 * and jpeg_resync_to_restart would, and moves past it when decoding goes on after it. `expected` is the RSTn number
 * wanted. When the marker is left unread (not a restart marker, or a later one), the reader stays against it and
 * supplies only zero bits: libjpeg then decodes the interval's first MCU from zeros and leaves the rest undecoded.
 */
export function restart(bits: BitReader, expected: number): void {
  const data = bits.data;
  const n = data.length;
  // next_marker from the reader's position: skip bytes up to an FF…FF xx with xx ≠ 0.
  let p = bits.pos;
  for (;;) {
    let marker = -1;
    let q = p;
    while (q < n) {
      if (data[q] !== 0xff) { q++; continue; }
      let r = q + 1;
      while (r < n && data[r] === 0xff) r++;
      if (r >= n) { q = n; break; }
      if (data[r] === 0) { q = r + 1; continue; }
      marker = data[r]!;
      p = r + 1;
      break;
    }
    if (marker < 0) {
      // The file ends: no marker to find.
      bits.reset(n);
      return;
    }
    let action: number;
    const want = 0xd0 + expected;
    if (marker < 0xc0) action = 2;
    else if (marker < 0xd0 || marker > 0xd7) action = 3;
    else if (marker === 0xd0 + ((expected + 1) & 7) || marker === 0xd0 + ((expected + 2) & 7)) action = 3;
    else if (marker === 0xd0 + ((expected - 1) & 7) || marker === 0xd0 + ((expected - 2) & 7)) action = 2;
    else action = 1; // the wanted RSTn, or one too far away to tell
    if (marker === want || action === 1) {
      bits.reset(p);
      return;
    }
    if (action === 3) {
      bits.reset(p - 2);
      bits.atMarker = true;
      return;
    }
    // action 2: look further.
  }
}

/**
 * True when whole bytes of entropy-coded data other than 0xFF (1-bit padding) are left unread in the current
 * segment: after the last MCU of a restart interval, the interval held more data than its MCUs.
 */
export function junkLeft(bits: BitReader): boolean {
  const { buffer, count, fake, data } = bits;
  for (let at = fake; at + 8 <= count; at += 8) if (((buffer >>> at) & 255) !== 255) return true;
  if (bits.atMarker) return false;
  for (let p = bits.pos; p < data.length && data[p] === 0xff; p++) {
    let q = p + 1;
    while (q < data.length && data[q] === 0xff) q++;
    if (q >= data.length || data[q] !== 0) return false; // the marker
    p = q;
  }
  return bits.pos < data.length && data[bits.pos] !== 0xff;
}
