import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { isPilDump, readPilDump, writePilDump } from '../../src/text-forms/pil-dump.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';
import { byteLengthFor } from '../../src/raw-image.js';
import { convert, decode, imageToText, inspect, textToImage } from '../../src/index.js';
import { expectPixtextError } from '../support/errors.js';

const FIXTURES = new URL('../fixtures/pil-dump/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const read = (value: unknown, maxPixels = 1e8) => readPilDump(value as Record<string, unknown>, { maxPixels });
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
};

describe('readPilDump: dumps written by Pillow (the original app)', () => {
  const cases: [string, PixelMode, number, number][] = [
    ['1', '1', 13, 3],
    ['L', 'L', 7, 3],
    ['LA', 'LA', 7, 3],
    ['P', 'P', 7, 3],
    ['RGB', 'RGB', 7, 3],
    ['RGBA', 'RGBA', 7, 3],
    ['RGBX', 'RGB', 7, 3],
    ['CMYK', 'RGB', 7, 3],
    ['I_16', 'L16', 7, 3],
    ['I_16B', 'L16', 7, 3],
  ];
  it.each(cases)('%s reads to the pixels Pillow gives', (name, mode, width, height) => {
    const value = JSON.parse(text(`from-pillow/${name}.json`)) as unknown;
    expect(isPilDump(value)).toBe(true);
    const image = read(value);
    expect({ width: image.width, height: image.height, mode: image.mode }).toEqual({ width, height, mode });
    expect(image.data).toEqual(bytes(`from-pillow/${name}.expected`));
    expect(image.palette).toBeUndefined();
  });

  it('reads P without a palette as grey indices, as Pillow shows the dump', () => {
    const image = read(JSON.parse(text('from-pillow/P.json')));
    const rgba = bytes('from-pillow/P.rgba');
    // Pillow's RGBA for the palette-less dump is index i → (i, i, i, 255): what a RawImage P without palette means.
    expect(Array.from(rgba)).toEqual(Array.from(image.data).flatMap((i) => [i, i, i, 255]));
  });
});

describe("Pillow's 32-bit modes and the palette-less P dump (fixtures made once by Pillow 9.4)", () => {
  it('an I dump (a 16-bit grey PNG as Pillow opens it) reads to L16, the samples pixtext decodes from that PNG', () => {
    const dump = text('from-pillow/I.json');
    const expected = bytes('from-pillow/I.expected');
    const image = textToImage(dump);
    expect({ width: image.width, height: image.height, mode: image.mode }).toEqual({ width: 7, height: 3, mode: 'L16' });
    expect(image.data).toEqual(expected);
    expect(decode(bytes('from-pillow/I.png')).data).toEqual(expected);
    expect(inspect(dump)).toMatchObject({ form: 'pil', width: 7, height: 3, mode: 'L16', byteLength: 7 * 3 * 4 });
  });

  it('an I dump with values outside 0..65535 is ERR_UNSUPPORTED naming the range found', () => {
    const { min, max } = JSON.parse(text('from-pillow/I-range.extrema.json')) as { min: number; max: number };
    const error = expectPixtextError(() => textToImage(text('from-pillow/I-range.json')), 'ERR_UNSUPPORTED');
    expect(error.message).toContain(`${min}..${max}`);
    expect(error.message).toContain('0..65535');
  });

  it('an I dump of the wrong length is ERR_LENGTH_MISMATCH (4 bytes a pixel)', () => {
    const value = JSON.parse(text('from-pillow/I.json')) as { img_info: { size: number[] } };
    value.img_info.size = [7, 4];
    expect(code(() => read(value))).toBe(ErrorCode.LENGTH_MISMATCH);
  });

  it('an F dump is ERR_UNSUPPORTED saying what to convert to first', () => {
    const error = expectPixtextError(() => textToImage(text('from-pillow/F.json')), 'ERR_UNSUPPORTED');
    expect(error.message).toContain('"F"');
    expect(error.message).toMatch(/convert/);
  });

  it('a P dump without a palette reads as the grey ramp and inspect says the palette is missing', () => {
    const dump = text('from-pillow/P.json');
    expect(inspect(dump)).toMatchObject({ form: 'pil', mode: 'P', paletteMissing: true });
    const image = textToImage(dump);
    expect(image.palette).toBeUndefined();
    expect(convert(image, 'RGBA').data).toEqual(bytes('from-pillow/P.rgba'));
    // Written by pixtext with its palette: nothing missing.
    const withPalette = imageToText({ ...image, palette: Uint8Array.from({ length: 1024 }, (_, i) => i & 0xff) }, { as: 'pil' });
    expect(inspect(withPalette).paletteMissing).toBeUndefined();
    expect(inspect(text('from-pillow/L.json')).paletteMissing).toBeUndefined();
  });
});

