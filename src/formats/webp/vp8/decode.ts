// The VP8 key frame decoder (RFC 6386), ported from libwebp 1.2.4 (src/dec/vp8_dec.c, tree_dec.c, frame_dec.c):
// macroblock modes from the first partition, tokens from the token partitions, reconstruction in a work buffer
// with libwebp's edge samples (127 above the frame, 129 left of it), then the loop filter over the whole frame in
// macroblock order. Gives the Y, U and V planes, exact by construction.
import { PixtextError } from '../../../errors.js';
import type { BoolDecoder } from './bool-decoder.js';
import { readVp8FrameInfo } from './frame-header.js';
import { type FilterStrength, readVp8Headers, type Vp8Headers } from './headers.js';
import { transformDc, transformOne, transformWht } from './idct.js';
import { filterMacroblock, type Planes } from './loop-filter.js';
import { B_DC_PRED, B_HE_PRED, B_TM_PRED, B_VE_PRED, BPS, predict4, predictBlock } from './predict.js';
import { BMODE_PROBS } from './tables.js';

/** Bands of the 16 coefficient positions, plus a sentinel (RFC 6386 §13.3; tree_dec.c kBands). */
const BANDS = [0, 1, 2, 3, 6, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 0];
/** Zigzag scan order (RFC 6386 §13.3; vp8_dec.c kZigzag). */
const ZIGZAG = [0, 1, 4, 8, 5, 2, 3, 6, 9, 12, 13, 10, 7, 11, 14, 15];
/** Extra-bit probabilities of DCT_CAT3..6 (RFC 6386 §13.2; vp8_dec.c kCat3456). */
const CAT_PROBS = [[173, 148, 140], [176, 155, 140, 135], [180, 157, 141, 134, 130], [254, 254, 243, 230, 196, 177, 153, 140, 133, 130, 129]];
/** Work buffer layout (vp8i_dec.h): Y at row 1 column 8, U and V side by side below it. */
const Y_OFF = BPS + 8;
const U_OFF = Y_OFF + BPS * 16 + BPS;
const V_OFF = U_OFF + 16;
const YUV_SIZE = BPS * 17 + BPS * 9;
/** Offsets of the 16 luma sub-blocks in the work buffer (frame_dec.c kScan). */
const SCAN = Array.from({ length: 16 }, (_, n) => (n & 3) * 4 + (n >> 2) * 4 * BPS);
/** Offsets of the four 4×4 blocks of an 8×8 chroma block. */
const UV_BLOCKS = [0, 4, 4 * BPS, 4 * BPS + 4];

/** The decoded planes, macroblock-aligned, and the visible size. */
export interface Vp8Image extends Planes {
  readonly width: number;
  readonly height: number;
}

function premature(what: string, offset: number): PixtextError {
  return new PixtextError('ERR_TRUNCATED', `WebP: premature end of the VP8 ${what}`, { offset, chunk: 'VP8 ' });
}

/** One macroblock's modes, from the first partition. */
interface MbModes {
  segment: number;
  skip: boolean;
  isI4x4: boolean;
  /** The 16×16 mode, or the 16 sub-block modes. */
  readonly imodes: Uint8Array;
  uvMode: number;
}

class Vp8Decoder {
  readonly mbW: number;
  readonly mbH: number;
  readonly planes: Vp8Image;
  readonly modes: MbModes[];
  /** Sub-block modes above (4 per macroblock column) and to the left, for the mode contexts. */
  readonly intraT: Uint8Array;
  readonly intraL = new Uint8Array(4);
  /** Non-zero flags above (per column) and to the left (vp8_dec.c VP8MB nz_ / nz_dc_). */
  readonly topNz: Uint8Array;
  readonly topNzDc: Uint8Array;
  leftNz = 0;
  leftNzDc = 0;
  readonly coeffs = new Int16Array(384);
  readonly dc = new Int16Array(16);
  readonly work = new Uint8Array(YUV_SIZE);
  /**
   * The work buffer, the planes and the saved top samples as 32-bit words: every block row there starts on a
   * multiple of 4 bytes (BPS, the offsets and the strides are), so macroblocks are copied four bytes at a time.
   */
  readonly work32 = new Int32Array(this.work.buffer);
  readonly y32: Int32Array;
  readonly u32: Int32Array;
  readonly v32: Int32Array;
  readonly top32: Int32Array;
  /** Unfiltered bottom rows of the macroblock row above: 16 Y, 8 U, 8 V per column. */
  readonly topSamples: Uint8Array;
  readonly filterInfo: Uint8Array;

