// `subsampling`, `optimize` and `progressive` through the public API: validated at the boundary, passed to the JPEG encoder,
// defaults as Pillow's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encode } from '../../../../src/index.js';

const FIXTURES = new URL('../../../fixtures/jpeg-encode/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const photo = { width: 128, height: 96, mode: 'RGB' as const, data: read('inputs/testorig-128x96-RGB.rgb') };
const grey = { width: 128, height: 96, mode: 'L' as const, data: read('inputs/testorig-128x96-L.gray') };

const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
};

describe("encode(image, 'jpeg', { subsampling, optimize, progressive })", () => {
  it('writes the file Pillow writes for each subsampling', () => {
    expect(encode(photo, 'jpeg', { quality: 75, subsampling: '4:2:2' })).toEqual(read('out/testorig-128x96-RGB-q75-422.jpg'));
    expect(encode(photo, 'jpeg', { quality: 95, subsampling: '4:4:4' })).toEqual(read('out/testorig-128x96-RGB-q95-444.jpg'));
    expect(encode(grey, 'jpeg', { quality: 50, subsampling: '4:2:0' })).toEqual(read('out/testorig-128x96-L-q50-420.jpg'));
  });

  it('defaults to quality 90 and libjpeg sampling: 4:2:0 for colour, 1×1 for grey', () => {
    expect(encode(photo, 'jpeg')).toEqual(read('out/testorig-128x96-RGB-q90-default.jpg'));
    expect(encode(photo, 'jpeg')).toEqual(read('out/testorig-128x96-RGB-q90-420.jpg'));
    expect(encode(grey, 'jpeg', {})).toEqual(read('out/testorig-128x96-L-q90-default.jpg'));
  });

  it('writes optimized Huffman tables as Pillow does with optimize=True', () => {
    expect(encode(photo, 'jpeg', { quality: 90, subsampling: '4:2:0', optimize: true })).toEqual(read('out/testorig-128x96-RGB-q90-420-optimize.jpg'));
    expect(encode(grey, 'jpeg', { quality: 50, subsampling: '4:4:4', optimize: true })).toEqual(read('out/testorig-128x96-L-q50-444-optimize.jpg'));
    expect(encode(photo, 'jpeg', { optimize: false })).toEqual(encode(photo, 'jpeg'));
  });

  it('writes progressive files as Pillow does with progressive=True', () => {
    expect(encode(photo, 'jpeg', { quality: 75, subsampling: '4:2:2', progressive: true })).toEqual(read('out/testorig-128x96-RGB-q75-422-progressive.jpg'));
    expect(encode(grey, 'jpeg', { quality: 95, subsampling: '4:4:4', progressive: true })).toEqual(read('out/testorig-128x96-L-q95-444-progressive.jpg'));
    expect(encode(photo, 'jpeg', { progressive: false })).toEqual(encode(photo, 'jpeg'));
  });

  it('refuses anything else with ERR_INVALID_ARGUMENT', () => {
    for (const subsampling of ['4:1:1', '420', '', null, 2]) {
      expect([subsampling, codeOf(() => encode(photo, 'jpeg', { subsampling } as never))]).toEqual([subsampling, 'ERR_INVALID_ARGUMENT']);
    }
    for (const value of ['yes', 1, null]) {
      expect([value, codeOf(() => encode(photo, 'jpeg', { optimize: value } as never))]).toEqual([value, 'ERR_INVALID_ARGUMENT']);
      expect([value, codeOf(() => encode(photo, 'jpeg', { progressive: value } as never))]).toEqual([value, 'ERR_INVALID_ARGUMENT']);
    }
  });
});
