// The VP8 boolean entropy decoder (RFC 6386 §7), ported from libwebp 1.2.4 (src/utils/bit_reader_inl_utils.h
// VP8GetBit / VP8GetSigned, bit_reader_utils.c) so it reads the same bits and sets end-of-data at the same point:
// past the last byte it reads one byte of zeros and flags `eof`, which the decoder checks where libwebp does.

/** One boolean decoder over `data[start, end)`. */
export class BoolDecoder {
  /** `range - 1`, 127..254 between calls. */
  range = 254;
  /** Loaded bits not yet consumed; the next bit is at position `bits`. */
  value = 0;
  /** Number of bits in `value` beyond the 8 being decoded; negative asks for a load. */
  bits = -8;
  eof = false;
  pos: number;

  constructor(
    readonly data: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
    this.load();
  }

  /** Loads 16 bits, or one byte near the end (VP8LoadNewBytes / VP8LoadFinalBytes). */
  load(): void {
    if (this.pos + 2 <= this.end) {
      this.value = ((this.value << 16) | (this.data[this.pos]! << 8) | this.data[this.pos + 1]!) >>> 0;
      this.pos += 2;
      this.bits += 16;
    } else if (this.pos < this.end) {
      this.value = ((this.value << 8) | this.data[this.pos++]!) >>> 0;
      this.bits += 8;
    } else if (!this.eof) {
      this.value = (this.value << 8) >>> 0;
      this.bits += 8;
      this.eof = true;
    } else {
      this.bits = 0;
    }
  }

  /** One bit whose probability of being 0 is `prob / 256`. */
  getBit(prob: number): number {
    let range = this.range;
    if (this.bits < 0) this.load();
    const pos = this.bits;
    const split = (range * prob) >>> 8;
    const value = this.value >>> pos;
    let bit: number;
    if (value > split) {
      range -= split;
      this.value -= (split + 1) << pos;
      bit = 1;
    } else {
      range = split + 1;
      bit = 0;
    }
    const shift = Math.clz32(range) - 24;
    this.bits -= shift;
    this.range = (range << shift) - 1;
    return bit;
  }

  /** `v` with a sign read at probability 1/2 (VP8GetSigned). */
  getSigned(v: number): number {
    if (this.bits < 0) this.load();
    const pos = this.bits;
    const split = this.range >>> 1;
    const value = this.value >>> pos;
    const mask = (split - value) >> 31;
    this.bits -= 1;
    this.range = (this.range + mask) | 1;
    this.value -= ((split + 1) & mask) << pos;
    return (v ^ mask) - mask;
  }

  /** An unsigned `n`-bit literal, most significant bit first (VP8GetValue). */
  getValue(n: number): number {
    let v = 0;
    while (n-- > 0) v |= this.getBit(0x80) << n;
    return v;
  }

  /** A magnitude of `n` bits then a sign bit (VP8GetSignedValue). */
  getSignedValue(n: number): number {
    const value = this.getValue(n);
    return this.getValue(1) ? -value : value;
  }
}
