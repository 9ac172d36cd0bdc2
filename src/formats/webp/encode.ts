// The WebP writer: one lossless VP8L image in a simple RIFF file (RFC 9649 §3). What it does, for exactness and a
// small, simple encoder rather than libwebp's compression: the subtract-green transform, then the predictor
// transform with one mode (11, "select") for the whole image, then one Huffman group of five codes over the
// residuals, no backward references and no colour cache. Every pixel survives exactly by construction.
import { PixtextError } from '../../errors.js';
import { type PixelMode, type RawImage, validateRawImage } from '../../raw-image.js';
import { BitWriter } from './vp8l-encode/bit-writer.js';
import { buildCode, type HuffmanCode } from './vp8l-encode/huffman-code.js';

/** Modes written as they are: grey is stored as R = G = B (read back as RGB, LA as RGBA), as Pillow stores it. */
export const WEBP_ENCODABLE_MODES: readonly PixelMode[] = ['L', 'LA', 'RGB', 'RGBA'];

/** VP8L sides are 14-bit (RFC 9649 §3.2). */
const MAX_SIDE = 16384;
/** Predictor tiles of 2^9 pixels: one tile per 512 × 512 block (the largest the format allows). */
const PREDICTOR_BITS = 9;
/** Mode 11 ("select") of the predictor transform (RFC 9649 §4.1). */
const SELECT_MODE = 11;
/** Order of the code-length code lengths in the stream (RFC 9649 §3.7.2.1.2). */
const CODE_LENGTH_ORDER = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/** The image as ARGB words (0xAARRGGBB). */
function toArgb(image: RawImage): Uint32Array {
  const { width, height, mode, data } = image;
  const n = width * height;
  const argb = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let r: number, g: number, b: number, a: number;
    if (mode === 'L') {
      r = g = b = data[i]!;
      a = 255;
    } else if (mode === 'LA') {
      r = g = b = data[2 * i]!;
      a = data[2 * i + 1]!;
    } else if (mode === 'RGB') {
      r = data[3 * i]!; g = data[3 * i + 1]!; b = data[3 * i + 2]!;
      a = 255;
    } else {
      r = data[4 * i]!; g = data[4 * i + 1]!; b = data[4 * i + 2]!; a = data[4 * i + 3]!;
    }
    argb[i] = ((a << 24) | (r << 16) | (g << 8) | b) >>> 0;
  }
  return argb;
}

/** Per-byte difference modulo 256 (the inverse of the decoder's VP8LAddPixels). */
const subPixels = (a: number, b: number): number =>
  ((((a | 0x00ff00ff) - (b & 0xff00ff00)) & 0xff00ff00) | (((a | 0xff00ff00) - (b & 0x00ff00ff)) & 0x00ff00ff)) >>> 0;

const sub3 = (a: number, b: number, c: number): number => Math.abs(b - c) - Math.abs(a - c);

/** The "select" predictor of top T, left L and top-left TL (RFC 9649 §4.1). */
function select(t: number, l: number, tl: number): number {
  const d =
    sub3(t >>> 24, l >>> 24, tl >>> 24) +
    sub3((t >> 16) & 0xff, (l >> 16) & 0xff, (tl >> 16) & 0xff) +
    sub3((t >> 8) & 0xff, (l >> 8) & 0xff, (tl >> 8) & 0xff) +
    sub3(t & 0xff, l & 0xff, tl & 0xff);
  return d <= 0 ? t : l;
}

/** Subtract green, then the predictor residuals (row 0: black then left; column 0: top; else select). */
function forwardTransforms(argb: Uint32Array, width: number, height: number): Uint32Array {
  const g = new Uint32Array(argb.length);
  for (let i = 0; i < argb.length; i++) {
    const p = argb[i]!;
    const green = (p >> 8) & 0xff;
    g[i] = ((p & 0xff00ff00) | ((((p >> 16) - green) & 0xff) << 16) | ((p - green) & 0xff)) >>> 0;
  }
  const out = new Uint32Array(g.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      let pred: number;
      if (y === 0) pred = x === 0 ? 0xff000000 : g[i - 1]!;
      else if (x === 0) pred = g[i - width]!;
      else pred = select(g[i - width]!, g[i - 1]!, g[i - width - 1]!);
      out[i] = subPixels(g[i]!, pred);
    }
  }
  return out;
}

/** Writes one code's lengths (RFC 9649 §3.7.2.1): a simple code for one or two 8-bit symbols, else a normal one. */
export function writeCode(w: BitWriter, code: HuffmanCode): void {
  const { used, lengths } = code;
  if (used.length <= 2 && used.every((s) => s < 256)) {
    w.write(1, 1);
    w.write(used.length - 1, 1);
    const first = used[0]!;
    if (first < 2) {
      w.write(0, 1);
      w.write(first, 1);
    } else {
      w.write(1, 1);
      w.write(first, 8);
    }
    if (used.length === 2) w.write(used[1]!, 8);
    return;
  }
  // Normal code: the lengths as symbols 0-15, with 17 (3-10 zeros) and 18 (11-138 zeros) for runs of zeros.
  const tokens: number[] = [];
  const extras: number[] = [];
  for (let i = 0; i < lengths.length; ) {
    let run = 0;
    while (i + run < lengths.length && lengths[i + run] === 0 && run < 138) run++;
    if (run >= 11) {
      tokens.push(18);
      extras.push(run - 11);
      i += run;
    } else if (run >= 3) {
      tokens.push(17);
      extras.push(run - 3);
      i += run;
    } else {
      tokens.push(lengths[i]!);
      extras.push(0);
      i++;
    }
  }
  const counts = new Int32Array(19);
  for (const t of tokens) counts[t]!++;
  const lengthCode = buildCode(counts, 7);
  let numCodes = 19;
  while (numCodes > 4 && lengthCode.lengths[CODE_LENGTH_ORDER[numCodes - 1]!] === 0) numCodes--;
  w.write(0, 1);
  w.write(numCodes - 4, 4);
  for (let i = 0; i < numCodes; i++) w.write(lengthCode.lengths[CODE_LENGTH_ORDER[i]!]!, 3);
  w.write(0, 1); // max_symbol: all of the alphabet
  tokens.forEach((t, k) => {
    w.write(lengthCode.codes[t]!, lengthCode.bits[t]!);
    if (t === 17) w.write(extras[k]!, 3);
    else if (t === 18) w.write(extras[k]!, 7);
  });
}

