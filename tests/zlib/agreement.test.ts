// Both builds must accept and refuse the same zlib streams with the same codes, and give the same bytes. The oracle
// is node:zlib called directly, run as the Node build runs it (Z_SYNC_FLUSH, output capped one byte past the
// expected length): its answer, classified, is what `inflate` of either build must give.
import fc from 'fast-check';
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/index.js';
import { PixtextError } from '../../src/errors.js';
import { inflate, zlibBackend } from '../../src/zlib/zlib.js';
import { chunk, ihdr, png } from '../formats/png-helpers.js';

type Outcome = { bytes: Uint8Array } | { code: string } | { longer: true };

/** What node:zlib makes of `data` when `expected` bytes are wanted, in pixtext's terms. */
function oracle(data: Uint8Array, expected: number): Outcome {
  try {
    const out = inflateSync(data, {
      finishFlush: constants.Z_SYNC_FLUSH,
      chunkSize: expected + 1,
      maxOutputLength: expected,
    });
    return out.length < expected ? { code: 'ERR_TRUNCATED' } : { bytes: new Uint8Array(out) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    // The Node build hands a stream that goes on past the expected length to the bounded portable inflater.
    if (code === 'ERR_BUFFER_TOO_LARGE') return { longer: true };
    return { code: code === 'Z_BUF_ERROR' ? 'ERR_TRUNCATED' : 'ERR_CORRUPT' };
  }
}

function ours(data: Uint8Array, expected: number): { bytes: Uint8Array } | { code: string } {
  try {
    return { bytes: inflate(data, expected) };
  } catch (error) {
    if (!(error instanceof PixtextError)) throw error;
    return { code: error.code };
  }
}

function expectAgreement(data: Uint8Array, expected: number): void {
  expect(expected + 1).toBeGreaterThanOrEqual(constants.Z_MIN_CHUNK);
  const want = oracle(data, expected);
  const got = ours(data, expected);
  if ('longer' in want) {
    expect('bytes' in got && got.bytes.length === expected, JSON.stringify(got)).toBe(true);
  } else if ('code' in want) {
    expect(got).toEqual(want);
  } else {
    expect('bytes' in got, JSON.stringify(got)).toBe(true);
    expect(Buffer.compare(Buffer.from((got as { bytes: Uint8Array }).bytes), Buffer.from(want.bytes))).toBe(0);
  }
}

/** Compressible bytes: runs, a ramp and noise, so the streams hold dynamic, fixed and stored blocks. */
const content = fc
  .array(fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.tuple(fc.nat(255), fc.integer({ min: 1, max: 300 }))), { maxLength: 60 })
  .map((parts) => {
    const out: number[] = [];
    for (const part of parts) {
      if (part instanceof Uint8Array) out.push(...part);
      else for (let i = 0; i < part[1]; i++) out.push((part[0] + (i >> 3)) & 0xff);
    }
    return Uint8Array.from(out);
  });

describe(`inflate agrees with zlib (${zlibBackend})`, () => {
  it('on intact streams of every level and strategy, asked for any length', () => {
    fc.assert(
      fc.property(content, fc.integer({ min: 0, max: 9 }), fc.constantFrom(0, 1, 2, 3, 4), fc.integer({ min: -3, max: 3 }), (data, level, strategy, delta) => {
        const z = new Uint8Array(deflateSync(data, { level, strategy }));
        expectAgreement(z, Math.max(63, data.length + delta));
      }),
      { numRuns: 300 },
    );
  });

  it('on streams with bits flipped, bytes cut or bytes added', () => {
    fc.assert(
      fc.property(content, fc.integer({ min: 0, max: 9 }), fc.nat(), fc.nat(7), fc.constantFrom('flip', 'cut', 'flip+cut'), (data, level, at, bit, how) => {
        const z = new Uint8Array(deflateSync(data, { level }));
        let bad = z.slice();
        const i = 2 + (at % Math.max(1, bad.length - 2));
        if (how !== 'cut' && i < bad.length) bad[i]! ^= 1 << bit;
        if (how !== 'flip') bad = bad.subarray(0, Math.max(2, bad.length - 1 - (at % 8)));
        expectAgreement(bad, Math.max(63, data.length));
      }),
      { numRuns: 1500 },
    );
  });

  it('on every single-bit corruption of one stream', () => {
    const data = new Uint8Array(3072);
    let s = 7;
    for (let i = 0; i < data.length; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      data[i] = i % 97 < 40 ? (s >>> 24) & 0x0f : (i * 7) & 0xff;
    }
    const z = new Uint8Array(deflateSync(data));
    for (let i = 2; i < z.length; i++) {
      for (const bit of [0, 3, 6]) {
        const bad = z.slice();
        bad[i]! ^= 1 << bit;
        expectAgreement(bad, data.length);
      }
    }
  });

  it('refuses a PNG whose IDAT deflate data is corrupt though its CRC is valid, as zlib does', () => {
    // 32×32 RGB, filter 0: zlib finds the stream invalid (a wrong Adler-32 or malformed data) for each of these.
    const raw = new Uint8Array(32 * (1 + 32 * 3));
    for (let i = 0; i < raw.length; i++) raw[i] = i % 97 === 0 ? 0 : (i * 13) & 0xff;
    const z = new Uint8Array(deflateSync(raw));
    // The intact file decodes, so the damaged ones below are judged by their IDAT, not by a broken structure.
    expect(decode(png(chunk('IHDR', ihdr(32, 32, 8, 2)), chunk('IDAT', z), chunk('IEND'))).data.length).toBe(32 * 32 * 3);
    let refused = 0;
    for (let i = 2; i < z.length - 4; i += 7) {
      const bad = z.slice();
      bad[i]! ^= 0x24;
      const want = oracle(bad, raw.length);
      if (!('code' in want)) continue;
      const file = png(chunk('IHDR', ihdr(32, 32, 8, 2)), chunk('IDAT', bad), chunk('IEND'));
      let code: string | undefined;
      try {
        decode(file);
      } catch (error) {
        code = (error as PixtextError).code;
      }
      expect(code, `byte ${i}`).toBe(want.code);
      refused++;
    }
    expect(refused).toBeGreaterThan(10);
  });

  it("refuses malformed blocks with zlib's reasons", () => {
    const cases: [number[], string][] = [
      [[0x07], 'invalid block type'],
      [[0x01, 0x05, 0x00, 0x00, 0x00], 'invalid stored block lengths'],
      // Dynamic block, HLIT = 30 (287 symbols): more than 286.
      [[0xf5, 0x07], 'too many length or distance symbols'],
    ];
    for (const [body, why] of cases) {
      const data = Uint8Array.of(0x78, 0x9c, ...body, 0, 0, 0, 0, 0, 0, 0, 0);
      expect(oracle(data, 10)).toEqual({ code: 'ERR_CORRUPT' });
      let error: PixtextError | undefined;
      try {
        inflate(data, 10);
      } catch (e) {
        error = e as PixtextError;
      }
      expect(error?.code).toBe('ERR_CORRUPT');
      if (zlibBackend === 'portable') expect(error?.message).toContain(why);
    }
  });
});
