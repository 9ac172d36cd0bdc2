// BMP decoding of tiny hand-made files, with exact pixel arrays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { bmpCodec } from '../../src/formats/bmp/index.js';
import { DEFAULT_MAX_PIXELS } from '../../src/raw-image.js';
import { bmpFile, greyPalette, pixtextErrorOf, readFixture } from './bmp-test-helpers.js';

const options = { maxPixels: DEFAULT_MAX_PIXELS };
const decode = (bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS) => bmpCodec.decode(bytes, { maxPixels });
const bytes = (...values: number[]) => new Uint8Array(values);
const rgbaPalette = (entries: number[][]) => new Uint8Array(entries.flatMap(([r, g, b]) => [r!, g!, b!, 255]));

describe('BMP decode: indexed', () => {
  it('1-bit with a black/white palette → mode 1, bottom-up rows, padding bits cleared', () => {
    const file = bmpFile({ width: 3, height: 2, bpp: 1, palette: [[0, 0, 0], [255, 255, 255]], pixels: [0xa0, 0, 0, 0, 0x7f, 0, 0, 0] });
    expect(decode(file)).toEqual({ width: 3, height: 2, mode: '1', data: bytes(0x60, 0xa0) });
  });

  it('1-bit with another palette → P with that palette', () => {
    const palette = [[255, 255, 255], [0, 0, 0]];
    const file = bmpFile({ width: 3, height: 2, bpp: 1, palette, pixels: [0xa0, 0, 0, 0, 0x7f, 0, 0, 0] });
    expect(decode(file)).toEqual({ width: 3, height: 2, mode: 'P', data: bytes(0, 1, 1, 1, 0, 1), palette: rgbaPalette(palette) });
  });

  it('2-bit and 4-bit indices, most significant bits first', () => {
    const two = bmpFile({ width: 5, height: 1, bpp: 2, palette: greyPalette(4), pixels: [0x1b, 0x80, 0, 0] });
    expect(decode(two).data).toEqual(bytes(0, 1, 2, 3, 2));
    const four = bmpFile({ width: 3, height: 1, bpp: 4, palette: greyPalette(4), pixels: [0x12, 0x30, 0, 0] });
    expect(decode(four)).toEqual({ width: 3, height: 1, mode: 'P', data: bytes(1, 2, 3), palette: rgbaPalette(greyPalette(4)) });
  });

  it('8-bit with the 256-entry identity grey palette → L; with a shorter palette → P', () => {
    const grey = bmpFile({ width: 2, height: 2, bpp: 8, palette: greyPalette(256), pixels: [5, 6, 0, 0, 7, 8, 0, 0] });
    expect(decode(grey)).toEqual({ width: 2, height: 2, mode: 'L', data: bytes(7, 8, 5, 6) });
    const short = bmpFile({ width: 2, height: 1, bpp: 8, palette: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], colorsUsed: 3, pixels: [2, 0, 0, 0] });
    expect(decode(short)).toEqual({ width: 2, height: 1, mode: 'P', data: bytes(2, 0), palette: rgbaPalette([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) });
  });

  it('OS/2 1.x (12-byte header, 3-byte palette entries, count from the room before the pixels)', () => {
    const palette = [[10, 20, 30], [40, 50, 60], [70, 80, 90]];
    const file = bmpFile({ headerSize: 12, width: 2, height: 1, bpp: 8, palette, pixels: [2, 0, 0, 0] });
    expect(decode(file)).toEqual({ width: 2, height: 1, mode: 'P', data: bytes(2, 0), palette: rgbaPalette(palette) });
  });

  it('OS/2 2.x 16- and 64-byte headers', () => {
    const palette = [[10, 20, 30], [40, 50, 60]];
    for (const headerSize of [16, 64]) {
      const file = bmpFile({ headerSize, width: 1, height: 1, bpp: 8, palette, colorsUsed: 2, pixels: [1, 0, 0, 0] });
      expect(decode(file)).toEqual({ width: 1, height: 1, mode: 'P', data: bytes(1), palette: rgbaPalette(palette) });
    }
  });

  it('rejects a pixel whose index is beyond the palette', () => {
    const file = bmpFile({ width: 2, height: 1, bpp: 8, palette: greyPalette(2), colorsUsed: 2, pixels: [1, 5, 0, 0] });
    expect(pixtextErrorOf(() => decode(file)).code).toBe(ErrorCode.CORRUPT);
  });
});

