// The zlib backend of this project: node:zlib in the node project, the portable one (our inflate, fflate's deflate)
// in the portable project. node:zlib called directly is the independent oracle in both.
import fc from 'fast-check';
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { deflate, inflate, zlibBackend } from '../../src/zlib/zlib.js';
import { expectBytes, pixtextError } from '../formats/png-helpers.js';
import { zlibZeroBomb } from './bomb.js';

const expectedBackend = process.env.PIXTEXT_PROJECT === 'portable' ? 'portable' : 'node:zlib';

/** Deterministic bytes that compress somewhat: a ramp with pseudo-random noise. */
function sample(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = (i >> 4) + ((s >>> 24) & 7);
  }
  return out;
}

const oracleDeflate = (bytes: Uint8Array, level = 6) => new Uint8Array(deflateSync(bytes, { level }));

describe(`zlib (${expectedBackend})`, () => {
  it('uses the backend of its build', () => {
    expect(zlibBackend).toBe(expectedBackend);
  });

  it('inflates what node:zlib deflates, at every level and size', () => {
    for (const length of [1, 2, 100, 65_535, 65_536, 300_001]) {
      const data = sample(length, length);
      for (const level of [0, 1, 6, 9]) {
        const out = inflate(oracleDeflate(data, level), length);
        expectBytes(out, data);
        expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
      }
    }
  });

  it('deflates to streams node:zlib inflates (Adler-32 included), at every level', () => {
    const data = sample(200_000);
    const sizes: number[] = [];
    for (let level = 0; level <= 9; level++) {
      const z = deflate(data, level);
      expectBytes(new Uint8Array(inflateSync(z)), data);
      sizes.push(z.length);
    }
    // Level 0 stores (bigger than the input), every other level compresses, 9 at least as well as 1.
    expect(sizes[0]).toBeGreaterThan(data.length);
    for (let level = 1; level <= 9; level++) expect(sizes[level]).toBeLessThan(data.length);
    expect(sizes[9]).toBeLessThanOrEqual(sizes[1]!);
    expectBytes(deflate(data), deflate(data, 6));
  });

  it('round-trips random data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 0, max: 9 }), fc.nat(3), (bytes, level, repeat) => {
        const data = new Uint8Array(bytes.length * (repeat + 1));
        for (let r = 0; r <= repeat; r++) data.set(bytes, r * bytes.length);
        expectBytes(inflate(deflate(data, level), data.length), data);
        expectBytes(inflate(oracleDeflate(data, level), data.length), data);
      }),
      { numRuns: 150 },
    );
  });

  it('stops at the expected length and ignores what follows the stream', () => {
    const data = sample(10_000);
    expectBytes(inflate(oracleDeflate(data), 6_000), data.subarray(0, 6_000));
    const padded = new Uint8Array([...oracleDeflate(data), 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expectBytes(inflate(padded, data.length), data);
    expect(inflate(oracleDeflate(data), 0)).toHaveLength(0);
  });

  it('accepts a stream holding all the expected bytes but not its final block (libpng stops reading there too)', () => {
    const data = sample(70_000);
    // Sync-flushed and never finished: every byte is out, but there is no final block and no Adler-32.
    const unfinished = new Uint8Array(deflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH }));
    expect([...unfinished.subarray(-4)]).toEqual([0, 0, 0xff, 0xff]);
    expectBytes(inflate(unfinished, data.length), data);
    expect(pixtextError(() => inflate(unfinished, data.length + 1)).code).toBe(ErrorCode.TRUNCATED);
  });

  it('checks the Adler-32 trailer when the stream ends with one, as zlib does', () => {
    const data = sample(5_000);
    const z = oracleDeflate(data);
    for (const at of [1, 2, 3, 4]) {
      const bad = z.slice();
      bad[bad.length - at]! ^= 0x10;
      const error = pixtextError(() => inflate(bad, data.length));
      expect(error.code).toBe(ErrorCode.CORRUPT);
      expect(error.message).toContain('Adler-32');
    }
    // The checksum covers what the stream holds, also when that is less than asked for: zlib refuses first.
    const bad = z.slice();
    bad[bad.length - 1]! ^= 0x10;
    expect(pixtextError(() => inflate(bad, data.length + 1)).code).toBe(ErrorCode.CORRUPT);
  });

  it('accepts a stream whose trailer is missing or cut, or followed by other bytes (zlib with Z_SYNC_FLUSH too)', () => {
    const data = sample(5_000);
    const z = oracleDeflate(data);
    for (const cut of [1, 2, 3, 4]) expectBytes(inflate(z.subarray(0, z.length - cut), data.length), data);
    expectBytes(inflate(Uint8Array.of(...z, 0xde, 0xad, 0xbe, 0xef, 0), data.length), data);
  });

  it('cuts a bomb off at the expected length, with bounded memory and time', () => {
    const bomb = zlibZeroBomb(1 << 20); // 1.7 MB that inflates to 270 MB
    const before = process.memoryUsage().rss;
    const start = performance.now();
    const out = inflate(bomb, 4096);
    const ms = performance.now() - start;
    const grown = process.memoryUsage().rss - before;
    expectBytes(out, new Uint8Array(4096));
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    // A big expected size still stops where asked.
    const large = inflate(bomb, 20_000_001);
    expect(large.length).toBe(20_000_001);
    expect(large.every((v) => v === 0)).toBe(true);
  });

  it('reports a stream that ends early as ERR_TRUNCATED', () => {
    const data = sample(50_000);
    const z = oracleDeflate(data);
    expect(pixtextError(() => inflate(z.subarray(0, z.length >> 1), data.length)).code).toBe(ErrorCode.TRUNCATED);
    expect(pixtextError(() => inflate(z, data.length + 1)).code).toBe(ErrorCode.TRUNCATED);
    expect(pixtextError(() => inflate(z.subarray(0, 2), 10)).code).toBe(ErrorCode.TRUNCATED);
    expect(pixtextError(() => inflate(z.subarray(0, 1), 10)).code).toBe(ErrorCode.TRUNCATED);
  });

  it('refuses, before allocating, an expected length the stream is too short to reach', () => {
    // Deflate expands at most 1032-fold: 50,000 bytes cannot become 2^32 − 1.
    const z = oracleDeflate(sample(50_000));
    const start = performance.now();
    expect(pixtextError(() => inflate(z, 0xffff_ffff)).code).toBe(ErrorCode.TRUNCATED);
    expect(performance.now() - start).toBeLessThan(50);
  });

  it('reports malformed data as ERR_CORRUPT', () => {
    // Block type 3 is reserved.
    expect(pixtextError(() => inflate(Uint8Array.of(0x78, 0x9c, 0x07, 0, 0, 0, 0), 10)).code).toBe(ErrorCode.CORRUPT);
    // Flipped bytes: either still a stream (then of the asked length) or an error with one of the two codes.
    const data = sample(1000);
    const z = oracleDeflate(data);
    let refused = 0;
    for (let i = 2; i < 40; i++) {
      const bad = z.slice();
      bad[i] = bad[i]! ^ 0x5a;
      let out: Uint8Array | undefined;
      const error = pixtextError(() => {
        out = inflate(bad, data.length);
        throw new PixtextError(ErrorCode.CORRUPT, 'no error');
      });
      if (error.message === 'no error') {
        expect(out!.length).toBe(data.length);
      } else {
        expect([ErrorCode.CORRUPT, ErrorCode.TRUNCATED]).toContain(error.code);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('checks the zlib header', () => {
    const z = oracleDeflate(sample(100));
    const wrongMethod = z.slice();
    wrongMethod[0] = 0x79;
    expect(pixtextError(() => inflate(wrongMethod, 100)).offset).toBe(0);
    const badCheck = z.slice();
    badCheck[1]! ^= 1;
    expect(pixtextError(() => inflate(badCheck, 100)).code).toBe(ErrorCode.CORRUPT);
    // FDICT set (0x78 0xbb passes the check bits): PNG streams never use a preset dictionary.
    expect(pixtextError(() => inflate(Uint8Array.of(0x78, 0xbb, 0, 0, 0, 0, 3, 0), 1)).code).toBe(ErrorCode.CORRUPT);
  });

  it('rejects a level outside 0–9', () => {
    for (const level of [-1, 10, 1.5, Number.NaN, '6']) {
      expect(pixtextError(() => deflate(new Uint8Array(1), level as number)).code).toBe(ErrorCode.INVALID_ARGUMENT);
    }
  });
});
