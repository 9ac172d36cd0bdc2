import { describe, expect, it } from 'vitest';
import { PIXEL_MODES, PIXEL_MODE_NAMES, byteLengthFor, isPixelMode, rowStride, validateRawImage } from '../src/raw-image.js';
import type { PixelMode } from '../src/raw-image.js';
import { platform } from '../src/platform-name.js';
import { codeOf } from './support/errors.js';


describe(`raw-image (${platform})`, () => {
  it('names every mode of PIXEL_MODES, in table order, and nothing else', () => {
    expect(PIXEL_MODE_NAMES).toEqual(['1', 'L', 'LA', 'P', 'RGB', 'RGBA', 'BGR', 'BGRA', 'L16', 'LA16', 'RGB16', 'RGBA16']);
    expect(PIXEL_MODE_NAMES).toEqual(Object.keys(PIXEL_MODES));
    for (const name of ['', 'rgb', 'I;16', 'toString', '__proto__', 'constructor']) expect(isPixelMode(name)).toBe(false);
  });

  it('gives strides from the same sizes as PIXEL_MODES', () => {
    for (const mode of PIXEL_MODE_NAMES) {
      const { channels, bitsPerSample } = PIXEL_MODES[mode];
      for (const width of [0, 1, 7, 8, 9, 1000]) {
        const expected = bitsPerSample === 1 ? Math.ceil(width / 8) : (width * channels * bitsPerSample) / 8;
        expect({ mode, width, stride: rowStride(mode, width) }).toEqual({ mode, width, stride: expected });
      }
    }
    const strides: Record<PixelMode, number> = {
      '1': 2, L: 9, LA: 18, P: 9, RGB: 27, RGBA: 36, BGR: 27, BGRA: 36, L16: 18, LA16: 36, RGB16: 54, RGBA16: 72,
    };
    for (const mode of PIXEL_MODE_NAMES) expect(byteLengthFor(mode, 9, 3)).toBe(strides[mode] * 3);
  });

  it('refuses malformed images with ERR_INVALID_IMAGE', () => {
    const good = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array(6) };
    expect(validateRawImage(good)).toBe(good);
    const bad: unknown[] = [
      null,
      7,
      { ...good, width: -1 },
      { ...good, width: 1.5 },
      { ...good, height: '1' },
      { ...good, mode: 'rgb' },
      { ...good, data: [0, 0, 0, 0, 0, 0] },
      { ...good, data: new Uint8Array(5) },
      { ...good, palette: new Uint8Array(4) },
      { width: 1, height: 1, mode: 'P', data: new Uint8Array(1), palette: new Uint8Array(3) },
      { width: 1, height: 1, mode: 'P', data: new Uint8Array(1), palette: new Uint8Array(1028) },
      { width: 1, height: 1, mode: 'P', data: new Uint8Array(1), palette: [0, 0, 0, 0] },
    ];
    for (const image of bad) expect(codeOf(() => validateRawImage(image))).toBe('ERR_INVALID_IMAGE');
  });
});