describe('BMP decode: true colour', () => {
  const bottomUp = [1, 2, 3, 4, 5, 6, 0, 0, 7, 8, 9, 10, 11, 12, 0, 0];

  it('24-bit B,G,R rows → RGB, bottom-up and top-down', () => {
    expect(decode(bmpFile({ width: 2, height: 2, bpp: 24, pixels: bottomUp }))).toEqual({
      width: 2,
      height: 2,
      mode: 'RGB',
      data: bytes(9, 8, 7, 12, 11, 10, 3, 2, 1, 6, 5, 4),
    });
    expect(decode(bmpFile({ width: 2, height: -2, bpp: 24, pixels: bottomUp })).data).toEqual(bytes(3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10));
  });

  it('16-bit default 5-5-5 widens with round(v × 255 / 31) and ignores the top bit', () => {
    // 0xFFFF: white with the unused bit set; 0x403F: r=16 g=1 b=31.
    const file = bmpFile({ width: 2, height: 1, bpp: 16, pixels: [0xff, 0xff, 0x3f, 0x40] });
    expect(decode(file)).toEqual({ width: 2, height: 1, mode: 'RGB', data: bytes(255, 255, 255, 132, 8, 255) });
  });

  it('16-bit 5-6-5 bitfields after a 40-byte header', () => {
    // r=31 g=32 b=1 → 255, round(32·255/63)=130, round(255/31)=8
    const file = bmpFile({ width: 1, height: 1, bpp: 16, compression: 3, masks: [0xf800, 0x07e0, 0x001f], pixels: [0x01, 0xfc, 0, 0] });
    expect(decode(file).data).toEqual(bytes(255, 130, 8));
  });

  it('16-bit 4-4-4-4 with an alpha mask (V5) → RGBA', () => {
    const file = bmpFile({ headerSize: 124, width: 1, height: 1, bpp: 16, compression: 3, masks: [0x0f00, 0x00f0, 0x000f, 0xf000], pixels: [0x10, 0x8f, 0, 0] });
    expect(decode(file)).toEqual({ width: 1, height: 1, mode: 'RGBA', data: bytes(255, 17, 0, 136) });
  });

  it('32-bit BI_RGB: the fourth byte is unused, never alpha', () => {
    expect(decode(bmpFile({ width: 1, height: 1, bpp: 32, pixels: [1, 2, 3, 0x80] }))).toEqual({ width: 1, height: 1, mode: 'RGB', data: bytes(3, 2, 1) });
  });

  it('32-bit bitfields: any byte order, alpha only with an alpha mask', () => {
    const abgr = bmpFile({ headerSize: 124, width: 1, height: 1, bpp: 32, compression: 3, masks: [0xff000000, 0x00ff0000, 0x0000ff00, 0x000000ff], pixels: [0x40, 3, 2, 1] });
    expect(decode(abgr)).toEqual({ width: 1, height: 1, mode: 'RGBA', data: bytes(1, 2, 3, 0x40) });
    const noAlpha = bmpFile({ width: 1, height: 1, bpp: 32, compression: 3, masks: [0xff0000, 0xff00, 0xff], pixels: [1, 2, 3, 4] });
    expect(decode(noAlpha)).toEqual({ width: 1, height: 1, mode: 'RGB', data: bytes(3, 2, 1) });
    const v3Rgb = bmpFile({ headerSize: 52, width: 1, height: 1, bpp: 32, compression: 3, masks: [0xff00, 0xff0000, 0xff000000], pixels: [9, 1, 2, 3] });
    expect(decode(v3Rgb)).toEqual({ width: 1, height: 1, mode: 'RGB', data: bytes(1, 2, 3) });
    const v3Alpha = bmpFile({ headerSize: 56, width: 1, height: 1, bpp: 32, compression: 3, masks: [0xff00, 0xff0000, 0xff000000, 0xff], pixels: [9, 1, 2, 3] });
    expect(decode(v3Alpha)).toEqual({ width: 1, height: 1, mode: 'RGBA', data: bytes(1, 2, 3, 9) });
  });

  it('BI_ALPHABITFIELDS: four masks after a 40-byte header', () => {
    const file = bmpFile({ width: 1, height: 1, bpp: 32, compression: 6, masks: [0xff0000, 0xff00, 0xff, 0xff000000], pixels: [1, 2, 3, 4] });
    expect(decode(file)).toEqual({ width: 1, height: 1, mode: 'RGBA', data: bytes(3, 2, 1, 4) });
  });

  it('10-10-10-2: wide channels narrow with round(v × 255 / max)', () => {
    // R=1023 G=512 B=1 A=2 → 255, round(127.62)=128, round(0.249)=0, round(170)=170
    const file = bmpFile({ headerSize: 124, width: 1, height: 1, bpp: 32, compression: 3, masks: [0x3ff00000, 0x000ffc00, 0x000003ff, 0xc0000000], pixels: [0x01, 0x00, 0xf8, 0xbf] });
    expect(decode(file).data).toEqual(bytes(255, 128, 0, 170));
  });

  it('a colour channel with an empty mask reads 0', () => {
    const file = bmpFile({ width: 1, height: 1, bpp: 16, compression: 3, masks: [0xff00, 0x00ff, 0], pixels: [0x80, 0xff, 0, 0] });
    expect(decode(file).data).toEqual(bytes(255, 128, 0));
  });

  it('16-bit images large enough for the lookup-table path give the same pixels', () => {
    const width = 300;
    const height = 300;
    const pixels = new Uint8Array(width * height * 2);
    for (let i = 0; i < width * height; i++) {
      pixels[i * 2] = i & 0xff;
      pixels[i * 2 + 1] = (i >> 8) & 0xff;
    }
    const image = decode(bmpFile({ width, height: -height, bpp: 16, compression: 3, masks: [0xf800, 0x07e0, 0x001f], pixels }));
    // Pixel i = 1234 = 0x04D2: r=0, g=0x26=38, b=0x12=18 → 0, round(38·255/63)=154, round(18·255/31)=148
    expect(Array.from(image.data.subarray(1234 * 3, 1234 * 3 + 3))).toEqual([0, 154, 148]);
    // Pixel i = 65535: white.
    expect(Array.from(image.data.subarray(65535 * 3, 65535 * 3 + 3))).toEqual([255, 255, 255]);
  });
});

