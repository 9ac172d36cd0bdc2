// The VP8 frame headers of the first partition (RFC 6386 §9.2-§9.11, §19.2), read in libwebp 1.2.4's order
// (src/dec/vp8_dec.c VP8GetHeaders, quant_dec.c VP8ParseQuant, tree_dec.c VP8ParseProba): segments, loop filter,
// token partitions, quantisers, token probabilities.
import { PixtextError } from '../../../errors.js';
import { BoolDecoder } from './bool-decoder.js';
import { VP8_FRAME_HEADER_SIZE, type Vp8FrameInfo } from './frame-header.js';
import { AC_TABLE, COEFF_PROBS_DEFAULT, COEFF_UPDATE_PROBS, DC_TABLE } from './tables.js';

export const NUM_MB_SEGMENTS = 4;
/** Token probabilities: 4 types × 8 bands × 3 contexts × 11. */
export const NUM_PROBAS = 11;
const NUM_PROBA_ENTRIES = 4 * 8 * 3 * NUM_PROBAS;

/** Dequantisation factors of one segment: [DC, AC] for Y1, Y2 and UV. */
export interface QuantMatrix {
  readonly y1: readonly [number, number];
  readonly y2: readonly [number, number];
  readonly uv: readonly [number, number];
}

/** Loop filter parameters of one segment and block kind (frame_dec.c PrecomputeFilterStrengths). */
export interface FilterStrength {
  /** 0: no filtering. */
  readonly limit: number;
  readonly innerLevel: number;
  readonly hevThreshold: number;
  /** Filter inner edges (intra 4×4 macroblocks, or any with coefficients). */
  readonly inner: boolean;
}

/** Everything the first partition says before the per-macroblock data. */
export interface Vp8Headers {
  readonly width: number;
  readonly height: number;
  /** The first partition's decoder, positioned at the macroblock headers. */
  readonly modes: BoolDecoder;
  /** The token partitions (1, 2, 4 or 8); macroblock row y uses partitions[y % count]. */
  readonly partitions: BoolDecoder[];
  readonly updateSegmentMap: boolean;
  readonly segmentProbs: Uint8Array;
  readonly quant: QuantMatrix[];
  /** 0 none, 1 simple, 2 normal (complex). */
  readonly filterType: number;
  /** fstrengths[segment * 2 + isIntra4x4]. */
  readonly filterStrengths: FilterStrength[];
  readonly coeffProbs: Uint8Array;
  readonly skipProb: number | undefined;
}

const clip = (v: number, max: number): number => (v < 0 ? 0 : v > max ? max : v);

function fail(code: 'ERR_CORRUPT' | 'ERR_TRUNCATED', message: string, offset: number): PixtextError {
  return new PixtextError(code, `WebP: ${message}`, { offset, chunk: 'VP8 ' });
}

/**
 * Reads the headers of the VP8 key frame in `data` (the chunk payload, padding included), whose frame header
 * `info` was already checked. `offset` locates `data` in the file.
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`
 */