/** An entropy-coded image (RFC 9649 §5): no colour cache, one group of five codes, literal pixels only. */
function writeImageData(w: BitWriter, pixels: Uint32Array, level0: boolean): void {
  w.write(0, 1); // no colour cache
  if (level0) w.write(0, 1); // no meta Huffman codes
  const green = new Int32Array(256 + 24);
  const red = new Int32Array(256);
  const blue = new Int32Array(256);
  const alpha = new Int32Array(256);
  for (let i = 0; i < pixels.length; i++) {
    const p = pixels[i]!;
    green[(p >> 8) & 0xff]!++;
    red[(p >> 16) & 0xff]!++;
    blue[p & 0xff]!++;
    alpha[p >>> 24]!++;
  }
  const codes = [green, red, blue, alpha, new Int32Array(40)].map((counts) => buildCode(counts, 15));
  for (const code of codes) writeCode(w, code);
  const [g, r, b, a] = codes as [HuffmanCode, HuffmanCode, HuffmanCode, HuffmanCode];
  for (let i = 0; i < pixels.length; i++) {
    const p = pixels[i]!;
    const gi = (p >> 8) & 0xff, ri = (p >> 16) & 0xff, bi = p & 0xff, ai = p >>> 24;
    w.write(g.codes[gi]!, g.bits[gi]!);
    w.write(r.codes[ri]!, r.bits[ri]!);
    w.write(b.codes[bi]!, b.bits[bi]!);
    w.write(a.codes[ai]!, a.bits[ai]!);
  }
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const le32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];

/**
 * Encodes `image` (`L`, `LA`, `RGB` or `RGBA`) as a lossless WebP (one VP8L chunk), exact by construction: decoded
 * by libwebp (Pillow) or {@link decodeWebp} it gives the same pixels, grey as R = G = B, `RGB` for `L`/`RGB` and
 * `RGBA` for `LA`/`RGBA`.
 * @throws PixtextError `ERR_UNSUPPORTED` for other modes (naming the conversion) or a side over 16384,
 * `ERR_INVALID_IMAGE` for a malformed image
 * @example
 * ```ts
 * const bytes = encodeWebp({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0]) });
 * ```
 */
export function encodeWebp(image: RawImage): Uint8Array {
  validateRawImage(image);
  const { width, height, mode } = image;
  if (!WEBP_ENCODABLE_MODES.includes(mode)) {
    const to = mode === '1' || mode === 'L16' ? 'L' : mode === 'LA16' ? 'LA' : mode === 'RGBA16' || mode === 'BGRA' || mode === 'P' ? 'RGBA' : 'RGB';
    throw new PixtextError('ERR_UNSUPPORTED', `WebP cannot hold mode ${mode} exactly: convert it to ${to} first (mode: '${to}')`);
  }
  if (width > MAX_SIDE || height > MAX_SIDE) {
    throw new PixtextError('ERR_UNSUPPORTED', `WebP sides are at most ${MAX_SIDE} pixels, not ${width}×${height}`);
  }
  const hasAlpha = mode === 'LA' || mode === 'RGBA';
  const w = new BitWriter(width * height * 2 + 64);
  // VP8L header: signature, 14-bit sizes minus one, alpha hint, version 0 (RFC 9649 §3.2).
  w.write(0x2f, 8);
  w.write(width - 1, 14);
  w.write(height - 1, 14);
  w.write(hasAlpha ? 1 : 0, 1);
  w.write(0, 3);
  // Transforms in the order applied: subtract green (type 2), then the predictor (type 0) with its mode image.
  w.write(1, 1);
  w.write(2, 2);
  w.write(1, 1);
  w.write(0, 2);
  w.write(PREDICTOR_BITS - 2, 3);
  const tiles = ((width + (1 << PREDICTOR_BITS) - 1) >> PREDICTOR_BITS) * ((height + (1 << PREDICTOR_BITS) - 1) >> PREDICTOR_BITS);
  writeImageData(w, new Uint32Array(tiles).fill((0xff000000 | (SELECT_MODE << 8)) >>> 0), false);
  w.write(0, 1); // no more transforms
  writeImageData(w, forwardTransforms(toArgb(image), width, height), true);
  const vp8l = w.finish();
  const padded = vp8l.length + (vp8l.length & 1);
  const out = new Uint8Array(20 + padded);
  out.set([...ascii('RIFF'), ...le32(12 + padded), ...ascii('WEBPVP8L'), ...le32(vp8l.length)]);
  out.set(vp8l, 20);
  return out;
}
