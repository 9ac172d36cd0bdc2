import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { jpegCodec } from '../../src/formats/jpeg/index.js';
import type { RawImage } from '../../src/raw-image.js';
import { EOI, SOI, concat, segment, sofPayload, splitHeaders } from './jpeg-bytes.js';
import { psnr } from './jpeg-psnr.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/jpeg/${name}`, import.meta.url)));
const decode = (bytes: Uint8Array, maxPixels = 1e8) => jpegCodec.decode(bytes, { maxPixels });
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
};

/** A small smooth RGB image, encoded by our encoder (jpeg-js: baseline, 4:4:4, standard Huffman tables). */
const sample: RawImage = (() => {
  const width = 24;
  const height = 16;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x * 10, y * 15, 128], (y * width + x) * 3);
  return { width, height, mode: 'RGB', data };
})();
const sampleJpeg = jpegCodec.encode(sample, { quality: 90, compressionLevel: 6 });
const sampleDecoded = decode(sampleJpeg);

describe('jpegCodec.decode: pixels', () => {
  it('gives Pillow/libjpeg-turbo pixels exactly on tiny files', () => {
    expect(Array.from(decode(fixture('jpeg-decoder/mozilla/jpg-size-2x2.jpg')).data)).toEqual([179, 179, 93, 143, 143, 57, 106, 106, 20, 80, 80, 0]);
    expect(Array.from(decode(fixture('pillow/orientation_rectangle.jpg')).data)).toEqual([254, 0, 0, 254, 0, 0]);
  });

  it('gives Pillow/libjpeg-turbo pixels exactly where the IDCT and upsampling matter (4:2:0, 3×3)', () => {
    const pillow = [208, 211, 42, 181, 184, 15, 62, 192, 70, 156, 159, 0, 130, 133, 0, 19, 149, 27, 180, 49, 55, 162, 31, 37, 41, 40, 176];
    expect(Array.from(decode(fixture('jpeg-decoder/mozilla/jpg-size-3x3.jpg')).data)).toEqual(pillow);
  });

  it('decodes grey to L and colour to RGB, with header() agreeing', () => {
    const grey = fixture('pillow/hopper_gray.jpg');
    expect(jpegCodec.header(grey)).toEqual({ width: 128, height: 128, mode: 'L' });
    expect(decode(grey).data.length).toBe(128 * 128);
    expect(jpegCodec.header(sampleJpeg)).toEqual({ width: 24, height: 16, mode: 'RGB' });
    expect(sampleDecoded).toMatchObject({ width: 24, height: 16, mode: 'RGB' });
  });

  it('honours a view at an odd offset into a larger buffer', () => {
    const bytes = fixture('jpeg-js/redbox.jpg');
    const host = new Uint8Array(bytes.length + 7);
    host.set(bytes, 3);
    expect(decode(host.subarray(3, 3 + bytes.length)).data).toEqual(decode(bytes).data);
  });
});

