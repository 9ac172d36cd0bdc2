// The VP8L bit reader: least significant bit first (RFC 9649 §3.1). Bits past the end read as zeros and set
// `consumed` past `8 × length`, which the decoder checks where libwebp checks its eos_ flag (vp8l_dec.c).

/** Reads bits LSB first from `data`; a plain object with a window of up to 32 bits. */
export class Vp8lBitReader {
  /** Next byte to load into the window. */
  pos: number;
  /** Bits not yet consumed, the next one in bit 0. */
  window = 0;
  /** Number of valid bits in `window`. */
  count = 0;
  readonly data: Uint8Array;
  readonly end: number;

  constructor(data: Uint8Array, start = 0) {
    this.data = data;
    this.pos = start;
    this.end = data.length;
  }

  /** Tops the window up to more than 24 bits (zeros past the end). */
  fill(): void {
    while (this.count <= 24) {
      const byte = this.pos < this.end ? this.data[this.pos]! : 0;
      this.window = (this.window | (byte << this.count)) >>> 0;
      this.pos++;
      this.count += 8;
    }
  }

  /** Reads `n` ≤ 24 bits as an unsigned number. */
  read(n: number): number {
    if (this.count < n) this.fill();
    const value = this.window & ((1 << n) - 1);
    this.window >>>= n;
    this.count -= n;
    return value;
  }

  /** True once more bits were consumed than the data holds (libwebp VP8LIsEndOfStream). */
  eos(): boolean {
    return this.pos * 8 - this.count > this.end * 8;
  }
}
