// Walks the Huffman-coded bits of single 8×8 blocks to find where they end and which coefficients they make non-zero,
// and writes the shortest valid block. Used by scan-repair.ts only; pixels are never reconstructed here.
// Spec: ITU-T T.81 F.1.2 (sequential), G.1.2.1 (DC first/refine), G.1.2.2 (AC first, EOB runs), G.1.2.3 (AC refine).
import type { BitReader, BitWriter, HuffmanTable } from './entropy-bits.js';
import { OutOfBits, codeFor } from './entropy-bits.js';

/** How a scan codes its blocks (T.81 Table G.1 and the sequential process). */
export type ScanKind = 'sequential' | 'dc-first' | 'dc-refine' | 'ac-first' | 'ac-refine';

/** The tables and band one block of a scan is coded with. */
export interface BlockCoding {
  kind: ScanKind;
  dc: HuffmanTable | undefined;
  ac: HuffmanTable | undefined;
  /** Spectral selection, in zig-zag positions. */
  ss: number;
  se: number;
}

/** Entropy decoder state carried from block to block inside one restart interval. */
export interface WalkState {
  /** Blocks still covered by the current EOB run, after the block that coded it (T.81 G.1.2.2). */
  eobRun: number;
}

/** A table the scan selects; a missing one makes the data undecodable, like running out of bits. */
const need = <T>(value: T | undefined): T => {
  if (value === undefined) throw new OutOfBits();
  return value;
};

/**
 * Reads one block's bits, marking in `nonZero` (64 flags in zig-zag order, the block's history from earlier scans)
 * every coefficient the block makes non-zero.
 * @throws OutOfBits when the data ends, holds no valid code or codes past the band.
 * @example
 * ```ts
 * walkBlock(reader, { kind: 'ac-first', dc: undefined, ac, ss: 1, se: 5 }, { eobRun: 0 }, new Uint8Array(64));
 * reader.position; // the bit just past the block
 * ```
 */
export function walkBlock(reader: BitReader, coding: BlockCoding, state: WalkState, nonZero: Uint8Array): void {
  const { kind, ss, se } = coding;
  if (kind === 'dc-refine') {
    reader.bit();
    return;
  }
  if (kind === 'sequential' || kind === 'dc-first') {
    const size = reader.symbol(need(coding.dc));
    if (size > 16) throw new OutOfBits(); // no DC difference is over 16 bits
    reader.bits(size);
    if (kind === 'dc-first') return;
    walkAcFirst(reader, need(coding.ac), 1, 63, state, nonZero, false);
    return;
  }
  const ac = need(coding.ac);
  if (kind === 'ac-first') walkAcFirst(reader, ac, ss, se, state, nonZero, true);
  else walkAcRefine(reader, ac, ss, se, state, nonZero);
}

function walkAcFirst(reader: BitReader, ac: HuffmanTable, ss: number, se: number, state: WalkState, nonZero: Uint8Array, runs: boolean): void {
  if (state.eobRun > 0) {
    state.eobRun--;
    return;
  }
  for (let k = ss; k <= se; k++) {
    const rs = reader.symbol(ac);
    const r = rs >> 4;
    const s = rs & 15;
    if (s === 0) {
      if (r < 15) {
        if (r > 0 && !runs) throw new OutOfBits(); // EOB runs exist only in progressive scans
        // EOBr: this block and 2^r - 1 + (r extra bits) more end here.
        state.eobRun = (1 << r) - 1 + reader.bits(r);
        return;
      }
      k += 15;
      continue;
    }
    k += r;
    if (k > se) throw new OutOfBits(); // a coefficient past the end of the band
    reader.bits(s);
    nonZero[k] = 1;
  }
}

function walkAcRefine(reader: BitReader, ac: HuffmanTable, ss: number, se: number, state: WalkState, nonZero: Uint8Array): void {
  let k = ss;
  if (state.eobRun === 0) {
    for (; k <= se; k++) {
      const rs = reader.symbol(ac);
      let r = rs >> 4;
      const s = rs & 15;
      if (s === 0 && r < 15) {
        state.eobRun = (1 << r) + reader.bits(r);
        break;
      }
      if (s > 1) throw new OutOfBits(); // refinement coefficients have size 1
      if (s === 1) reader.bit(); // sign of the newly non-zero coefficient
      // Skip r zero-history coefficients (16 for ZRL), reading a correction bit for each non-zero one on the way.
      for (; k <= se; k++) {
        if (nonZero[k] === 1) reader.bit();
        else if (--r < 0) break;
      }
      if (s === 1) {
        if (k > se) throw new OutOfBits(); // a coefficient past the end of the band
        nonZero[k] = 1;
      }
    }
  }
  if (state.eobRun > 0) {
    for (; k <= se; k++) if (nonZero[k] === 1) reader.bit();
    state.eobRun--;
  }
}

/**
 * Writes the cheapest valid coding of an all-zero block (an EOB, or nothing inside an EOB run) for a block whose
 * coefficients are all zero in the band, updating `state` as a decoder would.
 * @returns false when the tables cannot code it (no DC size 0 or EOB symbol).
 * @example
 * ```ts
 * writeEmptyBlock(writer, { kind: 'ac-refine', dc: undefined, ac, ss: 1, se: 63 }, { eobRun: 0 }); // writes EOB0
 * ```
 */
export function writeEmptyBlock(writer: BitWriter, coding: BlockCoding, state: WalkState): boolean {
  const { kind } = coding;
  if (kind === 'dc-refine') {
    writer.put(0, 1);
    return true;
  }
  if (kind === 'sequential' || kind === 'dc-first') {
    const zero = coding.dc === undefined ? undefined : codeFor(coding.dc, 0);
    if (zero === undefined) return false;
    writer.put(zero.code, zero.length);
    if (kind === 'dc-first') return true;
    const eob = coding.ac === undefined ? undefined : codeFor(coding.ac, 0);
    if (eob === undefined) return false;
    writer.put(eob.code, eob.length);
    return true;
  }
  if (state.eobRun > 0) {
    state.eobRun--;
    return true;
  }
  // EOB0 if the table has it, else the shortest run EOBr with r zero extra bits: 2^r blocks, this one included.
  for (let r = 0; r < 15; r++) {
    const eob = coding.ac === undefined ? undefined : codeFor(coding.ac, r << 4);
    if (eob === undefined) continue;
    writer.put(eob.code, eob.length);
    writer.put(0, r);
    state.eobRun = (1 << r) - 1;
    return true;
  }
  return false;
}
