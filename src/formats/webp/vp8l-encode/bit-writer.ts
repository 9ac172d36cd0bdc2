// An LSB-first bit writer (the VP8L bit order, RFC 9649 §3.1) into a growing byte buffer.

/** Collects bits least significant first; `finish` pads the last byte with zeros. */
export class BitWriter {
  private buffer: Uint8Array;
  private length = 0;
  private acc = 0;
  private count = 0;

  constructor(capacity = 1024) {
    this.buffer = new Uint8Array(Math.max(16, capacity));
  }

  /** Writes the low `n` ≤ 24 bits of `value`. */
  write(value: number, n: number): void {
    this.acc |= value << this.count;
    this.count += n;
    while (this.count >= 8) {
      if (this.length === this.buffer.length) this.grow();
      this.buffer[this.length++] = this.acc & 0xff;
      this.acc >>>= 8;
      this.count -= 8;
    }
  }

  private grow(): void {
    const bigger = new Uint8Array(this.buffer.length * 2);
    bigger.set(this.buffer);
    this.buffer = bigger;
  }

  /** The bytes written, the last one zero-padded. */
  finish(): Uint8Array {
    if (this.count > 0) this.write(0, 8 - this.count);
    return this.buffer.subarray(0, this.length);
  }
}
