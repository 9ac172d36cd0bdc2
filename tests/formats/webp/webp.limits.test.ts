// Sizes checked before allocating, headers without decoding, views honoured, and hand-built hostile files refused
// with the right code.
import { describe, expect, it } from 'vitest';
import { decodeWebp, readWebpHeader } from '../../../src/formats/webp/decode.js';
import { encodeWebp } from '../../../src/formats/webp/encode.js';
import { hasWebpSignature } from '../../../src/formats/webp/riff.js';
import { DEFAULT_MAX_PIXELS } from '../../../src/raw-image.js';
import { concat } from '../../support/bytes.js';
import { expectPixtextError } from '../../support/errors.js';
import { readWebpFixture } from './webp-helpers.js';

const options = { maxPixels: DEFAULT_MAX_PIXELS };
const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const le24 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff];
const tag = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** A RIFF/WEBP file of the given chunks (each [fourcc, payload]), sizes and padding written out here. */
function riff(chunks: Array<[string, number[] | Uint8Array]>): Uint8Array {
  const body = chunks.flatMap(([t, p]) => [...tag(t), ...le32(p.length), ...p, ...(p.length & 1 ? [0] : [])]);
  return Uint8Array.from([...tag('RIFF'), ...le32(4 + body.length), ...tag('WEBP'), ...body]);
}

/** A VP8X payload: flags, then canvas width - 1 and height - 1 as 24-bit fields. */
const vp8x = (flags: number, width: number, height: number): number[] => [flags, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)];

describe('WebP limits and hostile files', () => {
  it('checks the canvas against maxPixels before decoding (ERR_TOO_LARGE)', () => {
    const bytes = readWebpFixture('synthetic/lossy_200x150_q50.webp');
    expectPixtextError(() => decodeWebp(bytes, { maxPixels: 200 * 150 - 1 }), 'ERR_TOO_LARGE');
    expect(decodeWebp(bytes, { maxPixels: 200 * 150 }).width).toBe(200);
  });

  it('refuses a huge VP8X canvas by maxPixels before reading any pixel data', () => {
    // A 16384 × 16384 canvas with a 1×1 lossless frame in an ANMF chunk: valid structure, tiny file.
    const frame = encodeWebp({ width: 1, height: 1, mode: 'RGBA', data: new Uint8Array(4) }).subarray(12);
    const anmf = [...le24(0), ...le24(0), ...le24(0), ...le24(0), ...le24(100), 0, ...frame];
    const bytes = riff([['VP8X', vp8x(0x12, 16384, 16384)], ['ANIM', [0, 0, 0, 0, 0, 0]], ['ANMF', anmf]]);
    expect(readWebpHeader(bytes)).toEqual({ width: 16384, height: 16384, mode: 'RGBA', frames: 1, animated: true });
    expectPixtextError(() => decodeWebp(bytes, { maxPixels: 1e6 }), 'ERR_TOO_LARGE');
    // Within the limit, the first frame sits at the top left of a transparent canvas.
    const small = riff([['VP8X', vp8x(0x12, 3, 2)], ['ANIM', [0, 0, 0, 0, 0, 0]], ['ANMF', anmf]]);
    const image = decodeWebp(small, options);
    expect(image.mode).toBe('RGBA');
    expect(Array.from(image.data)).toEqual(new Array(24).fill(0));
  });

  it('reads the header without decoding and honours views into a larger buffer', () => {
    const file = readWebpFixture('synthetic/lossless_alpha_17x9.webp');
    const padded = concat(new Uint8Array([1, 2, 3]), file, new Uint8Array([9, 9]));
    const view = padded.subarray(3, 3 + file.length);
    expect(hasWebpSignature(view)).toBe(true);
    expect(readWebpHeader(view)).toEqual({ width: 17, height: 9, mode: 'RGBA', frames: 1, animated: false });
    expect(decodeWebp(view, options).data).toEqual(decodeWebp(file, options).data);
  });

  it('refuses broken structure with ERR_CORRUPT and cut files with ERR_TRUNCATED', () => {
    const good = readWebpFixture('synthetic/lossy_17x9_q75.webp');
    expectPixtextError(() => decodeWebp(good.subarray(0, good.length - 1), options), 'ERR_TRUNCATED');
    expectPixtextError(() => decodeWebp(good.subarray(0, 15), options), 'ERR_TRUNCATED');
    const renamed = good.slice();
    renamed.set(tag('JUNK'), 12);
    expectPixtextError(() => decodeWebp(renamed, options), 'ERR_CORRUPT');
    const notWebp = good.slice();
    notWebp.set(tag('WAVE'), 8);
    expectPixtextError(() => decodeWebp(notWebp, options), 'ERR_CORRUPT');
    // A still VP8X file whose canvas differs from its bitstream's size.
    const vp8l = encodeWebp({ width: 2, height: 2, mode: 'RGB', data: new Uint8Array(12) }).subarray(20);
    expectPixtextError(() => decodeWebp(riff([['VP8X', vp8x(0, 3, 2)], ['VP8L', vp8l]]), options), 'ERR_CORRUPT');
    expect(decodeWebp(riff([['VP8X', vp8x(0, 2, 2)], ['VP8L', vp8l]]), options).mode).toBe('RGB');
    // Reserved VP8X flag bits.
    expectPixtextError(() => decodeWebp(riff([['VP8X', vp8x(0x01, 2, 2)], ['VP8L', vp8l]]), options), 'ERR_CORRUPT');
    // An ALPH chunk with an unknown compression method.
    const lossy = readWebpFixture('synthetic/lossy_7x5_q75.webp').subarray(20);
    const alph = riff([['VP8X', vp8x(0x10, 7, 5)], ['ALPH', [3, ...new Array(35).fill(0)]], ['VP8 ', lossy.subarray(0, lossy.length)]]);
    expectPixtextError(() => decodeWebp(alph, options), 'ERR_CORRUPT');
  });

  it('reads raw ALPH alpha with no filter into the fourth channel', () => {
    const lossy = readWebpFixture('synthetic/lossy_7x5_q75.webp');
    const vp8 = lossy.subarray(20, 20 + (lossy[16]! | (lossy[17]! << 8)));
    const alpha = Array.from({ length: 35 }, (_, i) => i * 7);
    const bytes = riff([['VP8X', vp8x(0x10, 7, 5)], ['ALPH', [0, ...alpha]], ['VP8 ', vp8]]);
    const image = decodeWebp(bytes, options);
    expect(image.mode).toBe('RGBA');
    expect(Array.from({ length: 35 }, (_, i) => image.data[4 * i + 3])).toEqual(alpha);
    // Horizontal filter: each row's deltas from the left (the first pixel from the pixel above).
    const deltas = [0, ...alpha.map((a, i) => (i % 7 === 0 ? (i === 0 ? a : a - alpha[i - 7]!) : a - alpha[i - 1]!) & 0xff)];
    deltas[0] = 1 << 2;
    const filtered = decodeWebp(riff([['VP8X', vp8x(0x10, 7, 5)], ['ALPH', deltas], ['VP8 ', vp8]]), options);
    expect(Array.from({ length: 35 }, (_, i) => filtered.data[4 * i + 3])).toEqual(alpha);
  });
});

