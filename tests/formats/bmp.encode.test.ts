// BMP encoding: exact bytes for tiny images, refusals, and lossless round trips (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { bmpCodec } from '../../src/formats/bmp/index.js';
import { DEFAULT_MAX_PIXELS, type PixelMode, type RawImage } from '../../src/raw-image.js';
import { expectSameBytes, pixtextErrorOf } from './bmp-test-helpers.js';

const encodeOptions = { quality: 90, compressionLevel: 6 };
const encode = (image: RawImage) => bmpCodec.encode(image, encodeOptions);
const decode = (bytes: Uint8Array) => bmpCodec.decode(bytes, { maxPixels: DEFAULT_MAX_PIXELS });
const bytes = (...values: number[]) => new Uint8Array(values);
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
const u32 = (b: Uint8Array, o: number) => new DataView(b.buffer, b.byteOffset).getUint32(o, true);

describe('BMP encode: exact output', () => {
  it('RGB → 24-bit BITMAPINFOHEADER file, rows padded to 4 bytes', () => {
    const file = encode({ width: 2, height: 1, mode: 'RGB', data: bytes(255, 0, 0, 0, 0, 255) });
    expect(hex(file)).toBe(
      [
        '42 4d 3e 00 00 00 00 00 00 00 36 00 00 00', // BITMAPFILEHEADER: size 62, pixels at 54
        '28 00 00 00 02 00 00 00 01 00 00 00 01 00 18 00 00 00 00 00 08 00 00 00', // 40 bytes, 2×1, 24 bpp, BI_RGB, 8 bytes
        '13 0b 00 00 13 0b 00 00 00 00 00 00 00 00 00 00', // 72 dpi, no palette
        '00 00 ff ff 00 00 00 00', // B,G,R pixels and 2 padding bytes
      ].join(' '),
    );
  });

  it('rows are stored bottom-up', () => {
    const file = encode({ width: 1, height: 2, mode: 'RGB', data: bytes(1, 2, 3, 4, 5, 6) });
    expect(Array.from(file.subarray(54))).toEqual([6, 5, 4, 0, 3, 2, 1, 0]);
  });

  it('RGBA → 32-bit BI_BITFIELDS with a BITMAPV5HEADER and the A8R8G8B8 masks', () => {
    const file = encode({ width: 1, height: 2, mode: 'RGBA', data: bytes(1, 2, 3, 4, 5, 6, 7, 8) });
    expect(file.length).toBe(138 + 8);
    expect(u32(file, 10)).toBe(138); // pixels right after the 124-byte header
    expect(u32(file, 14)).toBe(124);
    expect(new DataView(file.buffer).getUint16(28, true)).toBe(32);
    expect(u32(file, 30)).toBe(3); // BI_BITFIELDS
    expect([u32(file, 54), u32(file, 58), u32(file, 62), u32(file, 66)]).toEqual([0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000]);
    expect(u32(file, 70)).toBe(0x73524742); // LCS_sRGB
    expect(u32(file, 122)).toBe(4); // LCS_GM_IMAGES
    expect(Array.from(file.subarray(138))).toEqual([7, 6, 5, 8, 3, 2, 1, 4]);
  });

  it('1 → 1-bit with a black, white palette; unused bits of each row cleared', () => {
    const file = encode({ width: 10, height: 1, mode: '1', data: bytes(0xff, 0xff) });
    expect(u32(file, 10)).toBe(62);
    expect(new DataView(file.buffer).getUint16(28, true)).toBe(1);
    expect(u32(file, 46)).toBe(2); // colours used
    expect(Array.from(file.subarray(54, 62))).toEqual([0, 0, 0, 0, 255, 255, 255, 0]);
    expect(Array.from(file.subarray(62))).toEqual([0xff, 0xc0, 0, 0]);
  });

  it('L → 8-bit with the 256-entry grey ramp', () => {
    const file = encode({ width: 1, height: 1, mode: 'L', data: bytes(200) });
    expect(u32(file, 46)).toBe(256);
    expect(Array.from(file.subarray(54 + 0x80 * 4, 54 + 0x80 * 4 + 4))).toEqual([0x80, 0x80, 0x80, 0]);
    expect(Array.from(file.subarray(54 + 1024))).toEqual([200, 0, 0, 0]);
  });

  it('P → 8-bit with the image palette as B,G,R,0 entries', () => {
    const file = encode({ width: 2, height: 1, mode: 'P', data: bytes(2, 0), palette: bytes(1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255) });
    expect(u32(file, 46)).toBe(3);
    expect(Array.from(file.subarray(54, 66))).toEqual([3, 2, 1, 0, 6, 5, 4, 0, 9, 8, 7, 0]);
    expect(Array.from(file.subarray(66))).toEqual([2, 0, 0, 0]);
  });

  it('BGR and BGRA write the same files as RGB and RGBA', () => {
    expectSameBytes(
      encode({ width: 2, height: 1, mode: 'BGR', data: bytes(3, 2, 1, 6, 5, 4) }),
      encode({ width: 2, height: 1, mode: 'RGB', data: bytes(1, 2, 3, 4, 5, 6) }),
      'BGR',
    );
    expectSameBytes(
      encode({ width: 1, height: 1, mode: 'BGRA', data: bytes(3, 2, 1, 9) }),
      encode({ width: 1, height: 1, mode: 'RGBA', data: bytes(1, 2, 3, 9) }),
      'BGRA',
    );
  });

  it('reads the pixels of a view at an odd offset', () => {
    const backing = bytes(99, 1, 2, 3, 4, 5, 6, 99);
    expectSameBytes(
      encode({ width: 2, height: 1, mode: 'RGB', data: backing.subarray(1, 7) }),
      encode({ width: 2, height: 1, mode: 'RGB', data: bytes(1, 2, 3, 4, 5, 6) }),
      'view',
    );
  });
});

