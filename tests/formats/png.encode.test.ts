// PNG encoding: the file layout for every mode, checked by parsing our output independently (chunks, CRCs with
// node:zlib, IDAT inflated with node:zlib) and by decoding it with pngjs, an independent decoder.
import { PNG } from 'pngjs';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { pngCodec } from '../../src/formats/png/index.js';
import { convert } from '../../src/pixel-modes/convert.js';
import { DEFAULT_MAX_PIXELS, PIXEL_MODE_NAMES, rowStride, type PixelMode, type RawImage } from '../../src/raw-image.js';
import { expectBytes, le16, manifest, pixtextError, readFixture } from './png-helpers.js';

const encode = (image: RawImage, compressionLevel = 6) => pngCodec.encode(image, { quality: 90, compressionLevel });

interface ParsedChunk {
  type: string;
  data: Uint8Array;
}

/** Splits a PNG into chunks, checking the signature, every CRC, IHDR first, IEND last and nothing after it. */
function parseChunks(file: Uint8Array): ParsedChunk[] {
  expect([...file.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const chunks: ParsedChunk[] = [];
  let at = 8;
  while (at < file.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...file.subarray(at + 4, at + 8));
    expect(view.getUint32(at + 8 + length), `${type} CRC`).toBe(crc32(file.subarray(at + 4, at + 8 + length)) >>> 0);
    chunks.push({ type, data: file.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  expect(at).toBe(file.length);
  expect(chunks[0]!.type).toBe('IHDR');
  expect(chunks.at(-1)).toEqual({ type: 'IEND', data: new Uint8Array(0) });
  return chunks;
}

/** IHDR fields and the inflated (still filtered) image data of a PNG. */
function inspectPng(file: Uint8Array) {
  const chunks = parseChunks(file);
  const ihdr = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset, 13);
  const idat = chunks.filter((c) => c.type === 'IDAT').map((c) => c.data);
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  idat.reduce((at, d) => (joined.set(d, at), at + d.length), 0);
  return {
    chunks,
    width: ihdr.getUint32(0),
    height: ihdr.getUint32(4),
    bitDepth: ihdr.getUint8(8),
    colorType: ihdr.getUint8(9),
    tail: [ihdr.getUint8(10), ihdr.getUint8(11), ihdr.getUint8(12)],
    zlib: joined,
    filtered: new Uint8Array(inflateSync(joined)),
  };
}

/** A deterministic image of `mode` with every byte used. */
function sampleImage(mode: PixelMode, width: number, height: number): RawImage {
  const data = new Uint8Array(rowStride(mode, width) * height);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 3)) & 255;
  if (mode === 'P') {
    for (let i = 0; i < data.length; i++) data[i] = i % 5;
    return { width, height, mode, data, palette: Uint8Array.from({ length: 20 }, (_, i) => (i * 53) & 255) };
  }
  if (mode === '1' && (width & 7) !== 0) {
    const stride = rowStride(mode, width);
    for (let y = 0; y < height; y++) data[y * stride + stride - 1]! &= (0xff00 >> (width & 7)) & 0xff;
  }
  return { width, height, mode, data };
}

const LAYOUT: Record<PixelMode, [colorType: number, bitDepth: number]> = {
  '1': [0, 1],
  L: [0, 8],
  LA: [4, 8],
  P: [3, 4],
  RGB: [2, 8],
  RGBA: [6, 8],
  BGR: [2, 8],
  BGRA: [6, 8],
  L16: [0, 16],
  LA16: [4, 16],
  RGB16: [2, 16],
  RGBA16: [6, 16],
};

describe('PNG encode: layout of every mode', () => {
  it.each(PIXEL_MODE_NAMES)('%s → the expected colour type and bit depth, a well-formed file', (mode) => {
    const info = inspectPng(encode(sampleImage(mode, 13, 7)));
    expect([info.width, info.height, info.colorType, info.bitDepth, ...info.tail]).toEqual([13, 7, ...LAYOUT[mode], 0, 0, 0]);
    expect(info.chunks.map((c) => c.type)).toEqual(mode === 'P' ? ['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND'] : ['IHDR', 'IDAT', 'IEND']);
  });

  it.each(PIXEL_MODE_NAMES)('%s → pixels pngjs reads back', (mode) => {
    const image = sampleImage(mode, 13, 7);
    const file = Buffer.from(encode(image));
    if (mode.endsWith('16')) {
      // pngjs keeps 16-bit samples with skipRescale, expanded to RGBA (alpha 65535 when absent).
      const decoded = PNG.sync.read(file, { skipRescale: true }).data as unknown as Uint16Array;
      const rgba16 = convert(image, 'RGBA16').data;
      expectBytes(new Uint8Array(Uint16Array.from(decoded).buffer), rgba16, mode);
    } else {
      expectBytes(new Uint8Array(PNG.sync.read(file).data), convert(image, 'RGBA').data, mode);
    }
  });

  it('writes rows in PNG byte order: BGR swapped, 16-bit samples big-endian, 1-bit padding cleared', () => {
    const rows = (image: RawImage) => [...inspectPng(encode(image, 0)).filtered];
    expect(rows({ width: 2, height: 1, mode: 'BGR', data: Uint8Array.of(1, 2, 3, 4, 5, 6) })).toEqual([0, 3, 2, 1, 6, 5, 4]);
    expect(rows({ width: 1, height: 1, mode: 'BGRA', data: Uint8Array.of(1, 2, 3, 4) })).toEqual([0, 3, 2, 1, 4]);
    expect(rows({ width: 2, height: 1, mode: 'L16', data: Uint8Array.from(le16(0x1234, 0xabcd)) })).toEqual([0, 0x12, 0x34, 0xab, 0xcd]);
    expect(rows({ width: 1, height: 1, mode: 'RGBA16', data: Uint8Array.from(le16(1, 2, 3, 4)) })).toEqual([0, 0, 1, 0, 2, 0, 3, 0, 4]);
    expect(rows({ width: 3, height: 2, mode: '1', data: Uint8Array.of(0xff, 0xa5) })).toEqual([0, 0xe0, 0, 0xa0]);
  });
});

describe('PNG encode: palettes', () => {
  const paletted = (palette: number[], data: number[]): RawImage => ({
    width: data.length,
    height: 1,
    mode: 'P',
    data: Uint8Array.from(data),
    palette: Uint8Array.from(palette),
  });

  it('writes PLTE, and tRNS up to the last entry that is not opaque', () => {
    const info = inspectPng(encode(paletted([255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255], [0, 1, 2])));
    expect(info.bitDepth).toBe(2);
    expect([...info.chunks[1]!.data]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255]);
    expect(info.chunks[2]!.type).toBe('tRNS');
    expect([...info.chunks[2]!.data]).toEqual([255, 0]);
    expect([...info.filtered]).toEqual([0, 0b00_01_10_00]);
  });

  it('writes no tRNS when every entry is opaque', () => {
    const info = inspectPng(encode(paletted([1, 2, 3, 255, 4, 5, 6, 255], [1, 0])));
    expect(info.chunks.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
  });

  it('picks the smallest bit depth the palette size allows', () => {
    for (const [entries, depth] of [[1, 1], [2, 1], [3, 2], [4, 2], [5, 4], [16, 4], [17, 8], [256, 8]] as const) {
      const palette = Array.from({ length: entries * 4 }, (_, i) => i & 255);
      expect(inspectPng(encode(paletted(palette, [entries - 1, 0]))).bitDepth, `${entries} entries`).toBe(depth);
    }
  });

  it('without a palette, writes grey entries up to the largest index', () => {
    const image: RawImage = { width: 3, height: 1, mode: 'P', data: Uint8Array.of(0, 5, 2) };
    const info = inspectPng(encode(image));
    expect([...info.chunks[1]!.data]).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);
    const back = pngCodec.decode(encode(image), { maxPixels: DEFAULT_MAX_PIXELS });
    expect([...back.data]).toEqual([0, 5, 2]);
    expect([...back.palette!]).toEqual([0, 0, 0, 255, 1, 1, 1, 255, 2, 2, 2, 255, 3, 3, 3, 255, 4, 4, 4, 255, 5, 5, 5, 255]);
  });

  it('refuses an index past the palette', () => {
    const error = pixtextError(() => encode(paletted([1, 2, 3, 255], [0, 1])));
    expect(error.code).toBe(ErrorCode.INVALID_IMAGE);
  });
});

