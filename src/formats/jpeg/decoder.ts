// JPEG decoding with pixels identical to libjpeg-turbo 2.1.5's default decode as Pillow 9.4 returns it.
// Baseline, extended (8-bit) and progressive Huffman-coded frames with 1, 3 or 4 components, every sampling libjpeg
// accepts, restart intervals, multiple scans, DCT-domain scaling (Pillow's draft()). A single-scan file is decoded
// and written out one MCU row at a time; a multi-scan file keeps its coefficients (16 bits each) until the last scan.
// Spec: ITU-T T.81 (https://www.w3.org/Graphics/JPEG/itu-t81.pdf); behaviour as libjpeg-turbo's jd*.c.
import { PixtextError } from '../../errors.js';
import { BitReader, buildHuffmanTable, standardHuffmanSpec } from './huffman.js';
import type { HuffmanTable } from './huffman.js';
import { idctExact, idctIslow } from './idct.js';
import type { HuffmanSpec, JpegScan, JpegStructure } from './markers.js';
import { Color, writeRow } from './output.js';
import type { Plane } from './output.js';
import { ScanKind, decodeBlock, junkLeft, restart } from './scan.js';
import type { ScanComponent, ScanState } from './scan.js';
import { smoothRow } from './smooth.js';

const corrupt = (message: string) => new PixtextError('ERR_CORRUPT', `JPEG: ${message}`, { chunk: 'SOS' });

/** Per-component decoding state. */
interface Component {
  h: number;
  v: number;
  tq: number;
  /** Blocks per row and column holding image data (libjpeg's width_in_blocks/height_in_blocks). */
  bw: number;
  bh: number;
  /** Blocks per row in the coefficient buffer (padded to whole MCUs). */
  cbw: number;
  /** The quantisation table latched at the component's first scan (values as libjpeg's 16-bit multipliers). */
  quant: Int32Array | undefined;
  rawQuant: Uint16Array;
  /** Multi-scan files: every block's coefficients, natural order. */
  coef: Int16Array | undefined;
  /** Progressive files: per coefficient, the Al of its last scan, -1 before any (libjpeg's coef_bits). */
  coefBits: Int32Array;
  /** DCT_scaled_size: 8 at full size, less when scaling. */
  size: number;
  plane: Plane;
}

/** The decoded image: `channels` interleaved bytes per pixel. */
export interface DecodedJpeg {
  width: number;
  height: number;
  data: Uint8Array;
}

/** libjpeg's colour space choice (jdapimin.c default_decompress_parms); 4 components need an Adobe marker here. */
export function colorOf(structure: JpegStructure): Color {
  const { frame, jfif, adobeTransform } = structure;
  const count = frame.components.length;
  if (count === 1) return Color.Grey;
  if (count === 4) return adobeTransform === 0 ? Color.Cmyk : Color.Ycck;
  if (jfif) return Color.Ycc;
  if (adobeTransform !== undefined) return adobeTransform === 0 ? Color.Rgb : Color.Ycc;
  const ids = frame.components.map((c) => c.id).join();
  return ids === '82,71,66' ? Color.Rgb : Color.Ycc;
}

/**
 * Decodes the frame of a walked file at scale 1/`scale` (1, 2, 4 or 8). The caller has checked the frame
 * (supported process, components, size) and that scans are present.
 * @throws PixtextError `ERR_CORRUPT` for bad tables or scan parameters and for scan data that ends before its
 *   last MCU (`ERR_TRUNCATED` when the file itself is cut off there), `ERR_UNSUPPORTED` for fractional sampling.
 *   With `lenient` (for comparing with libjpeg on damaged files), data that ends early leaves the MCUs that follow
 *   undecoded, as libjpeg does, instead of throwing.
 */
