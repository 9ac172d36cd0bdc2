// Turning unfiltered PNG rows into RawImage pixels: unpacking 1/2/4-bit samples, scaling grey to 8 bits as libpng
// does, 16-bit big-endian to little-endian, and the alpha channel a colour key implies.
// Spec: https://www.w3.org/TR/png-3/#7Scanline (sample packing), https://www.w3.org/TR/png-3/#11tRNS (colour key)
import { PngColorType } from './header.js';
import type { PngIhdr } from './header.js';

/**
 * Writes `n` pixels of one unfiltered row starting at `src[s]` to `dst`, the first at `d` and each next one `step`
 * bytes further (the pixel size, or a multiple of it when scattering an Adam7 pass).
 */
export type RowWriter = (src: Uint8Array, s: number, n: number, dst: Uint8Array, d: number, step: number) => void;

/**
 * The writer for an image of this IHDR and colour key (undefined when none applies). Grey 1-bit without a key
 * (mode `1`, bit-packed) has no writer: see {@link scatterBits}.
 */
export function rowWriter(ihdr: PngIhdr, key: number[] | undefined): RowWriter {
  const { bitDepth, colorType, channels } = ihdr;
  // 255 / (2^depth − 1) is exact for 1, 2 and 4 bits: v*255, v*85, v*17, libpng's scaling of grey.
  if (bitDepth < 8) return unpack(bitDepth, colorType === PngColorType.PALETTE ? 1 : 255 / ((1 << bitDepth) - 1), key?.[0] ?? -1);
  const sampleBytes = bitDepth >> 3;
  return key !== undefined ? keyAlpha(key, sampleBytes) : copySamples(channels * sampleBytes, sampleBytes - 1);
}

/** 1/2/4-bit samples, each scaled by `scale`; with a `key` (not -1), an alpha byte after each: 0 where it matches. */
function unpack(depth: number, scale: number, key: number): RowWriter {
  const mask = (1 << depth) - 1;
  return (src, s, n, dst, d, step) => {
    for (let i = 0, bit = 0; i < n; i++, bit += depth, d += step) {
      const v = (src[s + (bit >> 3)]! >> (8 - depth - (bit & 7))) & mask;
      dst[d] = v * scale;
      if (key >= 0) dst[d + 1] = v === key ? 0 : 255;
    }
  };
}

/** Whole pixels of `bytes` bytes; `swap` 1 swaps the bytes of each 16-bit sample (PNG is big-endian), 0 copies. */
function copySamples(bytes: number, swap: number): RowWriter {
  return (src, s, n, dst, d, step) => {
    if (step === bytes && swap === 0) {
      dst.set(src.subarray(s, s + n * bytes), d);
      return;
    }
    for (let i = 0; i < n; i++, s += bytes, d += step) {
      for (let k = 0; k < bytes; k++) dst[d + k] = src[s + (k ^ swap)]!;
    }
  };
}

/**
 * Grey or RGB samples of 1 or 2 bytes with a colour key: the samples (16-bit ones swapped to little-endian), then an
 * alpha sample of the same size, 0 when every sample equals the key's, else the maximum.
 */
function keyAlpha(key: number[], sampleBytes: number): RowWriter {
  const inBytes = key.length * sampleBytes;
  const swap = sampleBytes - 1;
  return (src, s, n, dst, d, step) => {
    for (let i = 0; i < n; i++, s += inBytes, d += step) {
      let match = true;
      for (let k = 0, b = s; k < key.length; k++, b += sampleBytes) {
        if ((swap ? (src[b]! << 8) | src[b + 1]! : src[b]!) !== key[k]) match = false;
      }
      for (let k = 0; k < inBytes; k++) dst[d + k] = src[s + (k ^ swap)]!;
      dst[d + inBytes] = dst[d + inBytes + swap] = match ? 0 : 255;
    }
  };
}

/**
 * Mode `1` and Adam7: sets the bits of `n` 1-bit pixels of a pass row into the output row at `rowStart`, pixel i
 * going to column `x0 + i * dx`. The output row must start zeroed.
 */
export function scatterBits(src: Uint8Array, s: number, n: number, dst: Uint8Array, rowStart: number, x0: number, dx: number): void {
  for (let i = 0, x = x0; i < n; i++, x += dx) {
    if ((src[s + (i >> 3)]! >> (7 - (i & 7))) & 1) {
      const at = rowStart + (x >> 3);
      dst[at] = dst[at]! | (0x80 >> (x & 7));
    }
  }
}

/** Clears the padding bits after the last pixel of each row of a mode `1` image, so equal images have equal bytes. */
export function clearPaddingBits(data: Uint8Array, width: number, height: number): void {
  const tail = width & 7;
  if (tail === 0) return;
  const stride = (width + 7) >> 3;
  const keep = (0xff00 >> tail) & 0xff;
  for (let y = 0, i = stride - 1; y < height; y++, i += stride) data[i] = data[i]! & keep;
}

/** Swaps the bytes of every 16-bit sample in place (PNG big-endian ↔ RawImage little-endian). */
export function swap16InPlace(data: Uint8Array, length: number): void {
  for (let i = 0; i + 1 < length; i += 2) {
    const hi = data[i]!;
    data[i] = data[i + 1]!;
    data[i + 1] = hi;
  }
}
