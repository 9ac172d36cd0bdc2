// The model API image blocks (Anthropic, OpenAI, MCP): written by imageToText({ as }), recognised and read back by
// textToImage, textToFile and inspect; the file carried unchanged when the model takes its format.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anthropicBlockForm,
  createPixtext,
  decode,
  encode,
  imageToText,
  inspect,
  mcpBlockForm,
  openaiBlockForm,
  pngCodec,
  textToFile,
  textToImage,
} from '../../src/index.js';
import type { RawImage } from '../../src/raw-image.js';
import { base64 } from '../support/bytes.js';
import { expectPixtextError } from '../support/errors.js';

const rgb: RawImage = { width: 3, height: 2, mode: 'RGB', data: Uint8Array.from({ length: 18 }, (_, i) => (i * 41 + 7) & 255) };
const png = encode(rgb, 'png');
const jpeg = encode(rgb, 'jpeg');
const bmp = encode(rgb, 'bmp');

// The blocks as each provider documents them, built here by hand around Node's base64 of the file.
const expected = {
  anthropic: (mime: string, bytes: Uint8Array) =>
    `{"type":"image","source":{"type":"base64","media_type":"${mime}","data":"${base64(bytes)}"}}`,
  openai: (mime: string, bytes: Uint8Array) => `{"type":"image_url","image_url":{"url":"data:${mime};base64,${base64(bytes)}"}}`,
  mcp: (mime: string, bytes: Uint8Array) => `{"type":"image","data":"${base64(bytes)}","mimeType":"${mime}"}`,
};
const BLOCKS = ['anthropic', 'openai', 'mcp'] as const;