/** Bits written LSB first, as VP8L reads them. */
function bitWriter() {
  const bytes: number[] = [];
  let at = 0;
  return {
    put(value: number, bits: number): void {
      for (let i = 0; i < bits; i++, at++) {
        if ((at & 7) === 0) bytes.push(0);
        bytes[bytes.length - 1]! |= ((value >>> i) & 1) << (at & 7);
      }
    },
    bytes: () => Uint8Array.from(bytes),
  };
}

/**
 * A VP8L bitstream with no transform, no cache, one group, and five simple codes of one symbol each (0 bits a
 * symbol): every pixel is (red, green, blue) and the pixel data takes no bit at all.
 */
function flatVp8l(width: number, height: number, [red, green, blue]: [number, number, number]): Uint8Array {
  const w = bitWriter();
  w.put(0x2f, 8);
  w.put(width - 1, 14);
  w.put(height - 1, 14);
  w.put(0, 1); // alpha unused
  w.put(0, 3); // version
  w.put(0, 1); // no transform
  w.put(0, 1); // no colour cache
  w.put(0, 1); // no meta codes
  for (const symbol of [green, red, blue, 255]) {
    w.put(1, 1); // simple code
    w.put(0, 1); // one symbol
    w.put(1, 1); // of 8 bits
    w.put(symbol, 8);
  }
  w.put(0b0001, 4); // distance: simple code (1), one symbol (0), of 1 bit (0): symbol 0
  return w.bytes();
}

describe('WebP lossless: pixels that cost no bit', () => {
  it('decodes a flat image of single-symbol codes exactly (3×2)', () => {
    const image = decodeWebp(riff([['VP8L', flatVp8l(3, 2, [0x40, 0x80, 0x20])]]), options);
    expect(image).toEqual({ width: 3, height: 2, mode: 'RGB', data: Uint8Array.from({ length: 18 }, (_, i) => [0x40, 0x80, 0x20][i % 3]!) });
  });

  it('fills 32 million such pixels from a 12-byte bitstream at once, not one symbol read at a time', () => {
    // 8192 × 4096 RGB is 96 MiB, past what maxExpansion allows a file this small, so the limit is lifted. Read one
    // symbol at a time (four table look-ups a pixel) such a file took 2–3 s here; filled, the time is the RGB
    // conversion's, a tenth of that. The bound is the fuzz harness's own: an input running over 1 s is a hang.
    const file = riff([['VP8L', flatVp8l(8192, 4096, [1, 2, 3])]]);
    const start = performance.now();
    const image = decodeWebp(file, { ...options, maxExpansion: Infinity });
    const ms = performance.now() - start;
    expect([image.width, image.height, image.data.length, image.data[0], image.data[1], image.data[image.data.length - 1]]).toEqual([8192, 4096, 100_663_296, 1, 2, 3]);
    expect(ms).toBeLessThan(1000);
  });
});
