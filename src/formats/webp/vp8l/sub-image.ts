// The pixels of a VP8L sub-image: the entropy image, a transform's data or the colour-indexing palette (RFC 9649
// §3.6, §4; libwebp 1.2.4 src/dec/vp8l_dec.c DecodeImageData with no row callback). A sub-image has one group of
// codes (it cannot have meta codes of its own) and is at most a sixteenth of the image, so it is read symbol by
// symbol through the bit reader, plainly. Only the level-0 image goes through the tuned pixel loop in decode.ts; that
// also keeps V8's type feedback for that loop about level-0 images alone: when the small sub-images went through it
// too, V8 compiled it from their feedback and threw the code away on the image itself (measured: the timed decodes
// of the lossless bench image took about 280 ms of entropy decoding instead of 190 until V8 settled).
import type { PixtextError } from '../../../errors.js';
import type { Vp8lBitReader } from './bit-reader.js';
import { CACHE_CODES_START, cacheUpTo, extraBits, lookup, NUM_LITERAL_CODES, planeDistance, prefixValue } from './symbols.js';

/** Longest Huffman code VP8L allows, in bits (RFC 9649 §3.7.2.1). */
const MAX_CODE_BITS = 15;

/** Reads one symbol of the code whose table starts at `at` in `tables`. */
function readSymbol(br: Vp8lBitReader, tables: Int32Array, at: number): number {
  if (br.count < MAX_CODE_BITS) br.fill();
  const e = lookup(tables, at, br.window);
  const bits = e >>> 16;
  br.window >>>= bits;
  br.count -= bits;
  return e & 0xffff;
}

/** Reads a length or distance: its prefix symbol's value with the extra bits that follow it. */
function readPrefixed(br: Vp8lBitReader, symbol: number): number {
  const extra = extraBits(symbol);
  return prefixValue(symbol, extra, br.read(extra));
}

/**
 * Decodes `data.length` pixels of a sub-image `width` pixels wide into `data`, with the five codes of one group
 * starting at `groupStarts[0..4]` in `tables` and a colour cache of `cacheBits` bits (0 for none). Stops early when
 * the data runs out; the caller checks the reader's end.
 * @throws what `fail` returns, for a backward reference that leaves the image or a symbol outside the alphabet
 */
export function decodeSubImageData(
  br: Vp8lBitReader,
  data: Int32Array,
  width: number,
  tables: Int32Array,
  groupStarts: Int32Array,
  cacheBits: number,
  fail: (message: string) => PixtextError,
): void {
  const green = groupStarts[0]!, red = groupStarts[1]!, blue = groupStarts[2]!, alpha = groupStarts[3]!, dist = groupStarts[4]!;
  const cache = cacheBits > 0 ? new Int32Array(1 << cacheBits) : null;
  const cacheShift = 32 - cacheBits;
  const cacheLimit = CACHE_CODES_START + (cache === null ? 0 : 1 << cacheBits);
  const total = data.length;
  let pos = 0;
  let cached = 0;
  while (pos < total) {
    const code = readSymbol(br, tables, green);
    if (code < NUM_LITERAL_CODES) {
      const r = readSymbol(br, tables, red);
      const b = readSymbol(br, tables, blue);
      const a = readSymbol(br, tables, alpha);
      if (br.eos()) return;
      data[pos++] = (a << 24) | (r << 16) | (code << 8) | b;
    } else if (code < CACHE_CODES_START) {
      const length = readPrefixed(br, code - NUM_LITERAL_CODES);
      const distance = planeDistance(readPrefixed(br, readSymbol(br, tables, dist)), width);
      if (br.eos()) return;
      if (pos < distance || total - pos < length) throw fail(`backward reference (distance ${distance}, length ${length}) leaves the image`);
      for (const end = pos + length; pos < end; pos++) data[pos] = data[pos - distance]!;
    } else if (code < cacheLimit) {
      cached = cacheUpTo(data, cached, pos, cache!, cacheShift);
      data[pos++] = cache![code - CACHE_CODES_START]!;
    } else {
      throw fail(`symbol ${code} is outside the alphabet`);
    }
  }
}