  constructor(readonly h: Vp8Headers, readonly offset: number) {
    this.mbW = (h.width + 15) >> 4;
    this.mbH = (h.height + 15) >> 4;
    const yStride = this.mbW * 16;
    const uvStride = this.mbW * 8;
    this.planes = {
      width: h.width,
      height: h.height,
      y: new Uint8Array(yStride * this.mbH * 16),
      u: new Uint8Array(uvStride * this.mbH * 8),
      v: new Uint8Array(uvStride * this.mbH * 8),
      yStride,
      uvStride,
    };
    this.modes = Array.from({ length: this.mbW }, () => ({ segment: 0, skip: false, isI4x4: false, imodes: new Uint8Array(16), uvMode: 0 }));
    this.intraT = new Uint8Array(4 * this.mbW);
    this.topNz = new Uint8Array(this.mbW);
    this.topNzDc = new Uint8Array(this.mbW);
    this.topSamples = new Uint8Array(32 * this.mbW);
    this.y32 = new Int32Array(this.planes.y.buffer);
    this.u32 = new Int32Array(this.planes.u.buffer);
    this.v32 = new Int32Array(this.planes.v.buffer);
    this.top32 = new Int32Array(this.topSamples.buffer);
    this.filterInfo = new Uint8Array(h.filterType > 0 ? this.mbW * this.mbH : 0);
  }

  /** The modes of one macroblock row (tree_dec.c ParseIntraMode). */
  parseModesRow(): void {
    const br = this.h.modes;
    const probs = this.h.segmentProbs;
    this.intraL.fill(B_DC_PRED);
    for (let mbX = 0; mbX < this.mbW; mbX++) {
      const m = this.modes[mbX]!;
      m.segment = this.h.updateSegmentMap
        ? !br.getBit(probs[0]!) ? br.getBit(probs[1]!) : br.getBit(probs[2]!) + 2
        : 0;
      m.skip = this.h.skipProb !== undefined ? br.getBit(this.h.skipProb) === 1 : false;
      m.isI4x4 = !br.getBit(145);
      const top = 4 * mbX;
      if (!m.isI4x4) {
        const ymode = br.getBit(156) ? (br.getBit(128) ? B_TM_PRED : B_HE_PRED) : br.getBit(163) ? B_VE_PRED : B_DC_PRED;
        m.imodes[0] = ymode;
        this.intraT.fill(ymode, top, top + 4);
        this.intraL.fill(ymode);
      } else {
        for (let y = 0; y < 4; y++) {
          let ymode = this.intraL[y]!;
          for (let x = 0; x < 4; x++) {
            const p = (this.intraT[top + x]! * 10 + ymode) * 9;
            ymode = !br.getBit(BMODE_PROBS[p]!) ? 0
              : !br.getBit(BMODE_PROBS[p + 1]!) ? 1
              : !br.getBit(BMODE_PROBS[p + 2]!) ? 2
              : !br.getBit(BMODE_PROBS[p + 3]!)
                ? (!br.getBit(BMODE_PROBS[p + 4]!) ? 3 : !br.getBit(BMODE_PROBS[p + 5]!) ? 4 : 5)
                : !br.getBit(BMODE_PROBS[p + 6]!) ? 6
                : !br.getBit(BMODE_PROBS[p + 7]!) ? 7
                : !br.getBit(BMODE_PROBS[p + 8]!) ? 8 : 9;
            this.intraT[top + x] = ymode;
            m.imodes[y * 4 + x] = ymode;
          }
          this.intraL[y] = ymode;
        }
      }
      m.uvMode = !br.getBit(142) ? B_DC_PRED : !br.getBit(114) ? B_VE_PRED : br.getBit(183) ? B_TM_PRED : B_HE_PRED;
    }
  }