describe('BMP decode: RLE', () => {
  const palette10 = greyPalette(10);

  it('RLE8: runs, absolute groups, end of line, delta and end of bitmap; skipped pixels are index 0; runs past the row end are clipped', () => {
    const stream = [3, 5, 0, 0, 0, 3, 7, 8, 9, 0, 10, 1, 0, 0, 0, 2, 2, 0, 1, 4, 0, 1];
    const file = bmpFile({ width: 4, height: 3, bpp: 8, compression: 1, palette: palette10, colorsUsed: 10, pixels: stream });
    expect(decode(file)).toEqual({ width: 4, height: 3, mode: 'P', data: bytes(0, 0, 4, 0, 7, 8, 9, 1, 5, 5, 5, 0), palette: rgbaPalette(palette10) });
  });

  it('RLE8: a delta moves right and up', () => {
    const file = bmpFile({ width: 2, height: 3, bpp: 8, compression: 1, palette: palette10, colorsUsed: 10, pixels: [0, 2, 1, 1, 1, 9, 0, 1] });
    expect(decode(file).data).toEqual(bytes(0, 0, 0, 9, 0, 0));
  });

  it('RLE4: runs alternate two nibbles, absolute groups are padded to 16 bits', () => {
    const stream = [0, 3, 0xab, 0xc0, 2, 0xde, 0, 0, 0, 5, 0x12, 0x34, 0x50, 0, 0, 1];
    const file = bmpFile({ width: 5, height: 2, bpp: 4, compression: 2, palette: greyPalette(16), pixels: stream });
    expect(decode(file).data).toEqual(bytes(1, 2, 3, 4, 5, 10, 11, 12, 13, 14));
    const run = bmpFile({ width: 5, height: 1, bpp: 4, compression: 2, palette: greyPalette(16), pixels: [5, 0x12, 0, 1] });
    expect(decode(run).data).toEqual(bytes(1, 2, 1, 2, 1));
  });

  it('accepts data that ends without an end-of-bitmap code once every row is written', () => {
    const file = bmpFile({ width: 2, height: 1, bpp: 8, compression: 1, palette: palette10, colorsUsed: 10, pixels: [2, 7] });
    expect(decode(file).data).toEqual(bytes(7, 7));
  });

  it('rejects RLE data cut short', () => {
    const rle = (pixels: number[]) => bmpFile({ width: 4, height: 3, bpp: 8, compression: 1, palette: palette10, colorsUsed: 10, pixels });
    expect(pixtextErrorOf(() => decode(rle([3, 5]))).code).toBe(ErrorCode.TRUNCATED);
    expect(pixtextErrorOf(() => decode(rle([0, 5, 1, 2]))).code).toBe(ErrorCode.TRUNCATED);
    expect(pixtextErrorOf(() => decode(rle([0, 2, 1]))).code).toBe(ErrorCode.TRUNCATED);
  });

  it('rejects top-down RLE, RLE with the wrong bit depth, and RLE indices beyond the palette', () => {
    const base = { width: 2, bpp: 8, compression: 1, palette: palette10, colorsUsed: 10 };
    expect(pixtextErrorOf(() => decode(bmpFile({ ...base, height: -1, pixels: [2, 1, 0, 1] }))).code).toBe(ErrorCode.CORRUPT);
    expect(pixtextErrorOf(() => decode(bmpFile({ ...base, height: 1, bpp: 4, pixels: [2, 1, 0, 1] }))).code).toBe(ErrorCode.CORRUPT);
    expect(pixtextErrorOf(() => decode(bmpFile({ ...base, height: 1, pixels: [2, 200, 0, 1] }))).code).toBe(ErrorCode.CORRUPT);
  });

  it('never writes outside the image, whatever the runs and deltas say', () => {
    // Long runs, a delta far past the row end, absolute groups past the row end, a delta past the top.
    const absolute255 = [0, 255, ...new Array<number>(256).fill(3)]; // 255 indices and one pad byte
    const stream = [255, 1, 255, 2, 0, 2, 250, 0, ...absolute255, 0, 0, ...absolute255, 0, 2, 0, 200, 5, 5, 0, 1];
    const image = decode(bmpFile({ width: 3, height: 2, bpp: 8, compression: 1, palette: palette10, colorsUsed: 10, pixels: stream }));
    expect(image.data).toEqual(bytes(3, 3, 3, 1, 1, 1));
  });
});

