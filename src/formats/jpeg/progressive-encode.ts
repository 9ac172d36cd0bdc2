// Progressive JPEG (SOF2) scans as libjpeg-turbo writes them for Pillow's progressive=True: the scan script of
// jcparam.c jpeg_simple_progression, each scan coded twice by jcphuff.c's rules — once counting symbols for its
// optimal Huffman table (progressive mode always optimizes, jcmaster.c), once writing. Spectral selection and
// successive approximation: T.81 G.1.2; EOB runs, ZRLs and correction bits: jcphuff.c encode_mcu_DC_first,
// encode_mcu_AC_first, encode_mcu_DC_refine, encode_mcu_AC_refine, emit_eobrun.
import { deriveTable } from './huffman-encode.js';
import type { DerivedTable, EntropyWriter } from './huffman-encode.js';
import { newFrequencies, optimalTable } from './huffman-optimize.js';
import type { HuffmanSpec } from './standard-tables.js';

/** The kept blocks of one component: a grid of zig-zag blocks, MCU-padded (dummies included). */
export interface ComponentBlocks {
  readonly grid: Int16Array;
  /** Blocks a grid row holds (the MCU-padded width). */
  readonly gridWidth: number;
  /** Real blocks: what a scan of this component alone covers (jcmaster.c per_scan_setup). */
  readonly widthInBlocks: number;
  readonly heightInBlocks: number;
  readonly h: number;
  readonly v: number;
  /** Huffman table slot: 0 for Y or grey, 1 for Cb and Cr. */
  readonly slot: number;
}

/** One scan of the script: components, spectral band Ss–Se, successive approximation Ah/Al. */
export interface Scan {
  readonly components: readonly number[];
  readonly ss: number;
  readonly se: number;
  readonly ah: number;
  readonly al: number;
}

const scan = (components: number[], ss: number, se: number, ah: number, al: number): Scan => ({ components, ss, se, ah, al });

/** jcparam.c jpeg_simple_progression, the custom script for YCbCr. */
export const YCC_SCRIPT: readonly Scan[] = [
  scan([0, 1, 2], 0, 0, 0, 1), // initial DC scan
  scan([0], 1, 5, 0, 2), // luma AC in a hurry
  scan([2], 1, 63, 0, 1),
  scan([1], 1, 63, 0, 1),
  scan([0], 6, 63, 0, 2), // rest of the luma AC band
  scan([0], 1, 63, 2, 1), // next bit of luma AC
  scan([0, 1, 2], 0, 0, 1, 0), // DC refinement
  scan([2], 1, 63, 1, 0),
  scan([1], 1, 63, 1, 0),
  scan([0], 1, 63, 1, 0), // luma bottom bit last
];

/** jcparam.c jpeg_simple_progression, the all-purpose script, for one grey component. */
export const GREY_SCRIPT: readonly Scan[] = [
  scan([0], 0, 0, 0, 1),
  scan([0], 1, 5, 0, 2),
  scan([0], 6, 63, 0, 2),
  scan([0], 1, 63, 2, 1),
  scan([0], 0, 0, 1, 0),
  scan([0], 1, 63, 1, 0),
];

/** jcphuff.c MAX_CORR_BITS: correction bits buffered before an EOB run is forced out. */
const MAX_CORR_BITS = 1000;

const nbitsOf = (v: number): number => 32 - Math.clz32(v);

/**
 * Codes one scan. With `out` undefined it only counts symbols into `counts` (jcphuff.c gather mode); otherwise it
 * writes with `codes`. Ends with the pending EOB run (finish_pass_phuff); the caller flushes the bits.
 */
class ScanCoder {
  private eobrun = 0;
  private be = 0;
  private readonly corrections = new Uint8Array(MAX_CORR_BITS);
  private readonly absolute = new Int32Array(64);
  private acSlot = 0;

  constructor(
    private readonly out: EntropyWriter | undefined,
    private readonly counts: Float64Array[],
    private readonly codes: (DerivedTable | undefined)[],
  ) {}

