// CRC-32/ISO-HDLC (the zlib/PNG/gzip CRC), portable version. Slicing-by-8: eight 256-entry tables let the hot loop
// consume 8 bytes per iteration with table look-ups only, several times faster than the byte-at-a-time loop.
// Spec: https://www.w3.org/TR/png-3/#5CRC-algorithm

let tables: Uint32Array | undefined;

// Table k (entries 256k to 256k + 255) gives the CRC of a byte followed by k zero bytes, so entry i of tables 1–7 is
// entry i − 256 advanced by one zero byte.
function buildTables(): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let i = 0; i < 8 * 256; i++) {
    let c = i < 256 ? i : t[i - 256]!;
    if (i < 256) for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    else c = t[c & 0xff]! ^ (c >>> 8);
    t[i] = c >>> 0;
  }
  return t;
}

/**
 * CRC-32 of `bytes`, continuing from `previous` (the CRC of the bytes before, 0 to start). Unsigned 32-bit result.
 * @example crc32(new TextEncoder().encode('123456789')) === 0xcbf43926
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  const t = (tables ??= buildTables());
  let c = ~previous >>> 0;
  const n = bytes.length;
  let i = 0;
  const end8 = n - (n & 7);
  for (; i < end8; i += 8) {
    const a = (c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>> 0;
    c =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** The CRC-32 as 8 lowercase hex digits, as the envelope's `crc32` field holds it. */
export function crc32Hex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
