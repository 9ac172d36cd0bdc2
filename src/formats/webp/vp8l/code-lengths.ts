// Reading one VP8L Huffman code (RFC 9649 §3.7.2.1; libwebp 1.2.4 src/dec/vp8l_dec.c ReadHuffmanCode and
// ReadHuffmanCodeLengths): simple codes, and normal codes with their code-length code and repeat codes 16-18.
import type { PixtextError } from '../../../errors.js';
import type { Vp8lBitReader } from './bit-reader.js';
import { buildHuffmanTable, HUFFMAN_TABLE_BITS, LENGTHS_TABLE_BITS } from './huffman.js';

const NUM_CODE_LENGTH_CODES = 19;
/** Order in which the code-length code lengths are stored (RFC 9649 §3.7.2.1.2). */
const CODE_LENGTH_CODE_ORDER = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/**
 * Reads one code's lengths (a simple code of one or two symbols, or a normal code whose lengths are themselves
 * Huffman coded) and builds its table into `table` at `at`, or only checks it when `table` is null. Returns the
 * table size. `lengths` and `lengthsTable` are scratch space.
 * @throws what `fail` returns, for an invalid code
 */
export function readHuffmanCode(
  br: Vp8lBitReader,
  lengths: Int32Array,
  lengthsTable: Int32Array,
  alphabetSize: number,
  table: Int32Array | null,
  at: number,
  fail: (message: string) => PixtextError,
): number {
  lengths.fill(0, 0, alphabetSize);
  if (br.read(1) === 1) {
    // Simple code: one or two symbols of length 1 (or 0 for one).
    const numSymbols = br.read(1) + 1;
    const firstBits = br.read(1) === 0 ? 1 : 8;
    const first = br.read(firstBits);
    if (first < alphabetSize) lengths[first] = 1;
    if (numSymbols === 2) {
      const second = br.read(8);
      if (second < alphabetSize) lengths[second] = 1;
    }
  } else {
    const codeLengthCodeLengths = new Int32Array(NUM_CODE_LENGTH_CODES);
    const numCodes = br.read(4) + 4;
    if (numCodes > NUM_CODE_LENGTH_CODES) throw fail(`code-length code count ${numCodes} is over 19`);
    for (let i = 0; i < numCodes; i++) codeLengthCodeLengths[CODE_LENGTH_CODE_ORDER[i]!] = br.read(3);
    readCodeLengths(br, lengths, lengthsTable, codeLengthCodeLengths, alphabetSize, fail);
  }
  if (br.eos()) throw fail('Huffman code');
  const size = buildHuffmanTable(table, at, HUFFMAN_TABLE_BITS, lengths, alphabetSize);
  if (size === 0) throw fail('Huffman code lengths do not form a valid code');
  return size;
}

/** The code lengths of a normal code, themselves Huffman coded (vp8l_dec.c ReadHuffmanCodeLengths). */
function readCodeLengths(
  br: Vp8lBitReader,
  lengths: Int32Array,
  table: Int32Array,
  codeLengthCodeLengths: Int32Array,
  numSymbols: number,
  fail: (message: string) => PixtextError,
): void {
  if (buildHuffmanTable(table, 0, LENGTHS_TABLE_BITS, codeLengthCodeLengths, NUM_CODE_LENGTH_CODES) === 0) {
    throw fail('code-length code is not a valid code');
  }
  let maxSymbol = numSymbols;
  if (br.read(1) === 1) {
    const lengthBits = 2 + 2 * br.read(3);
    maxSymbol = 2 + br.read(lengthBits);
    if (maxSymbol > numSymbols) throw fail(`max_symbol ${maxSymbol} is over the alphabet size ${numSymbols}`);
  }
  let prevCodeLen = 8;
  let symbol = 0;
  while (symbol < numSymbols) {
    if (maxSymbol-- === 0) break;
    if (br.count < 7) br.fill();
    const entry = table[br.window & 0x7f]!;
    const bits = entry >>> 16;
    br.window >>>= bits;
    br.count -= bits;
    const codeLen = entry & 0xffff;
    if (codeLen < 16) {
      lengths[symbol++] = codeLen;
      if (codeLen !== 0) prevCodeLen = codeLen;
    } else {
      const slot = codeLen - 16;
      let repeat = br.read([2, 3, 7][slot]!) + [3, 3, 11][slot]!;
      if (symbol + repeat > numSymbols) throw fail('code length repeat runs past the alphabet');
      const length = codeLen === 16 ? prevCodeLen : 0;
      while (repeat-- > 0) lengths[symbol++] = length;
    }
  }
}