describe('BMP encode: refusals', () => {
  it('modes BMP cannot hold exactly are ERR_UNSUPPORTED', () => {
    const cases: [PixelMode, number][] = [['LA', 2], ['L16', 2], ['LA16', 4], ['RGB16', 6], ['RGBA16', 8]];
    for (const [mode, size] of cases) {
      expect(pixtextErrorOf(() => encode({ width: 1, height: 1, mode, data: new Uint8Array(size) })).code, mode).toBe(ErrorCode.UNSUPPORTED);
    }
  });

  it('a palette with transparency is ERR_UNSUPPORTED (BMP palettes have no alpha)', () => {
    const image: RawImage = { width: 1, height: 1, mode: 'P', data: bytes(0), palette: bytes(1, 2, 3, 128) };
    expect(pixtextErrorOf(() => encode(image)).code).toBe(ErrorCode.UNSUPPORTED);
  });

  it('a palette index beyond the palette, or a malformed image, is ERR_INVALID_IMAGE', () => {
    expect(pixtextErrorOf(() => encode({ width: 2, height: 1, mode: 'P', data: bytes(0, 1), palette: bytes(1, 2, 3, 255) })).code).toBe(
      ErrorCode.INVALID_IMAGE,
    );
    expect(pixtextErrorOf(() => encode({ width: 2, height: 1, mode: 'RGB', data: bytes(1, 2, 3) })).code).toBe(ErrorCode.INVALID_IMAGE);
  });
});

describe('BMP encode → decode round trips', () => {
  it('P without a palette is the grey ramp, read back as L with the same bytes', () => {
    const back = decode(encode({ width: 3, height: 1, mode: 'P', data: bytes(0, 7, 255) }));
    expect(back).toEqual({ width: 3, height: 1, mode: 'L', data: bytes(0, 7, 255) });
  });

  it('an empty P palette on an empty image is written as one black entry', () => {
    const back = decode(encode({ width: 0, height: 2, mode: 'P', data: bytes(), palette: bytes() }));
    expect(back).toEqual({ width: 0, height: 2, mode: 'P', data: bytes(), palette: bytes(0, 0, 0, 255) });
  });

  const size = fc.record({ width: fc.integer({ min: 0, max: 13 }), height: fc.integer({ min: 0, max: 9 }) });
  const pixelsOf = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

  /** Clears the padding bits of each row of a mode `1` image, which BMP does not keep. */
  function clearPadding(data: Uint8Array, width: number, height: number): Uint8Array {
    const rowBytes = (width + 7) >> 3;
    const out = data.slice();
    if (width % 8 !== 0) for (let r = 0; r < height; r++) out[r * rowBytes + rowBytes - 1]! &= (0xff00 >> width % 8) & 0xff;
    return out;
  }

  it('1, L, RGB and RGBA come back exactly (property)', () => {
    const channels = { L: 1, RGB: 3, RGBA: 4 } as const;
    for (const mode of ['L', 'RGB', 'RGBA'] as const) {
      fc.assert(
        fc.property(size.chain(({ width, height }) => pixelsOf(width * height * channels[mode]).map((data) => ({ width, height, mode, data }))), (image) => {
          const back = decode(encode(image));
          expect(back).toEqual(image);
        }),
        { numRuns: 200 },
      );
    }
    fc.assert(
      fc.property(size.chain(({ width, height }) => pixelsOf(((width + 7) >> 3) * height).map((data) => ({ width, height, mode: '1' as const, data }))), (image) => {
        const back = decode(encode(image));
        expect(back).toEqual({ ...image, data: clearPadding(image.data, image.width, image.height) });
      }),
      { numRuns: 200 },
    );
  });

  it('BGR and BGRA come back as RGB and RGBA with the same pixels (property)', () => {
    for (const [mode, channels] of [['BGR', 3], ['BGRA', 4]] as const) {
      fc.assert(
        fc.property(size.chain(({ width, height }) => pixelsOf(width * height * channels).map((data) => ({ width, height, mode, data }))), (image) => {
          const back = decode(encode(image));
          expect(back.mode).toBe(mode === 'BGR' ? 'RGB' : 'RGBA');
          // Swap R and B back by hand to compare with the source.
          const swapped = back.data.slice();
          for (let i = 0; i < swapped.length; i += channels) [swapped[i], swapped[i + 2]] = [swapped[i + 2]!, swapped[i]!];
          expect(swapped).toEqual(image.data);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('P with an opaque palette comes back with the same indices and palette (property)', () => {
    const paletted = fc
      .record({ width: fc.integer({ min: 0, max: 13 }), height: fc.integer({ min: 0, max: 9 }), entries: fc.integer({ min: 1, max: 256 }) })
      .chain(({ width, height, entries }) =>
        fc.record({
          indices: fc.array(fc.nat(entries - 1), { minLength: width * height, maxLength: width * height }),
          rgb: fc.uint8Array({ minLength: entries * 3, maxLength: entries * 3 }),
        }).map(({ indices, rgb }): RawImage => {
          const palette = new Uint8Array(entries * 4);
          for (let i = 0; i < entries; i++) palette.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
          return { width, height, mode: 'P', data: Uint8Array.from(indices), palette };
        }),
      );
    fc.assert(
      fc.property(paletted, (image) => {
        const back = decode(encode(image));
        expect(back).toEqual(image);
      }),
      { numRuns: 200 },
    );
  });
});
