import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageToText, imageToTextStream, textToImage, textToImageStream } from '../../src/index.js';
import type { RawImage } from '../../src/index.js';
import { writeEnvelope } from '../../src/text-forms/envelope-write.js';
import { readEnvelope } from '../../src/text-forms/envelope-read.js';
import { MODES, imageOf } from '../pixel-modes/raw-image.arbitrary.js';
import { bytePieces, collect, expectSameImage, pseudoRandomBytes, streamOf, stringPieces } from './stream-helpers.js';

const RGB_2x1: RawImage = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 255, 0]) };
const RGB_2x1_TEXT =
  '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}';

const anyImage = fc.constantFrom(...MODES).chain((mode) => imageOf(mode, 10));
const cuts = fc.array(fc.nat(4000), { maxLength: 12 });

/** What the whole-text reader (textToImage's envelope path) makes of `text`. */
function wholeTextImage(text: string): RawImage {
  const { header, payload } = readEnvelope(text, { maxPixels: Infinity });
  const image: RawImage = { width: header.width, height: header.height, mode: header.mode, data: payload };
  if (header.palette !== undefined) image.palette = header.palette;
  return image;
}

/**
 * The same envelope object written differently, as other JSON writers may: members shuffled, whitespace between
 * tokens, and inside `data` escaped solidi (PHP), \n escapes, spaces and \u escapes.
 */
const rewritten = (text: string): fc.Arbitrary<string> => {
  const fields = JSON.parse(text) as Record<string, unknown>;
  const data = fields['data'] as string;
  const keys = Object.keys(fields);
  const ws = fc.constantFrom('', ' ', '\n', '\t', '\r\n  ');
  return fc
    .record({
      order: fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }),
      spaces: fc.array(ws, { minLength: 4 * keys.length + 2, maxLength: 4 * keys.length + 2 }),
      breaks: fc.array(fc.tuple(fc.nat(data.length), fc.constantFrom('\\n', ' ', '\\r\\n', '\\u0020', '\\t')), { maxLength: 6 }),
      escapeSlashes: fc.boolean(),
      unicodeAt: fc.option(fc.nat(Math.max(0, data.length - 1)), { nil: undefined }),
    })
    .map(({ order, spaces, breaks, escapeSlashes, unicodeAt }) => {
      // One token per base64 character, so insertions never land inside an escape sequence.
      const tokens = data.split('').map((c) => (escapeSlashes && c === '/' ? '\\/' : c));
      if (unicodeAt !== undefined && unicodeAt < tokens.length) {
        tokens[unicodeAt] = '\\u' + data.charCodeAt(unicodeAt).toString(16).padStart(4, '0');
      }
      for (const [at, insert] of breaks) tokens.splice(Math.min(at, tokens.length), 0, insert);
      const d = tokens.join('');
      let s = 0;
      const w = (): string => spaces[s++] ?? '';
      const members = order.map((k) => `${w()}${JSON.stringify(k)}${w()}:${w()}${k === 'data' ? `"${d}"` : JSON.stringify(fields[k])}${w()}`);
      return `${w()}{${members.join(',')}}${w()}`;
    });
};

