import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PIXEL_MODE_NAMES,
  convert,
  imageToText,
  rawImageToText,
  textToImage,
  textToRawImage,
} from '../../src/index.js';
import type { RawImage } from '../../src/index.js';
import { platform } from '../../src/platform-name.js';
import { MODES, goldenImage, goldenOfMode, readGolden } from '../text-forms/golden-images.js';
import { failure } from '../support/errors.js';
import { plain, rawImage } from './arbitraries.js';

const EXAMPLE =
  '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}';
const EXAMPLE_PIXELS = [255, 0, 0, 0, 255, 0];



/** The example envelope with one field replaced (by raw JSON text). */
function withField(key: string, json: string, text = EXAMPLE): string {
  const re = new RegExp(`"${key}":("[^"]*"|[^,}]*)`);
  expect(re.test(text)).toBe(true);
  return text.replace(re, `"${key}":${json}`);
}

describe(`rawImageToText writes exactly what imageToText writes (${platform})`, () => {
  it.each(PIXEL_MODE_NAMES)('mode %s, 300 random images (views, palettes, empty sides)', (mode) => {
    fc.assert(
      fc.property(rawImage(mode), fc.option(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), { nil: undefined }), (image, metadata) => {
        const options = metadata === undefined ? undefined : { metadata };
        expect(rawImageToText(image, options)).toBe(imageToText(image, options));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the golden envelopes byte for byte, metadata included', () => {
    for (const mode of MODES) {
      const { file, image } = goldenOfMode(mode);
      expect({ file, text: rawImageToText(image) }).toEqual({ file, text: readGolden(file) });
    }
    expect(rawImageToText({ width: 2, height: 1, mode: 'RGB', data: new Uint8Array(EXAMPLE_PIXELS) })).toBe(EXAMPLE);
  });

  it('takes ImageData-like input as RGBA, as imageToText does', () => {
    const data = new Uint8ClampedArray([1, 2, 3, 4, 250, 251, 252, 253]);
    const imageData = { width: 2, height: 1, data };
    const text = rawImageToText(imageData, { metadata: { id: 7 } });
    expect(text).toBe(imageToText(imageData, { metadata: { id: 7 } }));
    expect(plain(textToRawImage(text))).toEqual({ width: 2, height: 1, mode: 'RGBA', data: Array.from(data) });
  });

  it('refuses what imageToText refuses, with the same codes', () => {
    const image: RawImage = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array(6) };
    const cases: [unknown, unknown][] = [
      [{ ...image, data: new Uint8Array(5) }, undefined],
      [{ ...image, mode: 'CMYK' }, undefined],
      [{ width: 1, height: 1, data: new Uint8ClampedArray(3) }, undefined],
      [null, undefined],
      ['text', undefined],
      [image, 'options'],
      [image, { maxPixels: -1 }],
      [image, { maxPixels: 1 }],
      [image, { metadata: [1, 2] }],
      [image, { metadata: { when: new Date(0) } }],
      [image, { metadata: { n: Number.NaN } }],
    ];
    for (const [input, options] of cases) {
      const call = (f: (i: never, o: never) => unknown) => failure(() => f(input as never, options as never));
      const expected = call(imageToText);
      expect(expected.code).not.toBe('no error');
      expect({ input, options, ...call(rawImageToText) }).toEqual({ input, options, ...expected });
    }
    // File bytes need a codec: the lean function does not take them.
    expect(failure(() => rawImageToText(new Uint8Array([0x89, 0x50, 0x4e, 0x47]) as never)).code).toBe('ERR_INVALID_ARGUMENT');
  });

  it('refuses a mode option instead of ignoring it (convert the image separately)', () => {
    const image: RawImage = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array(EXAMPLE_PIXELS) };
    expect(failure(() => rawImageToText(image, { mode: 'L' } as never)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(rawImageToText(convert(image, 'L'))).toBe(imageToText(image, { mode: 'L' }));
  });
});

describe(`textToRawImage reads raw-pixel envelopes as textToImage does (${platform})`, () => {
  it.each(PIXEL_MODE_NAMES)('mode %s: round trip of 300 random images', (mode) => {
    fc.assert(
      fc.property(rawImage(mode), (image) => {
        const back = textToRawImage(rawImageToText(image));
        expect(plain(back)).toEqual(plain(image));
        expect(back.data.byteLength).toBe(image.data.byteLength);
      }),
      { numRuns: 300 },
    );
  });

  it('reads every golden envelope to the exact image, the one with metadata too', () => {
    for (const mode of MODES) {
      const { file, image } = goldenOfMode(mode);
      expect(plain(textToRawImage(readGolden(file)))).toEqual(plain(image));
    }
    expect(plain(textToRawImage(readGolden('raw-RGB-metadata.json')))).toEqual(plain(goldenImage('RGB', 2, 1)));
  });

  it('reads any valid JSON of the envelope (the fast path falls back to a full parse)', () => {
    const variants = [
      EXAMPLE,
      EXAMPLE.replace('"/wAAAP8A"', '"\\/wAAAP8A"'), // PHP's escaped slash
      EXAMPLE.replace('"/wAAAP8A"', '"/wAA\\nAP8A"'), // an escaped line break inside data
      EXAMPLE.replace('"/wAAAP8A"', '"/wAA AP8A"'), // a space inside data
      JSON.stringify(JSON.parse(EXAMPLE), null, 2), // pretty-printed
      '{"data":"/wAAAP8A","crc32":"c622f71d","byteLength":6,"encoding":"raw","mode":"RGB","height":1,"width":2,"pixtext":1}',
      EXAMPLE.replace('"RGB"', '"\\u0052GB"'),
      `\uFEFF${EXAMPLE}`, // a byte order mark
      `\n ${EXAMPLE}\r\n`,
      EXAMPLE.replace('{', '{"note":"a \\"data\\":\\"x\\" inside","future":[1,{"k":null}],'),
    ];
    for (const text of variants) {
      expect({ text, image: plain(textToRawImage(text)) }).toEqual({
        text,
        image: { width: 2, height: 1, mode: 'RGB', data: EXAMPLE_PIXELS },
      });
    }
  });

  it('gives textToImage’s error code, offset and field for every bad text', () => {
    const p = readGolden('raw-P.json');
    const bad = [
      // cut short, not JSON, JSON but not an object
      ...Array.from({ length: EXAMPLE.length - 1 }, (_, cut) => EXAMPLE.slice(0, cut + 1)),
      '{pixtext:1}',
      '{"a":1,}',
      '{"pixtext":1,"width":2x}',
      '{"a":1} x',
      '[1,2]',
      '[1,',
      '"text"',
      '"unterminated',
      '42',
      'null',
      'true',
      // fields
      withField('pixtext', '2'),
      '{"pixtext":2,"whatever":true}',
      withField('pixtext', '"1"'),
      withField('pixtext', '1.5'),
      '{"pixtext":1,"width":2}',
      withField('width', '-1'),
      withField('height', '"1"'),
      withField('mode', '"CMYK"'),
      withField('encoding', '"tiff"'),
      withField('crc32', '"C622F71D"'),
      withField('byteLength', 'null'),
      withField('byteLength', '7'),
      withField('data', '123'),
      EXAMPLE.replace(',"data":"/wAAAP8A"', ''),
      EXAMPLE.replace('"byteLength"', '"palette":"/wAA/w==","byteLength"'),
      EXAMPLE.replace('"byteLength"', '"metadata":[1],"byteLength"'),
      EXAMPLE.replace('"byteLength"', '"source":7,"byteLength"'),
      withField('palette', '"/wAA"', p),
      withField('palette', '"/w!A"', p),
      // payload
      withField('crc32', '"c622f71e"'),
      withField('data', '"/wAAAP8B"'),
      withField('data', '"/wAAAP8AAAAA"'),
      withField('data', '"/wA!AP8A"'),
      withField('data', '"/wAA-P8A"'),
      withField('data', '"/wAAAP8_"'),
      withField('data', '"/wAA\\u00e9P8A"'),
      withField('data', '"/wAAAP8"'),
      withField('data', '"/wAAAP8A=="'),
      // sizes
      withField('height', String(2 ** 20), withField('width', String(2 ** 20))),
      // only inherited fields
      '{"__proto__":{"pixtext":1,"width":2},"data":""}',
      // no envelope at all
      '',
      '   ',
      'hello',
      'nul',
      '-x',
      '1x',
    ];
    for (const text of bad) {
      const expected = failure(() => textToImage(text));
      expect(expected.code).not.toBe('no error');
      expect({ text, ...failure(() => textToRawImage(text)) }).toEqual({ text, ...expected });
    }
    for (const maxPixels of [0, 1, 2, Infinity]) {
      expect(failure(() => textToRawImage(EXAMPLE, { maxPixels }))).toEqual(failure(() => textToImage(EXAMPLE, { maxPixels })));
    }
    for (const [text, options] of [[7, undefined], [EXAMPLE, 'x'], [EXAMPLE, { maxPixels: 1.5 }]] as const) {
      expect(failure(() => textToRawImage(text as never, options as never))).toEqual(failure(() => textToImage(text as never, options as never)));
    }
  });

  it('refuses a huge header before allocating anything, with or without maxPixels', () => {
    const huge = withField('height', String(2 ** 20), withField('width', String(2 ** 20)));
    const before = process.memoryUsage().arrayBuffers;
    expect(failure(() => textToRawImage(huge)).code).toBe('ERR_TOO_LARGE');
    expect(failure(() => textToRawImage(huge, { maxPixels: Infinity })).code).toBe('ERR_TOO_LARGE');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('says ERR_UNSUPPORTED for an envelope holding a file, before decoding its payload', () => {
    // The payload is not even base64: the refusal comes from the header alone.
    for (const encoding of ['png', 'jpeg', 'bmp']) {
      const text = withField('data', '"not base64 at all"', EXAMPLE.replace('"raw"', `"${encoding}"`));
      expect(failure(() => textToRawImage(text))).toEqual({ code: 'ERR_UNSUPPORTED', offset: undefined, chunk: 'encoding' });
    }
  });

  it('says ERR_UNRECOGNIZED_TEXT for the text forms only textToImage reads', () => {
    const grey: RawImage = { width: 1, height: 1, mode: 'L', data: new Uint8Array([9]) };
    for (const as of ['data-url', 'pil', 'base64'] as const) {
      const text = imageToText(grey, { as });
      expect(plain(textToImage(text)).data).toEqual([9]);
      expect({ as, ...failure(() => textToRawImage(text)) }).toMatchObject({ as, code: 'ERR_UNRECOGNIZED_TEXT' });
    }
    for (const text of ['{}', '{"img_info":{}}', 'data:', 'iVBORw0KGgo=']) {
      expect({ text, ...failure(() => textToRawImage(text)) }).toMatchObject({ text, code: 'ERR_UNRECOGNIZED_TEXT' });
    }
  });

  it('refuses a mode option instead of ignoring it, and never pollutes a prototype', () => {
    expect(failure(() => textToRawImage(EXAMPLE, { mode: 'L' } as never)).code).toBe('ERR_INVALID_ARGUMENT');
    const text = EXAMPLE.replace('"byteLength"', '"__proto__":{"polluted":true,"width":99},"byteLength"');
    const image = textToRawImage(text);
    // A member twice is refused (which one counts would be a guess), "__proto__" as any other.
    expect(failure(() => textToRawImage(text.replace(/}$/, ',"__proto__":{"polluted2":true}}'))).code).toBe('ERR_ENVELOPE');
    expect(plain(image)).toEqual({ width: 2, height: 1, mode: 'RGB', data: EXAMPLE_PIXELS });
    expect(Object.getPrototypeOf(image)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted2']).toBeUndefined();
  });
});
