// The VP8L bit reader: least significant bit first (RFC 9649 §3.1). Bits past the end read as zeros and set
// `consumed` past `8 × length`, which the decoder checks where libwebp checks its eos_ flag (vp8l_dec.c).

/**
 * Zero bytes after the data in `view`: the pixel loop checks for the end once per pixel, and one pixel reads at
 * most 4 codes of 15 bits plus 2 × 18 extra bits (RFC 9649 §3.7.2, §3.6.2.1), under 12 bytes, and a 4-byte peek.
 */
const PEEK_PADDING = 32;

/**
 * The next 25 or more bits at bit position `bits` (below 2^31) of `view` (LSB first), for one code of at most 15
 * bits or one extra-bits field of at most 18.
 */
export const peek = (view: DataView, bits: number): number => view.getUint32(bits >>> 3, true) >>> (bits & 7);

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
  /**
   * The data again with PEEK_PADDING zero bytes after it, for the pixel loop's 32-bit little-endian peeks
   * (`peek`, through `viewFrom`): one load per symbol instead of a byte-by-byte refill.
   */
  readonly padded: Uint8Array;

  constructor(data: Uint8Array, start = 0) {
    this.data = data;
    this.pos = start;
    this.end = data.length;
    this.padded = new Uint8Array(data.length + PEEK_PADDING);
    this.padded.set(data);
  }

  /** A view of the padded data from byte `from` on (bit positions given to `peek` are counted from there). */
  viewFrom(from: number): DataView {
    return new DataView(this.padded.buffer, from);
  }

  /** Bits consumed so far, counted from the start of `data`. */
  bitPosition(): number {
    return this.pos * 8 - this.count;
  }

  /** Moves to bit `bits` of `data` (≤ 8 × length + PEEK_PADDING × 8), emptying and refilling the window. */
  seek(bits: number): void {
    this.pos = Math.floor(bits / 8);
    this.window = 0;
    this.count = 0;
    const skip = bits & 7;
    if (skip !== 0) {
      this.fill();
      this.window >>>= skip;
      this.count -= skip;
    }
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
