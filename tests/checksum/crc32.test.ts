import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32, crc32Hex } from '../../src/checksum/crc32.js';
import { platform } from '../../src/platform-name.js';
import { crc32 as zlibCrc32 } from 'node:zlib';

const ascii = (s: string) => new TextEncoder().encode(s);

describe(`crc32 (${platform})`, () => {
  it('matches the published check value of CRC-32/ISO-HDLC', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32Hex(0xcbf43926)).toBe('cbf43926');
    expect(crc32Hex(0x1d)).toBe('0000001d');
  });

  it('continues from a previous value', () => {
    const all = ascii('The quick brown fox jumps over the lazy dog');
    expect(crc32(all.subarray(10), crc32(all.subarray(0, 10)))).toBe(0x414fa339);
  });

  it('equals zlib on random data, lengths and offsets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(20), (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length));
        expect(crc32(view)).toBe(zlibCrc32(view) >>> 0);
      }),
      { numRuns: 500 },
    );
  });
});
