// PNG decoding of hand-made files with exact pixels: every colour type and bit depth, the five filters, Adam7,
// palettes and tRNS, and the chunk rules. Files are assembled with node:zlib (see png-helpers.ts).
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { pngCodec } from '../../src/formats/png/index.js';
import { DEFAULT_MAX_PIXELS, type RawImage } from '../../src/raw-image.js';
import { be16, chunk, expectBytes, ihdr, le16, manifest, pixtextError, png, readFixture, simplePng, zlibOf } from './png-helpers.js';

const options = { maxPixels: DEFAULT_MAX_PIXELS };
const decode = (bytes: Uint8Array): RawImage => pngCodec.decode(bytes, options);

function expectImage(image: RawImage, mode: string, width: number, height: number, data: number[]): void {
  expect([image.mode, image.width, image.height]).toEqual([mode, width, height]);
  expectBytes(image.data, data, 'data');
}

describe('PNG decode: colour types and bit depths', () => {
  it('grey 1-bit → 1, bit-packed, padding bits cleared', () => {
    // Width 10: 2 bytes a row; the 6 padding bits are set in the file.
    const image = decode(simplePng(10, 2, 1, 0, [0, 0b1011_0011, 0b1111_1111, 0, 0b0000_0001, 0b0100_0000]));
    expectImage(image, '1', 10, 2, [0b1011_0011, 0b1100_0000, 0b0000_0001, 0b0100_0000]);
  });

  it('grey 2-bit and 4-bit → L scaled as libpng (v×85, v×17)', () => {
    expectImage(decode(simplePng(5, 1, 2, 0, [0, 0b00_01_10_11, 0b10_00_00_00])), 'L', 5, 1, [0, 85, 170, 255, 170]);
    expectImage(decode(simplePng(3, 1, 4, 0, [0, 0x0f, 0x80])), 'L', 3, 1, [0, 255, 136]);
  });

  it('grey 8 → L, grey 16 → L16 little-endian', () => {
    expectImage(decode(simplePng(3, 1, 8, 0, [0, 1, 128, 255])), 'L', 3, 1, [1, 128, 255]);
    expectImage(decode(simplePng(2, 1, 16, 0, [0, ...be16(0x1234, 0xabcd)])), 'L16', 2, 1, le16(0x1234, 0xabcd));
  });

  it('grey+alpha → LA / LA16', () => {
    expectImage(decode(simplePng(2, 1, 8, 4, [0, 10, 20, 30, 40])), 'LA', 2, 1, [10, 20, 30, 40]);
    expectImage(decode(simplePng(1, 1, 16, 4, [0, ...be16(0x0102, 0xfffe)])), 'LA16', 1, 1, le16(0x0102, 0xfffe));
  });

  it('truecolour → RGB / RGB16, with alpha → RGBA / RGBA16', () => {
    expectImage(decode(simplePng(2, 1, 8, 2, [0, 1, 2, 3, 4, 5, 6])), 'RGB', 2, 1, [1, 2, 3, 4, 5, 6]);
    expectImage(decode(simplePng(1, 1, 16, 2, [0, ...be16(1, 0x100, 0xffff)])), 'RGB16', 1, 1, le16(1, 0x100, 0xffff));
    expectImage(decode(simplePng(1, 1, 8, 6, [0, 9, 8, 7, 6])), 'RGBA', 1, 1, [9, 8, 7, 6]);
    expectImage(decode(simplePng(1, 1, 16, 6, [0, ...be16(1, 2, 3, 0x8000)])), 'RGBA16', 1, 1, le16(1, 2, 3, 0x8000));
  });

  it('palette at 1/2/4/8 bits → P with an RGBA palette, tRNS alpha applied and 255 elsewhere', () => {
    const plte = chunk('PLTE', [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9]);
    const trns = chunk('tRNS', [0, 128]);
    const palette = [255, 0, 0, 0, 0, 255, 0, 128, 0, 0, 255, 255, 9, 9, 9, 255];
    const cases: [number, number[]][] = [
      [2, [0, 0b00_01_10_11]],
      [4, [0, 0x01, 0x23]],
      [8, [0, 0, 1, 2, 3]],
    ];
    for (const [depth, rows] of cases) {
      const image = decode(simplePng(4, 1, depth, 3, rows, [plte, trns]));
      expectImage(image, 'P', 4, 1, [0, 1, 2, 3]);
      expectBytes(image.palette!, palette, `palette at ${depth} bits`);
    }
    const twoColours = decode(simplePng(9, 1, 1, 3, [0, 0b1010_1010, 0b1000_0000], [chunk('PLTE', [0, 0, 0, 255, 255, 255])]));
    expectImage(twoColours, 'P', 9, 1, [1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expectBytes(twoColours.palette!, [0, 0, 0, 255, 255, 255, 255, 255]);
  });

  it('palette: entries beyond the bit depth are dropped, indices past the palette get opaque black entries', () => {
    // 1-bit image with a 3-entry PLTE: libpng keeps 2 entries.
    const trimmed = decode(simplePng(2, 1, 1, 3, [0, 0b0100_0000], [chunk('PLTE', [1, 1, 1, 2, 2, 2, 3, 3, 3])]));
    expectBytes(trimmed.palette!, [1, 1, 1, 255, 2, 2, 2, 255]);
    // Index 3 with a 2-entry PLTE.
    const extended = decode(simplePng(2, 1, 8, 3, [0, 0, 3], [chunk('PLTE', [1, 1, 1, 2, 2, 2])]));
    expectImage(extended, 'P', 2, 1, [0, 3]);
    expectBytes(extended.palette!, [1, 1, 1, 255, 2, 2, 2, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
  });

  it('palette: an empty tRNS, one longer than the palette, or one before PLTE is ignored', () => {
    const plte = chunk('PLTE', [1, 1, 1, 2, 2, 2]);
    for (const before of [[plte, chunk('tRNS', [])], [plte, chunk('tRNS', [0, 0, 0])], [chunk('tRNS', [0]), plte]]) {
      expectBytes(decode(simplePng(1, 1, 8, 3, [0, 1], before)).palette!, [1, 1, 1, 255, 2, 2, 2, 255]);
    }
  });
});

describe('PNG decode: tRNS colour keys keep every pixel (alpha added)', () => {
  it('grey 1-bit with a key → LA', () => {
    const image = decode(simplePng(3, 1, 1, 0, [0, 0b1010_0000], [chunk('tRNS', [0, 1])]));
    expectImage(image, 'LA', 3, 1, [255, 0, 0, 255, 255, 0]);
  });

  it('grey 4-bit and 8-bit with a key → LA (the key compares unscaled samples)', () => {
    expectImage(decode(simplePng(2, 1, 4, 0, [0, 0xf7], [chunk('tRNS', [0, 7])])), 'LA', 2, 1, [255, 255, 119, 0]);
    expectImage(decode(simplePng(2, 1, 8, 0, [0, 7, 8], [chunk('tRNS', [0, 8])])), 'LA', 2, 1, [7, 255, 8, 0]);
  });

  it('grey 16 and RGB 8/16 with a key → LA16 / RGBA / RGBA16', () => {
    expectImage(decode(simplePng(2, 1, 16, 0, [0, ...be16(0x0102, 0x0201)], [chunk('tRNS', be16(0x0201))])), 'LA16', 2, 1, le16(0x0102, 0xffff, 0x0201, 0));
    const rgbKey = chunk('tRNS', be16(1, 2, 3));
    expectImage(decode(simplePng(2, 1, 8, 2, [0, 1, 2, 3, 1, 2, 4], [rgbKey])), 'RGBA', 2, 1, [1, 2, 3, 0, 1, 2, 4, 255]);
    const image = decode(simplePng(2, 1, 16, 2, [0, ...be16(1, 2, 3, 1, 2, 0x103)], [rgbKey]));
    expectImage(image, 'RGBA16', 2, 1, le16(1, 2, 3, 0, 1, 2, 0x103, 0xffff));
  });

  it('ignores a key outside the bit depth, of the wrong length, after IDAT, or on an image with alpha', () => {
    expect(decode(simplePng(2, 1, 1, 0, [0, 0x40], [chunk('tRNS', [0, 2])])).mode).toBe('1');
    expect(decode(simplePng(1, 1, 8, 0, [0, 1], [chunk('tRNS', [1, 0])])).mode).toBe('L');
    expect(decode(simplePng(1, 1, 8, 2, [0, 1, 2, 3], [chunk('tRNS', [0, 1, 0, 2])])).mode).toBe('RGB');
    expect(decode(simplePng(1, 1, 8, 6, [0, 1, 2, 3, 4], [chunk('tRNS', be16(1, 2, 3))])).mode).toBe('RGBA');
    const late = png(chunk('IHDR', ihdr(1, 1, 8, 0)), chunk('IDAT', zlibOf([0, 1])), chunk('tRNS', [0, 1]), chunk('IEND'));
    expect(decode(late).mode).toBe('L');
    // Only the first tRNS counts.
    expect(decode(simplePng(1, 1, 8, 0, [0, 1], [chunk('tRNS', [0, 9]), chunk('tRNS', [0, 1])])).data[1]).toBe(255);
  });
});

describe('PNG decode: filters', () => {
  it('reverses None, Sub, Up, Average and Paeth (values worked out by hand)', () => {
    const rows = [
      [0, 10, 20, 30], // None
      [1, 5, 5, 5], // Sub: 5, 10, 15
      [2, 1, 2, 3], // Up: 6, 12, 18
      [3, 4, 4, 250], // Average: 4+3=7, 4+(7+12)/2=13, 250+(13+18)/2=265→9
      [4, 1, 2, 3], // Paeth: 1+7=8 (b), 2+13=15 (b), 3+9=12 (b)
    ];
    const image = decode(simplePng(3, 5, 8, 0, rows.flat()));
    expectImage(image, 'L', 3, 5, [10, 20, 30, 5, 10, 15, 6, 12, 18, 7, 13, 9, 8, 15, 12]);
  });

  it('treats the row above the first as zeros, and looks back a whole pixel (bpp)', () => {
    expectImage(decode(simplePng(2, 1, 8, 0, [2, 7, 8])), 'L', 2, 1, [7, 8]);
    expectImage(decode(simplePng(2, 1, 8, 0, [3, 10, 10])), 'L', 2, 1, [10, 15]);
    expectImage(decode(simplePng(2, 1, 8, 0, [4, 10, 5])), 'L', 2, 1, [10, 15]);
    expectImage(decode(simplePng(2, 1, 8, 6, [1, 1, 2, 3, 4, 1, 1, 1, 1])), 'RGBA', 2, 1, [1, 2, 3, 4, 2, 3, 4, 5]);
    // Paeth on RGB16 (bpp 6): the second pixel picks a = the first.
    const image = decode(simplePng(2, 2, 16, 2, [0, ...be16(1, 2, 3, 4, 5, 6), 4, ...be16(0, 0, 0, 0, 0, 0)]));
    expectBytes(image.data.subarray(12), le16(1, 2, 3, 4, 5, 6));
  });

  it('rejects a filter type over 4', () => {
    const error = pixtextError(() => decode(simplePng(1, 2, 8, 0, [0, 1, 5, 1])));
    expect([error.code, error.chunk]).toEqual([ErrorCode.CORRUPT, 'IDAT']);
  });
});

/** Adam7 passes (x0, y0, dx, dy), written out independently of the decoder. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** The filtered data of an interlaced 8-bit image whose pixel (x, y) has `channels` bytes from `pixel`. */
function interlacedRows(width: number, height: number, channels: number, pixel: (x: number, y: number) => number[]): number[] {
  const out: number[] = [];
  for (const [x0, y0, dx, dy] of ADAM7) {
    for (let y = y0!; y < height; y += dy!) {
      const row: number[] = [];
      for (let x = x0!; x < width; x += dx!) row.push(...pixel(x, y));
      if (row.length > 0) out.push(0, ...row);
    }
  }
  return out;
}

describe('PNG decode: Adam7', () => {
  it('places every pass pixel, for sizes with empty passes too', () => {
    for (const [w, h] of [[1, 1], [2, 3], [3, 1], [8, 8], [9, 10], [17, 5]] as const) {
      const pixel = (x: number, y: number) => [x * 3 + y, (x * y) & 255];
      const image = decode(simplePng(w, h, 8, 4, interlacedRows(w, h, 2, pixel), [], 1));
      const expected: number[] = [];
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expected.push(...pixel(x, y));
      expectImage(image, 'LA', w, h, expected);
    }
  });

  it('interlaced 1-bit grey → 1, and 2-bit palette, match their non-interlaced twins', () => {
    const w = 11;
    const h = 7;
    const bit = (x: number, y: number) => ((x * 7 + y * 3) % 5 < 2 ? 1 : 0);
    // Pass rows of 1-bit pixels, packed by hand.
    const packed: number[] = [];
    for (const [x0, y0, dx, dy] of ADAM7) {
      for (let y = y0!; y < h; y += dy!) {
        const bits: number[] = [];
        for (let x = x0!; x < w; x += dx!) bits.push(bit(x, y));
        if (bits.length === 0) continue;
        packed.push(0);
        for (let i = 0; i < bits.length; i += 8) packed.push(bits.slice(i, i + 8).reduce((b, v, k) => b | (v << (7 - k)), 0));
      }
    }
    const flat: number[] = [];
    for (let y = 0; y < h; y++) {
      flat.push(0);
      for (let i = 0; i < w; i += 8) {
        let byte = 0;
        for (let k = 0; k < 8 && i + k < w; k++) byte |= bit(i + k, y) << (7 - k);
        flat.push(byte);
      }
    }
    const interlaced = decode(simplePng(w, h, 1, 0, packed, [], 1));
    const plain = decode(simplePng(w, h, 1, 0, flat));
    expect(interlaced.mode).toBe('1');
    expectBytes(interlaced.data, plain.data);
    const plte = chunk('PLTE', [0, 0, 0, 255, 255, 255]);
    const p = decode(simplePng(w, h, 1, 3, packed, [plte], 1));
    const q = decode(simplePng(w, h, 1, 3, flat, [plte]));
    expect(p.mode).toBe('P');
    expectBytes(p.data, q.data);
  });
});

describe('PNG decode: chunk rules', () => {
  const head = chunk('IHDR', ihdr(1, 1, 8, 0));
  const idat = chunk('IDAT', zlibOf([0, 42]));
  const iend = chunk('IEND');

  it('checks every CRC, naming the chunk and offset', () => {
    const badText = png(head, chunk('tEXt', [65, 0, 66], 0x1234), idat, iend);
    let error = pixtextError(() => decode(badText));
    expect([error.code, error.chunk, error.offset]).toEqual([ErrorCode.CHECKSUM, 'tEXt', 33]);
    const badIdat = png(head, chunk('IDAT', zlibOf([0, 42]), 7), iend);
    error = pixtextError(() => decode(badIdat));
    expect([error.code, error.chunk, error.offset]).toEqual([ErrorCode.CHECKSUM, 'IDAT', 33]);
  });

  it('skips unknown ancillary chunks and refuses unknown critical ones', () => {
    expect(decode(png(head, chunk('prVt', [1, 2, 3]), idat, chunk('zzZz'), iend)).data).toEqual(Uint8Array.of(42));
    const error = pixtextError(() => decode(png(head, chunk('ABCD', [1]), idat, iend)));
    expect([error.code, error.chunk]).toEqual([ErrorCode.UNSUPPORTED, 'ABCD']);
  });

  it('joins IDAT split over any number of chunks, empty ones included', () => {
    const z = zlibOf([0, 1, 2, 3, 0, 4, 5, 6]);
    const parts = [z.subarray(0, 1), new Uint8Array(0), z.subarray(1, 5), z.subarray(5)].map((d) => chunk('IDAT', d));
    expectImage(decode(png(chunk('IHDR', ihdr(3, 2, 8, 0)), ...parts, iend)), 'L', 3, 2, [1, 2, 3, 4, 5, 6]);
    const oneByteEach = Array.from(z, (b) => chunk('IDAT', [b]));
    expectImage(decode(png(chunk('IHDR', ihdr(3, 2, 8, 0)), ...oneByteEach, iend)), 'L', 3, 2, [1, 2, 3, 4, 5, 6]);
  });

  it('ignores bytes after IEND and accepts a typed-array view at an odd offset', () => {
    const file = png(head, idat, iend);
    expect(decode(new Uint8Array([...file, 1, 2, 3])).data).toEqual(Uint8Array.of(42));
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    expect(decode(padded.subarray(3)).data).toEqual(Uint8Array.of(42));
  });

  it('refuses files that break the chunk order', () => {
    const cases: [Uint8Array, string][] = [
      [png(chunk('gAMA', [0, 0, 0, 1]), head, idat, iend), ErrorCode.CORRUPT], // IHDR not first
      [png(head, head, idat, iend), ErrorCode.CORRUPT], // two IHDR
      [png(head, idat, chunk('tEXt', [65, 0]), idat, iend), ErrorCode.CORRUPT], // IDAT not consecutive
      [png(head, iend), ErrorCode.CORRUPT], // no IDAT
      [png(head, idat), ErrorCode.TRUNCATED], // no IEND
      [png(chunk('IHDR', ihdr(1, 1, 8, 3)), idat, iend), ErrorCode.CORRUPT], // palette image without PLTE
      [png(chunk('IHDR', ihdr(1, 1, 8, 3)), chunk('PLTE', [1, 2, 3]), idat, chunk('PLTE', [1, 2, 3]), iend), ErrorCode.CORRUPT],
      [png(chunk('IHDR', ihdr(1, 1, 8, 3)), chunk('PLTE', [1, 2]), idat, iend), ErrorCode.CORRUPT], // not 3 bytes an entry
      [png(chunk('IHDR', ihdr(1, 1, 8, 3)), chunk('PLTE', new Array(771).fill(0)), idat, iend), ErrorCode.CORRUPT], // 257 entries
      [png(chunk('IHDR', ihdr(1, 1, 8, 3)), chunk('PLTE', []), idat, iend), ErrorCode.CORRUPT],
    ];
    for (const [file, code] of cases) expect(pixtextError(() => decode(file)).code).toBe(code);
  });

  it('ignores a PLTE in a grey image and uses none from a truecolour one', () => {
    const grey = decode(png(head, chunk('PLTE', [1, 2, 3]), idat, iend));
    expect([grey.mode, grey.palette]).toEqual(['L', undefined]);
    const rgb = decode(png(chunk('IHDR', ihdr(1, 1, 8, 2)), chunk('PLTE', [1, 2, 3]), chunk('IDAT', zlibOf([0, 4, 5, 6])), iend));
    expect([rgb.mode, rgb.palette]).toEqual(['RGB', undefined]);
  });

  it('validates every IHDR field', () => {
    const bad = [
      ihdr(0, 1, 8, 0),
      ihdr(1, 0, 8, 0),
      ihdr(0x8000_0000, 1, 8, 0),
      ihdr(1, 1, 3, 0),
      ihdr(1, 1, 16, 3),
      ihdr(1, 1, 4, 2),
      ihdr(1, 1, 8, 5),
      ihdr(1, 1, 8, 0, 2),
      Uint8Array.from([...ihdr(1, 1, 8, 0).subarray(0, 10), 1, 0, 0]),
      Uint8Array.from([...ihdr(1, 1, 8, 0).subarray(0, 11), 1, 0]),
      ihdr(1, 1, 8, 0).subarray(0, 12),
    ];
    for (const data of bad) {
      const error = pixtextError(() => decode(png(chunk('IHDR', data), idat, iend)));
      expect([error.code, error.chunk]).toEqual([ErrorCode.CORRUPT, 'IHDR']);
    }
  });

  it('refuses malformed chunk headers', () => {
    const hugeLength = Uint8Array.from(chunk('tEXt', [1]));
    hugeLength.set([0x80, 0, 0, 0], 0);
    expect(pixtextError(() => decode(png(head, hugeLength, idat, iend))).code).toBe(ErrorCode.CORRUPT);
    const notLetters = Uint8Array.from(chunk('tEXt', [1]));
    notLetters[5] = 0x31;
    expect(pixtextError(() => decode(png(head, notLetters, idat, iend))).code).toBe(ErrorCode.CORRUPT);
  });

  it('throws a PixtextError for every truncation of a valid file', () => {
    const file = readFixture('pngsuite/basn2c08.png');
    for (let end = 0; end < file.length; end++) {
      const error = pixtextError(() => decode(file.subarray(0, end)));
      expect([ErrorCode.TRUNCATED, ErrorCode.UNKNOWN_FORMAT], `cut at ${end}`).toContain(error.code);
    }
  });

  it('reports short or bad image data at the IDAT chunk', () => {
    const short = png(chunk('IHDR', ihdr(4, 4, 8, 0)), chunk('IDAT', zlibOf([0, 1, 2, 3, 4])), iend);
    const error = pixtextError(() => decode(short));
    expect([error.code, error.chunk]).toEqual([ErrorCode.TRUNCATED, 'IDAT']);
    const garbage = png(head, chunk('IDAT', [0x78, 0x9c, 0xff, 0xff, 0xff, 0xff]), iend);
    const bad = pixtextError(() => decode(garbage));
    expect([bad.code, bad.chunk]).toEqual([ErrorCode.CORRUPT, 'IDAT']);
    expect(bad.offset).toBeGreaterThanOrEqual(41);
  });

  it('sniffs the signature without throwing', () => {
    expect(pngCodec.sniff(png(head, idat, iend))).toBe(true);
    expect(pngCodec.sniff(new Uint8Array(0))).toBe(false);
    expect(pngCodec.sniff(Uint8Array.of(0x89, 0x50, 0x4e, 0x47))).toBe(false);
    expect(pngCodec.sniff(Uint8Array.of(0x42, 0x4d, 0, 0, 0, 0, 0, 0))).toBe(false);
  });
});

describe('PNG header()', () => {
  it('agrees with decode on every decodable corpus file', () => {
    for (const entry of manifest().filter((e) => e.expect === 'decode')) {
      const bytes = readFixture(entry.file);
      const image = decode(bytes);
      expect(pngCodec.header(bytes), entry.file).toEqual({ width: image.width, height: image.height, mode: image.mode });
    }
  });

  it('reads a colour key without inflating, and refuses what decode refuses up front', () => {
    const keyed = simplePng(2, 1, 8, 2, [0, 1, 2, 3, 4, 5, 6], [chunk('tRNS', be16(1, 2, 3))]);
    expect(pngCodec.header(keyed)).toEqual({ width: 2, height: 1, mode: 'RGBA' });
    const noData = png(chunk('IHDR', ihdr(70_000, 50_000, 16, 6)), chunk('IDAT', [1, 2, 3]), chunk('IEND'));
    expect(pngCodec.header(noData)).toEqual({ width: 70_000, height: 50_000, mode: 'RGBA16' });
    expect(pixtextError(() => pngCodec.header(readFixture('pngsuite/xhdn0g08.png'))).code).toBe(ErrorCode.CHECKSUM);
    expect(pixtextError(() => pngCodec.header(readFixture('pngsuite/xs1n0g01.png'))).code).toBe(ErrorCode.UNKNOWN_FORMAT);
  });
});