interface WriterCase {
  name: string;
  mode: PixelMode;
  width: number;
  height: number;
  format: string | null;
  palette?: string;
}

describe('writePilDump: the text Python json.dumps writes', () => {
  const cases = JSON.parse(text('writer/cases.json')) as WriterCase[];
  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const image: RawImage = { width: c.width, height: c.height, mode: c.mode, data: bytes(`writer/${name}.raw`) };
    if (c.palette !== undefined) image.palette = new Uint8Array(Buffer.from(c.palette, 'base64'));
    const written = writePilDump(image, c.format === null ? {} : { format: c.format });
    expect(written).toBe(text(`writer/${name}.json`));
    // And back: our reader gives the image again (BGR/BGRA come back as RGB/RGBA).
    const back = read(JSON.parse(written));
    const expectedMode = c.mode === 'BGR' ? 'RGB' : c.mode === 'BGRA' ? 'RGBA' : c.mode;
    expect(back.mode).toBe(expectedMode);
    if (expectedMode === c.mode) expect(back.data).toEqual(image.data);
    expect(back.palette).toEqual(image.palette);
  });

  it('refuses 16-bit modes Pillow has no raw mode for', () => {
    for (const mode of ['LA16', 'RGB16', 'RGBA16'] as PixelMode[]) {
      const image = { width: 1, height: 1, mode, data: new Uint8Array(byteLengthFor(mode, 1, 1)) };
      expect([mode, code(() => writePilDump(image))]).toEqual([mode, ErrorCode.UNSUPPORTED]);
    }
    expect(code(() => writePilDump({ width: 1, height: 1, mode: 'L', data: new Uint8Array(2) }))).toBe(ErrorCode.INVALID_IMAGE);
    expect(code(() => writePilDump({ width: 1, height: 1, mode: 'L', data: new Uint8Array(1) }, { format: 5 as unknown as string }))).toBe(ErrorCode.INVALID_ARGUMENT);
  });
});

