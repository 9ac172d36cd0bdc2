import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { TextCrc, textCrc32 } from '../../src/transport/text-crc.js';

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const wellFormed = fc.string({ unit: 'binary', maxLength: 300 });

describe(`TextCrc (${process.env.PIXTEXT_PROJECT})`, () => {
  it('is the CRC-32 of the UTF-8 bytes for well-formed text', () => {
    expect(textCrc32('123456789')).toBe(0xcbf43926);
    expect(textCrc32('')).toBe(0);
    fc.assert(
      fc.property(wellFormed, (s) => {
        expect(textCrc32(s)).toBe(zlibCrc32(Buffer.from(s, 'utf8')) >>> 0);
      }),
      { numRuns: 300 },
    );
  });

  it('encodes lone surrogates as WTF-8 rather than as U+FFFD', () => {
    // U+D800 alone is ED A0 80 in WTF-8; a trailing lone low surrogate U+DC00 is ED B0 80.
    expect(textCrc32('a\ud800b')).toBe(zlibCrc32(Uint8Array.of(0x61, 0xed, 0xa0, 0x80, 0x62)) >>> 0);
    expect(textCrc32('\udc00')).toBe(zlibCrc32(Uint8Array.of(0xed, 0xb0, 0x80)) >>> 0);
    expect(textCrc32('\ud800')).toBe(zlibCrc32(Uint8Array.of(0xed, 0xa0, 0x80)) >>> 0);
    expect(textCrc32('\ud800')).not.toBe(textCrc32('\ufffd'));
  });

  it('gives the same CRC however the text is cut, even inside a surrogate pair or across windows', () => {
    const long = 'x'.repeat(8191) + '\ud83d\ude00' + 'é'.repeat(9000) + '\ud800';
    const whole = textCrc32(long);
    expect(new TextCrc().update(long.slice(0, 8192)).update(long.slice(8192)).digest()).toBe(whole);
    fc.assert(
      fc.property(fc.string({ unit: anyUnit, maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 5 }), (s, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
        const crc = new TextCrc();
        let start = 0;
        for (const p of points) {
          crc.update(s.slice(start, p));
          start = p;
        }
        crc.update(s.slice(start));
        expect(crc.digest()).toBe(textCrc32(s));
      }),
      { numRuns: 500 },
    );
  });

  it('digest() does not end the computation', () => {
    const crc = new TextCrc().update('ab\ud83d');
    expect(crc.digest()).toBe(textCrc32('ab\ud83d'));
    expect(crc.update('\ude00').digest()).toBe(zlibCrc32(Buffer.from('ab😀', 'utf8')) >>> 0);
  });
});

describe('TextCrc without String.prototype.isWellFormed (older browsers)', () => {
  it('still encodes pairs as UTF-8 and lone surrogates as WTF-8', async () => {
    const proto = String.prototype as { isWellFormed?: unknown };
    const saved = proto.isWellFormed;
    delete proto.isWellFormed;
    try {
      vi.resetModules();
      const fresh = await import('../../src/transport/text-crc.js');
      expect(fresh.textCrc32('a😀b')).toBe(zlibCrc32(Buffer.from('a😀b', 'utf8')) >>> 0);
      expect(fresh.textCrc32('a\ud800b\ude00')).toBe(
        zlibCrc32(Uint8Array.of(0x61, 0xed, 0xa0, 0x80, 0x62, 0xed, 0xb8, 0x80)) >>> 0,
      );
      expect(fresh.textCrc32('é\ud83d\ude00')).toBe(zlibCrc32(Buffer.from('é😀', 'utf8')) >>> 0);
    } finally {
      proto.isWellFormed = saved;
      vi.resetModules();
    }
  });
});