describe('jpegCodec.decode: what libjpeg tolerates', () => {
  const { headers, rest } = splitHeaders(sampleJpeg);
  const rebuild = (...middle: ArrayLike<number>[]) => concat(SOI, ...middle, rest);

  it('skips junk bytes, FF 00 and fill bytes between segments', () => {
    const parts = headers.flatMap((h, i) => (i === 1 ? [[0x12, 0x34, 0xff, 0x00], h.bytes] : i === 2 ? [[0xff, 0xff, 0xff], h.bytes] : [h.bytes]));
    expect(decode(rebuild(...parts)).data).toEqual(sampleDecoded.data);
  });

  it('uses the standard Huffman tables when a file has none (Motion-JPEG)', () => {
    const withoutDht = headers.filter((h) => h.marker !== 0xc4).map((h) => h.bytes);
    expect(withoutDht.length).toBeLessThan(headers.length);
    expect(decode(rebuild(...withoutDht)).data).toEqual(sampleDecoded.data);
  });

  it('decodes a sequential file that only lacks its EOI', () => {
    expect(decode(sampleJpeg.subarray(0, sampleJpeg.length - 2)).data).toEqual(sampleDecoded.data);
  });

  const adobe = (transform: number) => segment(0xee, [0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, transform]);

  it('keeps jpeg-js from converting colour twice when an Adobe marker says YCbCr', () => {
    const parts = headers.flatMap((h) => (h.marker === 0xe0 ? [h.bytes, adobe(1)] : [h.bytes]));
    expect(decode(rebuild(...parts)).data).toEqual(sampleDecoded.data);
  });

  it('follows libjpeg: JFIF means YCbCr even with an Adobe "RGB" flag; Adobe alone with flag 0 means RGB', () => {
    const both = headers.flatMap((h) => (h.marker === 0xe0 ? [h.bytes, adobe(0)] : [h.bytes]));
    expect(decode(rebuild(...both)).data).toEqual(sampleDecoded.data);
    // Without JFIF the stored samples are taken as R, G, B: what comes out is the encoder's Y, Cb, Cr.
    const adobeOnly = headers.flatMap((h) => (h.marker === 0xe0 ? [adobe(0)] : [h.bytes]));
    const raw = decode(rebuild(...adobeOnly)).data;
    const ycc = new Uint8Array(sample.data.length);
    for (let i = 0; i < ycc.length; i += 3) {
      const [r, g, b] = [sample.data[i]!, sample.data[i + 1]!, sample.data[i + 2]!];
      ycc[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      ycc[i + 1] = Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      ycc[i + 2] = Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
    expect(psnr(raw, ycc)).toBeGreaterThan(35);
  });
});

describe('jpegCodec.decode: limits and errors', () => {
  const bigHeader = concat(SOI, segment(0xc0, sofPayload(20000, 20000, [[1, 1, 1, 0]])), EOI);

  it('rejects a header declaring 20000×20000 before allocating, and header() still reads it', () => {
    expect(bigHeader.length).toBeLessThan(32);
    expect(jpegCodec.header(bigHeader)).toEqual({ width: 20000, height: 20000, mode: 'L' });
    const started = performance.now();
    expect(code(() => jpegCodec.decode(bigHeader, { maxPixels: 268_402_689 }))).toBe(ErrorCode.TOO_LARGE);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('refuses a frame far bigger than its data could code, before jpeg-js allocates (16000×16000 in 700 bytes)', () => {
    const { headers, rest } = splitHeaders(sampleJpeg);
    const big = segment(0xc0, sofPayload(16000, 16000, [[1, 1, 1, 0], [2, 1, 1, 1], [3, 1, 1, 1]]));
    const bytes = concat(SOI, ...headers.map((h) => (h.marker === 0xc0 ? big : h.bytes)), rest);
    expect(bytes.length).toBeLessThan(1000);
    const started = performance.now();
    // maxExpansion disabled: the scan-length check, not the decompression-bomb one (ERR_TOO_LARGE), is under test.
    const unbounded = { maxPixels: 268_402_689, maxExpansion: Infinity };
    expect(code(() => jpegCodec.decode(bytes, unbounded))).toBe(ErrorCode.TRUNCATED);
    expect(code(() => decode(bytes, 268_402_689))).toBe(ErrorCode.TOO_LARGE);
    expect(performance.now() - started).toBeLessThan(50);
    const progressive = concat(SOI, segment(0xc2, sofPayload(16000, 16000, [[1, 1, 1, 0]])), segment(0xda, [1, 1, 0x00, 0, 0, 0x01]), [0x55], EOI);
    expect(code(() => jpegCodec.decode(progressive, unbounded))).toBe(ErrorCode.TRUNCATED);
  });

  it('checks maxPixels against the frame header exactly', () => {
    const pixels = sample.width * sample.height;
    expect(code(() => decode(sampleJpeg, pixels - 1))).toBe(ErrorCode.TOO_LARGE);
    expect(decode(sampleJpeg, pixels).width).toBe(sample.width);
    expect(decode(sampleJpeg, Infinity).width).toBe(sample.width);
  });

  it('names what is wrong with a code', () => {
    const { headers, rest } = splitHeaders(sampleJpeg);
    const sof = headers.find((h) => h.marker === 0xc0)!.bytes;
    const others = headers.filter((h) => h.marker !== 0xc0).map((h) => h.bytes);
    const withSof = (frame: Uint8Array, tail: ArrayLike<number> = rest) => concat(SOI, ...others, frame, tail);
    // Frames decode refuses before looking at any scan.
    const frameOnly = (frame: Uint8Array) => withSof(frame, EOI);
    const cases: [string, Uint8Array, string][] = [
      ['not a JPEG', new Uint8Array([0x89, 0x50, 0x4e, 0x47]), ErrorCode.CORRUPT],
      ['empty', new Uint8Array(0), ErrorCode.CORRUPT],
      ['cut inside a header segment', sampleJpeg.subarray(0, 30), ErrorCode.TRUNCATED],
      ['cut inside the scan', sampleJpeg.subarray(0, sampleJpeg.length - 40), ErrorCode.TRUNCATED],
      ['no SOF', concat(SOI, ...others, EOI), ErrorCode.CORRUPT],
      ['SOS before SOF', concat(SOI, ...others, rest.subarray(0, rest.length - 2), sof, EOI), ErrorCode.CORRUPT],
      ['two SOF', withSof(concat(sof, sof)), ErrorCode.CORRUPT],
      ['no scan', withSof(sof, EOI), ErrorCode.CORRUPT],
      ['zero width', withSof(segment(0xc0, sofPayload(0, 16, [[1, 1, 1, 0], [2, 1, 1, 1], [3, 1, 1, 1]]))), ErrorCode.CORRUPT],
      ['sampling factor 5', withSof(segment(0xc0, sofPayload(24, 16, [[1, 5, 1, 0], [2, 1, 1, 1], [3, 1, 1, 1]]))), ErrorCode.CORRUPT],
      ['a segment length of 1', concat(SOI, [0xff, 0xe1, 0, 1], sampleJpeg.subarray(2)), ErrorCode.CORRUPT],
      ['a reserved marker', concat(SOI, segment(0xf7, [1, 2]), sampleJpeg.subarray(2)), ErrorCode.CORRUPT],
      ['a second SOI', concat(SOI, SOI, sampleJpeg.subarray(2)), ErrorCode.CORRUPT],
      ['garbage entropy data', concat(SOI, ...headers.map((h) => h.bytes), rest.subarray(0, 14), new Uint8Array(40).fill(0xfe), EOI), ErrorCode.CORRUPT],
      ['12-bit samples', frameOnly(segment(0xc1, sofPayload(24, 16, [[1, 1, 1, 0], [2, 1, 1, 1], [3, 1, 1, 1]], 12))), ErrorCode.UNSUPPORTED],
      ['arithmetic coding', frameOnly(segment(0xc9, sofPayload(24, 16, [[1, 1, 1, 0], [2, 1, 1, 1], [3, 1, 1, 1]]))), ErrorCode.UNSUPPORTED],
      ['lossless', frameOnly(segment(0xc3, sofPayload(24, 16, [[1, 1, 1, 0], [2, 1, 1, 1], [3, 1, 1, 1]]))), ErrorCode.UNSUPPORTED],
      ['2 components', frameOnly(segment(0xc0, sofPayload(24, 16, [[1, 1, 1, 0], [2, 1, 1, 1]]))), ErrorCode.UNSUPPORTED],
      ['4 components without Adobe', frameOnly(segment(0xc0, sofPayload(24, 16, [[1, 1, 1, 0], [2, 1, 1, 1], [3, 1, 1, 1], [4, 1, 1, 1]]))), ErrorCode.UNSUPPORTED],
      ['height set by DNL', frameOnly(segment(0xc0, sofPayload(24, 0, [[1, 1, 1, 0], [2, 1, 1, 1], [3, 1, 1, 1]]))), ErrorCode.UNSUPPORTED],
      ['fractional sampling', frameOnly(segment(0xc0, sofPayload(24, 16, [[1, 3, 1, 0], [2, 2, 1, 1], [3, 1, 1, 1]]))), ErrorCode.UNSUPPORTED],
    ];
    for (const [what, bytes, expected] of cases) expect([what, code(() => decode(bytes))]).toEqual([what, expected]);
  });

  it('refuses a progressive file without EOI, which may lack whole scans', () => {
    const progressive = fixture('pillow/truncated_jpeg.jpg');
    expect(code(() => decode(progressive))).toBe(ErrorCode.TRUNCATED);
  });

  it('refuses a progressive scan whose data ends before its last MCU (libjpeg would leave later MCUs empty)', () => {
    // 17×9 4:2:0: the first (DC) scan codes 2 MCUs; keep one byte of its data, so it runs out inside the first MCU.
    const { headers, rest } = splitHeaders(fixture('generated/pil_gradient_17x9_420_progressive.jpg'));
    const dataStart = 2 + ((rest[2]! << 8) | rest[3]!);
    let dataEnd = dataStart;
    while (!(rest[dataEnd] === 0xff && rest[dataEnd + 1] !== 0)) dataEnd++;
    expect(dataEnd - dataStart).toBeGreaterThan(1);
    const short = concat(SOI, ...headers.map((h) => h.bytes), rest.subarray(0, dataStart + 1), rest.subarray(dataEnd));
    expect(code(() => decode(short))).toBe(ErrorCode.CORRUPT);
  });

  it('refuses a short last restart interval followed by more than its padding', () => {
    // The first luma AC scan's last interval holds 1 of 2 blocks and ends at offset 3152 (FF C4 follows).
    const file = fixture('generated/cv_testorig_q90_progressive_rst2.jpg');
    expect([file[3152], file[3153]]).toEqual([0xff, 0xc4]);
    const padded = concat(file.subarray(0, 3152), [0x5a, 0xa5], file.subarray(3152));
    expect(code(() => decode(padded))).toBe(ErrorCode.CORRUPT);
  });

  it('bounds the number of scans', () => {
    const scan = segment(0xda, [1, 1, 0x00, 0, 0, 0x01]);
    const many = concat(SOI, segment(0xc2, sofPayload(8, 8, [[1, 1, 1, 0]])), ...Array.from({ length: 1001 }, () => scan), EOI);
    expect(code(() => decode(many))).toBe(ErrorCode.CORRUPT);
  });
});

describe('jpegCodec.sniff', () => {
  it('needs SOI and the next marker byte', () => {
    expect(jpegCodec.sniff(sampleJpeg)).toBe(true);
    expect(jpegCodec.sniff(new Uint8Array([0xff, 0xd8]))).toBe(false);
    expect(jpegCodec.sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false);
    expect(jpegCodec.sniff(new Uint8Array(0))).toBe(false);
  });
});
