// Decompression bombs: a file declaring far more pixel bytes than its size can carry is refused from its header, before
// anything is allocated (maxExpansion, src/raw-image.ts). The three files were found by the fuzz harness's
// memory-measured share: a 64-byte RLE8 BMP declaring 16383×16383, a tiny GIF frame on a huge logical screen, VP8L
// codes of 0 bits a pixel on a huge canvas.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ErrorCode, decode, imageToText, textToImage } from '../../src/index.js';
import { bmpCodec } from '../../src/formats/bmp/index.js';
import { gifCodec } from '../../src/formats/gif/index.js';
import { jpegCodec } from '../../src/formats/jpeg/index.js';
import { pngCodec } from '../../src/formats/png/index.js';
import { webpCodec } from '../../src/formats/webp/index.js';
import { DEFAULT_MAX_EXPANSION, DEFAULT_MAX_PIXELS, EXPANSION_ALLOWANCE_BYTES, byteLengthFor, checkExpansion } from '../../src/raw-image.js';
import { bmp, greyPalette } from '../support/bytes.js';
import { expectPixtextError } from '../support/errors.js';
import { expectBounded, measure } from './measure.js';

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const GIF_BOMB = fromBase64('R0lGODlhAgACAIEAAEW+yDuwQmlnH42rOCwAAAA/ARA7AAACAAAAAAIDFBQFAA==');
const WEBP_BOMB = fromBase64('UklGRh4AAABXRUJQVlA4TBIAAAAvAf8BArw+AAAQzXUhov+Bd5BEXCMkDA==');
/** RLE8, straight to end-of-bitmap: every pixel is index 0. */
const rle8 = (side: number) => bmp({ width: side, height: side, bitsPerPixel: 8, compression: 1, colorsUsed: 2, palette: greyPalette(2).fill(200, 4, 7), data: Uint8Array.of(0, 1) });
const BMP_BOMB = rle8(16383);

describe('maxExpansion', () => {
  it('is 8,256 bytes of pixels a byte beyond 48 MiB, exactly at the boundary', () => {
    expect([DEFAULT_MAX_EXPANSION, EXPANSION_ALLOWANCE_BYTES]).toEqual([8256, 50_331_648]);
    // 1 byte of file: 8,256 + 50,331,648 = 50,339,904 bytes of L pixels allowed; one row more is refused.
    expect(() => checkExpansion(50_339_904, 1, 'L', 1, 8256, 'Here')).not.toThrow();
    const error = expectPixtextError(() => checkExpansion(50_339_905, 1, 'L', 1, 8256, 'Here'), ErrorCode.TOO_LARGE);
    expect(error.message).toBe(
      'Here declares 50339905×1 L = 50339905 bytes of pixels from a file of 1 bytes, over maxExpansion 8256 × 1 + 50331648 bytes ' +
        '(a decompression bomb); pass a larger maxExpansion (Infinity disables the check) to decode it',
    );
    expect(() => checkExpansion(65535, 65535, 'RGBA16', 1, Infinity, 'Here')).not.toThrow();
  });

  it.each([
    ['BMP (RLE8 end-of-bitmap, 16383×16383)', BMP_BOMB, 'BMP header declares 16383×16383 P = 268402689 bytes of pixels from a file of 64 bytes'],
    ['GIF (tiny frame, 4097×16187 screen)', GIF_BOMB, 'GIF logical screen declares 4097×16187 P = 66318139 bytes of pixels from a file of 46 bytes'],
    ['WebP (VP8L, 16130×2056)', WEBP_BOMB, 'WebP canvas declares 16130×2056 RGB = 99489840 bytes of pixels from a file of 43 bytes'],
  ])('refuses the %s bomb from its header, allocating nothing', (_name, file, message) => {
    const m = measure(() => decode(file));
    expect(m.error).toMatchObject({ code: ErrorCode.TOO_LARGE });
    expect((m.error as Error).message).toContain(message);
    expect((m.error as Error).message).toContain('maxExpansion');
    expect(m.buffers).toBeLessThan(1024 * 1024);
    expectBounded(m, 100);
  });

  it('lifts with maxExpansion: Infinity (decode, textToImage, imageToText), and a larger maxExpansion', () => {
    const file = rle8(8192); // 67,108,864 bytes of pixels from 64 bytes: over 48 MiB + 8,256 × 64
    expectPixtextError(() => decode(file), ErrorCode.TOO_LARGE);
    const image = decode(file, { maxExpansion: Infinity });
    expect([image.width, image.height, image.mode, image.data.length, image.data[0], image.data[image.data.length - 1]]).toEqual([8192, 8192, 'P', 67_108_864, 0, 0]);
    expect(decode(file, { maxExpansion: 280_000 }).width).toBe(8192);
    expectPixtextError(() => decode(file, { maxExpansion: 250_000 }), ErrorCode.TOO_LARGE);
    const dataUrl = `data:image/bmp;base64,${Buffer.from(file).toString('base64')}`;
    expectPixtextError(() => textToImage(dataUrl), ErrorCode.TOO_LARGE);
    expect(textToImage(dataUrl, { maxExpansion: Infinity }).height).toBe(8192);
    expectPixtextError(() => imageToText(file, { encoding: 'png' }), ErrorCode.TOO_LARGE);
    expect(imageToText(file, { encoding: 'png', maxExpansion: Infinity }).length).toBeGreaterThan(0);
  });

  it('refuses a maxExpansion that is not a non-negative number', () => {
    for (const value of [-1, Number.NaN, '8256', null]) expectPixtextError(() => decode(BMP_BOMB, { maxExpansion: value as never }), ErrorCode.INVALID_ARGUMENT);
  });

  it('refuses no image file among the test fixtures (the ratio each header declares is under the default)', () => {
    const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
    const codecs = [pngCodec, jpegCodec, bmpCodec, gifCodec, webpCodec];
    let checked = 0;
    let largest = 0;
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(png|jpe?g|bmp|gif|webp)$/i.test(name)) {
          const bytes = new Uint8Array(readFileSync(path));
          const codec = codecs.find((c) => c.sniff(bytes));
          if (codec === undefined) continue;
          let header;
          try {
            header = codec.header(bytes);
          } catch {
            continue; // a broken file: refused for what it is
          }
          if (header.width * header.height > DEFAULT_MAX_PIXELS) continue; // refused by maxPixels first
          checked++;
          const declared = byteLengthFor(header.mode, header.width, header.height);
          largest = Math.max(largest, (declared - EXPANSION_ALLOWANCE_BYTES) / bytes.length);
          expect(declared, path).toBeLessThanOrEqual(DEFAULT_MAX_EXPANSION * bytes.length + EXPANSION_ALLOWANCE_BYTES);
        }
      }
    };
    walk(root);
    expect(checked).toBeGreaterThan(500);
    expect(largest).toBeLessThan(DEFAULT_MAX_EXPANSION);
  });
});
