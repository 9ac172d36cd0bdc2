// Bit-level access to Huffman-coded JPEG data, for the stream repairs in scan-repair.ts (never for decoding pixels).
// Spec: ITU-T T.81 Annex C (Huffman table specification), F.1.2.3 (byte stuffing), F.2.2.5 (padding with 1-bits).

/** One Huffman table from a DHT segment: code counts per length 1–16 and the symbols in code order. */
export interface HuffmanTable {
  counts: readonly number[];
  values: readonly number[];
}

/**
 * The code and length of `symbol` in `table` (its canonical code, T.81 C.2), or `undefined` when the table has no such
 * symbol.
 * @example
 * ```ts
 * codeFor({ counts: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, 0);
 * // { code: 0, length: 2 }
 * ```
 */
export function codeFor(table: HuffmanTable, symbol: number): { code: number; length: number } | undefined {
  let code = 0;
  let index = 0;
  for (let length = 1; length <= 16; length++, code <<= 1) {
    for (let i = 0; i < (table.counts[length - 1] ?? 0); i++, code++, index++) {
      if (table.values[index] === symbol) return { code, length };
    }
  }
  return undefined;
}

/**
 * Thrown by {@link BitReader} when the data ends or holds no valid code, and by the block walk on data no encoder
 * could have written: the repair is then not applicable. Always caught, so it carries no message.
 */
export class OutOfBits extends Error {}

/**
 * Reads bits MSB first from unstuffed entropy-coded bytes; never past `bytes.length`.
 * @throws OutOfBits at the end of the data or on a bit string that is no code.
 * @example
 * ```ts
 * new BitReader(Uint8Array.of(0b1010_0000)).bits(3); // 5
 * ```
 */
export class BitReader {
  position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get length(): number {
    return this.bytes.length * 8;
  }

  bit(): number {
    if (this.position >= this.bytes.length * 8) throw new OutOfBits();
    const byte = this.bytes[this.position >> 3]!;
    const value = (byte >> (7 - (this.position & 7))) & 1;
    this.position++;
    return value;
  }

  bits(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) value = (value << 1) | this.bit();
    return value;
  }

  /** Decodes one symbol by walking the canonical code lengths (T.81 F.2.2.3), at most 16 bits. */
  symbol(table: HuffmanTable): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length <= 16; length++) {
      code = (code << 1) | this.bit();
      const count = table.counts[length - 1] ?? 0;
      if (code - first < count) {
        const value = table.values[index + code - first];
        if (value === undefined) break;
        return value;
      }
      index += count;
      first = (first + count) << 1;
    }
    throw new OutOfBits(); // no code matches the data
  }
}

/**
 * Accumulates bits MSB first; {@link BitWriter.finish} pads with 1-bits and stuffs each 0xFF with a 0x00.
 * @example
 * ```ts
 * const writer = new BitWriter();
 * writer.put(0b111, 3);
 * writer.finish(); // Uint8Array [0xff, 0x00]
 * ```
 */
export class BitWriter {
  private readonly bits: number[] = [];

  put(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.bits.push((value >> i) & 1);
  }

  finish(): Uint8Array {
    while (this.bits.length % 8 !== 0) this.bits.push(1);
    const out: number[] = [];
    for (let i = 0; i < this.bits.length; i += 8) {
      let byte = 0;
      for (let j = 0; j < 8; j++) byte = (byte << 1) | this.bits[i + j]!;
      out.push(byte);
      if (byte === 0xff) out.push(0);
    }
    return Uint8Array.from(out);
  }
}

/**
 * Entropy-coded bytes with stuffed `FF 00` pairs reduced to `FF` (T.81 F.1.2.3); RST markers must not be inside.
 * @example
 * ```ts
 * unstuff(Uint8Array.of(0x12, 0xff, 0x00, 0x34)); // Uint8Array [0x12, 0xff, 0x34]
 * ```
 */
export function unstuff(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    out[n++] = bytes[i]!;
    if (bytes[i] === 0xff && bytes[i + 1] === 0) i++;
  }
  return out.subarray(0, n);
}