  /** Coefficient tokens of one block (vp8_dec.c GetCoeffsFast); returns the index after the last non-zero one. */
  getCoeffs(br: BoolDecoder, type: number, ctx: number, dq0: number, dq1: number, n: number, out: Int16Array, at: number): number {
    const probs = this.h.coeffProbs;
    const typeBase = type * 8;
    let p = ((typeBase + BANDS[n]!) * 3 + ctx) * 11;
    for (; n < 16; ++n) {
      if (!br.getBit(probs[p]!)) return n;
      while (!br.getBit(probs[p + 1]!)) {
        p = (typeBase + BANDS[++n]!) * 33;
        if (n === 16) return 16;
      }
      const next = (typeBase + BANDS[n + 1]!) * 33;
      let v: number;
      if (!br.getBit(probs[p + 2]!)) {
        v = 1;
        p = next + 11;
      } else {
        v = this.largeValue(br, p);
        p = next + 22;
      }
      out[at + ZIGZAG[n]!] = br.getSigned(v) * (n > 0 ? dq1 : dq0);
    }
    return 16;
  }

  largeValue(br: BoolDecoder, p: number): number {
    const probs = this.h.coeffProbs;
    if (!br.getBit(probs[p + 3]!)) {
      if (!br.getBit(probs[p + 4]!)) return 2;
      return 3 + br.getBit(probs[p + 5]!);
    }
    if (!br.getBit(probs[p + 6]!)) {
      if (!br.getBit(probs[p + 7]!)) return 5 + br.getBit(159);
      return 7 + 2 * br.getBit(165) + br.getBit(145);
    }
    const bit1 = br.getBit(probs[p + 8]!);
    const bit0 = br.getBit(probs[p + 9 + bit1]!);
    const cat = 2 * bit1 + bit0;
    let v = 0;
    for (const prob of CAT_PROBS[cat]!) v += v + br.getBit(prob);
    return v + 3 + (8 << cat);
  }

  /** Non-zero codes of the last parsed macroblock: 2 bits per block (vp8_dec.c non_zero_y_ / non_zero_uv_). */
  nonZeroY = 0;
  nonZeroUv = 0;

