// Optimal Huffman tables for one image (`optimize`): symbol statistics from a trial pass over the quantized blocks,
// then the code lengths of T.81 Annex K.2. Sources: libjpeg-turbo jchuff.c (htest_one_block,
// jpeg_gen_optimal_table), which Pillow's optimize=True runs.
import type { HuffmanSpec } from './standard-tables.js';

/** Symbol counts of one table: 256 symbols and, at 256, the pseudo-symbol K.2 reserves the all-ones code with. */
export const newFrequencies = (): Float64Array => new Float64Array(257);

/**
 * jchuff.c htest_one_block: counts the symbols `encodeBlock` would write for this block (zig-zag order) — the DC
 * difference category, each (run, category) with ZRLs for runs past 15, and EOB after trailing zeros.
 */
export function countBlock(zz: Int32Array, lastDc: number, dcFreq: Float64Array, acFreq: Float64Array): void {
  const diff = zz[0]! - lastDc;
  dcFreq[32 - Math.clz32(diff < 0 ? -diff : diff)]!++;
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const v = zz[k]!;
    if (v === 0) {
      run++;
      continue;
    }
    for (; run > 15; run -= 16) acFreq[0xf0]!++;
    acFreq[(run << 4) + 32 - Math.clz32(v < 0 ? -v : v)]!++;
    run = 0;
  }
  if (run > 0) acFreq[0]!++;
}

/** The longest code the Huffman procedure may produce before the K.2 adjustment (jchuff.c MAX_CLEN). */
const MAX_CLEN = 32;

/**
 * jchuff.c jpeg_gen_optimal_table (T.81 K.2): Huffman's procedure on the counts — always merging the two smallest
 * non-zero counts, ties going to the larger symbol number — with symbol 256 counted once so that no real symbol
 * gets the all-ones code, then code lengths over 16 folded back by the adjustment of Figure K.3, and the symbols
 * listed by code length, then value. `freq` is not modified.
 */
export function optimalTable(counts: Float64Array): HuffmanSpec {
  const freq = Float64Array.from(counts);
  freq[256] = 1;
  const codesize = new Int32Array(257);
  const others = new Int32Array(257).fill(-1);
  for (;;) {
    // The smallest non-zero count (c1) and the next smallest (c2); ties take the larger symbol.
    // jchuff.c starts each search at 10^9, so a count above that is never picked. Unreachable here (the encoder
    // keeps at most 2^23 blocks, so no count passes 64 × 2^23 < 10^9) but kept for identical tables.
    let c1 = -1;
    let v = 1e9;
    for (let i = 0; i <= 256; i++) {
      if (freq[i]! > 0 && freq[i]! <= v) {
        v = freq[i]!;
        c1 = i;
      }
    }
    let c2 = -1;
    v = 1e9;
    for (let i = 0; i <= 256; i++) {
      if (freq[i]! > 0 && freq[i]! <= v && i !== c1) {
        v = freq[i]!;
        c2 = i;
      }
    }
    if (c2 < 0) break;
    // Merge c2's tree into c1's, one bit deeper for every symbol of both.
    freq[c1]! += freq[c2]!;
    freq[c2] = 0;
    codesize[c1]!++;
    while (others[c1]! >= 0) {
      c1 = others[c1]!;
      codesize[c1]!++;
    }
    others[c1] = c2;
    codesize[c2]!++;
    while (others[c2]! >= 0) {
      c2 = others[c2]!;
      codesize[c2]!++;
    }
  }

  const bits = new Int32Array(MAX_CLEN + 1);
  for (let i = 0; i <= 256; i++) if (codesize[i]! > 0) bits[codesize[i]!]!++;
  // Figure K.3: lengths over 16 come in pairs; one of a pair takes the prefix one bit shorter, and a code of the
  // next shorter length in use becomes the prefix of two codes one bit longer.
  let i = MAX_CLEN;
  for (; i > 16; i--) {
    while (bits[i]! > 0) {
      let j = i - 2;
      while (bits[j] === 0) j--;
      bits[i]! -= 2;
      bits[i - 1]!++;
      bits[j + 1]! += 2;
      bits[j]!--;
    }
  }
  // Drop the pseudo-symbol from the longest length in use.
  while (bits[i] === 0) i--;
  bits[i]!--;

  const values: number[] = [];
  for (let length = 1; length <= MAX_CLEN; length++) {
    for (let symbol = 0; symbol <= 255; symbol++) if (codesize[symbol] === length) values.push(symbol);
  }
  return { bits: Array.from(bits.subarray(1, 17)), values };
}
