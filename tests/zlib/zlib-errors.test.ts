// One rule maps a zlib failure to an error code in both builds (src/zlib/zlib-errors.ts). The sweep damages the IDAT
// stream of a CRC-valid PNG at every byte position, and cuts it at every length, and checks that `decode` gives what
// node:zlib, called directly and classified here, says of the damaged stream: the same code when it refuses, and
// the pixels of a clean file of the same inflated bytes when it accepts. Both vitest projects hold to this one
// oracle, so the Node build (node:zlib) and the portable build (our inflater) refuse every stream with the same code.
// About 45,000 files, 4 s: on the slow list (vitest.fast.config.ts); tests/zlib/agreement.test.ts is the quick check.
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/index.js';
import { ZLIB_FAILURE_CODES } from '../../src/zlib/zlib-errors.js';
import { zlibBackend } from '../../src/zlib/zlib.js';
import { codeOf } from '../support/errors.js';
import { chunk, ihdr, png } from '../formats/png-helpers.js';

const WIDTH = 32;
const HEIGHT = 32;
/** Filtered image data of a 32×32 RGB image: a filter byte (0–4, so every unfilter runs) then noise and ramps. */
function imageData(): Uint8Array {
  const stride = 1 + WIDTH * 3;
  const raw = new Uint8Array(HEIGHT * stride);
  let s = 5;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    raw[i] = i % stride === 0 ? (i / stride) % 5 : i % 7 < 3 ? s >>> 24 : (i * 13) & 0xff;
  }
  return raw;
}

const rgbPng = (idat: Uint8Array) => png(chunk('IHDR', ihdr(WIDTH, HEIGHT, 8, 2)), chunk('IDAT', idat), chunk('IEND'));

type Outcome = { code: string } | { accepted: string };

/** What node:zlib makes of `stream` as the Node build runs it (Z_SYNC_FLUSH, room for one byte past `expected`). */
function zlibSays(stream: Uint8Array, expected: number): { code: string } | { bytes: Uint8Array } | { longer: true } {
  try {
    const out = inflateSync(stream, { finishFlush: constants.Z_SYNC_FLUSH, chunkSize: expected + 1, maxOutputLength: expected });
    return out.length < expected ? { code: 'ERR_TRUNCATED' } : { bytes: new Uint8Array(out) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return { longer: true };
    return { code: code === 'Z_BUF_ERROR' ? 'ERR_TRUNCATED' : 'ERR_CORRUPT' };
  }
}

function outcome(fn: () => { data: Uint8Array }): Outcome {
  let data: Uint8Array | undefined;
  const code = codeOf(() => {
    data = fn().data;
  });
  return data === undefined ? { code } : { accepted: Buffer.from(data).toString('base64') };
}

/**
 * The first `length` bytes zlib inflates from a stream that goes on past them (where damage further on may make
 * zlib refuse the whole): the output of the longest prefix of the stream that zlib inflates without an error, found
 * by bisection (a cut stream gives what it holds under Z_SYNC_FLUSH).
 */
function zlibPrefix(stream: Uint8Array, length: number): Uint8Array {
  const upTo = (n: number): Buffer | undefined => {
    try {
      return inflateSync(stream.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return undefined;
    }
  };
  let lo = 2;
  let hi = stream.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (upTo(mid) === undefined) hi = mid - 1;
    else lo = mid;
  }
  const out = upTo(lo)!;
  expect(out.length).toBeGreaterThan(length);
  return new Uint8Array(out.subarray(0, length));
}

/** What `decode` must give for a PNG whose IDAT is `stream`, by the oracle. */
function expected(stream: Uint8Array, length: number): Outcome {
  const said = zlibSays(stream, length);
  if ('code' in said) return said;
  // A stream that goes on past the image data is cut at its length, as libpng does: only those bytes count.
  const bytes = 'longer' in said ? zlibPrefix(stream, length) : said.bytes;
  // The same inflated bytes in an intact stream: what the PNG layer (unfiltering) makes of them.
  return outcome(() => decode(rgbPng(new Uint8Array(deflateSync(bytes)))));
}

describe(`zlib failures refuse with one code in both builds (${zlibBackend})`, () => {
  it('maps each failure to its code', () => {
    expect(ZLIB_FAILURE_CODES).toEqual({ cut: 'ERR_TRUNCATED', short: 'ERR_TRUNCATED', malformed: 'ERR_CORRUPT', checksum: 'ERR_CORRUPT' });
  });

  it('a CRC-valid PNG with its IDAT damaged at every byte, or cut at every length, decodes as zlib judges the stream', () => {
    const raw = imageData();
    expect(outcome(() => decode(rgbPng(new Uint8Array(deflateSync(raw)))))).toHaveProperty('accepted');
    const tally: Record<string, number> = {};
    const check = (stream: Uint8Array, what: string) => {
      const want = expected(stream, raw.length);
      const got = outcome(() => decode(rgbPng(stream)));
      const key = 'code' in want ? want.code : 'accepted';
      tally[key] = (tally[key] ?? 0) + 1;
      const same = 'code' in want ? 'code' in got && got.code === want.code : 'accepted' in got && got.accepted === want.accepted;
      if (!same) {
        const said = 'code' in want ? want.code : 'these pixels';
        expect.fail(`${what}: zlib says ${said}, decode gave ${'code' in got ? got.code : 'other pixels'}`);
      }
    };
    for (const level of [1, 9, 0]) {
      const z = new Uint8Array(deflateSync(raw, { level }));
      for (let i = 0; i < z.length; i++) {
        for (const mask of [0x01, 0x24, 0x80, 0xff]) {
          const bad = z.slice();
          bad[i]! ^= mask;
          check(bad, `level ${level}, byte ${i} ^ 0x${mask.toString(16)}`);
        }
      }
      // From 1 byte: an empty IDAT is the PNG layer's concern (no image data), not zlib's.
      for (let n = 1; n < z.length; n++) check(z.subarray(0, n), `level ${level}, cut to ${n} bytes`);
    }
    // What node:zlib's verdicts add up to for these streams: the same totals in both projects.
    expect(tally).toEqual({ ERR_CORRUPT: 36012, ERR_TRUNCATED: 9015, accepted: 75 });
  });
});