  /** Tokens of one macroblock (vp8_dec.c ParseResiduals), leaving the non-zero codes in nonZeroY / nonZeroUv. */
  parseResiduals(br: BoolDecoder, mbX: number, m: MbModes): void {
    const q = this.h.quant[m.segment]!;
    const c = this.coeffs;
    c.fill(0);
    let first: number;
    let acType: number;
    if (!m.isI4x4) {
      const dc = this.dc;
      dc.fill(0);
      const ctx = this.topNzDc[mbX]! + this.leftNzDc;
      const nz = this.getCoeffs(br, 1, ctx, q.y2[0], q.y2[1], 0, dc, 0);
      this.topNzDc[mbX] = this.leftNzDc = nz > 0 ? 1 : 0;
      if (nz > 1) {
        transformWht(dc, c, 0);
      } else {
        const dc0 = (dc[0]! + 3) >> 3;
        for (let i = 0; i < 256; i += 16) c[i] = dc0;
      }
      first = 1;
      acType = 0;
    } else {
      first = 0;
      acType = 3;
    }
    let tnz = this.topNz[mbX]! & 0x0f;
    let lnz = this.leftNz & 0x0f;
    let nonZeroY = 0;
    let at = 0;
    for (let y = 0; y < 4; y++) {
      let l = lnz & 1;
      let nzCoeffs = 0;
      for (let x = 0; x < 4; x++) {
        const nz = this.getCoeffs(br, acType, l + (tnz & 1), q.y1[0], q.y1[1], first, c, at);
        l = nz > first ? 1 : 0;
        tnz = (tnz >> 1) | (l << 7);
        nzCoeffs = (nzCoeffs << 2) | (nz > 3 ? 3 : nz > 1 ? 2 : c[at] !== 0 ? 1 : 0);
        at += 16;
      }
      tnz >>= 4;
      lnz = (lnz >> 1) | (l << 7);
      nonZeroY = (nonZeroY << 8) | nzCoeffs;
    }
    let outTNz = tnz;
    let outLNz = lnz >> 4;
    let nonZeroUv = 0;
    for (let ch = 0; ch < 4; ch += 2) {
      let nzCoeffs = 0;
      tnz = this.topNz[mbX]! >> (4 + ch);
      lnz = this.leftNz >> (4 + ch);
      for (let y = 0; y < 2; y++) {
        let l = lnz & 1;
        for (let x = 0; x < 2; x++) {
          const nz = this.getCoeffs(br, 2, l + (tnz & 1), q.uv[0], q.uv[1], 0, c, at);
          l = nz > 0 ? 1 : 0;
          tnz = (tnz >> 1) | (l << 3);
          nzCoeffs = (nzCoeffs << 2) | (nz > 3 ? 3 : nz > 1 ? 2 : c[at] !== 0 ? 1 : 0);
          at += 16;
        }
        tnz >>= 2;
        lnz = (lnz >> 1) | (l << 5);
      }
      nonZeroUv |= nzCoeffs << (4 * ch);
      outTNz |= (tnz << 4) << ch;
      outLNz |= (lnz & 0xf0) << ch;
    }
    this.topNz[mbX] = outTNz & 0xff;
    this.leftNz = outLNz & 0xff;
    this.nonZeroY = nonZeroY;
    this.nonZeroUv = nonZeroUv;
  }