describe('model API image blocks', () => {
  it.each(BLOCKS)('%s: a PNG and a JPEG travel unchanged, in the documented shape', (as) => {
    expect(imageToText(png, { as })).toBe(expected[as]('image/png', png));
    expect(imageToText(jpeg, { as })).toBe(expected[as]('image/jpeg', jpeg));
  });

  it.each(BLOCKS)('%s: a BMP file and raw pixels become a lossless PNG; JPEG when asked', (as) => {
    const fromBmp = imageToText(bmp, { as });
    expect(textToFile(fromBmp).format).toBe('png');
    expect(textToImage(fromBmp)).toEqual({ ...rgb, data: rgb.data });
    expect(textToImage(imageToText(rgb, { as }))).toEqual(rgb);
    expect(textToFile(imageToText(rgb, { as, encoding: 'jpeg' })).format).toBe('jpeg');
  });

  it.each(BLOCKS)('%s: textToFile gives the carried file back byte for byte; inspect reads its header', (as) => {
    const text = imageToText(jpeg, { as });
    expect(textToFile(text)).toEqual({ format: 'jpeg', bytes: jpeg });
    expect(inspect(text)).toMatchObject({ form: as, width: 3, height: 2, mode: 'RGB', encoding: 'jpeg', byteLength: jpeg.length, mimeType: 'image/jpeg', textLength: text.length });
  });

  it.each(BLOCKS)('%s: refuses formats the models do not take, naming what to ask for', (as) => {
    expectPixtextError(() => imageToText(bmp, { as, encoding: 'original' }), 'ERR_UNSUPPORTED');
    expectPixtextError(() => imageToText(rgb, { as, encoding: 'bmp' }), 'ERR_UNSUPPORTED');
    expect(() => imageToText(rgb, { as, encoding: 'bmp' })).toThrow(/ask for encoding 'png'/);
    expectPixtextError(() => imageToText(rgb, { as, encoding: 'raw' }), 'ERR_UNSUPPORTED');
    expectPixtextError(() => imageToText(png, { as, metadata: { a: 1 } }), 'ERR_INVALID_ARGUMENT');
  });

  it.each(BLOCKS)('%s: every input format round-trips (GIF and WebP carried as they are, npy as a PNG)', (as) => {
    const p: RawImage = { width: 3, height: 2, mode: 'P', data: new Uint8Array([0, 1, 2, 1, 0, 2]), palette: new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]) };
    const files = { png, jpeg, bmp, gif: encode(p, 'gif'), webp: encode(rgb, 'webp'), npy: encode(rgb, 'npy') };
    for (const [format, file] of Object.entries(files)) {
      const text = imageToText(file, { as });
      const carried = format === 'bmp' || format === 'npy' ? 'png' : format;
      expect(textToFile(text).format).toBe(carried);
      if (carried === format) expect(textToFile(text).bytes).toEqual(file);
      expect(textToImage(text)).toEqual(decode(file));
    }
  });

  it('reads blocks written with other key orders and whitespace, and the Responses API input_image', () => {
    const b = base64(png);
    const texts = [
      `{ "source": { "data": "${b}", "media_type": "image/png", "type": "base64" }, "type": "image" }`,
      `{"image_url": {"detail": "high", "url": "data:image/png;base64,${b}"}, "type": "image_url"}`,
      `{"type":"input_image","image_url":"data:image/png;base64,${b}"}`,
      `{"mimeType":"image/png","type":"image","data":"${b}","annotations":{"audience":["user"]}}`,
    ];
    for (const text of texts) expect(textToImage(text)).toEqual(rgb);
    expect(texts.map((t) => inspect(t).form)).toEqual(['anthropic', 'openai', 'openai', 'mcp']);
  });

  it('refuses a media type that contradicts the file, naming both', () => {
    const text = expected.anthropic('image/jpeg', png);
    expectPixtextError(() => textToImage(text), 'ERR_ENVELOPE');
    expect(() => textToImage(text)).toThrow(/declares the media type "image\/jpeg" but holds a PNG file/);
    expectPixtextError(() => textToImage(expected.mcp('image/gif', jpeg)), 'ERR_ENVELOPE');
    expectPixtextError(() => textToImage(expected.openai('image/webp', png)), 'ERR_ENVELOPE');
  });

  it('refuses a linked image (no I/O), ill-typed fields and bad base64 with their codes', () => {
    expectPixtextError(() => textToImage('{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}'), 'ERR_UNSUPPORTED');
    expect(() => textToImage('{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}')).toThrow(/https URL/);
    expectPixtextError(() => textToImage('{"type":"image","source":{"type":"base64","media_type":7,"data":""}}'), 'ERR_ENVELOPE');
    expectPixtextError(() => textToImage('{"type":"image_url","image_url":{"url":5}}'), 'ERR_ENVELOPE');
    expectPixtextError(() => textToImage('{"type":"image","data":"iVBO*w0KGgo=","mimeType":"image/png"}'), 'ERR_BASE64');
    expectPixtextError(() => textToImage('{"type":"image","data":"AAAA","mimeType":"image/png"}'), 'ERR_UNKNOWN_FORMAT');
  });

  it('checks maxPixels from the header of a long payload before decoding it all', () => {
    const big = encode({ width: 400, height: 300, mode: 'L', data: new Uint8Array(120_000).map((_, i) => (i * 7919) % 251) }, 'png', { compressionLevel: 0 });
    for (const as of BLOCKS) expectPixtextError(() => textToImage(imageToText(big, { as }), { maxPixels: 1000 }), 'ERR_TOO_LARGE');
  });

  it('an instance without a block form names the export to pass, and one with it reads and writes it', () => {
    const bare = createPixtext({ codecs: [pngCodec] });
    expectPixtextError(() => bare.textToImage(expected.mcp('image/png', png)), 'ERR_UNSUPPORTED');
    expect(() => bare.imageToText(png, { as: 'openai' })).toThrow(/openaiBlockForm/);
    const withBlocks = createPixtext({ codecs: [pngCodec], forms: [anthropicBlockForm, openaiBlockForm, mcpBlockForm] });
    for (const as of BLOCKS) expect(withBlocks.textToImage(withBlocks.imageToText(png, { as }))).toEqual(rgb);
  });

  it('round-trips random images through every block and carried format', () => {
    const image = fc
      .record({ width: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 9 }), mode: fc.constantFrom('L', 'RGB', 'RGBA') })
      .chain(({ width, height, mode }) =>
        fc.uint8Array({ minLength: width * height * { L: 1, RGB: 3, RGBA: 4 }[mode], maxLength: width * height * { L: 1, RGB: 3, RGBA: 4 }[mode] })
          .map((data): RawImage => ({ width, height, mode, data })),
      );
    fc.assert(
      fc.property(image, fc.constantFrom(...BLOCKS), fc.constantFrom('png', 'bmp'), (img, as, format) => {
        const file = encode(img, format);
        const text = imageToText(file, { as });
        expect(textToImage(text)).toEqual(img);
        expect(textToFile(text, { format: 'png' }).bytes).toEqual(format === 'png' ? file : encode(img, 'png'));
      }),
    );
  });
});
