// GIF encoding: one GIF89a image of mode `1`, `L` or `P`, LZW compressed, that Pillow 9.4 reads back with the same
// indices. Layout (GIF89a §17–§27): header, logical screen descriptor with a global colour table, a graphic control
// extension only when the palette has a transparent entry, one non-interlaced image descriptor, the image data,
// the trailer.
//
// What each mode reads back as (with decodeGif, and in Pillow 9.4):
// - `1`: `P` with the palette black, white (indices 0 and 1, one a pixel).
// - `L`: `L`, the same bytes (the table is the grey ramp 0..2^k - 1, which Pillow reads as `L`).
// - `P`: `P`, the same indices; the palette's entries padded to a power of two (at least 2) with grey entries;
//   one fully transparent entry is written as the GCE transparent index and comes back with alpha 0. A palette
//   that is itself the grey ramp gets black entries appended so that Pillow keeps it (it drops a grey-ramp table
//   and reads `L`); only the full 256-entry grey ramp cannot be kept, and reads back as `L` with the same bytes.
//   `P` without a palette means grey i for index i, and is written as `L`.

import { PixtextError } from '../../errors.js';
import { rowStride, type PixelMode, type RawImage, validateRawImage } from '../../raw-image.js';
import { encodeLzw } from './lzw-encode.js';
import { isGreyRamp } from './structure.js';

/** Modes `encodeGif` accepts as they are. */
export const GIF_ENCODABLE_MODES: readonly PixelMode[] = ['1', 'L', 'P'];

interface Indexed {
  indices: Uint8Array;
  /** Colour table, 3 bytes an entry, 2^bits entries. */
  table: Uint8Array;
  bits: number;
  transparent: number | undefined;
}

function bitsFor(entries: number): number {
  let bits = 1;
  while (1 << bits < entries) bits++;
  return bits;
}

function greyTable(bits: number): Uint8Array {
  const table = new Uint8Array(3 << bits);
  for (let i = 0; i < 1 << bits; i++) table[i * 3] = table[i * 3 + 1] = table[i * 3 + 2] = i;
  return table;
}

function maxOf(data: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < data.length; i++) if ((data[i] as number) > max) max = data[i] as number;
  return max;
}

function fromBilevel(image: RawImage): Indexed {
  const { width, height, data } = image;
  const stride = rowStride('1', width);
  const indices = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) indices[y * width + x] = ((data[y * stride + (x >> 3)] as number) >> (7 - (x & 7))) & 1;
  }
  return { indices, table: Uint8Array.of(0, 0, 0, 255, 255, 255), bits: 1, transparent: undefined };
}

function fromGrey(data: Uint8Array): Indexed {
  const bits = bitsFor(maxOf(data) + 1);
  return { indices: data, table: greyTable(bits), bits, transparent: undefined };
}

function fromPalette(data: Uint8Array, palette: Uint8Array): Indexed {
  const entries = palette.length / 4;
  let transparent: number | undefined;
  for (let i = 0; i < entries; i++) {
    const alpha = palette[i * 4 + 3] as number;
    if (alpha === 255) continue;
    if (alpha !== 0 || transparent !== undefined) {
      throw new PixtextError(
        'ERR_UNSUPPORTED',
        `GIF holds no alpha but one fully transparent palette entry; palette entry ${i} has alpha ${alpha}` +
          (transparent !== undefined && alpha === 0 ? ` and entry ${transparent} is transparent too` : '') +
          ": convert to 'RGBA' and encode as PNG to keep the alpha, or convert to 'RGB' then 'P' to drop it",
      );
    }
    transparent = i;
  }
  let bits = bitsFor(Math.max(entries, maxOf(data) + 1));
  // Entries past the palette (to a power of two) are grey i, as in Pillow's palette before one is set.
  let table = greyTable(bits);
  for (let i = 0; i < entries; i++) table.set(palette.subarray(i * 4, i * 4 + 3), i * 3);
  if (isGreyRamp(table) && bits < 8) {
    // Pillow drops a grey-ramp table and reads L; black entries after it keep it a palette.
    const wider = new Uint8Array(3 << (bits + 1));
    wider.set(table);
    table = wider;
    bits++;
  }
  return { indices: data, table, bits, transparent };
}

/**
 * Encodes a `1`, `L` or `P` image as a GIF89a file (what each reads back as: see the notes above).
 * @throws PixtextError `ERR_UNSUPPORTED` for other modes, partial alpha, or a side over 65535 or of 0
 */
export function encodeGif(image: RawImage): Uint8Array {
  validateRawImage(image);
  const { width, height, mode } = image;
  if (!GIF_ENCODABLE_MODES.includes(mode)) {
    throw new PixtextError(
      'ERR_UNSUPPORTED',
      `GIF holds modes 1, L and P, not ${mode}: convert to 'P' (at most 256 colours) or 'L' first`,
    );
  }
  if (width < 1 || height < 1 || width > 0xffff || height > 0xffff) {
    throw new PixtextError('ERR_UNSUPPORTED', `GIF sides are 1 to 65535 pixels, not ${width}×${height}`);
  }
  const indexed =
    mode === '1'
      ? fromBilevel(image)
      : mode === 'P' && image.palette !== undefined
        ? fromPalette(image.data, image.palette)
        : fromGrey(image.data);
  const { table, bits, transparent } = indexed;
  const lzw = encodeLzw(indexed.indices, Math.max(2, bits));

  const gce = transparent === undefined ? 0 : 8;
  const out = new Uint8Array(13 + table.length + gce + 10 + lzw.length + 1);
  let at = 0;
  for (const c of 'GIF89a') out[at++] = c.charCodeAt(0);
  // Logical screen descriptor: global table present, colour resolution and table size from `bits`.
  out[at++] = width & 0xff;
  out[at++] = width >> 8;
  out[at++] = height & 0xff;
  out[at++] = height >> 8;
  out[at++] = 0x80 | ((bits - 1) << 4) | (bits - 1);
  out[at++] = 0; // background colour index
  out[at++] = 0; // pixel aspect ratio: not given
  out.set(table, at);
  at += table.length;
  if (transparent !== undefined) {
    // Graphic control extension (GIF89a §23): no disposal, no delay, transparent colour flag and index.
    out.set([0x21, 0xf9, 4, 1, 0, 0, transparent, 0], at);
    at += 8;
  }
  // Image descriptor (GIF89a §20): the whole screen, no local table, not interlaced.
  out.set([0x2c, 0, 0, 0, 0, width & 0xff, width >> 8, height & 0xff, height >> 8, 0], at);
  at += 10;
  out.set(lzw, at);
  at += lzw.length;
  out[at] = 0x3b; // trailer
  return out;
}
