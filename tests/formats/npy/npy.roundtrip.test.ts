// Random images of every mode .npy holds survive encode → decode (fast-check), also through the public API as an
// envelope with encoding 'npy', a data URL and bare base64; modes it cannot hold are refused, naming the conversion.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, detectFormat, encode, imageToText, inspect, textToFile, textToImage } from '../../../src/api/default.js';
import { createPixtext } from '../../../src/api/pixtext.js';
import { decodeNpy } from '../../../src/formats/npy/decode.js';
import { NPY_ENCODABLE_MODES, encodeNpy } from '../../../src/formats/npy/encode.js';
import { npyCodec } from '../../../src/formats/npy/index.js';
import { byteLengthFor, type PixelMode, type RawImage } from '../../../src/raw-image.js';
import { expectPixtextError } from '../../support/errors.js';

/** What a decoder gives back for an encoded mode: BGR and BGRA come back in RGB order names, the same bytes. */
const READ_AS: Partial<Record<PixelMode, PixelMode>> = { BGR: 'RGB', BGRA: 'RGBA' };

function imageOf(mode: PixelMode): fc.Arbitrary<RawImage> {
  return fc.record({ width: fc.integer({ min: 0, max: 23 }), height: fc.integer({ min: 0, max: 9 }) }).chain(({ width, height }) =>
    fc.uint8Array({ minLength: byteLengthFor(mode, width, height), maxLength: byteLengthFor(mode, width, height) }).map((data) => ({ width, height, mode, data })),
  );
}

const anyImage = fc.constantFrom(...NPY_ENCODABLE_MODES).chain(imageOf);

describe('npy round trip', () => {
  it('encode → decode gives the same bytes, the mode read as RGB order for BGR/BGRA', () => {
    fc.assert(
      fc.property(anyImage, (image) => {
        const back = decodeNpy(encodeNpy(image), { maxPixels: Infinity });
        expect(back).toEqual({ ...image, mode: READ_AS[image.mode] ?? image.mode });
      }),
    );
  });

  it('imageToText with encoding npy → textToImage gives the image back, BGR and BGRA included', () => {
    fc.assert(
      fc.property(anyImage, (image) => {
        const text = imageToText(image, { encoding: 'npy' });
        expect(text).toContain('"encoding":"npy"');
        expect(textToImage(text)).toEqual(image);
      }),
    );
  });

  it('a .npy file is sniffed, stored as it is and read back, as an envelope, a data URL and bare base64', () => {
    const image: RawImage = { width: 2, height: 1, mode: 'RGB16', data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) };
    const file = encode(image, 'npy');
    expect(detectFormat(file)).toBe('npy');
    expect(decode(file)).toEqual(image);
    const envelope = imageToText(file, { encoding: 'original' });
    expect(envelope).toContain('"encoding":"npy","source":"npy"');
    expect(textToFile(envelope).bytes).toEqual(file);
    const url = imageToText(file, { as: 'data-url' });
    expect(url.startsWith('data:application/x-npy;base64,')).toBe(true);
    expect(textToImage(url)).toEqual(image);
    expect(inspect(url)).toMatchObject({ form: 'data-url', encoding: 'npy', mimeType: 'application/x-npy', width: 2, height: 1, mode: 'RGB16' });
    expect(textToImage(imageToText(file, { as: 'base64' }))).toEqual(image);
    // Raw pixels of a .npy file: the default envelope.
    expect(textToImage(imageToText(file))).toEqual(image);
  });

  it('an instance without the npy codec names it', () => {
    const file = encode({ width: 1, height: 1, mode: 'L', data: new Uint8Array([3]) }, 'npy');
    expect(expectPixtextError(() => createPixtext().imageToText(file), 'ERR_UNSUPPORTED').message).toContain('npyCodec');
    expect(createPixtext({ codecs: [npyCodec] }).textToImage(createPixtext({ codecs: [npyCodec] }).imageToText(file, { encoding: 'original' })).data).toEqual(new Uint8Array([3]));
  });

  it('mode 1 and P are refused, naming the conversion to ask for', () => {
    const one: RawImage = { width: 8, height: 1, mode: '1', data: new Uint8Array([0xa5]) };
    expect(expectPixtextError(() => encodeNpy(one), 'ERR_UNSUPPORTED').message).toContain("convert(image, 'L')");
    const p: RawImage = { width: 1, height: 1, mode: 'P', data: new Uint8Array([0]), palette: new Uint8Array([1, 2, 3, 255]) };
    expect(expectPixtextError(() => encodeNpy(p), 'ERR_UNSUPPORTED').message).toContain("convert(image, 'RGB')");
    expectPixtextError(() => imageToText(p, { encoding: 'npy' }), 'ERR_UNSUPPORTED');
  });
});
