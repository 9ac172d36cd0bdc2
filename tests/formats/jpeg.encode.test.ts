import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { jpegCodec } from '../../src/formats/jpeg/index.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';
import { byteLengthFor } from '../../src/raw-image.js';
import { psnr } from './jpeg-psnr.js';

const encode = (image: RawImage, quality = 90) => jpegCodec.encode(image, { quality, compressionLevel: 6 });
const decode = (bytes: Uint8Array) => jpegCodec.decode(bytes, { maxPixels: 1e8 });
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
};

/**
 * A smooth image: per channel a base level, a slope of at most `8` levels a pixel each way, and a gentle wave
 * (period about 57 pixels), clamped to 0–255. "Smooth" means bounded change between neighbours, at any size.
 */
function smooth(width: number, height: number, params: number[], wave: number, mode: 'RGB' | 'BGR' = 'RGB'): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ripple = wave * Math.sin((x + 2 * y) / 9);
      for (let c = 0; c < 3; c++) {
        const [base, sx, sy] = [params[3 * c]!, params[3 * c + 1]! / 16, params[3 * c + 2]! / 16];
        data[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(base + sx * x + sy * y + ripple)));
      }
    }
  }
  return { width, height, mode, data };
}

const swapRB = (image: RawImage, mode: PixelMode): RawImage => {
  const data = image.data.slice();
  for (let i = 0; i < data.length; i += 3) [data[i], data[i + 2]] = [data[i + 2]!, data[i]!];
  return { ...image, mode, data };
};

const sample = smooth(40, 24, [30, 128, -16, 200, -100, 60, 90, 40, 120], 12);

describe('jpegCodec.encode', () => {
  it('writes a baseline JFIF file that decodes close to the source', () => {
    const bytes = encode(sample);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(Array.from(bytes.subarray(-2))).toEqual([0xff, 0xd9]);
    expect(jpegCodec.header(bytes)).toEqual({ width: 40, height: 24, mode: 'RGB' });
    const back = decode(bytes);
    expect(psnr(back.data, sample.data)).toBeGreaterThan(35);
  });

  it('returns a plain Uint8Array of its own, not a pooled Buffer view', () => {
    const bytes = encode(sample);
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });

  it('writes BGR as the same file as the RGB image it holds', () => {
    expect(encode(swapRB(sample, 'BGR'))).toEqual(encode(sample));
  });

  it('writes L as one grey component that decodes as L', () => {
    const grey: RawImage = { width: 16, height: 8, mode: 'L', data: Uint8Array.from({ length: 128 }, (_, i) => (i * 2) & 0xff) };
    const bytes = encode(grey, 95);
    // SOF0 after SOI, APP0 (18 bytes) and one DQT (69): one component, id 1, sampling 1×1, table 0.
    expect(Array.from(bytes.subarray(89, 89 + 2 + 2 + 1 + 4 + 1 + 3))).toEqual([0xff, 0xc0, 0, 11, 8, 0, 8, 0, 16, 1, 1, 0x11, 0]);
    const back = decode(bytes);
    expect([back.mode, back.width, back.height]).toEqual(['L', 16, 8]);
    expect(psnr(back.data, grey.data)).toBeGreaterThan(35);
  });

  it('defaults to quality 90', () => {
    expect(jpegCodec.encode(sample, {})).toEqual(encode(sample, 90));
  });

  it('gets smaller as quality drops', () => {
    const sizes = [10, 50, 95].map((q) => encode(sample, q).length);
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
  });

  it('refuses modes JPEG cannot hold, empty images and bad quality', () => {
    for (const mode of ['1', 'LA', 'P', 'RGBA', 'BGRA', 'L16', 'LA16', 'RGB16', 'RGBA16'] as PixelMode[]) {
      const image = { width: 2, height: 2, mode, data: new Uint8Array(byteLengthFor(mode, 2, 2)) };
      expect([mode, code(() => encode(image))]).toEqual([mode, ErrorCode.UNSUPPORTED]);
    }
    expect(code(() => encode({ width: 0, height: 3, mode: 'RGB', data: new Uint8Array(0) }))).toBe(ErrorCode.UNSUPPORTED);
    expect(code(() => encode({ width: 65536, height: 1, mode: 'L', data: new Uint8Array(65536) }))).toBe(ErrorCode.TOO_LARGE);
    for (const quality of [0, 101, 1.5, Number.NaN]) expect(code(() => encode(sample, quality))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(code(() => encode({ width: 2, height: 2, mode: 'RGB', data: new Uint8Array(5) }))).toBe(ErrorCode.INVALID_IMAGE);
  });
});

describe('jpegCodec.encode without a global Buffer (as in browsers)', () => {
  const scope = globalThis as { Buffer?: unknown };

  /** Runs `body` with globalThis.Buffer replaced by `descriptor` (or absent), restoring Node's afterwards. */
  function withGlobalBuffer<T>(descriptor: PropertyDescriptor | undefined, body: () => T): T {
    const saved = Object.getOwnPropertyDescriptor(scope, 'Buffer');
    delete scope.Buffer;
    if (descriptor !== undefined) Object.defineProperty(scope, 'Buffer', descriptor);
    try {
      return body();
    } finally {
      delete scope.Buffer;
      if (saved !== undefined) Object.defineProperty(scope, 'Buffer', saved);
    }
  }

  it('encodes the same bytes and leaves no global behind', () => {
    const expected = encode(sample);
    const [bytes, after] = withGlobalBuffer(undefined, () => [encode(sample), Object.getOwnPropertyDescriptor(scope, 'Buffer')] as const);
    expect(after).toBeUndefined();
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(bytes).toEqual(expected);
  });

  it('restores a Buffer property that exists but is unusable', () => {
    const placeholder = { value: undefined, configurable: true, writable: true, enumerable: true };
    const [bytes, after] = withGlobalBuffer(placeholder, () => [encode(sample), Object.getOwnPropertyDescriptor(scope, 'Buffer')] as const);
    expect(after).toEqual(placeholder);
    expect(bytes).toEqual(encode(sample));
  });

  it('leaves the global untouched when encoding fails', () => {
    const after = withGlobalBuffer(undefined, () => {
      expect(code(() => encode({ ...sample, mode: 'RGBA', data: new Uint8Array(40 * 24 * 4) }))).toBe(ErrorCode.UNSUPPORTED);
      return Object.getOwnPropertyDescriptor(scope, 'Buffer');
    });
    expect(after).toBeUndefined();
  });
});

describe('JPEG round trip (property)', () => {
  // Chroma at full resolution (4:4:4, all jpeg-js could write) keeps 40 dB; the default 4:2:0 halves it both ways,
  // which costs a few dB on the colour slopes of these images.
  it('keeps smooth images at quality 95 above 40 dB in 4:4:4 and 30 dB in 4:2:0', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 48 }),
        fc.tuple(...[0, 1, 2].flatMap(() => [fc.integer({ min: 0, max: 255 }), fc.integer({ min: -128, max: 128 }), fc.integer({ min: -128, max: 128 })])),
        fc.integer({ min: 0, max: 16 }),
        fc.boolean(),
        (width, height, params, wave, bgr) => {
          const image = smooth(width, height, params, wave);
          const input = bgr ? swapRB(image, 'BGR') : image;
          for (const [subsampling, floor] of [['4:4:4', 40], ['4:2:0', 30]] as const) {
            const back = decode(jpegCodec.encode(input, { quality: 95, compressionLevel: 6, subsampling }));
            expect([back.width, back.height, back.mode]).toEqual([width, height, 'RGB']);
            expect(psnr(back.data, image.data)).toBeGreaterThanOrEqual(floor);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