export function readVp8Headers(data: Uint8Array, info: Vp8FrameInfo, offset: number): Vp8Headers {
  const first = VP8_FRAME_HEADER_SIZE;
  if (info.partitionLength > data.length - first) {
    throw fail('ERR_TRUNCATED', `the first partition (${info.partitionLength} bytes) runs past the chunk`, offset);
  }
  const br = new BoolDecoder(data, first, first + info.partitionLength);
  br.getValue(1); // colour space: only 0 is defined, and libwebp ignores it
  br.getValue(1); // clamping type: libwebp always clamps

  // Segments (RFC 6386 §9.3).
  const useSegment = br.getValue(1) === 1;
  let updateSegmentMap = false;
  let absoluteDelta = true;
  const segmentQuant = [0, 0, 0, 0];
  const segmentFilter = [0, 0, 0, 0];
  const segmentProbs = new Uint8Array([255, 255, 255]);
  if (useSegment) {
    updateSegmentMap = br.getValue(1) === 1;
    if (br.getValue(1) === 1) {
      absoluteDelta = br.getValue(1) === 1;
      for (let s = 0; s < NUM_MB_SEGMENTS; s++) segmentQuant[s] = br.getValue(1) ? br.getSignedValue(7) : 0;
      for (let s = 0; s < NUM_MB_SEGMENTS; s++) segmentFilter[s] = br.getValue(1) ? br.getSignedValue(6) : 0;
    }
    if (updateSegmentMap) for (let s = 0; s < 3; s++) segmentProbs[s] = br.getValue(1) ? br.getValue(8) : 255;
  }
  if (br.eof) throw fail('ERR_TRUNCATED', 'the segment header runs past the first partition', offset + first);

  // Loop filter (RFC 6386 §9.6).
  const simple = br.getValue(1) === 1;
  const level = br.getValue(6);
  const sharpness = br.getValue(3);
  const useLfDelta = br.getValue(1) === 1;
  const refLfDelta = [0, 0, 0, 0];
  const modeLfDelta = [0, 0, 0, 0];
  if (useLfDelta && br.getValue(1) === 1) {
    for (let i = 0; i < 4; i++) if (br.getValue(1)) refLfDelta[i] = br.getSignedValue(6);
    for (let i = 0; i < 4; i++) if (br.getValue(1)) modeLfDelta[i] = br.getSignedValue(6);
  }
  const filterType = level === 0 ? 0 : simple ? 1 : 2;
  if (br.eof) throw fail('ERR_TRUNCATED', 'the filter header runs past the first partition', offset + first);

  // Token partitions (RFC 6386 §9.5): 3-byte sizes of all but the last, then the partitions.
  const partStart = first + info.partitionLength;
  const numParts = 1 << br.getValue(2);
  const lastPart = numParts - 1;
  if (data.length - partStart < 3 * lastPart) throw fail('ERR_TRUNCATED', 'the token partition sizes run past the chunk', offset + partStart);
  let at = partStart + 3 * lastPart;
  let left = data.length - at;
  const partitions: BoolDecoder[] = [];
  for (let p = 0; p < lastPart; p++) {
    const sz = partStart + 3 * p;
    let size = data[sz]! | (data[sz + 1]! << 8) | (data[sz + 2]! << 16);
    if (size > left) size = left;
    partitions.push(new BoolDecoder(data, at, at + size));
    at += size;
    left -= size;
  }
  if (left <= 0) throw fail('ERR_TRUNCATED', 'the last token partition is empty', offset + at);
  partitions.push(new BoolDecoder(data, at, data.length));

  // Quantisers (RFC 6386 §9.6, §14.1; quant_dec.c VP8ParseQuant).
  const baseQ = br.getValue(7);
  const dqY1Dc = br.getValue(1) ? br.getSignedValue(4) : 0;
  const dqY2Dc = br.getValue(1) ? br.getSignedValue(4) : 0;
  const dqY2Ac = br.getValue(1) ? br.getSignedValue(4) : 0;
  const dqUvDc = br.getValue(1) ? br.getSignedValue(4) : 0;
  const dqUvAc = br.getValue(1) ? br.getSignedValue(4) : 0;
  const quant: QuantMatrix[] = [];
  for (let s = 0; s < NUM_MB_SEGMENTS; s++) {
    if (!useSegment && s > 0) {
      quant.push(quant[0]!);
      continue;
    }
    const q = useSegment ? segmentQuant[s]! + (absoluteDelta ? 0 : baseQ) : baseQ;
    // x * 155 / 100 as libwebp computes it, (x * 101581) >> 16, at least 8.
    const y2Ac = Math.max(8, (AC_TABLE[clip(q + dqY2Ac, 127)]! * 101581) >> 16);
    quant.push({
      y1: [DC_TABLE[clip(q + dqY1Dc, 127)]!, AC_TABLE[clip(q, 127)]!],
      y2: [DC_TABLE[clip(q + dqY2Dc, 127)]! * 2, y2Ac],
      uv: [DC_TABLE[clip(q + dqUvDc, 117)]!, AC_TABLE[clip(q + dqUvAc, 127)]!],
    });
  }

  br.getValue(1); // refresh_entropy_probs: meaningless for a single key frame

  // Token probabilities (RFC 6386 §13.4).
  const coeffProbs = new Uint8Array(NUM_PROBA_ENTRIES);
  for (let i = 0; i < NUM_PROBA_ENTRIES; i++) {
    coeffProbs[i] = br.getBit(COEFF_UPDATE_PROBS[i]!) ? br.getValue(8) : COEFF_PROBS_DEFAULT[i]!;
  }
  const skipProb = br.getValue(1) ? br.getValue(8) : undefined;

  // Loop filter strength per segment and block kind (frame_dec.c PrecomputeFilterStrengths).
  const filterStrengths: FilterStrength[] = [];
  for (let s = 0; s < NUM_MB_SEGMENTS; s++) {
    const baseLevel = useSegment ? segmentFilter[s]! + (absoluteDelta ? 0 : level) : level;
    for (let i4x4 = 0; i4x4 <= 1; i4x4++) {
      let lvl = baseLevel;
      if (useLfDelta) {
        lvl += refLfDelta[0]!;
        if (i4x4) lvl += modeLfDelta[0]!;
      }
      lvl = clip(lvl, 63);
      if (lvl > 0 && filterType > 0) {
        let ilevel = lvl;
        if (sharpness > 0) {
          ilevel >>= sharpness > 4 ? 2 : 1;
          if (ilevel > 9 - sharpness) ilevel = 9 - sharpness;
        }
        if (ilevel < 1) ilevel = 1;
        filterStrengths.push({ limit: 2 * lvl + ilevel, innerLevel: ilevel, hevThreshold: lvl >= 40 ? 2 : lvl >= 15 ? 1 : 0, inner: i4x4 === 1 });
      } else {
        filterStrengths.push({ limit: 0, innerLevel: 0, hevThreshold: 0, inner: i4x4 === 1 });
      }
    }
  }
  return {
    width: info.width,
    height: info.height,
    modes: br,
    partitions,
    updateSegmentMap,
    segmentProbs,
    quant,
    filterType,
    filterStrengths,
    coeffProbs,
    skipProb,
  };
}
