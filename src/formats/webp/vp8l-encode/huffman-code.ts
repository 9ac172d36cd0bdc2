// Length-limited canonical Huffman codes for the VP8L encoder. VP8L reads codes least significant bit first and
// assigns them canonically by (length, symbol) as deflate does (RFC 9649 §3.7.2.1), so codes are made MSB-first
// and bit-reversed for writing.

/** A code for an alphabet: per symbol its length in the table and the bits written (0 for a one-symbol code). */
export interface HuffmanCode {
  /** Code lengths as stored in the file (a lone symbol has length 1 but takes no bits). */
  readonly lengths: Uint8Array;
  /** Bits actually written per symbol. */
  readonly bits: Uint8Array;
  /** The codes, already bit-reversed for an LSB-first writer. */
  readonly codes: Uint16Array;
  /** Symbols with a non-zero count. */
  readonly used: readonly number[];
}

/** Huffman code lengths of `counts`, at most `limit` long, by repeated halving of the counts if needed. */
function codeLengths(counts: ArrayLike<number>, limit: number): Uint8Array {
  const n = counts.length;
  const lengths = new Uint8Array(n);
  let weights = Array.from(counts, (c) => c);
  for (;;) {
    const symbols: number[] = [];
    for (let s = 0; s < n; s++) if (weights[s]! > 0) symbols.push(s);
    if (symbols.length === 1) {
      lengths[symbols[0]!] = 1;
      return lengths;
    }
    // Two-queue Huffman merge over the symbols sorted by weight; nodes record their parent.
    symbols.sort((a, b) => weights[a]! - weights[b]! || a - b);
    const m = symbols.length;
    const weight = new Float64Array(2 * m);
    const parent = new Int32Array(2 * m).fill(-1);
    for (let i = 0; i < m; i++) weight[i] = weights[symbols[i]!]!;
    let leaf = 0;
    let inner = m;
    let next = m;
    const pick = (): number => (leaf < m && (inner >= next || weight[leaf]! <= weight[inner]!) ? leaf++ : inner++);
    while (next < 2 * m - 1) {
      const a = pick();
      const b = pick();
      weight[next] = weight[a]! + weight[b]!;
      parent[a] = parent[b] = next++;
    }
    let max = 0;
    const depth = new Int32Array(2 * m);
    for (let i = 2 * m - 3; i >= 0; i--) depth[i] = depth[parent[i]!]! + 1;
    for (let i = 0; i < m; i++) {
      lengths[symbols[i]!] = depth[i]!;
      if (depth[i]! > max) max = depth[i]!;
    }
    if (max <= limit) return lengths;
    weights = weights.map((w) => (w > 0 ? Math.max(1, w >> 1) : 0));
    lengths.fill(0);
  }
}

/** Canonical codes of `lengths`, bit-reversed (deflate's algorithm, RFC 1951 §3.2.2). */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const maxLen = Math.max(0, ...lengths);
  const blCount = new Int32Array(maxLen + 1);
  for (const len of lengths) if (len > 0) blCount[len]!++;
  const nextCode = new Int32Array(maxLen + 2);
  let code = 0;
  for (let bits = 1; bits <= maxLen; bits++) {
    code = (code + blCount[bits - 1]!) << 1;
    nextCode[bits] = code;
  }
  const codes = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s]!;
    if (len === 0) continue;
    let c = nextCode[len]!++;
    let reversed = 0;
    for (let i = 0; i < len; i++, c >>= 1) reversed = (reversed << 1) | (c & 1);
    codes[s] = reversed;
  }
  return codes;
}

/**
 * A Huffman code of at most `limit` bits for the symbol `counts`; a lone symbol (or none: symbol 0) is a
 * one-symbol code that takes no bits.
 */
export function buildCode(counts: ArrayLike<number>, limit: number): HuffmanCode {
  const used: number[] = [];
  for (let s = 0; s < counts.length; s++) if (counts[s]! > 0) used.push(s);
  const lengths = used.length === 0 ? new Uint8Array(counts.length) : codeLengths(counts, limit);
  if (used.length === 0) {
    lengths[0] = 1;
    used.push(0);
  }
  const bits = lengths.slice();
  if (used.length === 1) bits[used[0]!] = 0;
  return { lengths, bits, codes: canonicalCodes(lengths), used };
}
