// resize's refusals: bad options, boxes outside the image, filters modes 1 and P cannot take, sizes over maxPixels.
import { describe, expect, it } from 'vitest';
import { resize } from '../../src/index.js';
import type { RawImage } from '../../src/index.js';
import { expectPixtextError } from '../support/errors.js';

const grey: RawImage = { width: 4, height: 3, mode: 'L', data: new Uint8Array(12) };

describe('resize refuses what it cannot do', () => {
  it.each([
    ['no options', undefined],
    ['no width', { height: 2 }],
    ['zero width', { width: 0, height: 2 }],
    ['fractional height', { width: 2, height: 1.5 }],
    ['a string width', { width: '2', height: 2 }],
    ['an unknown filter', { width: 2, height: 2, filter: 'cubic' }],
    ['a box of three numbers', { width: 2, height: 2, box: [0, 0, 1] }],
    ['a NaN in the box', { width: 2, height: 2, box: [0, 0, NaN, 1] }],
    ['a negative box edge', { width: 2, height: 2, box: [-1, 0, 2, 2] }],
    ['a box past the right edge', { width: 2, height: 2, box: [0, 0, 4.5, 2] }],
    ['a box upside down', { width: 2, height: 2, box: [0, 2, 2, 1] }],
    ['a bad maxPixels', { width: 2, height: 2, maxPixels: -1 }],
  ])('%s: ERR_INVALID_ARGUMENT', (_, options) => {
    const error = expectPixtextError(() => resize(grey, options as never), 'ERR_INVALID_ARGUMENT');
    expect(error.message).toMatch(/^Expected .+ for .+ but received /);
  });

  it('names the option and the value', () => {
    expect(expectPixtextError(() => resize(grey, { width: 2, height: 2, filter: 'cubic' as never }), 'ERR_INVALID_ARGUMENT').message).toBe(
      "Expected one of 'nearest', 'box', 'bilinear', 'hamming', 'bicubic', 'lanczos' for filter but received \"cubic\"",
    );
  });

  it('refuses a malformed image', () => {
    expectPixtextError(() => resize({ ...grey, data: new Uint8Array(5) }, { width: 2, height: 2 }), 'ERR_INVALID_IMAGE');
  });

  it.each(['1', 'P'] as const)('mode %s takes nearest only, naming the conversion', (mode) => {
    const image: RawImage = { width: 8, height: 1, mode, data: new Uint8Array(mode === '1' ? 1 : 8) };
    const error = expectPixtextError(() => resize(image, { width: 4, height: 1 }), 'ERR_UNSUPPORTED');
    expect(error.message).toContain("filter: 'nearest'");
    expect(error.message).toContain('convert(image,');
    expect(resize(image, { width: 4, height: 1, filter: 'nearest' }).width).toBe(4);
  });

  it('checks the output size against maxPixels before allocating', () => {
    expectPixtextError(() => resize(grey, { width: 100_000, height: 100_000 }), 'ERR_TOO_LARGE');
    expectPixtextError(() => resize(grey, { width: 10, height: 10, maxPixels: 99 }), 'ERR_TOO_LARGE');
    expect(resize(grey, { width: 10, height: 10, maxPixels: 100 }).data.length).toBe(100);
  });

  it('bounds the intermediate image: a tall strip made wide is refused when the horizontal pass would be too big', () => {
    const strip: RawImage = { width: 1, height: 20_000, mode: 'L', data: new Uint8Array(20_000) };
    // The output is 20,000 × 1, but Pillow's horizontal pass first makes 20,000 × 20,000.
    expectPixtextError(() => resize(strip, { width: 20_000, height: 1, filter: 'bilinear' }), 'ERR_TOO_LARGE');
  });

  it('refuses to invent pixels for an empty image', () => {
    const empty: RawImage = { width: 0, height: 3, mode: 'L', data: new Uint8Array(0) };
    expectPixtextError(() => resize(empty, { width: 2, height: 2 }), 'ERR_UNSUPPORTED');
  });
});
