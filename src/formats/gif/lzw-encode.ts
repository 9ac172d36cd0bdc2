// GIF LZW compression (GIF89a §22 and Appendix F): variable-length codes from minCodeSize + 1 up to 12 bits, packed
// least significant bit first, a clear code first and whenever the 4096-entry table is full, an end code last.
// The string table is a hash of (prefix code, next index) → code with open addressing, reset on every clear:
// no allocation per code.

const HASH_SIZE = 8192; // a power of two, twice the 4096 table entries
const MAX_CODE = 4096;

/** Appends bits least significant first to a byte buffer sized by the caller's upper bound. */
class BitWriter {
  readonly bytes: Uint8Array;
  length = 0;
  private acc = 0;
  private count = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  write(code: number, width: number): void {
    this.acc |= code << this.count;
    this.count += width;
    while (this.count >= 8) {
      this.bytes[this.length++] = this.acc & 0xff;
      this.acc >>>= 8;
      this.count -= 8;
    }
  }

  flush(): void {
    if (this.count > 0) this.bytes[this.length++] = this.acc & 0xff;
    this.acc = 0;
    this.count = 0;
  }
}

/**
 * Compresses `indices` (each below 2^minCodeSize) to the image data of GIF89a §22: the minimum code size byte,
 * then the codes in sub-blocks of up to 255 bytes, then the block terminator.
 */
export function encodeLzw(indices: Uint8Array, minCodeSize: number): Uint8Array {
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  // Every pixel costs at most one code of at most 12 bits, plus clears: 2 bytes a pixel is an upper bound.
  const bits = new BitWriter(indices.length * 2 + 16);
  const keys = new Int32Array(HASH_SIZE); // key + 1, 0 = empty
  const codes = new Uint16Array(HASH_SIZE);

  let next = end + 1;
  let codeSize = minCodeSize + 1;
  bits.write(clear, codeSize);
  if (indices.length > 0) {
    let prefix = indices[0] as number;
    for (let i = 1; i < indices.length; i++) {
      const value = indices[i] as number;
      const key = (prefix << 8) | value;
      let slot = Math.imul(key, 0x9e3779b1) >>> 19; // top 13 bits
      let found = -1;
      for (;;) {
        const stored = keys[slot] as number;
        if (stored === 0) break;
        if (stored === key + 1) {
          found = codes[slot] as number;
          break;
        }
        slot = (slot + 1) & (HASH_SIZE - 1);
      }
      if (found >= 0) {
        prefix = found;
        continue;
      }
      bits.write(prefix, codeSize);
      if (next < MAX_CODE) {
        keys[slot] = key + 1;
        codes[slot] = next;
        // The decoder, one code behind, widens its codes after adding entry 2^size - 1; the encoder after 2^size.
        if (next === 1 << codeSize && codeSize < 12) codeSize++;
        next++;
      } else {
        bits.write(clear, codeSize);
        keys.fill(0);
        next = end + 1;
        codeSize = minCodeSize + 1;
      }
      prefix = value;
    }
    bits.write(prefix, codeSize);
  }
  // Reading that last code, the decoder adds the entry the encoder has not yet needed, and widens its codes when
  // that entry is 2^size - 1: the end code is then one bit wider.
  bits.write(end, next === 1 << codeSize && codeSize < 12 ? codeSize + 1 : codeSize);
  bits.flush();

  const data = bits.bytes.subarray(0, bits.length);
  const blocks = Math.ceil(data.length / 255);
  const out = new Uint8Array(1 + data.length + blocks + 1);
  out[0] = minCodeSize;
  let at = 1;
  for (let i = 0; i < data.length; i += 255) {
    const chunk = data.subarray(i, Math.min(i + 255, data.length));
    out[at++] = chunk.length;
    out.set(chunk, at);
    at += chunk.length;
  }
  out[at] = 0;
  return out;
}
