// PNG bombs and limits through the public API: image data inflating past the size IHDR declares is cut off there;
// palettes beyond 256 entries, zero sizes and 2^31 dimensions are refused before anything is allocated.
import { describe, expect, it } from 'vitest';
import { ErrorCode, decode, textToImage } from '../../src/index.js';
import { zlibZeroBomb } from '../zlib/bomb.js';
import { base64, crcHex, ihdr, png, pngChunk, pngWith } from '../support/bytes.js';
import { expectAccepted, expectRefused } from './measure.js';

// 1.7 MB of deflate data that inflates to 270 MB of zeros.
const bomb = zlibZeroBomb(1 << 20);

describe('PNG: image data that inflates past the declared size', () => {
  it('is cut off at the size IHDR declares (16×16 grey: 256 zero pixels), in bounded memory and time', () => {
    const file = png(pngChunk('IHDR', ihdr(16, 16, 8, 0)), pngChunk('IDAT', bomb), pngChunk('IEND'));
    const image = expectAccepted(() => decode(file));
    expect(image).toEqual({ width: 16, height: 16, mode: 'L', data: new Uint8Array(256) });
  });

  it('is cut off the same way in an interlaced palette image, read from a data URL', () => {
    const file = png(pngChunk('IHDR', ihdr(9, 7, 8, 3, 1)), pngChunk('PLTE', [10, 20, 30]), pngChunk('IDAT', bomb), pngChunk('IEND'));
    const image = expectAccepted(() => textToImage(`data:image/png;base64,${base64(file)}`));
    expect(image).toEqual({ width: 9, height: 7, mode: 'P', data: new Uint8Array(63), palette: Uint8Array.of(10, 20, 30, 255) });
  });

  it('is cut off the same way inside an envelope with encoding png', () => {
    const file = png(pngChunk('IHDR', ihdr(4, 2, 8, 6)), pngChunk('IDAT', bomb), pngChunk('IEND'));
    const text = `{"pixtext":1,"width":4,"height":2,"mode":"RGBA","encoding":"png","byteLength":${file.length},"crc32":"${crcHex(file)}","data":"${base64(file)}"}`;
    expect(expectAccepted(() => textToImage(text))).toEqual({ width: 4, height: 2, mode: 'RGBA', data: new Uint8Array(32) });
  });

  it('is refused with a small maxPixels before inflating anything', () => {
    const file = png(pngChunk('IHDR', ihdr(1000, 1000, 8, 0)), pngChunk('IDAT', bomb), pngChunk('IEND'));
    const error = expectRefused(() => decode(file, { maxPixels: 999_999 }), ErrorCode.TOO_LARGE, 50);
    expect(error.chunk).toBe('IHDR');
  });
});

describe('PNG: huge palettes', () => {
  it('refuses a PLTE of 257 entries', () => {
    const plte = new Uint8Array(257 * 3);
    const file = pngWith(ihdr(1, 1, 8, 3), Uint8Array.of(0, 0), pngChunk('PLTE', plte));
    expect(expectRefused(() => decode(file), ErrorCode.CORRUPT).chunk).toBe('PLTE');
  });

  it('refuses a PLTE whose length field claims 2 GB', () => {
    const file = pngWith(ihdr(1, 1, 8, 3), Uint8Array.of(0, 0), pngChunk('PLTE', [1, 2, 3], 0x7fff_fffd));
    expect(expectRefused(() => decode(file), ErrorCode.TRUNCATED).chunk).toBe('PLTE');
  });

  it('keeps only the entries a 1-bit image can index, and ignores a tRNS longer than the palette', () => {
    const plte = Uint8Array.from({ length: 256 * 3 }, (_, i) => i % 251);
    const trns = new Uint8Array(300).fill(7);
    const file = pngWith(ihdr(8, 1, 1, 3), Uint8Array.of(0, 0b0100_0000), pngChunk('PLTE', plte), pngChunk('tRNS', trns));
    const image = expectAccepted(() => decode(file));
    expect(image.data).toEqual(Uint8Array.of(0, 1, 0, 0, 0, 0, 0, 0));
    expect(image.palette).toEqual(Uint8Array.of(0, 1, 2, 255, 3, 4, 5, 255));
  });
});

describe('PNG: zero and 2^31 dimensions', () => {
  it.each([
    [0, 1],
    [1, 0],
    [0x8000_0000, 1],
    [1, 0x8000_0000],
    [0xffff_ffff, 0xffff_ffff],
  ])('refuses IHDR %i×%i as corrupt (PNG allows 1 to 2^31 − 1)', (width, height) => {
    const file = pngWith(ihdr(width, height, 8, 0), Uint8Array.of(0, 0));
    expect(expectRefused(() => decode(file, { maxPixels: Infinity }), ErrorCode.CORRUPT).chunk).toBe('IHDR');
  });

  it('refuses (2^31 − 1)² as too large, with the default limit and with none', () => {
    const file = pngWith(ihdr(0x7fff_ffff, 0x7fff_ffff, 8, 0), Uint8Array.of(0, 0));
    expectRefused(() => decode(file), ErrorCode.TOO_LARGE, 50);
    expectRefused(() => decode(file, { maxPixels: Infinity }), ErrorCode.TOO_LARGE, 50);
  });

  it('refuses a (2^31 − 1)×1 image without a limit when its data cannot inflate that far, before allocating 2 GB', () => {
    const file = pngWith(ihdr(0x7fff_ffff, 1, 8, 0), Uint8Array.of(0, 0));
    expect(expectRefused(() => decode(file, { maxPixels: Infinity, maxExpansion: Infinity }), ErrorCode.TRUNCATED, 50).chunk).toBe('IDAT');
    expectRefused(() => decode(file, { maxPixels: Infinity }), ErrorCode.TOO_LARGE, 50);
  });
});
