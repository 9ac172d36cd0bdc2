// WebP through the public API: the default functions decode and encode it, envelopes and data URLs carry it, model
// blocks take it unchanged, and the command line's formats name it.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, detectFormat, encode, imageToText, inspect, textToFile, textToImage } from '../../src/index.js';
import type { RawImage } from '../../src/raw-image.js';

const dir = new URL('../fixtures/webp/pillow/', import.meta.url);
const lossy = readdirSync(dir).filter((f) => f.endsWith('.webp'))
  .map((f) => readFileSync(new URL(f, dir)))
  .find((bytes) => new TextDecoder().decode(bytes.subarray(12, 16)) === 'VP8 ')!;
const rgba: RawImage = { width: 3, height: 2, mode: 'RGBA', data: Uint8Array.from({ length: 24 }, (_, i) => (i * 53 + 9) & 255) };

describe('WebP through the public API', () => {
  it('decodes a lossy file with the default functions and writes lossless WebP that reads back exactly', () => {
    expect(detectFormat(lossy)).toBe('webp');
    const image = decode(lossy);
    expect(['RGB', 'RGBA']).toContain(image.mode);
    const webp = encode(rgba, 'webp');
    expect(detectFormat(webp)).toBe('webp');
    expect(decode(webp)).toEqual(rgba);
  });

  it('an envelope, a data URL and a model block carry the WebP file byte for byte', () => {
    for (const options of [{ encoding: 'original' as const }, { as: 'data-url' as const }, { as: 'anthropic' as const }, { as: 'openai' as const }, { as: 'mcp' as const }]) {
      const text = imageToText(lossy, options);
      expect(inspect(text).encoding).toBe('webp');
      expect(textToFile(text)).toEqual({ format: 'webp', bytes: new Uint8Array(lossy) });
      expect(textToImage(text)).toEqual(decode(lossy));
    }
    expect(imageToText(lossy, { as: 'data-url' }).startsWith('data:image/webp;base64,')).toBe(true);
  });

  it("pixels become a lossless WebP payload with encoding 'webp'", () => {
    const text = imageToText(rgba, { encoding: 'webp' });
    expect(inspect(text)).toMatchObject({ encoding: 'webp', width: 3, height: 2, mode: 'RGBA' });
    expect(textToImage(text)).toEqual(rgba);
  });
});