  private symbol(slot: number, value: number): void {
    if (this.out === undefined) this.counts[slot]![value]!++;
    else {
      const table = this.codes[slot]!;
      this.out.reserve(8);
      this.out.put(table.codes[value]!, table.lengths[value]!);
    }
  }

  private bits(value: number, size: number): void {
    if (this.out === undefined || size === 0) return;
    this.out.reserve(8);
    this.out.put(value & ((1 << size) - 1), size);
  }

  private buffered(from: number, count: number): void {
    for (let i = 0; i < count; i++) this.bits(this.corrections[from + i]!, 1);
  }

  /** jcphuff.c emit_eobrun: the EOBn symbol and the run length's low bits, then the buffered correction bits. */
  eob(): void {
    if (this.eobrun === 0) return;
    const nbits = nbitsOf(this.eobrun) - 1;
    this.symbol(this.acSlot, nbits << 4);
    this.bits(this.eobrun, nbits);
    this.eobrun = 0;
    this.buffered(0, this.be);
    this.be = 0;
  }

  /** encode_mcu_DC_first: the difference of DC >> Al (arithmetic shift) from the component's last. */
  dcFirst(zz: Int16Array, at: number, al: number, lastDc: number, slot: number): number {
    const value = zz[at]! >> al;
    let diff = value - lastDc;
    const magnitude = diff < 0 ? -diff : diff;
    if (diff < 0) diff -= 1;
    const nbits = nbitsOf(magnitude);
    this.symbol(slot, nbits);
    this.bits(diff, nbits);
    return value;
  }

  /** encode_mcu_DC_refine: bit Al of the DC, no Huffman code. */
  dcRefine(zz: Int16Array, at: number, al: number): void {
    this.bits(zz[at]! >> al, 1);
  }

  /** encode_mcu_AC_first: band Ss–Se of |coefficient| >> Al, runs of zeros folded into EOB runs. */
  acFirst(zz: Int16Array, at: number, ss: number, se: number, al: number, slot: number): void {
    this.acSlot = slot;
    let run = 0;
    for (let k = ss; k <= se; k++) {
      const coef = zz[at + k]!;
      const magnitude = (coef < 0 ? -coef : coef) >> al;
      if (magnitude === 0) {
        run++;
        continue;
      }
      if (this.eobrun > 0) this.eob();
      for (; run > 15; run -= 16) this.symbol(slot, 0xf0);
      const nbits = nbitsOf(magnitude);
      this.symbol(slot, (run << 4) + nbits);
      this.bits(coef < 0 ? ~magnitude : magnitude, nbits);
      run = 0;
    }
    if (run > 0) {
      this.eobrun++;
      if (this.eobrun === 0x7fff) this.eob();
    }
  }

  /**
   * encode_mcu_AC_refine: coefficients already non-zero get one correction bit (buffered until the next symbol),
   * newly non-zero ones (|c| >> Al = 1) a run/size-1 symbol and a sign bit; ZRLs only before the last new one.
   */
  acRefine(zz: Int16Array, at: number, ss: number, se: number, al: number, slot: number): void {
    this.acSlot = slot;
    const absolute = this.absolute;
    let eob = -1; // index of the last newly non-zero coefficient
    for (let k = ss; k <= se; k++) {
      const coef = zz[at + k]!;
      const magnitude = (coef < 0 ? -coef : coef) >> al;
      absolute[k] = magnitude;
      if (magnitude === 1) eob = k;
    }
    let run = 0;
    let br = 0; // correction bits of this block so far, stored from `brStart`
    let brStart = this.be;
    for (let k = ss; k <= se; k++) {
      const magnitude = absolute[k]!;
      if (magnitude === 0) {
        run++;
        continue;
      }
      while (run > 15 && k <= eob) {
        this.eob();
        this.symbol(slot, 0xf0);
        run -= 16;
        this.buffered(brStart, br);
        brStart = 0; // the older buffered bits went out with the EOB run
        br = 0;
      }
      if (magnitude > 1) {
        this.corrections[brStart + br++] = magnitude & 1;
        continue;
      }
      this.eob();
      this.symbol(slot, (run << 4) + 1);
      this.bits(zz[at + k]! < 0 ? 0 : 1, 1);
      this.buffered(brStart, br);
      brStart = 0;
      br = 0;
      run = 0;
    }
    if (run > 0 || br > 0) {
      this.eobrun++;
      this.be += br;
      if (this.eobrun === 0x7fff || this.be > MAX_CORR_BITS - 64 + 1) this.eob();
    }
  }
}