describe('PNG encode: filtering and compression', () => {
  it("chooses each row's filter by libpng's minimum-sum heuristic (worked out by hand)", () => {
    // Row 0: Sub sums 40 (Paeth ties, the earlier wins); row 1 repeats row 0: Up sums 0; row 2: Sub sums 56.
    const image: RawImage = { width: 4, height: 3, mode: 'L', data: Uint8Array.of(10, 20, 30, 40, 10, 20, 30, 40, 200, 200, 200, 200) };
    const { filtered } = inspectPng(encode(image));
    expect([...filtered]).toEqual([1, 10, 10, 10, 10, 2, 0, 0, 0, 0, 1, 200, 0, 0, 0]);
  });

  it('writes all five filters in files pngjs decodes to the same pixels (corpus images re-encoded)', () => {
    const used = new Set<number>();
    for (const entry of manifest().filter((e) => e.expect === 'decode' && /^(RGBA?|LA?)(16)?$/.test(e.expected_mode!))) {
      const image = pngCodec.decode(readFixture(entry.file), { maxPixels: DEFAULT_MAX_PIXELS });
      const file = encode(image);
      const { filtered, height } = inspectPng(file);
      const rowBytes = filtered.length / height;
      for (let y = 0; y < height; y++) used.add(filtered[y * rowBytes]!);
      const wide = image.mode.endsWith('16');
      const decoded = PNG.sync.read(Buffer.from(file), { skipRescale: wide }).data as unknown as Uint16Array | Buffer;
      const expected = convert(image, wide ? 'RGBA16' : 'RGBA').data;
      expectBytes(wide ? new Uint8Array(Uint16Array.from(decoded).buffer) : new Uint8Array(decoded), expected, entry.file);
    }
    expect([...used].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('uses filter None at level 0, and for palette and 1-bit images', () => {
    const gradient: RawImage = { width: 64, height: 4, mode: 'RGB', data: Uint8Array.from({ length: 64 * 4 * 3 }, (_, i) => i & 255) };
    const level0 = inspectPng(encode(gradient, 0));
    for (let y = 0; y < 4; y++) expect(level0.filtered[y * 193]).toBe(0);
    // Level 0 stores: the first deflate block header after the 2-byte zlib header has BTYPE 00.
    expect((level0.zlib[2]! >> 1) & 3).toBe(0);
    const adaptive = inspectPng(encode(gradient, 6));
    expect(adaptive.filtered[0]).not.toBe(0);
    const p: RawImage = { width: 64, height: 2, mode: 'P', data: Uint8Array.from({ length: 128 }, (_, i) => i & 63) };
    const pInfo = inspectPng(encode(p, 9));
    expect([pInfo.filtered[0], pInfo.filtered[65]]).toEqual([0, 0]);
  });

  it('compresses at every level but 0, and every level decodes to the same pixels', () => {
    const image = sampleImage('RGBA', 64, 64);
    const sizes = [];
    for (let level = 0; level <= 9; level++) {
      const file = encode(image, level);
      sizes.push(file.length);
      expectBytes(pngCodec.decode(file, { maxPixels: DEFAULT_MAX_PIXELS }).data, image.data, `level ${level}`);
    }
    // zlib levels are not strictly monotonic on every input; stored (0) against the rest is.
    for (let level = 1; level <= 9; level++) expect(sizes[level]).toBeLessThan(sizes[0]!);
  });

  it('is deterministic and honours typed-array views', () => {
    const image = sampleImage('RGB', 9, 5);
    const backing = new Uint8Array(image.data.length + 7);
    backing.set(image.data, 7);
    const view: RawImage = { ...image, data: backing.subarray(7) };
    expectBytes(encode(view), encode(image));
    expectBytes(encode(image), encode(image));
  });
});

describe('PNG encode: errors', () => {
  it('refuses empty images, malformed images and bad levels with their codes', () => {
    expect(pixtextError(() => encode({ width: 0, height: 3, mode: 'L', data: new Uint8Array(0) })).code).toBe(ErrorCode.UNSUPPORTED);
    expect(pixtextError(() => encode({ width: 2, height: 2, mode: 'L', data: new Uint8Array(3) })).code).toBe(ErrorCode.INVALID_IMAGE);
    expect(pixtextError(() => encode({ width: 1, height: 1, mode: 'X' as PixelMode, data: new Uint8Array(1) })).code).toBe(ErrorCode.INVALID_IMAGE);
    for (const level of [-1, 10, 2.5]) {
      expect(pixtextError(() => encode(sampleImage('L', 2, 2), level)).code).toBe(ErrorCode.INVALID_ARGUMENT);
    }
  });
});