describe('readPilDump: bad input', () => {
  const good = () => JSON.parse(text('from-pillow/RGB.json')) as { img_info: Record<string, unknown>; img_data: unknown };
  const withInfo = (patch: Record<string, unknown>) => {
    const v = good();
    Object.assign(v.img_info, patch);
    return v;
  };

  it('gives each problem its code', () => {
    const cases: [string, unknown, string][] = [
      ['no img_info', { img_data: 'AAAA' }, ErrorCode.ENVELOPE],
      ['img_info an array', { img_info: [], img_data: 'AAAA' }, ErrorCode.ENVELOPE],
      ['size missing', withInfo({ size: undefined }), ErrorCode.ENVELOPE],
      ['size of one number', withInfo({ size: [7] }), ErrorCode.ENVELOPE],
      ['negative size', withInfo({ size: [-1, 3] }), ErrorCode.ENVELOPE],
      ['fractional size', withInfo({ size: [7.5, 3] }), ErrorCode.ENVELOPE],
      ['mode not a string', withInfo({ mode: 3 }), ErrorCode.ENVELOPE],
      ['mode F', withInfo({ mode: 'F' }), ErrorCode.UNSUPPORTED],
      ['mode YCbCr', withInfo({ mode: 'YCbCr' }), ErrorCode.UNSUPPORTED],
      ['img_data missing', { img_info: good().img_info }, ErrorCode.ENVELOPE],
      ['img_data a number', { ...good(), img_data: 12 }, ErrorCode.ENVELOPE],
      ['img_data too short', { ...good(), img_data: 'AAAA' }, ErrorCode.LENGTH_MISMATCH],
      ['img_data too long', { ...good(), img_data: (good().img_data as string) + 'AAAA' }, ErrorCode.LENGTH_MISMATCH],
      ['size not matching', withInfo({ size: [3, 7 + 1] }), ErrorCode.LENGTH_MISMATCH],
      ['stray character', { ...good(), img_data: '*' + (good().img_data as string).slice(1) }, ErrorCode.BASE64],
      ['palette on RGB', withInfo({ palette: 'AAAAAA==' }), ErrorCode.ENVELOPE],
    ];
    for (const [what, value, expected] of cases) expect([what, code(() => read(value))]).toEqual([what, expected]);
  });

  it('checks maxPixels before decoding the data', () => {
    expect(code(() => read(good(), 20))).toBe(ErrorCode.TOO_LARGE);
    expect(read(good(), 21).width).toBe(7);
    const huge = { img_info: { format: null, size: [1 << 20, 1 << 20], mode: 'RGBA' }, img_data: '' };
    expect(code(() => read(huge, Infinity))).toBe(ErrorCode.TOO_LARGE);
    const declared = { img_info: { format: null, size: [4000, 4000], mode: 'RGB' }, img_data: 'AAAA' };
    expect(code(() => read(declared))).toBe(ErrorCode.LENGTH_MISMATCH);
  });

  it('accepts line breaks in img_data and a null palette, and ignores format', () => {
    const v = good();
    const data = v.img_data as string;
    const image = read({ img_info: { ...v.img_info, format: 42, palette: null }, img_data: data.slice(0, 8) + '\n' + data.slice(8) });
    expect(image.data).toEqual(bytes('from-pillow/RGB.expected'));
  });

  it('recognises a dump by its keys only', () => {
    expect(isPilDump({ img_info: {}, img_data: '' })).toBe(true);
    expect(isPilDump({ img_data: '' })).toBe(true);
    expect(isPilDump({ pixtext: 1 })).toBe(false);
    expect(isPilDump([{ img_info: {} }])).toBe(false);
    expect(isPilDump(null)).toBe(false);
    expect(isPilDump('{"img_info":{}}')).toBe(false);
    expect(isPilDump(Object.create({ img_info: {}, img_data: '' }))).toBe(false);
  });
});

describe('Pillow dump round trip (property)', () => {
  const modes: PixelMode[] = ['1', 'L', 'LA', 'P', 'RGB', 'RGBA', 'BGR', 'BGRA', 'L16'];
  it('writePilDump → JSON.parse → readPilDump gives the image back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...modes),
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 0, max: 9 }),
        fc.uint8Array({ minLength: 4 * 17 * 9 * 2, maxLength: 4 * 17 * 9 * 2 }),
        fc.option(fc.uint8Array({ maxLength: 256 * 4 }).map((p) => p.subarray(0, p.length - (p.length % 4)))),
        fc.option(fc.string({ maxLength: 8 })),
        (mode, width, height, noise, palette, format) => {
          const length = byteLengthFor(mode, width, height);
          const data = noise.slice(0, length);
          if (mode === '1' && width % 8 !== 0) {
            // Pillow keeps no pad bits: our canonical images have them zero.
            const stride = Math.ceil(width / 8);
            for (let row = 0; row < height; row++) data[row * stride + stride - 1]! &= (0xff << (stride * 8 - width)) & 0xff;
          }
          const image: RawImage = { width, height, mode, data };
          if (mode === 'P' && palette !== null && (palette.length > 0 || length === 0)) {
            // Every index in the palette (a RawImage rule).
            for (let i = 0; i < length; i++) data[i] = data[i]! % Math.max(1, palette.length / 4);
            image.palette = palette;
          }
          const back = read(JSON.parse(writePilDump(image, format === null ? {} : { format })));
          const swapped = mode === 'BGR' || mode === 'BGRA';
          expect(back.mode).toBe(mode === 'BGR' ? 'RGB' : mode === 'BGRA' ? 'RGBA' : mode);
          if (!swapped) expect(back.data).toEqual(data);
          else {
            const n = mode === 'BGR' ? 3 : 4;
            for (let i = 0; i < data.length; i += n) {
              expect([back.data[i], back.data[i + 1], back.data[i + 2]]).toEqual([data[i + 2], data[i + 1], data[i]]);
              if (n === 4) expect(back.data[i + 3]).toBe(data[i + 3]);
            }
          }
          expect(back.palette).toEqual(image.palette);
        },
      ),
      { numRuns: 500 },
    );
  });
});