describe('textToImageStream', () => {
  it('reads the DESIGN §4 example from strings, bytes and a ReadableStream', async () => {
    expectSameImage(await textToImageStream(stringPieces(RGB_2x1_TEXT)), RGB_2x1);
    expectSameImage(await textToImageStream(bytePieces(RGB_2x1_TEXT, [1, 50, 110])), RGB_2x1);
    expectSameImage(await textToImageStream(streamOf([RGB_2x1_TEXT.slice(0, 7), RGB_2x1_TEXT.slice(7)])), RGB_2x1);
    expectSameImage(await textToImageStream(streamOf([new TextEncoder().encode(RGB_2x1_TEXT)])), RGB_2x1);
  });

  it('reads it cut at every single position', async () => {
    for (let cut = 1; cut < RGB_2x1_TEXT.length; cut++) {
      expectSameImage(await textToImageStream(stringPieces(RGB_2x1_TEXT, [cut])), RGB_2x1);
    }
  });

  it('round-trips random images of every mode through imageToTextStream, cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(anyImage, cuts, fc.integer({ min: 4, max: 200 }), fc.boolean(), async (image, at, chunkLength, asBytes) => {
        const text = (await collect(imageToTextStream(image, { chunkLength }))).join('');
        const source = asBytes ? bytePieces(text, at) : stringPieces(text, at);
        expectSameImage(await textToImageStream(source), image);
      }),
      { numRuns: 300 },
    );
  });

  it('gives what textToImage gives for the text of imageToText, also when asked for another mode', async () => {
    await fc.assert(
      fc.asyncProperty(anyImage, cuts, fc.option(fc.constantFrom(...MODES), { nil: undefined }), async (image, at, mode) => {
        const text = imageToText(image);
        let expected: RawImage;
        try {
          expected = textToImage(text, { mode });
        } catch (e) {
          await expect(textToImageStream(stringPieces(text, at), { mode })).rejects.toMatchObject({ code: (e as { code: string }).code });
          return;
        }
        expectSameImage(await textToImageStream(stringPieces(text, at), { mode }), expected);
      }),
      { numRuns: 200 },
    );
  });

  it('pipes straight from imageToTextStream', async () => {
    const image: RawImage = { width: 5, height: 3, mode: 'LA16', data: new Uint8Array(60).map((_, i) => i * 11) };
    expectSameImage(await textToImageStream(imageToTextStream(image, { chunkLength: 8 })), image);
  });

  it('reads any valid JSON of the envelope exactly as the whole-text reader does', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyImage.chain((image) => {
          const text = writeEnvelope({ ...image, encoding: 'raw', metadata: { note: 'a "data":"x" inside}', n: [1, [2]] } });
          return fc.tuple(fc.constant(image), rewritten(text), cuts);
        }),
        async ([image, text, at]) => {
          expectSameImage(wholeTextImage(text), image); // the rewritten text is a valid envelope
          expectSameImage(await textToImageStream(stringPieces(text, at)), image);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads data that comes before the header, and keys it does not know', async () => {
    const text = '{"data":"/wAAAP8A","crc32":"c622f71d","byteLength":6,"x":{"y":[true,null,-1.5e3]},"encoding":"raw","mode":"RGB","height":1,"width":2,"pixtext":1}';
    expectSameImage(await textToImageStream(stringPieces(text, [3, 12, 40])), RGB_2x1);
  });

  it('keeps multi-byte UTF-8 cut between its bytes', async () => {
    const text = writeEnvelope({ ...RGB_2x1, encoding: 'raw' }).replace('{', '{"note":"☃ é 𝄞",');
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < 30; cut++) expectSameImage(await textToImageStream(bytePieces(text, [cut, cut + 1])), RGB_2x1);
    expect(bytes.length).toBeGreaterThan(text.length);
  });

  it('converts on the way out when asked', async () => {
    const image = await textToImageStream(stringPieces(RGB_2x1_TEXT), { mode: 'L' });
    expectSameImage(image, { width: 2, height: 1, mode: 'L', data: new Uint8Array([76, 150]) });
  });

  it('ignores a __proto__ member without polluting anything', async () => {
    const text = RGB_2x1_TEXT.replace('{', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},');
    const image = await textToImageStream(stringPieces(text, [5, 30]));
    expectSameImage(image, RGB_2x1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(image, 'polluted')).toBe(false);
  });

  it('decodes a payload spanning many batches with escapes and line breaks all through it', async () => {
    const data = pseudoRandomBytes(3 * 1024 * 1024 + 7);
    const image: RawImage = { width: data.length, height: 1, mode: 'L', data };
    const text = writeEnvelope({ ...image, encoding: 'raw' });
    const at = text.indexOf('"data":"') + 8;
    const php = text.slice(0, at) + text.slice(at).replace(/\//g, '\\/');
    const wrapped = text.slice(0, at) + text.slice(at, -2).replace(/(.{76})/g, '$1\\n') + '"}';
    expectSameImage(await textToImageStream(stringPieces(php, [1000, 2_000_000, 2_000_001])), image);
    expectSameImage(await textToImageStream(stringPieces(wrapped, [999_999, 1_048_600])), image);
  });
});
