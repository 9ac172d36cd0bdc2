import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../src/errors.js';
import { fromImageData, toImageData } from '../src/image-data.js';
import type { RawImage } from '../src/raw-image.js';
import { codeOf } from './support/errors.js';


afterEach(() => {
  vi.unstubAllGlobals();
});

describe('toImageData', () => {
  it('copies RGBA pixels as they are, into memory of its own', () => {
    const image: RawImage = { width: 2, height: 1, mode: 'RGBA', data: new Uint8Array([1, 2, 3, 4, 250, 251, 252, 0]) };
    const result = toImageData(image);
    expect(result.width).toBe(2);
    expect(result.height).toBe(1);
    expect(result.colorSpace).toBe('srgb');
    expect(result.data).toBeInstanceOf(Uint8ClampedArray);
    expect([...result.data]).toEqual([1, 2, 3, 4, 250, 251, 252, 0]);
    result.data[0] = 99;
    expect(image.data[0]).toBe(1);
  });

  it('expands grey, palette, 1-bit and 16-bit modes to opaque RGBA', () => {
    expect([...toImageData({ width: 2, height: 1, mode: 'L', data: new Uint8Array([0, 200]) }).data]).toEqual([
      0, 0, 0, 255, 200, 200, 200, 255,
    ]);
    const palette = new Uint8Array([10, 20, 30, 255, 40, 50, 60, 128]);
    expect([...toImageData({ width: 3, height: 1, mode: 'P', data: new Uint8Array([1, 0, 1]), palette }).data]).toEqual([
      40, 50, 60, 128, 10, 20, 30, 255, 40, 50, 60, 128,
    ]);
    // Mode 1: most significant bit first, 1 = white; 3 pixels padded to one byte.
    expect([...toImageData({ width: 3, height: 1, mode: '1', data: new Uint8Array([0b1010_0000]) }).data]).toEqual([
      255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255,
    ]);
    // Little-endian 16-bit samples: 0x12ab keeps its high byte 0x12.
    expect([...toImageData({ width: 1, height: 1, mode: 'L16', data: new Uint8Array([0xab, 0x12]) }).data]).toEqual([
      0x12, 0x12, 0x12, 255,
    ]);
  });

  it('reads a RawImage whose data is a view at an odd offset', () => {
    const backing = new Uint8Array([9, 9, 9, 7, 8, 9, 9]);
    const image: RawImage = { width: 1, height: 1, mode: 'RGB', data: backing.subarray(3, 6) };
    expect([...toImageData(image).data]).toEqual([7, 8, 9, 255]);
  });

  it('constructs a real ImageData when the global constructor exists', () => {
    const calls: unknown[][] = [];
    class FakeImageData {
      readonly colorSpace = 'srgb' as const;
      constructor(
        readonly data: Uint8ClampedArray,
        readonly width: number,
        readonly height: number,
        settings?: unknown,
      ) {
        calls.push([data.length, width, height, settings]);
      }
    }
    vi.stubGlobal('ImageData', FakeImageData);
    const result = toImageData({ width: 1, height: 2, mode: 'L', data: new Uint8Array([5, 6]) });
    expect(result).toBeInstanceOf(FakeImageData);
    expect(calls).toEqual([[8, 1, 2, { colorSpace: 'srgb' }]]);
    expect([...result.data]).toEqual([5, 5, 5, 255, 6, 6, 6, 255]);
  });

  it('returns a plain object for an empty image, which the DOM ImageData constructor would refuse', () => {
    vi.stubGlobal(
      'ImageData',
      class {
        constructor() {
          throw new Error('zero-sized ImageData');
        }
      },
    );
    const result = toImageData({ width: 0, height: 3, mode: 'RGB', data: new Uint8Array(0) });
    expect(result).toEqual({ width: 0, height: 3, data: new Uint8ClampedArray(0), colorSpace: 'srgb' });
  });

  it('rejects a malformed image with ERR_INVALID_IMAGE', () => {
    expect(codeOf(() => toImageData({ width: 2, height: 1, mode: 'RGB', data: new Uint8Array(5) }))).toBe(ErrorCode.INVALID_IMAGE);
    expect(codeOf(() => toImageData(null as unknown as RawImage))).toBe(ErrorCode.INVALID_IMAGE);
  });
});

describe('fromImageData', () => {
  it('views ImageData as an RGBA RawImage without copying', () => {
    const data = new Uint8ClampedArray([1, 2, 3, 4, 5, 6, 7, 8]);
    const image = fromImageData({ width: 1, height: 2, data });
    expect(image.mode).toBe('RGBA');
    expect(image.width).toBe(1);
    expect(image.height).toBe(2);
    expect([...image.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    data[0] = 200;
    expect(image.data[0]).toBe(200);
  });

  it('honours a data view inside a larger buffer', () => {
    const backing = new Uint8ClampedArray([0, 0, 0, 10, 20, 30, 40, 0]);
    expect([...fromImageData({ width: 1, height: 1, data: backing.subarray(3, 7) }).data]).toEqual([10, 20, 30, 40]);
  });

  it('round-trips through toImageData', () => {
    const image: RawImage = { width: 2, height: 1, mode: 'RGBA', data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) };
    expect(fromImageData(toImageData(image))).toEqual({ ...image, data: image.data });
  });

  it.each([
    ['a wrong data length', { width: 2, height: 2, data: new Uint8ClampedArray(15) }],
    ['a fractional width', { width: 1.5, height: 2, data: new Uint8ClampedArray(12) }],
    ['a negative height', { width: 1, height: -1, data: new Uint8ClampedArray(0) }],
    ['a plain array as data', { width: 1, height: 1, data: [1, 2, 3, 4] }],
    ['no object at all', undefined],
  ])('rejects %s with ERR_INVALID_IMAGE', (_name, input) => {
    expect(codeOf(() => fromImageData(input as never))).toBe(ErrorCode.INVALID_IMAGE);
  });
});
