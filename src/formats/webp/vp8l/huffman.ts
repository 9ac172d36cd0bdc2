// Canonical Huffman tables of VP8L (RFC 9649 §3.7.2), built as libwebp 1.2.4 builds them (src/utils/huffman_utils.c
// BuildHuffmanTable): a root table indexed by the next ROOT bits, second-level tables for longer codes, and the
// same validity rules (no length over 15, not all zero, a complete code unless it has a single symbol).

/** Longest code length VP8L allows. */
export const MAX_ALLOWED_CODE_LENGTH = 15;
/** Root table bits for the five codes of a group (HUFFMAN_TABLE_BITS). */
export const HUFFMAN_TABLE_BITS = 8;
/** Root table bits for the code-length code (LENGTHS_TABLE_BITS). */
export const LENGTHS_TABLE_BITS = 7;

/** One table entry: `bits << 16 | value`; in a root entry pointing to a second-level table, value is its offset. */
export const entryBits = (entry: number): number => entry >>> 16;
export const entryValue = (entry: number): number => entry & 0xffff;

function nextKey(key: number, len: number): number {
  let step = 1 << (len - 1);
  while (key & step) step >>= 1;
  return step ? (key & (step - 1)) + step : key;
}

function replicate(table: Int32Array, at: number, step: number, end: number, code: number): void {
  do {
    end -= step;
    table[at + end] = code;
  } while (end > 0);
}

function nextTableBits(count: Int32Array, len: number, rootBits: number): number {
  let left = 1 << (len - rootBits);
  while (len < MAX_ALLOWED_CODE_LENGTH) {
    left -= count[len]!;
    if (left <= 0) break;
    ++len;
    left <<= 1;
  }
  return len - rootBits;
}

const count = new Int32Array(MAX_ALLOWED_CODE_LENGTH + 1);
const offset = new Int32Array(MAX_ALLOWED_CODE_LENGTH + 1);
let sorted = new Uint16Array(512);

/**
 * Builds the table of `codeLengths[0..size)` into `table` at `at` (or only validates it when `table` is null).
 * Returns the number of entries used, 0 when the lengths are not a valid code.
 */
export function buildHuffmanTable(
  table: Int32Array | null,
  at: number,
  rootBits: number,
  codeLengths: Int32Array,
  size: number,
): number {
  let totalSize = 1 << rootBits;
  count.fill(0);
  for (let symbol = 0; symbol < size; ++symbol) {
    const len = codeLengths[symbol]!;
    if (len > MAX_ALLOWED_CODE_LENGTH) return 0;
    ++count[len]!;
  }
  if (count[0] === size) return 0;
  offset[1] = 0;
  for (let len = 1; len < MAX_ALLOWED_CODE_LENGTH; ++len) {
    if (count[len]! > 1 << len) return 0;
    offset[len + 1] = offset[len]! + count[len]!;
  }
  if (sorted.length < size) sorted = new Uint16Array(size);
  for (let symbol = 0; symbol < size; ++symbol) {
    const len = codeLengths[symbol]!;
    if (len > 0) sorted[offset[len]!++] = symbol;
  }
  // A code of one symbol takes no bits.
  if (offset[MAX_ALLOWED_CODE_LENGTH] === 1) {
    if (table !== null) replicate(table, at, 1, totalSize, sorted[0]!);
    return totalSize;
  }
  let low = -1;
  const mask = totalSize - 1;
  let key = 0;
  let numNodes = 1;
  let numOpen = 1;
  let tableBits = rootBits;
  let tableSize = 1 << tableBits;
  let tableAt = at;
  let symbol = 0;
  for (let len = 1, step = 2; len <= rootBits; ++len, step <<= 1) {
    numOpen <<= 1;
    numNodes += numOpen;
    numOpen -= count[len]!;
    if (numOpen < 0) return 0;
    if (table === null) continue;
    for (; count[len]! > 0; --count[len]!) {
      replicate(table, at + key, step, tableSize, (len << 16) | sorted[symbol++]!);
      key = nextKey(key, len);
    }
  }
  for (let len = rootBits + 1, step = 2; len <= MAX_ALLOWED_CODE_LENGTH; ++len, step <<= 1) {
    numOpen <<= 1;
    numNodes += numOpen;
    numOpen -= count[len]!;
    if (numOpen < 0) return 0;
    if (table === null) continue;
    for (; count[len]! > 0; --count[len]!) {
      if ((key & mask) !== low) {
        tableAt += tableSize;
        tableBits = nextTableBits(count, len, rootBits);
        tableSize = 1 << tableBits;
        totalSize += tableSize;
        low = key & mask;
        table[at + low] = ((tableBits + rootBits) << 16) | (tableAt - at - low);
      }
      replicate(table, tableAt + (key >>> rootBits), step, tableSize, ((len - rootBits) << 16) | sorted[symbol++]!);
      key = nextKey(key, len);
    }
  }
  if (numNodes !== 2 * offset[MAX_ALLOWED_CODE_LENGTH]! - 1) return 0;
  return totalSize;
}
