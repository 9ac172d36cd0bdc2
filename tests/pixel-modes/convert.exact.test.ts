// Tiny images with exact, hand-computed expected bytes, one group per family of conversions.
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/pixel-modes/convert.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';
import { expectPixtextError } from '../support/errors.js';

const img = (mode: PixelMode, width: number, height: number, bytes: number[], palette?: number[]): RawImage => {
  const image: RawImage = { width, height, mode, data: new Uint8Array(bytes) };
  if (palette !== undefined) image.palette = new Uint8Array(palette);
  return image;
};
const bytes = (image: RawImage) => Array.from(image.data);

describe('identity', () => {
  it('returns a copy with fresh data and palette, never the same object', () => {
    const source = img('P', 2, 1, [0, 1], [1, 2, 3, 4, 5, 6, 7, 8]);
    const result = convert(source, 'P');
    expect(result).not.toBe(source);
    expect(result.data).not.toBe(source.data);
    expect(result.palette).not.toBe(source.palette);
    expect(bytes(result)).toEqual([0, 1]);
    expect(Array.from(result.palette!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    source.data[0] = 9;
    expect(result.data[0]).toBe(0);
  });
});

describe('colour and grey', () => {
  it('RGB → L uses Pillow weights with rounding: (R·19595 + G·38470 + B·7471 + 0x8000) >> 16', () => {
    const rgb = img('RGB', 5, 1, [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0]);
    expect(bytes(convert(rgb, 'L'))).toEqual([76, 150, 29, 255, 0]);
    const bgr = img('BGR', 3, 1, [0, 0, 255, 0, 255, 0, 255, 0, 0]);
    expect(bytes(convert(bgr, 'L'))).toEqual([76, 150, 29]);
  });

  it('grey → colour replicates the level; alpha is opaque when the source has none', () => {
    expect(bytes(convert(img('L', 2, 1, [7, 200]), 'RGB'))).toEqual([7, 7, 7, 200, 200, 200]);
    expect(bytes(convert(img('L', 2, 1, [7, 200]), 'BGRA'))).toEqual([7, 7, 7, 255, 200, 200, 200, 255]);
    expect(bytes(convert(img('LA', 1, 1, [9, 33]), 'RGBA'))).toEqual([9, 9, 9, 33]);
    expect(bytes(convert(img('L', 1, 1, [9]), 'LA'))).toEqual([9, 255]);
  });

  it('keeps alpha between alpha modes and drops it only into a mode without', () => {
    expect(bytes(convert(img('RGBA', 1, 1, [255, 0, 0, 17]), 'LA'))).toEqual([76, 17]);
    expect(bytes(convert(img('RGBA', 1, 1, [1, 2, 3, 17]), 'BGRA'))).toEqual([3, 2, 1, 17]);
    expect(bytes(convert(img('RGBA', 1, 1, [1, 2, 3, 17]), 'RGB'))).toEqual([1, 2, 3]);
    expect(bytes(convert(img('LA', 1, 1, [5, 0]), 'L'))).toEqual([5]);
  });

  it('BGR and BGRA are channel swaps', () => {
    expect(bytes(convert(img('RGB', 2, 1, [1, 2, 3, 4, 5, 6]), 'BGR'))).toEqual([3, 2, 1, 6, 5, 4]);
    expect(bytes(convert(img('BGRA', 1, 1, [1, 2, 3, 4]), 'RGBA'))).toEqual([3, 2, 1, 4]);
    expect(bytes(convert(img('BGR', 1, 1, [1, 2, 3]), 'RGBA'))).toEqual([3, 2, 1, 255]);
    expect(bytes(convert(img('RGB', 1, 1, [1, 2, 3]), 'BGRA'))).toEqual([3, 2, 1, 255]);
  });
});

describe('background compositing', () => {
  it('blends as round((s·a + b·(255 − a)) / 255), leaving opaque and transparent pixels exact', () => {
    const rgba = img('RGBA', 3, 1, [255, 0, 0, 128, 9, 8, 7, 255, 9, 8, 7, 0]);
    expect(bytes(convert(rgba, 'RGB', { background: [0, 0, 255] }))).toEqual([128, 0, 127, 9, 8, 7, 0, 0, 255]);
    expect(bytes(convert(rgba, 'BGR', { background: [0, 0, 255] }))).toEqual([127, 0, 128, 7, 8, 9, 255, 0, 0]);
  });

  it('composites before taking luma, and is ignored when the target keeps alpha', () => {
    // Transparent pixel over pure green: luma of (0, 255, 0) is 150.
    expect(bytes(convert(img('LA', 1, 1, [0, 0]), 'L', { background: [0, 255, 0] }))).toEqual([150]);
    expect(bytes(convert(img('LA', 1, 1, [0, 0]), 'RGBA', { background: [0, 255, 0] }))).toEqual([0, 0, 0, 0]);
    expect(bytes(convert(img('RGBA', 1, 1, [1, 2, 3, 0]), 'LA', { background: [0, 255, 0] }))).toEqual([2, 0]);
  });

  it('flattens a P palette with alpha when converting to a mode without alpha', () => {
    const p = img('P', 2, 1, [0, 1], [10, 20, 30, 0, 10, 20, 30, 255]);
    expect(bytes(convert(p, 'RGB', { background: [255, 255, 255] }))).toEqual([255, 255, 255, 10, 20, 30]);
    expect(bytes(convert(p, 'RGB'))).toEqual([10, 20, 30, 10, 20, 30]);
  });

  it('composites at 16 bits between 16-bit modes, the background widened as v·257', () => {
    // RGBA16 (65535, 0, 0, α 32768) over (0, 0, 255): R = 32768, B = round(65535·32767 / 65535) = 32767.
    const rgba16 = img('RGBA16', 1, 1, [0xff, 0xff, 0, 0, 0, 0, 0x00, 0x80]);
    expect(bytes(convert(rgba16, 'RGB16', { background: [0, 0, 255] }))).toEqual([0x00, 0x80, 0, 0, 0xff, 0x7f]);
    expect(bytes(convert(rgba16, 'RGB16'))).toEqual([0xff, 0xff, 0, 0, 0, 0]);
  });
});

describe('bit depth', () => {
  it('16 → 8 keeps the high byte (as libpng and OpenCV), it does not clip as Pillow 9.4 does', () => {
    // Little-endian samples 0x1234, 0x00ff, 0xff00, 0x8080: clipping would give 255, 255, 255, 255.
    const l16 = img('L16', 4, 1, [0x34, 0x12, 0xff, 0x00, 0x00, 0xff, 0x80, 0x80]);
    expect(bytes(convert(l16, 'L'))).toEqual([0x12, 0x00, 0xff, 0x80]);
    const rgba16 = img('RGBA16', 1, 1, [0xff, 0x01, 0x00, 0x02, 0x7f, 0x03, 0x01, 0xfe]);
    expect(bytes(convert(rgba16, 'RGBA'))).toEqual([1, 2, 3, 0xfe]);
    expect(bytes(convert(rgba16, 'BGRA'))).toEqual([3, 2, 1, 0xfe]);
  });

  it('8 → 16 is v·257, so each sample becomes the bytes v, v', () => {
    expect(bytes(convert(img('L', 4, 1, [0, 1, 128, 255]), 'L16'))).toEqual([0, 0, 1, 1, 128, 128, 255, 255]);
    expect(bytes(convert(img('BGR', 1, 1, [1, 2, 3]), 'RGB16'))).toEqual([3, 3, 2, 2, 1, 1]);
    expect(bytes(convert(img('L', 1, 1, [200]), 'RGBA16'))).toEqual([200, 200, 200, 200, 200, 200, 255, 255]);
  });

  it('between 16-bit modes keeps 16-bit precision, with the 8-bit weights and rounding', () => {
    // Pure red 65535: (65535·19595 + 0x8000) >> 16 = 19595 = 0x4c8b. An 8-bit route would give 76·257 = 19532.
    const red = img('RGB16', 1, 1, [0xff, 0xff, 0, 0, 0, 0]);
    expect(bytes(convert(red, 'L16'))).toEqual([0x8b, 0x4c]);
    expect(bytes(convert(img('RGB16', 1, 1, [0x34, 0x12, 0x34, 0x12, 0x34, 0x12]), 'LA16'))).toEqual([0x34, 0x12, 0xff, 0xff]);
    expect(bytes(convert(img('LA16', 1, 1, [0x01, 0x02, 0x03, 0x04]), 'RGBA16'))).toEqual([1, 2, 1, 2, 1, 2, 3, 4]);
  });

  it('between depths converts at 8 bits: RGB16 → L is the luma of the high bytes', () => {
    // High bytes (0x12, 0x34, 0x56) = (18, 52, 86): (18·19595 + 52·38470 + 86·7471 + 32768) >> 16 = 46.
    expect(bytes(convert(img('RGB16', 1, 1, [0xff, 0x12, 0x00, 0x34, 0xaa, 0x56]), 'L'))).toEqual([46]);
  });
});

describe('mode 1', () => {
  it('packs 1 = white, most significant bit first, each row padded to a byte', () => {
    const l = img('L', 10, 2, [0, 255, 255, 0, 0, 0, 0, 255, 255, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 128]);
    expect(bytes(convert(l, '1', { dither: 'none' }))).toEqual([0x61, 0x80, 0x80, 0x40]);
  });

  it("'none' thresholds at 128 (white when ≥ 128)", () => {
    expect(bytes(convert(img('L', 3, 1, [127, 128, 129]), '1', { dither: 'none' }))).toEqual([0x60]);
  });

  it('Floyd–Steinberg by default, as Pillow: a flat 100 row gives black, white, black, black', () => {
    // Hand-traced through Pillow's tobilevel and confirmed with Pillow 9.4 (bytes 0x40).
    expect(bytes(convert(img('L', 4, 1, [100, 100, 100, 100]), '1'))).toEqual([0x40]);
    expect(bytes(convert(img('L', 4, 1, [100, 100, 100, 100]), '1', { dither: 'floyd-steinberg' }))).toEqual([0x40]);
    // Exactly 128 with no error is black: Pillow makes a pixel white only above 128.
    expect(bytes(convert(img('L', 1, 1, [128]), '1'))).toEqual([0x00]);
  });

  it('reads as 0 and 255, ignoring padding bits', () => {
    const one = img('1', 10, 1, [0x61, 0xbf]);
    expect(bytes(convert(one, 'L'))).toEqual([0, 255, 255, 0, 0, 0, 0, 255, 255, 0]);
    expect(bytes(convert(img('1', 3, 1, [0xa0]), 'RGBA'))).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
    expect(bytes(convert(img('1', 9, 1, [0xff, 0x80]), 'L16'))).toEqual(new Array(18).fill(255));
  });

  it('dithers P images too (Pillow only thresholds P); a palette-less P equals L', () => {
    const levels = [100, 100, 100, 100];
    expect(bytes(convert(img('P', 4, 1, levels), '1'))).toEqual([0x40]);
    expect(bytes(convert(img('P', 4, 1, levels), '1', { dither: 'none' }))).toEqual([0x00]);
  });
});

describe('palettes', () => {
  it('P → RGBA through the palette; without one index i is the grey i, i, i, 255, as in Pillow', () => {
    const p = img('P', 3, 1, [1, 0, 1], [10, 20, 30, 40, 50, 60, 70, 80]);
    expect(bytes(convert(p, 'RGBA'))).toEqual([50, 60, 70, 80, 10, 20, 30, 40, 50, 60, 70, 80]);
    expect(bytes(convert(img('P', 2, 1, [3, 250]), 'RGB'))).toEqual([3, 3, 3, 250, 250, 250]);
  });

  it('P with an index past its palette is ERR_INVALID_IMAGE, not grey', () => {
    const error = expectPixtextError(() => convert(img('P', 3, 1, [1, 0, 200], [10, 20, 30, 40, 50, 60, 70, 80]), 'RGBA'), 'ERR_INVALID_IMAGE');
    expect(error.message).toContain('(2, 0)');
    expect(error.message).toContain('index 200');
    expect(error.message).toContain('2 entries');
    expectPixtextError(() => convert(img('P', 1, 1, [3], []), 'LA'), 'ERR_INVALID_IMAGE');
  });

  it('→ P builds an exact palette in order of first appearance', () => {
    const rgb = img('RGB', 4, 1, [4, 5, 6, 1, 2, 3, 4, 5, 6, 9, 9, 9]);
    const p = convert(rgb, 'P');
    expect(bytes(p)).toEqual([0, 1, 0, 2]);
    expect(Array.from(p.palette!)).toEqual([4, 5, 6, 255, 1, 2, 3, 255, 9, 9, 9, 255]);
    const la = convert(img('LA', 2, 1, [7, 0, 7, 1]), 'P');
    expect(bytes(la)).toEqual([0, 1]);
    expect(Array.from(la.palette!)).toEqual([7, 7, 7, 0, 7, 7, 7, 1]);
  });

  it('→ P accepts exactly 256 colours and an empty image', () => {
    const data = new Uint8Array(256 * 3);
    for (let i = 0; i < 256; i++) data[i * 3 + 1] = i;
    const p = convert({ width: 16, height: 16, mode: 'RGB', data }, 'P');
    expect(p.palette!.length).toBe(1024);
    expect(p.data[255]).toBe(255);
    const empty = convert({ width: 0, height: 3, mode: 'RGBA', data: new Uint8Array(0) }, 'P');
    expect(empty.data.length).toBe(0);
    expect(empty.palette!.length).toBe(0);
  });
});
