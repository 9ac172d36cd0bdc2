// BMP-aware mutations: header fields at their edges (sizes, negative and 2^31 heights, bit counts, compression,
// offsets, colour counts, masks), the pixel data alone, hand-built RLE streams with runs past the row end and deltas
// past the image, and fresh headers of every layout with random content.
// Spec: https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv5header,
// https://learn.microsoft.com/en-us/windows/win32/gdi/bitmap-compression
import { concat, mutateBytes, putUint, randomBytes, someU16, someU32 } from './byte-mutators.js';
import type { Rng } from './rng.js';

/** Little-endian header fields of BITMAPFILEHEADER + BITMAPINFOHEADER (V3 and later): offset and size. */
const FIELDS: ReadonlyArray<readonly [number, 2 | 4]> = [
  [2, 4], // bfSize
  [10, 4], // bfOffBits
  [14, 4], // biSize
  [18, 4], // biWidth
  [22, 4], // biHeight
  [26, 2], // biPlanes
  [28, 2], // biBitCount
  [30, 4], // biCompression
  [34, 4], // biSizeImage
  [46, 4], // biClrUsed
  [54, 4], // red mask
  [58, 4], // green mask
  [62, 4], // blue mask
  [66, 4], // alpha mask
];

const HEADER_SIZES = [12, 16, 40, 52, 56, 64, 108, 124];
const HEIGHTS = [0, 1, -1, 2, -2, 64, -64, 0x7fff_ffff, -0x7fff_ffff, -0x8000_0000, 65536, -65536, 16384, -16384];

/** A random mask: contiguous, split, overlapping another, or an edge value. */
function someMask(rng: Rng): number {
  const choice = rng.below(4);
  if (choice === 0) {
    const width = rng.int(1, 16);
    return ((2 ** width - 1) * 2 ** rng.int(0, 32 - width)) >>> 0;
  }
  if (choice === 1) return someU32(rng);
  if (choice === 2) return rng.pick([0x7c00, 0x03e0, 0x001f, 0xf800, 0x07e0, 0x00ff_0000, 0x0000_ff00, 0xff, 0xff00_0000]);
  return rng.u32();
}

/** A BMP from parts (only little-endian fields; not the code under test). */
function buildBmp(options: {
  headerSize: number;
  width: number;
  height: number;
  bpp: number;
  compression: number;
  colors: number;
  masks: number[];
  palette: Uint8Array;
  data: Uint8Array;
}): Uint8Array {
  const { headerSize, width, height, bpp, compression, colors, masks, palette, data } = options;
  const info = new Uint8Array(headerSize);
  if (headerSize === 12) {
    putUint(info, 0, 4, 12, false);
    putUint(info, 4, 2, width, false);
    putUint(info, 6, 2, height, false);
    putUint(info, 8, 2, 1, false);
    putUint(info, 10, 2, bpp, false);
  } else {
    putUint(info, 0, 4, headerSize, false);
    putUint(info, 4, 4, width, false);
    putUint(info, 8, 4, height, false);
    putUint(info, 12, 2, 1, false);
    putUint(info, 14, 2, bpp, false);
    if (headerSize >= 20) putUint(info, 16, 4, compression, false);
    if (headerSize >= 36) putUint(info, 32, 4, colors, false);
    for (let i = 0; i < masks.length && 40 + 4 * i + 4 <= headerSize; i++) putUint(info, 40 + 4 * i, 4, masks[i]!, false);
  }
  // A 40-byte header with bitfields is followed by its masks.
  const extra = headerSize === 40 && (compression === 3 || compression === 6) ? new Uint8Array(compression === 6 ? 16 : 12) : new Uint8Array(0);
  for (let i = 0; i < extra.length / 4; i++) putUint(extra, 4 * i, 4, masks[i] ?? 0, false);
  const offset = 14 + headerSize + extra.length + palette.length;
  const file = new Uint8Array(14);
  file[0] = 0x42;
  file[1] = 0x4d;
  putUint(file, 2, 4, offset + data.length, false);
  putUint(file, 10, 4, offset, false);
  return concat(file, info, extra, palette, data);
}

