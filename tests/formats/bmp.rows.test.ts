// The BMP decoder's specialised row loops against a one-pixel-at-a-time reference written from the spec, for every
// layout, widths around each loop's unrolled step, both row orders, every byte alignment of the input, and images
// on both sides of the 16-bit lookup-table threshold.
import { describe, expect, it } from 'vitest';
import { bmpCodec } from '../../src/formats/bmp/index.js';
import { bmpFile, expectSameBytes, greyPalette } from './bmp-test-helpers.js';

const decode = (bytes: Uint8Array) => bmpCodec.decode(bytes, { maxPixels: Infinity });

/** Deterministic bytes (xorshift32). */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s >>> 24;
  }
  return out;
}

/** `file` at each byte offset 0–3 of a larger buffer: aligned and unaligned word reads must agree. */
function atEveryOffset(file: Uint8Array): Uint8Array[] {
  return [0, 1, 2, 3].map((offset) => {
    const buffer = new Uint8Array(file.length + offset);
    buffer.set(file, offset);
    return buffer.subarray(offset);
  });
}

const stride = (width: number, bpp: number) => Math.ceil((width * bpp) / 32) * 4;

/** Stored row of image row `y` (0 = top). */
const storedRow = (y: number, height: number, topDown: boolean) => (topDown ? y : height - 1 - y);

/** Reference: indices, most significant bits first. */
function referenceIndices(pixels: Uint8Array, width: number, height: number, bpp: number, topDown: boolean): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const s = storedRow(y, height, topDown) * stride(width, bpp);
    for (let x = 0; x < width; x++) {
      const bit = x * bpp;
      out[y * width + x] = (pixels[s + Math.floor(bit / 8)]! >> (8 - bpp - (bit % 8))) & ((1 << bpp) - 1);
    }
  }
  return out;
}

/** Reference: little-endian pixels split by masks, each channel round(v × 255 / max). */
function referenceMasked(pixels: Uint8Array, width: number, height: number, bpp: number, masks: number[], topDown: boolean): Uint8Array {
  const channels = masks[3] ? 4 : 3;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const s = storedRow(y, height, topDown) * stride(width, bpp);
    for (let x = 0; x < width; x++) {
      let v = 0;
      for (let b = 0; b < bpp / 8; b++) v += pixels[s + (x * bpp) / 8 + b]! * 2 ** (8 * b);
      for (let c = 0; c < channels; c++) {
        const mask = masks[c]! >>> 0;
        if (mask === 0) continue;
        let shift = 0;
        while (Math.floor(mask / 2 ** shift) % 2 === 0) shift++;
        const max = mask / 2 ** shift;
        const field = Math.floor(v / 2 ** shift) % (max + 1);
        out[(y * width + x) * channels + c] = Math.round((field * 255) / max);
      }
    }
  }
  return out;
}

const widths = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17];

describe('BMP row loops match a per-pixel reference', () => {
  it('1-, 2-, 4- and 8-bit indices (P), every width around the unrolled step, both row orders, any alignment', () => {
    for (const bpp of [1, 2, 4, 8]) {
      // A 1-bit palette other than black/white keeps the image P, so the 1-bit index loop is the one tested.
      const palette = bpp === 1 ? [[9, 9, 9], [200, 200, 200]] : greyPalette(2 ** bpp).map(([v]) => [v!, 255 - v!, 0]);
      for (const width of widths) {
        for (const topDown of [false, true]) {
          const height = 3;
          const pixels = noise(stride(width, bpp) * height, width * 31 + bpp);
          const file = bmpFile({ width, height: topDown ? -height : height, bpp, palette, pixels });
          const expected = referenceIndices(pixels, width, height, bpp, topDown);
          for (const view of atEveryOffset(file)) {
            const image = decode(view);
            expect(image.mode).toBe('P');
            expectSameBytes(image.data, expected, `${bpp}-bit, width ${width}, top-down ${topDown}, offset ${view.byteOffset}`);
          }
        }
      }
    }
  });

  const layouts: { name: string; bpp: number; compression: number; masks: number[]; headerSize?: number }[] = [
    { name: '24-bit B,G,R', bpp: 24, compression: 0, masks: [0xff0000, 0xff00, 0xff] },
    { name: '32-bit B,G,R,X', bpp: 32, compression: 0, masks: [0xff0000, 0xff00, 0xff] },
    { name: '32-bit B,G,R,A', bpp: 32, compression: 6, masks: [0xff0000, 0xff00, 0xff, 0xff000000] },
    { name: '32-bit A,B,G,R', bpp: 32, compression: 6, masks: [0xff000000, 0xff0000, 0xff00, 0xff] },
    { name: '32-bit X,R,G,B', bpp: 32, compression: 3, masks: [0xff00, 0xff0000, 0xff000000] },
    { name: '32-bit 10-10-10-2', bpp: 32, compression: 6, masks: [0x3ff00000, 0xffc00, 0x3ff, 0xc0000000] },
    { name: '32-bit 11-11-10', bpp: 32, compression: 3, masks: [0xffe00000, 0x1ffc00, 0x3ff] },
    { name: '16-bit 5-5-5', bpp: 16, compression: 0, masks: [0x7c00, 0x3e0, 0x1f] },
    { name: '16-bit 5-6-5', bpp: 16, compression: 3, masks: [0xf800, 0x7e0, 0x1f] },
    { name: '16-bit 4-4-4-4', bpp: 16, compression: 6, masks: [0xf00, 0xf0, 0xf, 0xf000] },
    { name: '16-bit 1-5-5-5', bpp: 16, compression: 6, masks: [0x7c00, 0x3e0, 0x1f, 0x8000] },
    { name: '16-bit red only', bpp: 16, compression: 3, masks: [0xffff, 0, 0] },
  ];

  it.each(layouts)('$name, small images, both row orders, any alignment', ({ bpp, compression, masks }) => {
    for (const width of widths) {
      for (const topDown of [false, true]) {
        const height = 2;
        const pixels = noise(stride(width, bpp) * height, width * 7 + bpp);
        const file = bmpFile({ width, height: topDown ? -height : height, bpp, compression, masks: compression === 0 ? [] : masks, pixels });
        const expected = referenceMasked(pixels, width, height, bpp, masks, topDown);
        for (const view of atEveryOffset(file)) {
          expectSameBytes(decode(view).data, expected, `width ${width}, top-down ${topDown}, offset ${view.byteOffset}`);
        }
      }
    }
  });

  it.each(layouts.filter((l) => l.bpp === 16))('$name, an image past the lookup-table threshold, any alignment', ({ bpp, compression, masks }) => {
    const width = 257;
    const height = 256;
    const pixels = noise(stride(width, bpp) * height, 99);
    const file = bmpFile({ width, height, bpp, compression, masks: compression === 0 ? [] : masks, pixels });
    const expected = referenceMasked(pixels, width, height, bpp, masks, false);
    for (const view of atEveryOffset(file)) expectSameBytes(decode(view).data, expected, `offset ${view.byteOffset}`);
  });
});