/**
 * Runs one scan over the blocks with `coder`: interleaved MCUs (dummies included) when it has several components,
 * else the component's real blocks row by row.
 */
function runScan(coder: ScanCoder, comps: readonly ComponentBlocks[], s: Scan, mcusPerRow: number, mcuRows: number): void {
  const lastDc = [0, 0, 0];
  const visit = (ci: number, bx: number, by: number): void => {
    const c = comps[ci]!;
    const at = (by * c.gridWidth + bx) * 64;
    if (s.ss === 0) {
      if (s.ah === 0) lastDc[ci] = coder.dcFirst(c.grid, at, s.al, lastDc[ci]!, c.slot);
      else coder.dcRefine(c.grid, at, s.al);
    } else if (s.ah === 0) coder.acFirst(c.grid, at, s.ss, s.se, s.al, c.slot);
    else coder.acRefine(c.grid, at, s.ss, s.se, s.al, c.slot);
  };
  if (s.components.length > 1) {
    for (let my = 0; my < mcuRows; my++) {
      for (let mx = 0; mx < mcusPerRow; mx++) {
        for (const ci of s.components) {
          const { h, v } = comps[ci]!;
          for (let j = 0; j < v; j++) for (let i = 0; i < h; i++) visit(ci, mx * h + i, my * v + j);
        }
      }
    }
  } else {
    const ci = s.components[0]!;
    const c = comps[ci]!;
    for (let by = 0; by < c.heightInBlocks; by++) for (let bx = 0; bx < c.widthInBlocks; bx++) visit(ci, bx, by);
  }
  coder.eob();
}

/** What one scan needs written before its data: its Huffman tables (class 0 DC / 1 AC, slot, spec). */
export interface ScanTables {
  readonly dht: readonly { tableClass: 0 | 1; slot: number; spec: HuffmanSpec }[];
}

/**
 * Codes every scan of `script` into `out`, calling `header(scan, tables)` before each scan's data so the caller
 * writes its DHT and SOS segments.
 */
export function encodeScans(
  out: EntropyWriter,
  comps: readonly ComponentBlocks[],
  script: readonly Scan[],
  mcusPerRow: number,
  mcuRows: number,
  header: (s: Scan, tables: ScanTables) => void,
): void {
  for (const s of script) {
    // Gather pass: symbol counts per table slot, then optimal tables (jcphuff.c finish_pass_gather_phuff; a DC
    // refinement scan uses none).
    const counts = [newFrequencies(), newFrequencies()];
    runScan(new ScanCoder(undefined, counts, []), comps, s, mcusPerRow, mcuRows);
    const dht: { tableClass: 0 | 1; slot: number; spec: HuffmanSpec }[] = [];
    const codes: (DerivedTable | undefined)[] = [undefined, undefined];
    if (!(s.ss === 0 && s.ah !== 0)) {
      for (const ci of s.components) {
        const slot = comps[ci]!.slot;
        if (codes[slot] !== undefined) continue;
        const spec = optimalTable(counts[slot]!);
        codes[slot] = deriveTable(spec);
        dht.push({ tableClass: s.ss === 0 ? 0 : 1, slot, spec });
      }
    }
    header(s, { dht });
    runScan(new ScanCoder(out, counts, codes), comps, s, mcusPerRow, mcuRows);
    out.flush();
  }
}
