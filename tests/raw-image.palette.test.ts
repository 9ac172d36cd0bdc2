// One rule for P images whose pixels use an index past their palette: ERR_INVALID_IMAGE wherever an image enters
// pixtext (validateRawImage: imageToText, rawImageToText, convert, encode, the streams; and the readers of raw
// envelopes and Pillow dumps, so textToImage, textToRawImage, textToImageStream and the command line's verify),
// naming the first bad index, its pixel and the palette size. Texts are built by hand, since the writers refuse them.
import { describe, expect, it } from 'vitest';
import {
  convert,
  decode,
  encode,
  imageToText,
  imageToTextStream,
  rawImageToText,
  textToImage,
  textToImageStream,
  textToRawImage,
  type RawImage,
} from '../src/index.js';
import { checkPaletteIndices, validateRawImage } from '../src/raw-image.js';
import { verifyText } from '../src/cli/library.js';
import { base64, crcHex } from './support/bytes.js';
import { expectPixtextError, codeOf } from './support/errors.js';

/** 3×2 P image, two palette entries; the pixel at (1, 1) uses index 5. */
const PALETTE = Uint8Array.of(10, 20, 30, 255, 40, 50, 60, 255);
const bad = (): RawImage => ({ width: 3, height: 2, mode: 'P', data: Uint8Array.of(0, 1, 0, 1, 5, 7), palette: PALETTE.slice() });

function expectNamed(fn: () => unknown): void {
  const error = expectPixtextError(fn, 'ERR_INVALID_IMAGE');
  expect(error.message).toContain('(1, 1)');
  expect(error.message).toContain('index 5');
  expect(error.message).toContain('2 entries');
}

/** A raw P envelope of `image` as any writer would write it, were it allowed to. */
function envelopeOf(image: RawImage): string {
  return JSON.stringify({
    pixtext: 1,
    width: image.width,
    height: image.height,
    mode: 'P',
    encoding: 'raw',
    palette: base64(image.palette!),
    byteLength: image.data.length,
    crc32: crcHex(image.data),
    data: base64(image.data),
  });
}

async function* pieces(text: string): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += 7) yield text.slice(i, i + 7);
}

async function codeOfAsync(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'no error';
}

describe('P indices past the palette', () => {
  it('validateRawImage refuses them, naming the first bad index, its pixel and the palette size', () => {
    expectNamed(() => validateRawImage(bad()));
    expectNamed(() => checkPaletteIndices(bad()));
    // An empty palette holds no index; without any pixel there is nothing to refuse.
    expectPixtextError(() => validateRawImage({ width: 1, height: 1, mode: 'P', data: Uint8Array.of(0), palette: new Uint8Array(0) }), 'ERR_INVALID_IMAGE');
    expect(validateRawImage({ width: 0, height: 3, mode: 'P', data: new Uint8Array(0), palette: new Uint8Array(0) }).width).toBe(0);
  });

  it('accepts every index when the palette has them all, or when there is no palette (index i is grey i)', () => {
    const data = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(() => validateRawImage({ width: 256, height: 1, mode: 'P', data, palette: new Uint8Array(1024) })).not.toThrow();
    expect(() => validateRawImage({ width: 256, height: 1, mode: 'P', data })).not.toThrow();
    expect(() => validateRawImage({ width: 2, height: 1, mode: 'P', data: Uint8Array.of(1, 0), palette: PALETTE })).not.toThrow();
  });

  it('are refused by every writer, convert and encode', async () => {
    expectNamed(() => imageToText(bad()));
    expectNamed(() => imageToText(bad(), { as: 'pil' }));
    expectNamed(() => imageToText(bad(), { encoding: 'png' }));
    expectNamed(() => rawImageToText(bad()));
    expectNamed(() => convert(bad(), 'RGBA'));
    for (const format of ['png', 'gif', 'bmp'] as const) expectNamed(() => encode(bad(), format));
    expect(await codeOfAsync(async () => imageToTextStream(bad()))).toBe('ERR_INVALID_IMAGE');
  });

  it('are refused by every reader of a raw envelope, after its checksum', async () => {
    const text = envelopeOf(bad());
    expectNamed(() => textToImage(text));
    expectNamed(() => textToRawImage(text));
    expectNamed(() => verifyText(text));
    expect(await codeOfAsync(() => textToImageStream(pieces(text)))).toBe('ERR_INVALID_IMAGE');
    // Damaged data is reported as damaged first.
    const damaged = text.replace(/"crc32":"[0-9a-f]{8}"/, '"crc32":"00000000"');
    expect(codeOf(() => textToImage(damaged))).toBe('ERR_CHECKSUM');
  });

  it('are refused by the Pillow dump reader when the dump carries a palette', () => {
    const image = bad();
    const dump = JSON.stringify({ img_info: { format: null, size: [3, 2], mode: 'P', palette: base64(image.palette!) }, img_data: base64(image.data) });
    expectNamed(() => textToImage(dump));
    // Without a palette (what Pillow writes) every index is grey i.
    const plain = JSON.stringify({ img_info: { format: null, size: [3, 2], mode: 'P' }, img_data: base64(image.data) });
    expect(textToImage(plain).palette).toBeUndefined();
  });
});

describe('decoders give P images whose palette holds every index used', () => {
  it('a GIF whose pixels use indices past its colour table: the palette extended with the grey ramp, as Pillow shows them', () => {
    // Encoded with a 4-entry table, then the table cut to 2 entries (its size field and bytes): the LZW data
    // still holds indices 2 and 3.
    const four = Uint8Array.of(200, 0, 0, 255, 0, 200, 0, 255, 0, 0, 200, 255, 9, 9, 99, 255);
    const full = encode({ width: 4, height: 1, mode: 'P', data: Uint8Array.of(0, 1, 2, 3), palette: four }, 'gif');
    expect(full[10]! & 0x87).toBe(0x81); // a global table of 2^(1+1) = 4 entries
    const cut = new Uint8Array(full.length - 6);
    cut.set(full.subarray(0, 13 + 6));
    cut.set(full.subarray(13 + 12), 13 + 6);
    cut[10] = (full[10]! & ~0x07) | 0x00;
    const image = decode(cut);
    expect(image.mode).toBe('P');
    expect([...image.data]).toEqual([0, 1, 2, 3]);
    expect([...image.palette!]).toEqual([200, 0, 0, 255, 0, 200, 0, 255, 2, 2, 2, 255, 3, 3, 3, 255]);
    expect(textToImage(imageToText(image))).toEqual(image);
  });

  it('a P image without a palette comes back from a PNG with the grey entries up to its largest index (the same colours)', () => {
    const image: RawImage = { width: 3, height: 1, mode: 'P', data: Uint8Array.of(0, 2, 1) };
    const back = decode(encode(image, 'png'));
    expect(back.mode).toBe('P');
    expect([...back.data]).toEqual([0, 2, 1]);
    expect([...back.palette!]).toEqual([0, 0, 0, 255, 1, 1, 1, 255, 2, 2, 2, 255]);
    expect(convert(back, 'RGBA').data).toEqual(convert(image, 'RGBA').data);
    // A raw envelope keeps it without one.
    expect(textToImage(imageToText(image)).palette).toBeUndefined();
  });
});