  /** Predicts and reconstructs one macroblock in the work buffer and copies it out (frame_dec.c ReconstructRow). */
  reconstruct(mbX: number, mbY: number, m: MbModes, nonZeroY: number, nonZeroUv: number): void {
    const b = this.work;
    const b32 = this.work32;
    const c = this.coeffs;
    // Small copies as loops of words: typed-array views per row would cost an allocation each.
    if (mbX > 0) {
      // The last 4 columns of the macroblock to the left become the 4 left of this one.
      for (let j = -1; j < 16; j++) {
        const row = (Y_OFF + j * BPS) >> 2;
        b32[row - 1] = b32[row + 3]!;
      }
      for (let j = -1; j < 8; j++) {
        b32[((U_OFF + j * BPS) >> 2) - 1] = b32[((U_OFF + j * BPS) >> 2) + 1]!;
        b32[((V_OFF + j * BPS) >> 2) - 1] = b32[((V_OFF + j * BPS) >> 2) + 1]!;
      }
    }
    const top = this.topSamples;
    const t = mbX * 32;
    const top32 = this.top32;
    const t32 = t >> 2;
    if (mbY > 0) {
      for (let i = 0; i < 4; i++) b32[((Y_OFF - BPS) >> 2) + i] = top32[t32 + i]!;
      for (let i = 0; i < 2; i++) {
        b32[((U_OFF - BPS) >> 2) + i] = top32[t32 + 4 + i]!;
        b32[((V_OFF - BPS) >> 2) + i] = top32[t32 + 6 + i]!;
      }
    }
    if (m.isI4x4) {
      const topRight = Y_OFF - BPS + 16;
      if (mbY > 0) {
        const last = mbX >= this.mbW - 1;
        for (let i = 0; i < 4; i++) b[topRight + i] = last ? top[t + 15]! : top[t + 32 + i]!;
      }
      for (let k = 1; k <= 3; k++) for (let i = 0; i < 4; i++) b[topRight + 4 * BPS * k + i] = b[topRight + i]!;
      let bits = nonZeroY;
      for (let n = 0; n < 16; n++, bits <<= 2) {
        const dst = Y_OFF + SCAN[n]!;
        predict4(b, dst, m.imodes[n]!);
        transformBlock(bits >>> 30, c, n * 16, b, dst);
      }
    } else {
      predictBlock(b, Y_OFF, 16, m.imodes[0]!, mbY > 0, mbX > 0);
      let bits = nonZeroY;
      if (bits !== 0) {
        for (let n = 0; n < 16; n++, bits <<= 2) transformBlock(bits >>> 30, c, n * 16, b, Y_OFF + SCAN[n]!);
      }
    }
    predictBlock(b, U_OFF, 8, m.uvMode, mbY > 0, mbX > 0);
    predictBlock(b, V_OFF, 8, m.uvMode, mbY > 0, mbX > 0);
    transformUv(nonZeroUv & 0xff, c, 256, b, U_OFF);
    transformUv((nonZeroUv >> 8) & 0xff, c, 320, b, V_OFF);
    // Save the unfiltered bottom row for the macroblock below, then copy the block out.
    if (mbY < this.mbH - 1) {
      for (let i = 0; i < 4; i++) top32[t32 + i] = b32[((Y_OFF + 15 * BPS) >> 2) + i]!;
      for (let i = 0; i < 2; i++) {
        top32[t32 + 4 + i] = b32[((U_OFF + 7 * BPS) >> 2) + i]!;
        top32[t32 + 6 + i] = b32[((V_OFF + 7 * BPS) >> 2) + i]!;
      }
    }
    const { y32, u32, v32 } = this;
    const yStride = this.planes.yStride >> 2;
    const uvStride = this.planes.uvStride >> 2;
    let yAt = mbY * 16 * yStride + mbX * 4;
    for (let j = 0; j < 16; j++, yAt += yStride) {
      const row = (Y_OFF + j * BPS) >> 2;
      y32[yAt] = b32[row]!;
      y32[yAt + 1] = b32[row + 1]!;
      y32[yAt + 2] = b32[row + 2]!;
      y32[yAt + 3] = b32[row + 3]!;
    }
    let uvAt = mbY * 8 * uvStride + mbX * 2;
    for (let j = 0; j < 8; j++, uvAt += uvStride) {
      const ur = (U_OFF + j * BPS) >> 2;
      const vr = (V_OFF + j * BPS) >> 2;
      u32[uvAt] = b32[ur]!;
      u32[uvAt + 1] = b32[ur + 1]!;
      v32[uvAt] = b32[vr]!;
      v32[uvAt + 1] = b32[vr + 1]!;
    }
  }

  /** Edge samples at the start of a macroblock row (frame_dec.c ReconstructRow). */
  startRow(mbY: number): void {
    const b = this.work;
    for (let j = 0; j < 16; j++) b[Y_OFF + j * BPS - 1] = 129;
    for (let j = 0; j < 8; j++) {
      b[U_OFF + j * BPS - 1] = 129;
      b[V_OFF + j * BPS - 1] = 129;
    }
    if (mbY > 0) {
      b[Y_OFF - 1 - BPS] = b[U_OFF - 1 - BPS] = b[V_OFF - 1 - BPS] = 129;
    } else {
      b.fill(127, Y_OFF - BPS - 1, Y_OFF - BPS - 1 + 21);
      b.fill(127, U_OFF - BPS - 1, U_OFF - BPS - 1 + 9);
      b.fill(127, V_OFF - BPS - 1, V_OFF - BPS - 1 + 9);
    }
  }

  /**
   * The whole frame, then the loop filter over it. One call per macroblock row: each row function is called often
   * enough to be optimised whole, rather than this one being entered mid-loop (on-stack replacement) on every
   * decode and dropped when a part not yet run is reached.
   */
  decode(): Vp8Image {
    for (let mbY = 0; mbY < this.mbH; mbY++) this.decodeRow(mbY);
    if (this.h.filterType > 0) for (let mbY = 0; mbY < this.mbH; mbY++) this.filterRow(mbY);
    return this.planes;
  }

