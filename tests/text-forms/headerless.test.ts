// textToImage(text, { raw: { width, height, mode } }): bare base64 of headerless pixels, as numpy's tobytes() and
// OpenCV frames give them, with the byte count checked against the declared shape.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageToText, textToImage } from '../../src/index.js';
import { byteLengthFor } from '../../src/raw-image.js';
import type { PixelMode } from '../../src/raw-image.js';
import { base64 } from '../support/bytes.js';
import { expectPixtextError } from '../support/errors.js';

// A 2×2 BGR frame as OpenCV holds it: blue, green, red per pixel.
const bgr = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);

describe('textToImage with raw', () => {
  it('reads an OpenCV BGR frame and converts it on the way out', () => {
    expect(textToImage(base64(bgr), { raw: { width: 2, height: 2, mode: 'BGR' } })).toEqual({ width: 2, height: 2, mode: 'BGR', data: bgr });
    const rgb = textToImage(base64(bgr), { raw: { width: 2, height: 2, mode: 'BGR' }, mode: 'RGB' });
    expect(Array.from(rgb.data)).toEqual([0, 0, 255, 0, 255, 0, 255, 0, 0, 30, 20, 10]);
  });

  it('reads 16-bit little-endian samples and mode 1 rows padded to a byte', () => {
    const l16 = new Uint8Array([0x34, 0x12, 0xff, 0xff]);
    expect(textToImage(base64(l16), { raw: { width: 2, height: 1, mode: 'L16' } }).data).toEqual(l16);
    const bilevel = new Uint8Array([0b10100000, 0b01000000]); // 3×2
    expect(textToImage(base64(bilevel), { raw: { width: 3, height: 2, mode: '1' } }).data).toEqual(bilevel);
  });

  it('accepts line breaks in the base64, as numpy users paste it', () => {
    const text = base64(bgr).replace(/(.{4})/g, '$1\n');
    expect(textToImage(text, { raw: { width: 2, height: 2, mode: 'BGR' } }).data).toEqual(bgr);
  });

  it('refuses a byte count that does not fit the shape, naming both and the bytes a pixel it has', () => {
    const run = () => textToImage(base64(bgr), { raw: { width: 2, height: 2, mode: 'RGBA' } });
    expectPixtextError(run, 'ERR_LENGTH_MISMATCH');
    expect(run).toThrow('The base64 holds 12 bytes (3 bytes a pixel at 2×2), but 2×2 RGBA pixels need 16 (2 rows of 8 bytes)');
  });

  it('checks maxPixels from the shape before decoding, and refuses bad base64 and bad shapes', () => {
    expectPixtextError(() => textToImage(base64(bgr), { raw: { width: 2, height: 2, mode: 'BGR' }, maxPixels: 3 }), 'ERR_TOO_LARGE');
    expectPixtextError(() => textToImage('AAA*', { raw: { width: 1, height: 1, mode: 'RGB' } }), 'ERR_BASE64');
    expectPixtextError(() => textToImage('AAAA', { raw: { width: 0, height: 1, mode: 'RGB' } }), 'ERR_INVALID_ARGUMENT');
    expectPixtextError(() => textToImage('AAAA', { raw: { width: 1, height: 1, mode: 'CMYK' } as never }), 'ERR_INVALID_ARGUMENT');
    expectPixtextError(() => textToImage('AAAA', { raw: [1, 1, 'RGB'] as never }), 'ERR_INVALID_ARGUMENT');
  });

  it('refuses an envelope or data URL read with raw (leave raw out for those)', () => {
    const envelope = imageToText({ width: 1, height: 1, mode: 'L', data: new Uint8Array([5]) });
    expectPixtextError(() => textToImage(envelope, { raw: { width: 1, height: 1, mode: 'L' } }), 'ERR_INVALID_ARGUMENT');
    expectPixtextError(() => textToImage('data:,AAAA', { raw: { width: 1, height: 1, mode: 'RGB' } }), 'ERR_INVALID_ARGUMENT');
  });

  it('without raw, base64 that is no file says ERR_UNRECOGNIZED_TEXT and points to the option', () => {
    const text = base64(new Uint8Array(48).fill(7));
    expectPixtextError(() => textToImage(text), 'ERR_UNRECOGNIZED_TEXT');
    expect(() => textToImage(text)).toThrow(/pass their shape: textToImage\(text, \{ raw: \{ width, height, mode \} \}\)/);
    expect(() => textToImage('hello')).not.toThrow(/raw:/);
  });

  it('round-trips random pixels of every mode but P', () => {
    const modes: PixelMode[] = ['1', 'L', 'LA', 'RGB', 'RGBA', 'BGR', 'BGRA', 'L16', 'LA16', 'RGB16', 'RGBA16'];
    fc.assert(
      fc.property(fc.constantFrom(...modes), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer(), (mode, width, height, seed) => {
        const data = Uint8Array.from({ length: byteLengthFor(mode, width, height) }, (_, i) => (i * 97 + seed) & 255);
        expect(textToImage(base64(data), { raw: { width, height, mode } })).toEqual({ width, height, mode, data });
      }),
    );
  });
});
