import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PIXEL_MODE_NAMES,
  bmpCodec,
  decode,
  detectFormat,
  encode,
  imageToText,
  inspect,
  jpegCodec,
  pngCodec,
  textToFile,
  textToImage,
} from '../../src/index.js';
import type { PixelMode, RawImage } from '../../src/index.js';
import { PixtextError } from '../../src/errors.js';
import { platform } from '../../src/platform-name.js';
import { base64 } from '../support/bytes.js';
import { expectPixtextError } from '../support/errors.js';
import { clearPadding, plain, rawImage, withFullPalette } from './arbitraries.js';

// Conformance files committed by the format areas (PngSuite, BMP Suite, libjpeg-turbo's test image re-encoded);
// see the README next to each.
const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));
const PNG_RGB = fixture('png/pngsuite/basn2c08.png');
const PNG_P = fixture('png/pngsuite/basn3p04.png');
const PNG_L16 = fixture('png/pngsuite/basn0g16.png');
const BMP = fixture('bmp/bmpsuite/g/rgb24.bmp');
const JPEG = fixture('jpeg/generated/im_testorig_q90_420.jpg');


const BMP_MODES: readonly PixelMode[] = ['1', 'L', 'P', 'RGB', 'RGBA', 'BGR', 'BGRA'];

describe(`the public API with the real codecs (${platform})`, () => {
  it('detects formats from magic bytes', () => {
    expect(detectFormat(PNG_RGB)).toBe('png');
    expect(detectFormat(BMP)).toBe('bmp');
    expect(detectFormat(JPEG)).toBe('jpeg');
    expect(detectFormat(PNG_RGB.buffer.slice(PNG_RGB.byteOffset, PNG_RGB.byteOffset + PNG_RGB.byteLength))).toBe('png');
    expect(detectFormat(new Uint8Array(0))).toBeUndefined();
  });

  it("checks a file carried as it is by decoding it once: a damaged one is refused, unless check is 'header'", () => {
    const damaged = PNG_RGB.slice();
    damaged[60] = damaged[60]! ^ 0xff; // inside the IDAT chunk: its CRC no longer matches, the header is intact
    expectPixtextError(() => imageToText(damaged), 'ERR_CHECKSUM');
    expectPixtextError(() => imageToText(damaged, { as: 'data-url' }), 'ERR_CHECKSUM');
    const unchecked = imageToText(damaged, { check: 'header' });
    expect(textToFile(unchecked).bytes).toEqual(damaged);
    expectPixtextError(() => textToImage(unchecked), 'ERR_CHECKSUM');
    expectPixtextError(() => imageToText(PNG_RGB, { check: 'pixels' } as never), 'ERR_INVALID_ARGUMENT');
  });

  it.each([
    ['PNG RGB', PNG_RGB],
    ['PNG P', PNG_P],
    ['PNG L16', PNG_L16],
    ['BMP', BMP],
    ['JPEG', JPEG],
  ])('stores a %s file as raw pixels, as the original file, as a data URL and as base64', (_name, file) => {
    const pixels = decode(file);
    const raw = imageToText(file, { encoding: 'raw' });
    expect(plain(textToImage(raw))).toEqual(plain(pixels));
    // With no encoding, a file travels as itself.
    expect(imageToText(file, { metadata: { name: 'x' } })).toBe(imageToText(file, { encoding: 'original', metadata: { name: 'x' } }));
    expect(inspect(raw)).toMatchObject({ form: 'envelope', encoding: 'raw', source: detectFormat(file), width: pixels.width, mode: pixels.mode });

    const original = imageToText(file, { encoding: 'original', metadata: { name: 'x' } });
    expect(JSON.parse(original)).toMatchObject({ width: pixels.width, height: pixels.height, mode: pixels.mode, byteLength: file.length });
    expect(plain(textToImage(original))).toEqual(plain(pixels));
    expect(textToFile(original)).toEqual({ format: detectFormat(file), bytes: file });

    const dataUrl = imageToText(file, { as: 'data-url' });
    expect(dataUrl.startsWith(`data:image/${detectFormat(file)};base64,`)).toBe(true);
    expect(dataUrl.endsWith(base64(file))).toBe(true);
    expect(plain(textToImage(dataUrl))).toEqual(plain(pixels));
    expect(textToFile(dataUrl).bytes).toEqual(file);
    expect(inspect(dataUrl)).toMatchObject({ form: 'data-url', width: pixels.width, height: pixels.height, mode: pixels.mode, byteLength: file.length });

    const bare = imageToText(file, { as: 'base64' });
    expect(bare).toBe(base64(file));
    expect(plain(textToImage(bare))).toEqual(plain(pixels));
    // Line-wrapped base64, as `base64` the command writes it, reads the same.
    expect(plain(textToImage(bare.replace(/.{76}/g, '$&\n')))).toEqual(plain(pixels));
    expect(inspect(bare)).toMatchObject({ form: 'base64', encoding: detectFormat(file), width: pixels.width });
  });

  it('honours file bytes given as a view at an odd offset, or as an ArrayBuffer', () => {
    const backing = new Uint8Array(PNG_RGB.length + 9).fill(0x5a);
    backing.set(PNG_RGB, 3);
    const view = backing.subarray(3, 3 + PNG_RGB.length);
    expect(textToFile(imageToText(view, { encoding: 'original' })).bytes).toEqual(PNG_RGB);
    expect(plain(decode(view))).toEqual(plain(decode(PNG_RGB)));
    const buffer = PNG_RGB.slice().buffer;
    expect(imageToText(buffer)).toBe(imageToText(PNG_RGB));
  });

  it('round-trips every mode through a PNG payload exactly', () => {
    for (const mode of PIXEL_MODE_NAMES) {
      fc.assert(
        fc.property(rawImage(mode, { maxWidth: 9, maxHeight: 4, nonEmpty: true }).map(clearPadding).map(withFullPalette), (image) => {
          const text = imageToText(image, { encoding: 'png', compressionLevel: 1 });
          expect(JSON.parse(text)).toMatchObject({ encoding: 'png', mode });
          expect(plain(textToImage(text))).toEqual(plain(image));
        }),
        { numRuns: 40 },
      );
    }
  });

  it('round-trips the modes BMP holds exactly, and names the conversion for the others', () => {
    for (const mode of PIXEL_MODE_NAMES) {
      fc.assert(
        fc.property(rawImage(mode, { maxWidth: 9, maxHeight: 4, nonEmpty: true }).map(clearPadding).map(withFullPalette), (image) => {
          // BMP palettes have no alpha: give P images an opaque palette (or none).
          if (image.palette !== undefined) for (let i = 3; i < image.palette.length; i += 4) image.palette[i] = 255;
          let text: string;
          try {
            text = imageToText(image, { encoding: 'bmp' });
          } catch (e) {
            expect(e).toBeInstanceOf(PixtextError);
            expect((e as PixtextError).code).toBe('ERR_UNSUPPORTED');
            expect((e as PixtextError).message).toMatch(/convert|png or raw/);
            expect(BMP_MODES.includes(mode) && mode !== 'P').toBe(false);
            return;
          }
          expect(plain(textToImage(text))).toEqual(plain(image));
        }),
        { numRuns: 30 },
      );
    }
  });

  it('stores JPEG only for modes it holds, restoring the declared mode (grey, BGR) on read', () => {
    const grey: RawImage = { width: 16, height: 8, mode: 'L', data: Uint8Array.from({ length: 128 }, (_, i) => i * 2) };
    const back = textToImage(imageToText(grey, { encoding: 'jpeg', quality: 100 }));
    expect(back.mode).toBe('L');
    expect(back.data.every((v, i) => Math.abs(v - grey.data[i]!) <= 3)).toBe(true);
    const bgr: RawImage = { width: 8, height: 8, mode: 'BGR', data: Uint8Array.from({ length: 192 }, (_, i) => (i % 3) * 100) };
    const bgrBack = textToImage(imageToText(bgr, { encoding: 'jpeg', quality: 100 }));
    expect(bgrBack.mode).toBe('BGR');
    expect(bgrBack.data.every((v, i) => Math.abs(v - bgr.data[i]!) <= 4)).toBe(true);
    const rgba: RawImage = { width: 1, height: 1, mode: 'RGBA', data: new Uint8Array(4) };
    const e = expectPixtextError(() => imageToText(rgba, { encoding: 'jpeg' }), 'ERR_UNSUPPORTED');
    expect(e.message).toContain('RGB');
  });

  it('returns stored bytes unchanged from textToFile, and re-encodes only for another format', () => {
    const jpegText = imageToText(JPEG, { encoding: 'original' });
    expect(textToFile(jpegText, { format: 'jpeg' }).bytes).toEqual(JPEG);
    const asPng = textToFile(jpegText, { format: 'png' });
    expect(asPng.format).toBe('png');
    expect(plain(decode(asPng.bytes))).toEqual(plain(decode(JPEG)));
    const rawText = imageToText(PNG_P);
    const png = textToFile(rawText);
    expect(png.format).toBe('png');
    expect(plain(decode(png.bytes))).toEqual(plain(decode(PNG_P)));
    expectPixtextError(() => textToFile(imageToText(PNG_L16), { format: 'bmp' }), 'ERR_UNSUPPORTED');
  });

  it('converts with mode on the way in and out', () => {
    const grey = textToImage(imageToText(PNG_RGB, { mode: 'L' }));
    expect(grey.mode).toBe('L');
    expect(plain(textToImage(imageToText(PNG_RGB), { mode: 'L' }))).toEqual(plain(grey));
    expect(plain(decode(PNG_RGB, { mode: 'L' }))).toEqual(plain(grey));
    // A conversion asked for with a file input and data-url output re-encodes (as PNG by default).
    const url = imageToText(JPEG, { as: 'data-url', mode: 'L' });
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
  });

  it('reads Pillow dump JSON and writes it', () => {
    for (const mode of ['1', 'L', 'LA', 'P', 'RGB', 'RGBA', 'BGR', 'L16'] as const) {
      fc.assert(
        fc.property(rawImage(mode, { maxWidth: 7, maxHeight: 3 }), (image) => {
          const text = imageToText(image, { as: 'pil' });
          expect(JSON.parse(text)).toHaveProperty('img_info');
          const back = textToImage(text);
          // Pillow has no BGR: the dump holds it as RGB, so it reads back with red and blue swapped into place.
          const expected = plain(image);
          if (mode === 'BGR') {
            expected.mode = 'RGB';
            for (let i = 0; i + 2 < expected.data.length; i += 3) {
              [expected.data[i], expected.data[i + 2]] = [expected.data[i + 2]!, expected.data[i]!];
            }
          }
          expect(plain(back)).toEqual(expected);
          expect(inspect(text)).toMatchObject({ form: 'pil', width: image.width, height: image.height, mode: back.mode });
        }),
        { numRuns: 20 },
      );
    }
    expect(JSON.parse(imageToText(PNG_RGB, { as: 'pil' })).img_info.format).toBe('PNG');
  });

  it('rejects what a header declares over maxPixels before decoding, in every text form', () => {
    // A PNG whose IHDR declares 20000 × 20000, made from a real PNG by rewriting the IHDR (CRC fixed).
    const big = PNG_RGB.slice(0, 33);
    const view = new DataView(big.buffer);
    view.setUint32(16, 20000);
    view.setUint32(20, 20000);
    view.setUint32(29, zlibCrc(big.subarray(12, 29)));
    const file = new Uint8Array([...big, ...PNG_RGB.subarray(33)]);
    const start = performance.now();
    expectPixtextError(() => imageToText(file), 'ERR_TOO_LARGE');
    expectPixtextError(() => imageToText(file, { encoding: 'original' }), 'ERR_TOO_LARGE');
    expectPixtextError(() => textToImage(base64(file)), 'ERR_TOO_LARGE');
    expectPixtextError(() => textToImage(`data:image/png;base64,${base64(file)}`), 'ERR_TOO_LARGE');
    expectPixtextError(() => decode(file), 'ERR_TOO_LARGE');
    expect(performance.now() - start).toBeLessThan(1000);
    expectPixtextError(() => imageToText(PNG_RGB, { maxPixels: 100 }), 'ERR_TOO_LARGE');
  });

  it('encodes with each codec through encode()', () => {
    const image = decode(PNG_RGB);
    expect(plain(pngCodec.decode(encode(image, 'png'), { maxPixels: Infinity }))).toEqual(plain(image));
    expect(plain(bmpCodec.decode(encode(image, 'bmp'), { maxPixels: Infinity }))).toEqual(plain(image));
    expect(jpegCodec.header(encode(image, 'jpeg', { quality: 50 }))).toMatchObject({ width: 32, height: 32 });
    expectPixtextError(() => encode({ ...image, data: new Uint8Array(3) }, 'png'), 'ERR_INVALID_IMAGE');
  });
});

function zlibCrc(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}