/** An RLE8/RLE4 stream of random operations: runs (often past the row end), absolute groups, deltas, EOL, EOB. */
function randomRle(rng: Rng, rle4: boolean, width: number, height: number): Uint8Array {
  const ops: number[] = [];
  const count = rng.int(0, 4 * height + 8);
  for (let i = 0; i < count; i++) {
    const op = rng.below(10);
    if (op < 4) ops.push(rng.chance(0.3) ? rng.int(width, 255) : rng.int(1, Math.max(1, width)), rng.below(256));
    else if (op < 6) {
      const n = rng.int(3, 255);
      const bytes = rle4 ? (n + 1) >> 1 : n;
      ops.push(0, n, ...randomBytes(rng, bytes + (bytes & 1)));
    } else if (op < 7) ops.push(0, 2, rng.below(rng.chance(0.5) ? width + 2 : 256), rng.below(rng.chance(0.5) ? 3 : 256));
    else if (op < 9) ops.push(0, 0);
    else ops.push(0, 1);
  }
  if (rng.chance(0.7)) ops.push(0, 1);
  const out = Uint8Array.from(ops);
  return rng.chance(0.15) ? out.subarray(0, rng.below(out.length + 1)) : out;
}

/** A fresh BMP of a random layout with random content (data the right length most of the time). */
function freshBmp(rng: Rng): Uint8Array {
  const layout = rng.below(4);
  const width = rng.chance(0.05) ? 0 : rng.int(1, 40);
  const height = rng.chance(0.05) ? 0 : rng.int(1, 40);
  const topDown = rng.chance(0.3);
  let headerSize = rng.pick(HEADER_SIZES.filter((s) => s >= 40));
  let bpp: number;
  let compression = 0;
  let data: Uint8Array;
  if (layout === 0) {
    // RLE8 or RLE4.
    const rle4 = rng.chance(0.5);
    bpp = rle4 ? 4 : 8;
    compression = rle4 ? 2 : 1;
    data = randomRle(rng, rle4, width, height);
  } else {
    bpp = layout === 1 ? rng.pick([1, 2, 4, 8]) : layout === 2 ? 24 : rng.pick([16, 32]);
    if (layout === 3) compression = rng.pick([0, 3, 6]);
    if (layout === 1 && rng.chance(0.2)) headerSize = 12;
    const stride = Math.ceil((width * bpp) / 32) * 4;
    let size = stride * height;
    if (rng.chance(0.2)) size = Math.max(0, size + rng.int(-8, 8));
    data = randomBytes(rng, size);
  }
  const entries = bpp <= 8 ? (rng.chance(0.2) ? rng.int(0, 300) : rng.int(1, 2 ** bpp)) : rng.chance(0.1) ? rng.int(1, 4) : 0;
  const entrySize = headerSize === 12 ? 3 : 4;
  const colors = rng.chance(0.6) ? entries : rng.chance(0.5) ? 0 : someU32(rng);
  return buildBmp({
    headerSize,
    width,
    height: headerSize === 12 ? height : topDown ? -height : height,
    bpp,
    compression,
    colors,
    masks: [someMask(rng), someMask(rng), someMask(rng), rng.chance(0.5) ? 0 : someMask(rng)],
    palette: randomBytes(rng, entries * entrySize),
    data,
  });
}

/** One BMP-aware mutation of a seed. */
export function mutateBmp(rng: Rng, seed: Uint8Array, others: readonly Uint8Array[]): Uint8Array {
  const kind = rng.below(100);
  if (kind < 22) return mutateBytes(rng, seed, others);
  if (kind < 55) {
    // One or two header fields set to edge values.
    const out = seed.slice();
    for (let n = rng.small(2); n > 0; n--) {
      const [at, size] = rng.pick(FIELDS);
      let value = size === 2 ? someU16(rng) : someU32(rng);
      if (at === 22 && rng.chance(0.6)) value = rng.pick(HEIGHTS) >>> 0;
      if (at === 14 && rng.chance(0.6)) value = rng.pick(HEADER_SIZES);
      if (at === 28 && rng.chance(0.6)) value = rng.pick([0, 1, 2, 4, 8, 16, 24, 32, 64]);
      if (at === 30 && rng.chance(0.6)) value = rng.int(0, 13);
      putUint(out, at, size, value, false);
    }
    return out;
  }
  if (kind < 70) {
    // Only the pixel data changes.
    const offset = Math.min(seed.length, seed[10]! | (seed[11]! << 8) | (seed[12]! << 16));
    return concat(seed.subarray(0, offset), mutateBytes(rng, seed.subarray(offset), others));
  }
  return freshBmp(rng);
}
