// 'jpg', the usual file extension, names the JPEG format wherever a format is given.
import { describe, expect, it } from 'vitest';
import { detectFormat, encode, textToFile, imageToText } from '../../src/index.js';
import { codeOf } from '../support/errors.js';

const image = { width: 2, height: 2, mode: 'RGB' as const, data: new Uint8Array(12).map((_, i) => i * 20) };

describe("the 'jpg' alias", () => {
  it('encodes as jpeg, byte for byte', () => {
    const jpg = encode(image, 'jpg' as never);
    expect(detectFormat(jpg)).toBe('jpeg');
    expect(Array.from(jpg)).toEqual(Array.from(encode(image, 'jpeg')));
  });

  it('is the jpeg format for textToFile too, and other names stay refused', () => {
    const text = imageToText(image);
    expect(textToFile(text, { format: 'jpg' as never }).format).toBe('jpeg');
    expect(codeOf(() => encode(image, 'JPG ' as never))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => encode(image, 'tiff' as never))).toBe('ERR_INVALID_ARGUMENT');
  });
});
