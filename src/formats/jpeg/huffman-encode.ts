// Baseline Huffman entropy coding of quantized blocks into a growing byte buffer.
// Sources: T.81 Annex C (code generation) and F.1.2 (coding of DC differences and AC runs); libjpeg-turbo jchuff.c
// (jpeg_make_c_derived_tbl, encode_one_block, flush_bits).
import type { HuffmanSpec } from './standard-tables.js';

/** Code and length for every symbol of one table (symbols without a code have length 0). */
export interface DerivedTable {
  readonly codes: Uint16Array;
  readonly lengths: Uint8Array;
}

/**
 * jchuff.c jpeg_make_c_derived_tbl / T.81 C.2: canonical codes in order of length, each length's codes counting up
 * from the previous length's last code plus one, shifted left.
 */
export function deriveTable(spec: HuffmanSpec): DerivedTable {
  const codes = new Uint16Array(256);
  const lengths = new Uint8Array(256);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let n = spec.bits[length - 1]!; n > 0; n--) {
      const symbol = spec.values[k++]!;
      codes[symbol] = code++;
      lengths[symbol] = length;
    }
    code <<= 1;
  }
  return { codes, lengths };
}

/** Bits of `v` ≥ 0 needed: the magnitude category of T.81 Table F.1/F.2 (0 for 0). */
const category = (v: number): number => 32 - Math.clz32(v);

/**
 * Writes entropy-coded data: bits most significant first, a 0x00 stuffed after every 0xFF byte (T.81 F.1.2.3), the
 * last byte padded with 1 bits (jchuff.c flush_bits). The buffer doubles when an entry would not fit.
 */
export class EntropyWriter {
  bytes: Uint8Array;
  length: number;
  private acc = 0;
  private count = 0;

  constructor(bytes: Uint8Array, length: number) {
    this.bytes = bytes;
    this.length = length;
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Appends the low `size` bits of `value` (size ≤ 16). Room must have been reserved. */
  put(value: number, size: number): void {
    let acc = (this.acc << size) | (value & ((1 << size) - 1));
    let count = this.count + size;
    while (count >= 8) {
      count -= 8;
      const byte = (acc >>> count) & 0xff;
      this.bytes[this.length++] = byte;
      if (byte === 0xff) this.bytes[this.length++] = 0;
    }
    this.acc = acc & ((1 << count) - 1);
    this.count = count;
  }

  /** Pads the last partial byte with 1 bits. */
  flush(): void {
    if (this.count > 0) this.put(0x7f, 8 - this.count);
  }

  /**
   * Codes one block given in zig-zag order (jchuff.c encode_one_block): the DC difference from `lastDc` as a
   * category code plus its bits (negative values as value − 1, T.81 F.1.2.1), then each non-zero AC coefficient
   * as a (run of zeros, category) code plus bits, ZRL (0xF0) for every 16 zeros before it and EOB (0x00) after the
   * last non-zero one. A block needs at most 64 × 27 bits plus stuffing: reserve 512 bytes before calling.
   *
   * The hot loop of the encoder, so the bit buffer lives in locals: `acc` holds `count` pending bits, fewer than 8
   * between symbols, and a code goes in together with its value bits whenever the 32-bit buffer has room for both.
   */
  encodeBlock(zz: Int32Array, lastDc: number, dc: DerivedTable, ac: DerivedTable): void {
    const bytes = this.bytes;
    let length = this.length;
    let acc = this.acc;
    let count = this.count;

    let diff = zz[0]! - lastDc;
    let magnitude = diff;
    if (diff < 0) {
      magnitude = -diff;
      diff -= 1;
    }
    let nbits = category(magnitude);
    // DC codes are at most 11 bits and categories at most 11: 7 + 22 bits fit.
    acc = (acc << (dc.lengths[nbits]! + nbits)) | (dc.codes[nbits]! << nbits) | (diff & ((1 << nbits) - 1));
    count += dc.lengths[nbits]! + nbits;
    length = writeBytes(bytes, length, acc, count);
    count &= 7;
    acc &= (1 << count) - 1;

    const acCodes = ac.codes;
    const acLengths = ac.lengths;
    let run = 0;
    for (let k = 1; k < 64; k++) {
      let v = zz[k]!;
      if (v === 0) {
        run++;
        continue;
      }
      for (; run > 15; run -= 16) {
        acc = (acc << acLengths[0xf0]!) | acCodes[0xf0]!;
        count += acLengths[0xf0]!;
        length = writeBytes(bytes, length, acc, count);
        count &= 7;
        acc &= (1 << count) - 1;
      }
      magnitude = v;
      if (v < 0) {
        magnitude = -v;
        v -= 1;
      }
      nbits = category(magnitude);
      const symbol = (run << 4) + nbits;
      const codeLength = acLengths[symbol]!;
      if (codeLength + nbits > 25) {
        // A long code with a large coefficient would overflow the buffer: the code goes out first.
        acc = (acc << codeLength) | acCodes[symbol]!;
        count += codeLength;
        length = writeBytes(bytes, length, acc, count);
        count &= 7;
        acc &= (1 << count) - 1;
        acc = (acc << nbits) | (v & ((1 << nbits) - 1));
        count += nbits;
      } else {
        acc = (acc << (codeLength + nbits)) | (acCodes[symbol]! << nbits) | (v & ((1 << nbits) - 1));
        count += codeLength + nbits;
      }
      length = writeBytes(bytes, length, acc, count);
      count &= 7;
      acc &= (1 << count) - 1;
      run = 0;
    }
    if (run > 0) {
      acc = (acc << acLengths[0]!) | acCodes[0]!;
      count += acLengths[0]!;
      length = writeBytes(bytes, length, acc, count);
      count &= 7;
      acc &= (1 << count) - 1;
    }

    this.length = length;
    this.acc = acc;
    this.count = count;
  }
}

/**
 * Writes the whole bytes of the `count` pending bits of `acc` (most significant first), a 0x00 after each 0xFF;
 * returns the new length. The caller keeps the last `count & 7` bits.
 */
function writeBytes(bytes: Uint8Array, length: number, acc: number, count: number): number {
  while (count >= 8) {
    count -= 8;
    const byte = (acc >>> count) & 0xff;
    bytes[length++] = byte;
    if (byte === 0xff) bytes[length++] = 0;
  }
  return length;
}