describe('BMP decode: hostile and malformed input', () => {
  it('checks maxPixels from the header before allocating', () => {
    const huge = bmpFile({ width: 100_000, height: 100_000, bpp: 24, pixels: [1, 2, 3, 4] });
    const start = performance.now();
    expect(pixtextErrorOf(() => decode(huge)).code).toBe(ErrorCode.TOO_LARGE);
    expect(pixtextErrorOf(() => decode(huge, Infinity)).code).toBe(ErrorCode.TOO_LARGE); // beyond one typed array
    const rle = bmpFile({ width: 30_000, height: 30_000, bpp: 8, compression: 1, palette: greyPalette(256), pixels: [0, 1] });
    expect(pixtextErrorOf(() => decode(rle, 1_000_000)).code).toBe(ErrorCode.TOO_LARGE);
    expect(performance.now() - start).toBeLessThan(250); // no pixel buffer was allocated or filled
  });

  it('reports truncated pixel data before allocating, even with maxPixels disabled', () => {
    const big = bmpFile({ width: 30_000, height: 30_000, bpp: 8, palette: greyPalette(256), pixels: [1, 2, 3, 4] });
    // With maxExpansion disabled too: the truncation check, not the decompression-bomb one, is under test.
    expect(pixtextErrorOf(() => bmpCodec.decode(big, { maxPixels: Infinity, maxExpansion: Infinity })).code).toBe(ErrorCode.TRUNCATED);
    expect(pixtextErrorOf(() => decode(big, Infinity)).code).toBe(ErrorCode.TOO_LARGE);
  });

  it('heights at the int32 limit are too large, not a crash', () => {
    const file = bmpFile({ width: 1, height: -0x80000000, bpp: 24, pixels: [0, 0, 0, 0] });
    expect(pixtextErrorOf(() => decode(file)).code).toBe(ErrorCode.TOO_LARGE);
  });

  it('tolerates a missing padding of the last row only', () => {
    const full = [1, 2, 3, 0, 4, 5, 6, 0];
    expect(decode(bmpFile({ width: 1, height: 2, bpp: 24, pixels: full.slice(0, 7) })).data).toEqual(bytes(6, 5, 4, 3, 2, 1));
    expect(pixtextErrorOf(() => decode(bmpFile({ width: 1, height: 2, bpp: 24, pixels: full.slice(0, 6) }))).code).toBe(ErrorCode.TRUNCATED);
  });

  it('rejects a pixel data offset outside the file or inside the headers', () => {
    expect(pixtextErrorOf(() => decode(bmpFile({ width: 1, height: 1, bpp: 24, pixels: [1, 2, 3, 0], dataOffset: 5000 }))).code).toBe(ErrorCode.CORRUPT);
    expect(pixtextErrorOf(() => decode(bmpFile({ width: 1, height: 1, bpp: 24, pixels: [1, 2, 3, 0], dataOffset: 20 }))).code).toBe(ErrorCode.CORRUPT);
  });

  it('rejects a palette that does not fit before the pixels', () => {
    const declared = bmpFile({ width: 1, height: 1, bpp: 8, palette: greyPalette(2), colorsUsed: 300, pixels: [0, 0, 0, 0] });
    expect(pixtextErrorOf(() => decode(declared)).code).toBe(ErrorCode.CORRUPT);
    const none = bmpFile({ width: 1, height: 1, bpp: 8, pixels: [0, 0, 0, 0] });
    expect(pixtextErrorOf(() => decode(none)).code).toBe(ErrorCode.CORRUPT);
  });

  it('rejects broken headers with ERR_CORRUPT and unsupported variants with ERR_UNSUPPORTED', () => {
    const px = [0, 0, 0, 0];
    const cases: [Parameters<typeof bmpFile>[0], string][] = [
      [{ headerSize: 66, width: 1, height: 1, bpp: 24, pixels: px }, ErrorCode.CORRUPT],
      [{ width: 1, height: 1, bpp: 24, planes: 2, pixels: px }, ErrorCode.CORRUPT],
      [{ width: -1, height: 1, bpp: 24, pixels: px }, ErrorCode.CORRUPT],
      [{ width: 1, height: 1, bpp: 7, pixels: px }, ErrorCode.CORRUPT],
      [{ width: 1, height: 1, bpp: 24, compression: 99, pixels: px }, ErrorCode.CORRUPT],
      [{ width: 1, height: 1, bpp: 24, compression: 3, masks: [0xff0000, 0xff00, 0xff], pixels: px }, ErrorCode.CORRUPT],
      [{ width: 1, height: 1, bpp: 16, compression: 3, masks: [0x0f0f, 0xf000, 0x00f0], pixels: px }, ErrorCode.CORRUPT],
      [{ width: 1, height: 1, bpp: 16, compression: 3, masks: [0xff00, 0x0ff0, 0x000f], pixels: px }, ErrorCode.CORRUPT],
      [{ width: 1, height: 1, bpp: 16, compression: 3, masks: [0xf0000, 0xff00, 0xff], pixels: px }, ErrorCode.CORRUPT],
      [{ width: 1, height: 1, bpp: 16, compression: 3, masks: [0, 0, 0], pixels: px }, ErrorCode.CORRUPT],
      [{ headerSize: 124, width: 1, height: 1, bpp: 0, compression: 4, pixels: px }, ErrorCode.UNSUPPORTED],
      [{ headerSize: 124, width: 1, height: 1, bpp: 0, compression: 5, pixels: px }, ErrorCode.UNSUPPORTED],
      [{ width: 1, height: 1, bpp: 64, pixels: [...px, ...px] }, ErrorCode.UNSUPPORTED],
      [{ headerSize: 64, width: 1, height: 1, bpp: 1, compression: 3, palette: greyPalette(2), pixels: px }, ErrorCode.UNSUPPORTED],
      [{ headerSize: 64, width: 1, height: 1, bpp: 24, compression: 4, pixels: px }, ErrorCode.UNSUPPORTED],
    ];
    for (const [spec, code] of cases) expect(pixtextErrorOf(() => decode(bmpFile(spec))).code, JSON.stringify(spec)).toBe(code);
  });

  it('rejects files that are not BMP or end inside a header', () => {
    expect(pixtextErrorOf(() => decode(bytes(0x89, 0x50, 0x4e, 0x47))).code).toBe(ErrorCode.CORRUPT);
    expect(pixtextErrorOf(() => decode(bytes(0x42, 0x41, 0, 0))).code).toBe(ErrorCode.UNSUPPORTED);
    const file = bmpFile({ width: 1, height: 1, bpp: 24, pixels: [1, 2, 3, 0] });
    for (const length of [0, 1, 2, 10, 17, 18, 30, 53]) {
      expect([ErrorCode.CORRUPT, ErrorCode.TRUNCATED]).toContain(pixtextErrorOf(() => decode(file.subarray(0, length))).code);
    }
  });

  it('every prefix of a valid file either decodes or throws a PixtextError', () => {
    const files = [
      bmpFile({ width: 3, height: 2, bpp: 8, compression: 1, palette: greyPalette(10), colorsUsed: 10, pixels: [3, 5, 0, 0, 0, 3, 7, 8, 9, 0, 0, 1] }),
      bmpFile({ headerSize: 124, width: 2, height: 2, bpp: 32, compression: 3, masks: [0xff0000, 0xff00, 0xff, 0xff000000], pixels: new Uint8Array(16).fill(7) }),
      bmpFile({ headerSize: 12, width: 3, height: 1, bpp: 4, palette: greyPalette(16), pixels: [0x12, 0x30, 0, 0] }),
    ];
    for (const file of files) {
      for (let length = 0; length <= file.length; length++) {
        try {
          decode(file.subarray(0, length));
        } catch (error) {
          expect(pixtextErrorOf(() => { throw error; }).code).toBeTypeOf('string');
        }
      }
    }
  });
});

