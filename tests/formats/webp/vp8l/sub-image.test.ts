// Sub-images (the entropy image here) read by their own plain reader (src/formats/webp/vp8l/sub-image.ts): literals,
// a backward reference and a colour cache hit, which libwebp's encoder never puts in a sub-image (it writes them
// without a cache), so no outside file has one. The bitstreams are built here, field by field (RFC 9649 §3.6–§3.7),
// with the encoder's code writer; the expected pixels follow from the spec by hand.
import { describe, expect, it } from 'vitest';
import { writeCode } from '../../../../src/formats/webp/encode.js';
import { BitWriter } from '../../../../src/formats/webp/vp8l-encode/bit-writer.js';
import { buildCode } from '../../../../src/formats/webp/vp8l-encode/huffman-code.js';
import { decodeVp8l } from '../../../../src/formats/webp/vp8l/decode.js';
import { expectPixtextError } from '../../../support/errors.js';

const CACHE_BITS = 3;
/** Green alphabet with a 3-bit cache: 256 literals, 24 length prefixes, 8 cache keys. */
const GREEN_SIZE = 256 + 24 + (1 << CACHE_BITS);
/** The two groups' colours, opaque (0xAARRGGBB). */
const COLOURS = [0xff102030, 0xff405060];
/** Entropy-image pixels pick group (red << 8 | green): groups 0 and 1, alpha 255 so they are opaque words. */
const GROUP = [0xff000000, 0xff000100];
const cacheKey = (argb: number): number => Math.imul(argb, 0x1e35a7bd) >>> (32 - CACHE_BITS);

/** A code over `size` symbols using exactly `symbols`, equally often. */
const codeOf = (size: number, symbols: number[]) => buildCode(Uint32Array.from({ length: size }, (_, s) => (symbols.includes(s) ? 1 : 0)), 15);

/**
 * A 16×1 VP8L image whose four 4-pixel tiles take their group from a 4×1 entropy image coded with a colour cache:
 * literal group 0, literal group 1, then `third` (a cache hit on group 0), then `fourth` (a backward reference of
 * length 1 at `distance`). Each group paints its tile one colour with zero-bit codes.
 */
function tiledStream(distance: number): Uint8Array {
  const w = new BitWriter();
  w.write(0x2f, 8);
  w.write(16 - 1, 14);
  w.write(1 - 1, 14);
  w.write(0, 1); // alpha_is_used
  w.write(0, 3); // version
  w.write(0, 1); // no transform
  w.write(0, 1); // level 0: no colour cache
  w.write(1, 1); // meta codes: an entropy image
  w.write(2 - 2, 3); // of 4-pixel tiles: 4 × 1

  // The entropy image: a colour cache, one group of five codes (a sub-image has no meta codes).
  w.write(1, 1);
  w.write(CACHE_BITS, 4);
  const hit = 256 + 24 + cacheKey(GROUP[0]!);
  expect(cacheKey(GROUP[1]!)).not.toBe(cacheKey(GROUP[0]!));
  // Distance value `distance` + 120 is a plain distance (codes 1-120 are the 2-D neighbourhood): its prefix
  // symbol and extra bits (RFC 9649 §3.6.2.1: value - 1 = (2 + second-highest bit) << extra | low bits).
  const v = distance + 120 - 1;
  const high = 31 - Math.clz32(v);
  const extra = high - 1;
  const distSymbol = 2 * high + ((v >> extra) & 1);
  const green = codeOf(GREEN_SIZE, [0, 1, 256, hit]);
  const red = codeOf(256, [0]);
  const blue = codeOf(256, [0]);
  const alpha = codeOf(256, [255]);
  const dist = codeOf(40, [distSymbol]);
  for (const code of [green, red, blue, alpha, dist]) writeCode(w, code);
  const put = (code: ReturnType<typeof codeOf>, symbol: number) => w.write(code.codes[symbol]!, code.bits[symbol]!);
  for (const g of [0, 1]) {
    put(green, g);
    put(red, 0);
    put(blue, 0);
    put(alpha, 255);
  }
  put(green, hit);
  put(green, 256); // length prefix 0: length 1
  put(dist, distSymbol);
  w.write(v & ((1 << extra) - 1), extra);

  // Two groups of one-symbol codes, then 16 pixels that take no bits.
  for (const colour of COLOURS) {
    writeCode(w, codeOf(256 + 24, [(colour >>> 8) & 0xff]));
    for (const symbol of [(colour >>> 16) & 0xff, colour & 0xff, colour >>> 24]) writeCode(w, codeOf(256, [symbol]));
    writeCode(w, codeOf(40, [0]));
  }
  return w.finish();
}

describe('VP8L sub-images', () => {
  it('reads literals, a colour cache hit and a backward reference in an entropy image', () => {
    const { argb } = decodeVp8l(tiledStream(2), 16, 1, 0);
    const tiles = [0, 1, 0, 1].flatMap((g) => Array(4).fill(COLOURS[g]! | 0));
    expect(Array.from(argb)).toEqual(tiles);
  });

  it('refuses a backward reference that reaches before the sub-image (ERR_CORRUPT)', () => {
    const error = expectPixtextError(() => decodeVp8l(tiledStream(4), 16, 1, 0), 'ERR_CORRUPT');
    expect(error.message).toMatch(/backward reference \(distance 4, length 1\) leaves the image/);
  });

  it('says ERR_TRUNCATED wherever the data is cut after the header', () => {
    const bytes = tiledStream(2);
    for (let cut = 5; cut < bytes.length; cut++) expectPixtextError(() => decodeVp8l(bytes.subarray(0, cut), 16, 1, 0), 'ERR_TRUNCATED');
  });
});
