// The plug-in codec example: TIFF through createPixtext({ codecs }) with utif2.
import { describe, expect, it } from 'vitest';
import { convert, createPixtext, dataUrlForm, decode, pngCodec } from 'pixtext';
import type { RawImage } from 'pixtext';
import { tiffCodec } from '../../examples/plugin-tiff/tiff-codec.mjs';
import { expectPixtextError } from '../support/errors.js';

const pixtext = createPixtext({ codecs: [pngCodec, tiffCodec], forms: [dataUrlForm], convert });
const RGBA: RawImage = { width: 3, height: 2, mode: 'RGBA', data: Uint8Array.from({ length: 24 }, (_, i) => (i * 41 + 3) & 255) };

describe('examples/plugin-tiff', () => {
  it('writes and reads TIFF through the instance', () => {
    const tiff = pixtext.encode(RGBA, 'tiff');
    expect(Array.from(tiff.subarray(0, 4))).toEqual([0x4d, 0x4d, 0, 0x2a]);
    expect(pixtext.detectFormat(tiff)).toBe('tiff');
    expect(pixtext.decode(tiff)).toEqual(RGBA);
    const text = pixtext.imageToText(tiff);
    expect(JSON.parse(text)).toMatchObject({ encoding: 'raw', source: 'tiff', mode: 'RGBA' });
    expect(pixtext.textToImage(text)).toEqual(RGBA);
    expect(pixtext.decode(pixtext.textToFile(text, { format: 'tiff' }).bytes)).toEqual(RGBA);
    const url = pixtext.imageToText(tiff, { as: 'data-url' });
    expect(url.startsWith('data:image/tiff;base64,')).toBe(true);
    expect(pixtext.textToImage(url)).toEqual(RGBA);
    expect(pixtext.inspect(url)).toMatchObject({ form: 'data-url', encoding: 'tiff', width: 3, height: 2 });
    expect(pixtext.textToImage(pixtext.imageToText(tiff, { encoding: 'png' }))).toEqual(RGBA);
  });

  it('refuses what it cannot do, with pixtext error codes', () => {
    const tiff = pixtext.encode(RGBA, 'tiff');
    expectPixtextError(() => pixtext.imageToText(tiff, { encoding: 'original' }), 'ERR_UNSUPPORTED'); // envelope v1
    expectPixtextError(() => pixtext.decode(tiff, { maxPixels: 5 }), 'ERR_TOO_LARGE');
    expectPixtextError(() => pixtext.encode({ width: 1, height: 1, mode: 'RGB', data: Uint8Array.of(1, 2, 3) }, 'tiff'), 'ERR_UNSUPPORTED');
    expectPixtextError(() => pixtext.decode(tiff.subarray(0, 12)), 'ERR_CORRUPT');
    // Without the plug-in, the file is named but not read.
    expect(expectPixtextError(() => decode(tiff), 'ERR_UNKNOWN_FORMAT').message).toContain('a TIFF file');
    expectPixtextError(() => createPixtext().encode(RGBA, 'tiff' as never), 'ERR_INVALID_ARGUMENT');
  });
});