describe('BMP decode: mutated corpus files', () => {
  // A light fuzz pass (the full fuzz harness lives elsewhere): byte changes concentrated on the headers, palette
  // and the start of the pixel data, where they change sizes, offsets, masks and RLE codes.
  const seeds = ['bmpsuite/g/pal8rle.bmp', 'bmpsuite/g/pal4rle.bmp', 'bmpsuite/g/rgb16-565.bmp', 'bmpsuite/q/rgba32-61754.bmp', 'bmpsuite/g/pal8os2.bmp', 'pillow/rgb32bf-abgr.bmp'].map(
    readFixture,
  );

  it('throws only PixtextError, quickly', () => {
    const mutation = fc.record({
      seed: fc.nat(seeds.length - 1),
      changes: fc.array(fc.record({ at: fc.nat(200), value: fc.nat(255) }), { minLength: 1, maxLength: 6 }),
      cut: fc.option(fc.nat(10_000), { nil: undefined }),
    });
    fc.assert(
      fc.property(mutation, ({ seed, changes, cut }) => {
        const file = seeds[seed]!.slice(0, cut);
        for (const { at, value } of changes) if (at < file.length) file[at] = value;
        const start = performance.now();
        try {
          decode(file, 1 << 24);
        } catch (error) {
          expect(pixtextErrorOf(() => { throw error; }).code).toBeTypeOf('string');
        }
        expect(performance.now() - start).toBeLessThan(1000);
      }),
      { numRuns: 400, seed: 0x626d70 },
    );
  });
});

