import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32, crc32ByteReads, crc32Hex, crc32WordReads } from '../../src/checksum/crc32.js';
import { platform } from '../../src/platform-name.js';
import { crc32 as zlibCrc32 } from 'node:zlib';

const ascii = (s: string) => new TextEncoder().encode(s);

// crc32 is what the library calls (zlib's in the Node build, the word-read loop on little-endian platforms
// elsewhere); the two portable loops are checked on their own too, whichever one this platform picks.
const variants = { crc32, crc32WordReads, crc32ByteReads };

describe(`crc32 (${platform})`, () => {
  it('formats the value as 8 lowercase hex digits', () => {
    expect(crc32Hex(0xcbf43926)).toBe('cbf43926');
    expect(crc32Hex(0x1d)).toBe('0000001d');
    expect(crc32Hex(-1)).toBe('ffffffff');
  });

  for (const [name, f] of Object.entries(variants)) {
    describe(name, () => {
      it('matches the published check value of CRC-32/ISO-HDLC', () => {
        expect(f(ascii('123456789'))).toBe(0xcbf43926);
        expect(f(new Uint8Array(0))).toBe(0);
        expect(f(new Uint8Array(0), 0x12345678)).toBe(0x12345678);
      });

      it('leaves a running value unchanged on empty input, whatever buffer backs it', () => {
        // zlib.crc32 itself answers 0 here for a zero-length ArrayBuffer (Node 20.20).
        expect(f(new Uint8Array(new ArrayBuffer(0)), 0xdeadbeef)).toBe(0xdeadbeef);
        expect(f(new Uint8Array(8).subarray(8), 7)).toBe(7);
      });

      it('continues from a previous value', () => {
        const all = ascii('The quick brown fox jumps over the lazy dog');
        expect(f(all.subarray(10), f(all.subarray(0, 10)))).toBe(0x414fa339);
      });

      it('equals zlib on every length 0–200 at every alignment 0–7', () => {
        const buffer = new Uint8Array(256);
        for (let i = 0; i < buffer.length; i++) buffer[i] = (i * 167 + 13) & 0xff;
        for (let offset = 0; offset < 8; offset++) {
          for (let length = 0; length <= 200; length++) {
            const view = buffer.subarray(offset, offset + length);
            expect(f(view), `offset ${offset}, length ${length}`).toBe(zlibCrc32(view) >>> 0);
          }
        }
      });

      it('equals zlib on random data, lengths, offsets and starting values', () => {
        fc.assert(
          fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(20), fc.nat(0xffffffff), (bytes, skip, start) => {
            const view = bytes.subarray(Math.min(skip, bytes.length));
            const expected = view.length === 0 ? start : zlibCrc32(view, start) >>> 0;
            expect(f(view, start)).toBe(expected);
          }),
          { numRuns: 300 },
        );
      });

      it('equals zlib on a view into a larger buffer (1 MiB + 5 bytes at offset 3)', () => {
        const big = new Uint8Array((1 << 20) + 16);
        let s = 0x2545f491;
        for (let i = 0; i < big.length; i++) {
          s ^= s << 13;
          s ^= s >>> 17;
          s ^= s << 5;
          big[i] = s & 0xff;
        }
        const view = big.subarray(3, 3 + (1 << 20) + 5);
        expect(f(view)).toBe(zlibCrc32(view) >>> 0);
      });
    });
  }
});
