// A deflate "bomb" written bit by bit, so building one costs a few MB, not the gigabytes it expands to: one fixed
// Huffman block holding a literal 0 and then `repeats` copies of (length 258, distance 1).
// Spec: https://www.rfc-editor.org/rfc/rfc1951#section-3.2.6 (fixed Huffman codes)

class BitWriter {
  readonly bytes: Uint8Array;
  private bit = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }
  /** Writes `count` bits of `value`, least significant first (deflate's order for header and extra bits). */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++, this.bit++) if ((value >> i) & 1) this.bytes[this.bit >> 3]! |= 1 << (this.bit & 7);
  }
  /** Writes a Huffman code, most significant bit first. */
  code(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--, this.bit++) if ((value >> i) & 1) this.bytes[this.bit >> 3]! |= 1 << (this.bit & 7);
  }
  get length(): number {
    return (this.bit + 7) >> 3;
  }
}

/** Raw deflate data that inflates to `1 + 258 × repeats` zero bytes. */
export function rawZeroBomb(repeats: number): Uint8Array {
  const w = new BitWriter(Math.ceil((3 + 8 + 13 * repeats + 7) / 8) + 1);
  w.bits(1, 1); // BFINAL
  w.bits(1, 2); // BTYPE 01: fixed Huffman
  w.code(0x30, 8); // literal 0 (codes 0–143 are 0x30 + value, 8 bits)
  for (let i = 0; i < repeats; i++) {
    w.code(0xc5, 8); // length symbol 285 = 258 (codes 280–287 are 0xc0 + symbol − 280, 8 bits)
    w.code(0, 5); // distance code 0 = 1
  }
  w.code(0, 7); // end of block (256: 7 zero bits)
  return w.bytes.subarray(0, w.length);
}

/** A zlib stream (header, the bomb, a dummy Adler-32) that inflates to `1 + 258 × repeats` zero bytes. */
export function zlibZeroBomb(repeats: number): Uint8Array {
  const raw = rawZeroBomb(repeats);
  const out = new Uint8Array(raw.length + 6);
  out[0] = 0x78;
  out[1] = 0x9c;
  out.set(raw, 2);
  return out;
}
