// An envelope whose `mode` contradicts its stored file is refused (ERR_ENVELOPE naming both modes), not converted
// silently; a declared mode that holds the file's pixels exactly (a byte-order swap, grey RGB as L, black and white
// as 1) is still restored. Files built by hand (tests/support/bytes.ts), so no expected pixel comes from the codecs.
import { describe, expect, it } from 'vitest';
import { imageToText, textToFile, textToImage } from '../../src/index.js';
import type { RawImage } from '../../src/index.js';
import { base64, bmp, crcHex, greyPalette, ihdr, pngWith } from '../support/bytes.js';
import { expectPixtextError } from '../support/errors.js';

function envelope(mode: string, encoding: string, file: Uint8Array, width = 2, height = 1): string {
  return JSON.stringify({ pixtext: 1, width, height, mode, encoding, byteLength: file.length, crc32: crcHex(file), data: base64(file) });
}

/** A 2×1 RGB PNG (filter 0) of the given six samples. */
const rgbPng = (...samples: number[]) => pngWith(ihdr(2, 1, 8, 2), Uint8Array.of(0, ...samples));
/** A 2×1 8-bit BMP with a grey palette (read as L, as Pillow does), bottom-up, the row padded to 4 bytes. */
const greyBmp = (a: number, b: number) => bmp({ width: 2, height: 1, bitsPerPixel: 8, colorsUsed: 256, palette: greyPalette(256), data: Uint8Array.of(a, b, 0, 0) });

describe('a stored file whose pixels the declared mode cannot hold', () => {
  it('an RGB PNG declared "L" is refused, naming both modes and the first pixel that would change', () => {
    const text = envelope('L', 'png', rgbPng(7, 7, 7, 255, 0, 0));
    const error = expectPixtextError(() => textToImage(text), 'ERR_ENVELOPE');
    expect(error.chunk).toBe('mode');
    expect(error.message).toMatch(/\bL\b/);
    expect(error.message).toMatch(/\bRGB\b/);
    expect(error.message).toContain('(1, 0)');
    // textToFile hands the stored PNG out unchanged, but not from a text that contradicts itself.
    expectPixtextError(() => textToFile(text), 'ERR_ENVELOPE');
    expectPixtextError(() => textToFile(text, { format: 'bmp' }), 'ERR_ENVELOPE');
  });

  it('an L BMP declared "1" is refused, naming both modes', () => {
    const text = envelope('1', 'bmp', greyBmp(0, 100));
    const error = expectPixtextError(() => textToImage(text), 'ERR_ENVELOPE');
    expect(error.message).toMatch(/mode L\b/);
    expect(error.message).toMatch(/mode 1\b/);
    expect(error.message).toContain('(1, 0)');
  });

  it('an RGBA PNG declared "BGR" is refused (alpha would be lost)', () => {
    const file = pngWith(ihdr(1, 1, 8, 6), Uint8Array.of(0, 1, 2, 3, 4));
    expectPixtextError(() => textToImage(envelope('BGR', 'png', file, 1, 1)), 'ERR_ENVELOPE');
  });
});

describe('a declared mode that holds the stored pixels exactly', () => {
  it('grey RGB in a PNG declared "L" reads as L', () => {
    const image = textToImage(envelope('L', 'png', rgbPng(7, 7, 7, 200, 200, 200)));
    expect(image.mode).toBe('L');
    expect([...image.data]).toEqual([7, 200]);
  });

  it('black and white in an L BMP declared "1" reads as 1', () => {
    const image = textToImage(envelope('1', 'bmp', greyBmp(255, 0)));
    expect(image.mode).toBe('1');
    expect([...image.data]).toEqual([0b1000_0000]);
  });

  it('an RGB PNG declared "BGR" reads as the same pixels in B, G, R order', () => {
    const image = textToImage(envelope('BGR', 'png', rgbPng(1, 2, 3, 4, 5, 6)));
    expect(image.mode).toBe('BGR');
    expect([...image.data]).toEqual([3, 2, 1, 6, 5, 4]);
    const file = rgbPng(1, 2, 3, 4, 5, 6);
    expect(textToFile(envelope('BGR', 'png', file)).bytes).toEqual(file);
  });

  // WebP holds only RGB and RGBA: grey comes back as R = G = B, and must be read as the grey it was written as.
  it.each<[RawImage['mode'], number[]]>([
    ['L', [0, 7, 200, 255]],
    ['LA', [0, 255, 7, 0, 200, 128, 255, 1]],
    ['RGB', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    ['RGBA', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]],
  ])('a %s image stored as WebP reads back as the same pixels', (mode, samples) => {
    const image: RawImage = { width: 2, height: 2, mode, data: Uint8Array.from(samples) };
    const back = textToImage(imageToText(image, { encoding: 'webp' }));
    expect(back.mode).toBe(mode);
    expect([...back.data]).toEqual(samples);
  });
});