describe('BMP decode: API surface', () => {
  const file = bmpFile({ width: 2, height: 1, bpp: 24, pixels: [1, 2, 3, 4, 5, 6, 0, 0] });

  it('sniffs the BM signature', () => {
    expect(bmpCodec.sniff(file)).toBe(true);
    expect(bmpCodec.sniff(bytes(0x42))).toBe(false);
    expect(bmpCodec.sniff(bytes(0x89, 0x50, 0x4e, 0x47))).toBe(false);
  });

  it('header() reads the size and mode without the pixel data', () => {
    expect(bmpCodec.header(file.subarray(0, 54))).toEqual({ width: 2, height: 1, mode: 'RGB' });
    const grey = bmpFile({ width: 4, height: 4, bpp: 8, palette: greyPalette(256), pixels: [] });
    expect(bmpCodec.header(grey)).toEqual({ width: 4, height: 4, mode: 'L' });
  });

  it('honours byteOffset: a view at an odd offset decodes the same', () => {
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 1);
    expect(decode(padded.subarray(1, 1 + file.length))).toEqual(decode(file));
  });

  it('zero-sized images decode to empty data', () => {
    expect(decode(bmpFile({ width: 0, height: 5, bpp: 24, pixels: [] }))).toEqual({ width: 0, height: 5, mode: 'RGB', data: bytes() });
    expect(bmpCodec.decode(bmpFile({ width: 4, height: 0, bpp: 32, pixels: [] }), options).data.length).toBe(0);
  });
});
