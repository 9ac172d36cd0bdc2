import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { convert } from '../../src/pixel-modes/convert.js';
import type { RawImage } from '../../src/raw-image.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PixtextError);
    return (error as PixtextError).code;
  }
  return undefined;
};

const rgb: RawImage = { width: 1, height: 1, mode: 'RGB', data: new Uint8Array([1, 2, 3]) };

describe('convert rejects bad input with a stable code', () => {
  it.each([
    ['a non-object', null],
    ['a wrong data length', { width: 2, height: 1, mode: 'RGB', data: new Uint8Array(3) }],
    ['an unknown mode', { width: 1, height: 1, mode: 'CMYK', data: new Uint8Array(4) }],
    ['a fractional width', { width: 1.5, height: 1, mode: 'L', data: new Uint8Array(1) }],
    ['a palette on RGB', { ...rgb, palette: new Uint8Array(4) }],
    ['a palette of 257 entries', { width: 1, height: 1, mode: 'P', data: new Uint8Array(1), palette: new Uint8Array(1028) }],
    ['data that is not a Uint8Array', { width: 1, height: 1, mode: 'L', data: [1] }],
  ])('ERR_INVALID_IMAGE for %s', (_what, image) => {
    expect(codeOf(() => convert(image as RawImage, 'L'))).toBe(ErrorCode.INVALID_IMAGE);
  });

  it.each([
    ['target mode', () => convert(rgb, 'CMYK' as 'L')],
    ['options', () => convert(rgb, 'L', null as never)],
    ['options', () => convert(rgb, 'L', 'none' as never)],
    ['dither', () => convert(rgb, '1', { dither: 'ordered' as 'none' })],
    ['background out of range', () => convert(rgb, 'L', { background: [256, 0, 0] })],
    ['background too short', () => convert(rgb, 'L', { background: [1, 2] as never })],
    ['background fractional', () => convert(rgb, 'L', { background: [1.5, 0, 0] })],
    ['background a string', () => convert(rgb, 'L', { background: '#fff' as never })],
  ])('ERR_INVALID_ARGUMENT for a bad %s', (_what, run) => {
    expect(codeOf(run)).toBe(ErrorCode.INVALID_ARGUMENT);
  });

  it('validates options even when they would not be used', () => {
    expect(codeOf(() => convert(rgb, 'RGB', { dither: 'x' as 'none' }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => convert(rgb, 'RGBA', { background: [0, 0, -1] }))).toBe(ErrorCode.INVALID_ARGUMENT);
  });

  it('ERR_UNSUPPORTED for → P with 257 distinct colours, from any source mode', () => {
    const data = new Uint8Array(257 * 3);
    for (let i = 0; i < 257; i++) {
      data[i * 3] = i & 0xff;
      data[i * 3 + 2] = i >> 8;
    }
    const many: RawImage = { width: 257, height: 1, mode: 'RGB', data };
    expect(codeOf(() => convert(many, 'P'))).toBe(ErrorCode.UNSUPPORTED);
    expect(codeOf(() => convert(convert(many, 'RGBA16'), 'P'))).toBe(ErrorCode.UNSUPPORTED);
    // The same 256 colours plus one repeat are fine.
    const fits = { ...many, width: 256, data: data.slice(0, 256 * 3) };
    expect(convert(fits, 'P').palette?.length).toBe(1024);
  });

  it('ERR_TOO_LARGE, before allocating, when the result would pass 4 GiB', () => {
    // 2^29 pixels of mode 1 are 64 MiB; as RGBA16 they would be 4 GiB.
    const huge: RawImage = { width: 2 ** 16, height: 2 ** 13, mode: '1', data: new Uint8Array(2 ** 26) };
    expect(codeOf(() => convert(huge, 'RGBA16'))).toBe(ErrorCode.TOO_LARGE);
  });

  it('counts alpha as part of the colour when building a palette', () => {
    const data = new Uint8Array(257 * 4);
    for (let i = 0; i < 257; i++) data[i * 4 + 3] = i & 0xff;
    data[256 * 4] = 1;
    expect(codeOf(() => convert({ width: 257, height: 1, mode: 'RGBA', data }, 'P'))).toBe(ErrorCode.UNSUPPORTED);
  });
});