  /** Modes, tokens and reconstruction of macroblock row `mbY`. */
  decodeRow(mbY: number): void {
    const h = this.h;
    const numParts = h.partitions.length;
    const tokens = h.partitions[mbY & (numParts - 1)]!;
    this.parseModesRow();
    if (h.modes.eof) throw premature('first partition', this.offset);
    this.leftNz = 0;
    this.leftNzDc = 0;
    this.startRow(mbY);
    for (let mbX = 0; mbX < this.mbW; mbX++) {
      const m = this.modes[mbX]!;
      let nonZeroY = 0;
      let nonZeroUv = 0;
      let skip = m.skip;
      if (!skip) {
        this.parseResiduals(tokens, mbX, m);
        nonZeroY = this.nonZeroY;
        nonZeroUv = this.nonZeroUv;
        skip = (nonZeroY | nonZeroUv) === 0;
      } else {
        this.leftNz = this.topNz[mbX] = 0;
        if (!m.isI4x4) this.leftNzDc = this.topNzDc[mbX] = 0;
      }
      if (tokens.eof) throw premature('token partition', this.offset);
      if (h.filterType > 0) this.filterInfo[mbY * this.mbW + mbX] = (m.segment * 2 + (m.isI4x4 ? 1 : 0)) | (skip ? 0 : 8);
      this.reconstruct(mbX, mbY, m, nonZeroY, nonZeroUv);
    }
  }

  /** The loop filter over macroblock row `mbY`, once every row is reconstructed. */
  filterRow(mbY: number): void {
    const h = this.h;
    for (let mbX = 0; mbX < this.mbW; mbX++) {
      const info = this.filterInfo[mbY * this.mbW + mbX]!;
      const f: FilterStrength = h.filterStrengths[info & 7]!;
      filterMacroblock(this.planes, mbX, mbY, h.filterType, f, f.inner || (info & 8) !== 0);
    }
  }
}

/** DoTransform: by the 2-bit code of the block, the full inverse DCT, the DC-only one, or nothing. */
function transformBlock(code: number, c: Int16Array, at: number, b: Uint8Array, dst: number): void {
  if (code >= 2) transformOne(c, at, b, dst);
  else if (code === 1) transformDc(c, at, b, dst);
}

/** DoUVTransform: all four chroma blocks by the full transform when any has AC, else the DC ones. */
function transformUv(bits: number, c: Int16Array, at: number, b: Uint8Array, dst: number): void {
  if (bits === 0) return;
  for (let k = 0; k < 4; k++) {
    const to = dst + UV_BLOCKS[k]!;
    if (bits & 0xaa) transformOne(c, at + 16 * k, b, to);
    else if (c[at + 16 * k] !== 0) transformDc(c, at + 16 * k, b, to);
  }
}

/**
 * A 1×1 key frame (written by libwebp) whose decoder is kept for the life of the module. V8 keeps the hidden
 * classes that the decoder's constructors and object literals build only while an object of each lives, and drops
 * the optimised code that checks them when they go: with no decoder alive, a garbage collection between two decodes
 * sent every hot function of the next one back through the interpreter (after a full collection, the second and
 * later decodes of a 12 MP photo took 450 ms instead of 380).
 */
const SHAPE_FRAME = [80, 1, 0, 157, 1, 42, 1, 0, 1, 0, 2, 192, 76, 37, 164, 0, 4, 116, 0, 0, 228, 64, 0, 0];
let kept: Vp8Decoder | undefined;

/**
 * Decodes the VP8 key frame in `data` (the VP8 chunk payload, padding included) to Y, U, V planes. `offset`
 * locates `data` in the file. The caller has checked the size against maxPixels.
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`
 */
export function decodeVp8(data: Uint8Array, size: number, offset: number): Vp8Image {
  const info = readVp8FrameInfo(data.subarray(0, size), offset);
  const headers = readVp8Headers(data, info, offset);
  if (kept === undefined) {
    const frame = new Uint8Array(SHAPE_FRAME);
    kept = new Vp8Decoder(readVp8Headers(frame, readVp8FrameInfo(frame, 0), 0), 0);
  }
  return new Vp8Decoder(headers, offset).decode();
}