export function decodeFrame(bytes: Uint8Array, structure: JpegStructure, scale: number, lenient = false): DecodedJpeg {
  const { frame, scans } = structure;
  const { width, height, maxH, maxV } = frame;
  const color = colorOf(structure);
  const progressive = frame.marker === 0xc2;
  const multiScan = progressive || scans[0]!.components.length < frame.components.length;
  // jdmaster.c: output size and each component's DCT scaling (chroma is scaled up by the IDCT where it can be).
  const minSize = 8 / scale;
  const outW = Math.ceil((width * minSize) / 8);
  const outH = Math.ceil((height * minSize) / 8);
  const fancy = minSize > 1;
  const mcusPerRow = Math.ceil(width / (8 * maxH));
  const mcuRows = Math.ceil(height / (8 * maxV));
  const comps: Component[] = frame.components.map(({ h, v, tq }) => {
    let size = minSize;
    while (size < 8 && (maxH * minSize) % (h * size * 2) === 0 && (maxV * minSize) % (v * size * 2) === 0) size *= 2;
    const hIn = (h * size) / minSize;
    const vIn = (v * size) / minSize;
    if (maxH % hIn !== 0 || maxV % vIn !== 0) {
      throw new PixtextError('ERR_UNSUPPORTED', 'JPEG: fractional sampling factors are not supported', { chunk: 'SOF' });
    }
    const he = maxH / hIn;
    const ve = maxV / vIn;
    const planeWidth = Math.ceil((width * h * size) / (maxH * 8));
    const stride = mcusPerRow * h * size;
    const ringRows = 3 * v * size;
    const plane: Plane = {
      ring: new Uint8Array(stride * ringRows),
      stride,
      ringRows,
      width: planeWidth,
      height: Math.ceil((height * v * size) / (maxV * 8)),
      he,
      ve,
      fancy: fancy && ((he === 2 && ve <= 2 && planeWidth > 2) || (he === 1 && ve === 2)),
      row: new Uint8Array(Math.max(outW, 2 * planeWidth) + 2),
      src: new Uint8Array(0),
    };
    const bw = Math.ceil((width * h) / (maxH * 8));
    return { h, v, tq, bw, bh: Math.ceil((height * v) / (maxV * 8)), cbw: mcusPerRow * h, quant: undefined, rawQuant: new Uint16Array(64), coef: undefined, coefBits: new Int32Array(64).fill(-1), size, plane };
  });

  const channels = color === Color.Grey ? 1 : 3;
  const data = new Uint8Array(outW * outH * channels);
  const planes = comps.map((c) => c.plane);
  const rowsPerIMcu = maxV * minSize;
  const emit = (k: number) => {
    for (let y = k * rowsPerIMcu, end = Math.min(y + rowsPerIMcu, outH); y < end; y++) {
      writeRow(planes, color, y, outW, data, y * outW * channels);
    }
  };

  const bits = new BitReader(bytes);
  const tableCache = new Map<HuffmanSpec, HuffmanTable>();
  const table = (specs: (HuffmanSpec | undefined)[], slot: number, isDc: boolean): HuffmanTable => {
    let spec = specs[slot];
    if (spec === undefined) {
      if (slot > 1) throw corrupt(`a scan uses ${isDc ? 'DC' : 'AC'} Huffman table ${slot}, which is not defined`);
      spec = standardHuffmanSpec(isDc, slot);
      specs[slot] = spec;
    }
    let built = tableCache.get(spec);
    if (built === undefined) tableCache.set(spec, (built = buildHuffmanTable(spec, isDc)));
    return built;
  };
  const ranOutError = () =>
    structure.complete
      ? corrupt('scan data ends before its last MCU')
      : new PixtextError('ERR_TRUNCATED', 'JPEG: the file ends inside scan data', { chunk: 'SOS' });

  // libjpeg skips such bytes ("extraneous data"); in a scan with restart intervals they mean the intervals hold
  // more data than their MCUs, so the file is refused rather than decoded from misaligned data.
  const junkError = () => corrupt('entropy-coded data continues past the last MCU of a restart interval');
  const runScan = (scan: JpegScan, onRow: ((k: number) => void) | undefined) => {
    const kind = scanKind(scan, progressive);
    const members = scan.components.map((ci) => comps[ci]!);
    for (const c of members) {
      if (c.quant !== undefined) continue;
      const q = scan.quant[c.tq];
      if (q === undefined) throw corrupt(`no quantisation table ${c.tq}`);
      c.rawQuant = q;
      c.quant = Int32Array.from(q, (x) => (x << 16) >> 16);
    }
    const sc: ScanComponent[] = scan.components.map((_, i) => ({
      dc: kind === ScanKind.Sequential || kind === ScanKind.DcFirst ? table(scan.dc, scan.td[i]!, true) : undefined,
      ac: kind === ScanKind.Sequential || kind >= ScanKind.AcFirst ? table(scan.ac, scan.ta[i]!, false) : undefined,
      pred: 0,
    }));
    const state: ScanState = { kind, ss: scan.ss, se: scan.se, al: scan.al, eobrun: 0 };
    if (progressive) {
      for (const c of members) {
        if (kind >= ScanKind.AcFirst && c.coefBits[0]! < 0) throw corrupt('an AC scan comes before the DC scan of its component');
        for (let k = scan.ss; k <= scan.se; k++) c.coefBits[k] = scan.al;
      }
    }
    if (multiScan) {
      for (const c of members) c.coef ??= new Int16Array(c.cbw * Math.ceil(c.bh / c.v) * c.v * 64);
    }
    const interval = scan.restartInterval;
    let togo = interval;
    let expected = 0;
    bits.reset(scan.dataStart);
    const scratch = new Int16Array(64);
    // Before each MCU: a restart marker when one is due, and libjpeg's rule for data that ran out (the MCU where it
    // did is decoded from zero bits; the rest of its interval is left undecoded). Here only the scan's last MCU may
    // run out: an earlier one would leave MCUs after it undecoded, a silently incomplete image.
    const begin = () => {
      if (bits.ranOut && !lenient) throw ranOutError();
      if (interval > 0) {
        if (togo === 0) {
          if (!lenient && junkLeft(bits)) throw junkError();
          restart(bits, expected);
          expected = (expected + 1) & 7;
          for (const s of sc) s.pred = 0;
          state.eobrun = 0;
          togo = interval;
        }
        togo--;
      }
      return !bits.ranOut;
    };
    // One block of component `c` at block position (bx, by).
    const block = (c: Component, s: ScanComponent, bx: number, by: number, live: boolean) => {
      const { coef, quant } = c;
      if (coef !== undefined) {
        if (live) decodeBlock(bits, s, state, coef, (by * c.cbw + bx) * 64);
        return;
      }
      if (live) decodeBlock(bits, s, state, scratch, 0);
      if (bx < c.bw && by < c.bh) {
        const { plane, size } = c;
        const at = ((by * size) % plane.ringRows) * plane.stride + bx * size;
        if (size === 8) idctIslow(scratch, 0, quant!, plane.ring, at, plane.stride);
        else idctExact(size, scratch, 0, quant!, plane.ring, at, plane.stride);
      }
      scratch.fill(0);
    };
    if (members.length > 1) {
      let blocks = 0;
      for (const c of members) blocks += c.h * c.v;
      if (blocks > 10) throw corrupt(`an MCU of ${blocks} blocks (at most 10)`);
      for (let k = 0; k < mcuRows; k++) {
        for (let mx = 0; mx < mcusPerRow; mx++) {
          const live = begin();
          for (let i = 0; i < members.length; i++) {
            const c = members[i]!;
            const s = sc[i]!;
            for (let y = 0; y < c.v; y++) for (let x = 0; x < c.h; x++) block(c, s, mx * c.h + x, k * c.v + y, live);
          }
        }
        onRow?.(k);
      }
    } else {
      const c = members[0]!;
      const s = sc[0]!;
      for (let k = 0; k * c.v < c.bh; k++) {
        for (let by = k * c.v; by < Math.min((k + 1) * c.v, c.bh); by++) {
          for (let bx = 0; bx < c.bw; bx++) {
            block(c, s, bx, by, begin());
          }
        }
        onRow?.(k);
      }
    }
    if (interval > 0 && !lenient && junkLeft(bits)) throw junkError();
  };

  if (!multiScan) {
    if (scans.length > 1) throw corrupt('a second scan in a single-scan file');
    runScan(scans[0]!, (k) => {
      if (k > 0) emit(k - 1);
    });
    emit(mcuRows - 1);
    return { width: outW, height: outH, data };
  }

  for (const scan of scans) runScan(scan, undefined);
  // Output pass (jdcoefct.c decompress_data / decompress_smooth_data).
  const smoothing = progressive && comps.every((c) => c.quant !== undefined && c.coefBits[0]! >= 0 && [0, 1, 8, 16, 9, 2, 3, 10, 17, 24].every((k) => c.quant![k] !== 0))
    && comps.some((c) => [1, 2, 3, 4, 5, 6, 7, 8, 9].some((k) => c.coefBits[k] !== 0));
  const workspace = new Int16Array(64);
  for (let k = 0; k < mcuRows; k++) {
    for (const c of comps) {
      const { plane, size, coef, quant } = c;
      const rows = k < mcuRows - 1 ? c.v : c.bh - k * c.v;
      for (let j = 0; j < rows; j++) {
        const by = k * c.v + j;
        const rowAt = ((by * size) % plane.ringRows) * plane.stride;
        if (coef === undefined || quant === undefined) {
          // A component no scan carried: libjpeg's zeroed coefficients and multipliers give mid-grey.
          for (let r = 0; r < size; r++) plane.ring.fill(128, rowAt + r * plane.stride, rowAt + r * plane.stride + c.bw * size);
          continue;
        }
        const run = (bx: number, src: Int16Array, off: number) => {
          const at = rowAt + bx * size;
          if (size === 8) idctIslow(src, off, quant, plane.ring, at, plane.stride);
          else idctExact(size, src, off, quant, plane.ring, at, plane.stride);
        };
        if (smoothing) smoothRow(c, coef, by, k, j, mcuRows, workspace, (bx, block) => run(bx, block, 0));
        else for (let bx = 0; bx < c.bw; bx++) run(bx, coef, (by * c.cbw + bx) * 64);
      }
    }
    if (k > 0) emit(k - 1);
  }
  emit(mcuRows - 1);
  return { width: outW, height: outH, data };
}

/** What a scan codes, after checking its parameters as jdphuff.c start_pass_phuff_decoder does. */
function scanKind(scan: JpegScan, progressive: boolean): ScanKind {
  if (!progressive) return ScanKind.Sequential;
  const { ss, se, ah, al } = scan;
  const bad = (ss === 0 ? se !== 0 : ss > se || se > 63 || scan.components.length !== 1) || (ah !== 0 && al !== ah - 1) || al > 13;
  if (bad) throw corrupt(`invalid progressive scan parameters Ss=${ss} Se=${se} Ah=${ah} Al=${al}`);
  if (ss === 0) return ah === 0 ? ScanKind.DcFirst : ScanKind.DcRefine;
  return ah === 0 ? ScanKind.AcFirst : ScanKind.AcRefine;
}
