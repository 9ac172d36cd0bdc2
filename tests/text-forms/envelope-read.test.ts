import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inspectEnvelope } from '../../src/text-forms/envelope-inspect.js';
import { isPlainSlice, readEnvelope, readEnvelopeFast, sliceEnvelope } from '../../src/text-forms/envelope-read.js';
import { writeEnvelope } from '../../src/text-forms/envelope-write.js';
import { platform } from '../../src/platform-name.js';
import { codeOf, failure } from '../support/errors.js';
import { GOLDEN_METADATA, GOLDEN_PALETTE, MODES, goldenImage, goldenOfMode, readGolden } from './golden-images.js';

const LIMIT = { maxPixels: 268_402_689 };
const EXAMPLE =
  '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}';
const EXAMPLE_PIXELS = new Uint8Array([255, 0, 0, 0, 255, 0]);


/** The example envelope with one field replaced (by raw JSON text). */
function withField(key: string, json: string, text = EXAMPLE): string {
  const re = new RegExp(`"${key}":("[^"]*"|[^,}]*)`);
  expect(re.test(text)).toBe(true);
  return text.replace(re, `"${key}":${json}`);
}

describe(`envelope reader (${platform})`, () => {
  it.each(MODES)('reads the golden envelope of mode %s to the exact image', (mode) => {
    const { file, image } = goldenOfMode(mode);
    const { header, payload } = readEnvelope(readGolden(file), LIMIT);
    expect(header).toMatchObject({ version: 1, width: image.width, height: image.height, mode, encoding: 'raw' });
    expect(payload).toEqual(image.data);
    if (mode === 'P') expect(header.palette).toEqual(GOLDEN_PALETTE);
    else expect(header.palette).toBeUndefined();
  });

  it('reads source and metadata back', () => {
    const { header, payload } = readEnvelope(readGolden('raw-RGB-metadata.json'), LIMIT);
    expect(header.source).toBe('png');
    expect(header.metadata).toStrictEqual(GOLDEN_METADATA);
    expect(payload).toEqual(goldenImage('RGB', 2, 1).data);
    expect(readEnvelope(readGolden('raw-L-0x5.json'), LIMIT).payload).toEqual(new Uint8Array(0));
  });

  it('accepts any valid JSON of the same object: key order, whitespace, escapes, unknown keys', () => {
    const variants = [
      // keys reversed, data first
      '{"data":"/wAAAP8A","crc32":"c622f71d","byteLength":6,"encoding":"raw","mode":"RGB","height":1,"width":2,"pixtext":1}',
      // pretty-printed, with a trailing newline
      JSON.stringify(JSON.parse(EXAMPLE), null, 2) + '\n',
      // PHP's escaped slashes, \u escapes and a \n line break inside data
      EXAMPLE.replace('"/wAAAP8A"', '"\\/wAA\\nAP8\\u0041"'),
      // spaces inside data (a raw space is valid JSON)
      EXAMPLE.replace('"/wAAAP8A"', '"/wAA AP8A"'),
      // unknown keys before and after data, and a "data" key nested in metadata ahead of the real one
      EXAMPLE.replace('"byteLength"', '"metadata":{"data":"AAAA"},"x-new":[1,{"data":"QQ=="}],"byteLength"').replace(
        /}$/,
        ',"later":"x"}',
      ),
      // the same nested "data" in canonical position, so the fast path has to skip it
      EXAMPLE.replace('"byteLength"', '"metadata":{"data":"AAAA","n":"\\"data\\":\\""},"byteLength"'),
      // whitespace around the colon of data
      EXAMPLE.replace('"data":"', '"data" : "'),
      '  \t' + EXAMPLE + '  \r\n',
    ];
    for (const text of variants) {
      const { header, payload } = readEnvelope(text, LIMIT);
      expect(header).toMatchObject({ width: 2, height: 1, mode: 'RGB', encoding: 'raw', byteLength: 6, crc32: 'c622f71d' });
      expect(payload).toEqual(EXAMPLE_PIXELS);
    }
  });

  it('slices only envelopes whose data really is the last top-level member', () => {
    expect(sliceEnvelope(EXAMPLE)).toMatchObject({ data: '/wAAAP8A', dataOffset: EXAMPLE.indexOf('/wAA') });
    const nested = EXAMPLE.replace('"byteLength"', '"metadata":{"data":"AAAA"},"byteLength"');
    expect(sliceEnvelope(nested)?.data).toBe('/wAAAP8A');
    expect(sliceEnvelope(EXAMPLE.replace(/}$/, ',"later":"x"}'))).toBeUndefined();
    expect(sliceEnvelope('{"metadata":{"k":1,"data":"QUFB"}}')).toBeUndefined();
    expect(sliceEnvelope('{,"data":"QUFB"}')).toBeUndefined();
    expect(sliceEnvelope('{"data":"QUFB"}')).toBeUndefined();
  });

  it('gives the same result on the fast path and the full parse, for random envelopes and key orders', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODES),
        fc.nat(6),
        fc.nat(4),
        fc.infiniteStream(fc.integer({ min: 0, max: 255 })),
        fc.boolean(),
        fc.boolean(),
        (mode, width, height, bytes, reverse, pretty) => {
          const image = goldenImage(mode, width, height);
          // P indices within the golden palette's entries (a RawImage rule).
          const top = mode === 'P' ? GOLDEN_PALETTE.length / 4 : 256;
          for (let i = 0; i < image.data.length; i++) image.data[i] = (bytes.next().value as number) % top;
          const canonical = writeEnvelope({ ...image, encoding: 'raw' });
          expect(readEnvelopeFast(canonical, LIMIT)).toBeDefined();
          const expected = readEnvelope(canonical, LIMIT);
          expect(expected.payload).toEqual(image.data);
          const fields = JSON.parse(canonical) as Record<string, unknown>;
          const keys = Object.keys(fields);
          if (reverse) keys.reverse();
          const text = JSON.stringify(Object.fromEntries(keys.map((k) => [k, fields[k]])), null, pretty ? 1 : 0);
          const actual = readEnvelope(text, LIMIT);
          expect(actual.header).toEqual(expected.header);
          expect(actual.payload).toEqual(expected.payload);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('takes the fast path only for canonically shaped text without escapes in data', () => {
    expect(readEnvelopeFast(EXAMPLE, LIMIT)?.payload).toEqual(EXAMPLE_PIXELS);
    expect(readEnvelopeFast(EXAMPLE.replace('"/wAAAP8A"', '"\\/wAAAP8A"'), LIMIT)).toBeUndefined();
    expect(readEnvelopeFast(EXAMPLE.replace('"/wAAAP8A"', '"/wAA AP8A"'), LIMIT)).toBeUndefined();
    expect(readEnvelopeFast(JSON.stringify(JSON.parse(EXAMPLE), null, 1), LIMIT)).toBeUndefined();
  });

  it('reports every proper prefix of an envelope as truncated (ERR_TRUNCATED)', () => {
    const text = readGolden('raw-P.json');
    for (let cut = 1; cut < text.length; cut++) {
      expect({ cut, code: codeOf(() => readEnvelope(text.slice(0, cut), LIMIT)) }).toEqual({ cut, code: 'ERR_TRUNCATED' });
    }
  });

  it('tells non-JSON and non-object JSON apart from truncation (ERR_NOT_JSON)', () => {
    for (const text of ['', '   ', 'hello', '{pixtext:1}', '{"a":1,}', '[1,2]', '"text"', '42', 'null', 'true', '{"a":1} x']) {
      expect({ text, code: codeOf(() => readEnvelope(text, LIMIT)) }).toEqual({ text, code: 'ERR_NOT_JSON' });
    }
    expect(failure(() => readEnvelope('{"pixtext":1,"width":2x}', LIMIT))).toMatchObject({ code: 'ERR_NOT_JSON', offset: 22 });
  });

  it('rejects other versions with ERR_ENVELOPE_VERSION, before looking at any other field', () => {
    expect(codeOf(() => readEnvelope(withField('pixtext', '2'), LIMIT))).toBe('ERR_ENVELOPE_VERSION');
    expect(codeOf(() => readEnvelope('{"pixtext":2,"whatever":true}', LIMIT))).toBe('ERR_ENVELOPE_VERSION');
    expect(codeOf(() => readEnvelope(withField('pixtext', '0'), LIMIT))).toBe('ERR_ENVELOPE_VERSION');
    expect(codeOf(() => readEnvelope(withField('pixtext', '"1"'), LIMIT))).toBe('ERR_ENVELOPE');
    expect(codeOf(() => readEnvelope(withField('pixtext', '1.5'), LIMIT))).toBe('ERR_ENVELOPE');
  });

  it('rejects a missing or ill-typed field with ERR_ENVELOPE naming it', () => {
    const cases: [string, string][] = [
      ['{"width":2}', 'pixtext'],
      [withField('width', '-1'), 'width'],
      [withField('width', '2.5'), 'width'],
      [withField('height', '"1"'), 'height'],
      [withField('mode', '"CMYK"'), 'mode'],
      [withField('encoding', '"tiff"'), 'encoding'],
      [withField('crc32', '"C622F71D"'), 'crc32'],
      [withField('crc32', '"c622f71"'), 'crc32'],
      [withField('byteLength', 'null'), 'byteLength'],
      [withField('data', '123'), 'data'],
      [EXAMPLE.replace(',"data":"/wAAAP8A"', ''), 'data'],
      [EXAMPLE.replace('"byteLength"', '"palette":"/wAA/w==","byteLength"'), 'palette'],
      [EXAMPLE.replace('"byteLength"', '"metadata":[1],"byteLength"'), 'metadata'],
      [EXAMPLE.replace('"byteLength"', '"source":7,"byteLength"'), 'source'],
    ];
    for (const [text, chunk] of cases) {
      expect(failure(() => readEnvelope(text, LIMIT))).toMatchObject({ code: 'ERR_ENVELOPE', chunk });
    }
    const p = readGolden('raw-P.json');
    expect(failure(() => readEnvelope(withField('palette', '"/wAA"', p), LIMIT))).toMatchObject({ code: 'ERR_ENVELOPE', chunk: 'palette' });
    expect(failure(() => readEnvelope(withField('palette', '"/w!A"', p), LIMIT))).toMatchObject({ code: 'ERR_BASE64', chunk: 'palette' });
  });

  it('checks byteLength (ERR_LENGTH_MISMATCH) and crc32 (ERR_CHECKSUM)', () => {
    expect(codeOf(() => readEnvelope(withField('byteLength', '7'), LIMIT))).toBe('ERR_LENGTH_MISMATCH');
    // A stored file: byteLength is only checked against the decoded data.
    const file = EXAMPLE.replace('"raw"', '"png"');
    expect(readEnvelope(file, LIMIT).payload).toEqual(EXAMPLE_PIXELS);
    expect(codeOf(() => readEnvelope(withField('byteLength', '9', file), LIMIT))).toBe('ERR_LENGTH_MISMATCH');
    expect(codeOf(() => readEnvelope(withField('data', '"/wAAAP8AAAAA"', file), LIMIT))).toBe('ERR_LENGTH_MISMATCH');
    expect(codeOf(() => readEnvelope(withField('crc32', '"c622f71e"'), LIMIT))).toBe('ERR_CHECKSUM');
    expect(codeOf(() => readEnvelope(withField('data', '"/wAAAP8B"'), LIMIT))).toBe('ERR_CHECKSUM');
  });

  it('rejects stray characters in data with ERR_BASE64 and their offset in the data field', () => {
    for (const [data, offset] of [
      ['/wA!AP8A', 3],
      ['/wAA-P8A', 4],
      ['/wAAAP8_', 7],
      ['/wAA\u00e9P8A', 4],
    ] as const) {
      expect(failure(() => readEnvelope(withField('data', JSON.stringify(data)), LIMIT))).toEqual({
        code: 'ERR_BASE64',
        offset,
        chunk: 'data',
      });
    }
  });

  it('rejects width × height over maxPixels before decoding anything (ERR_TOO_LARGE)', () => {
    const huge = withField('height', String(2 ** 20), withField('width', String(2 ** 20)));
    const before = process.memoryUsage().arrayBuffers;
    expect(codeOf(() => readEnvelope(huge, LIMIT))).toBe('ERR_TOO_LARGE');
    // Even without a pixel limit, 2^40 pixels cannot be held: refused from the header, not by a failed allocation.
    expect(codeOf(() => readEnvelope(huge, { maxPixels: Infinity }))).toBe('ERR_TOO_LARGE');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(codeOf(() => readEnvelope(EXAMPLE, { maxPixels: 1 }))).toBe('ERR_TOO_LARGE');
    expect(readEnvelope(EXAMPLE, { maxPixels: 2 }).payload).toEqual(EXAMPLE_PIXELS);
  });

  it('ignores "__proto__" and other unknown keys without polluting any prototype', () => {
    const text = EXAMPLE.replace(
      '"byteLength"',
      '"__proto__":{"polluted":true,"width":99},"constructor":{"prototype":{"polluted":true}},"byteLength"',
    );
    const { header, payload } = readEnvelope(text, LIMIT);
    expect(header.width).toBe(2);
    expect(payload).toEqual(EXAMPLE_PIXELS);
    expect(Object.getPrototypeOf(header)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // A member twice (which JSON.parse would keep the last of) is refused, "__proto__" as any other.
    expect(codeOf(() => readEnvelope(text.replace(/}$/, ',"__proto__":{"polluted2":true}}'), LIMIT))).toBe('ERR_ENVELOPE');
    expect(({} as Record<string, unknown>)['polluted2']).toBeUndefined();
    expect(Object.keys(header)).not.toContain('__proto__');
    // A header whose required fields are only inherited does not count.
    expect(codeOf(() => readEnvelope('{"__proto__":{"pixtext":1,"width":2},"data":""}', LIMIT))).toBe('ERR_ENVELOPE');
  });

  it('inspects the header without decoding or verifying the payload', () => {
    const corrupt = withField('data', '"!!!!not base64, never decoded"', readGolden('raw-RGB-metadata.json'));
    const info = inspectEnvelope(corrupt);
    expect(info).toMatchObject({ version: 1, width: 2, height: 1, mode: 'RGB', encoding: 'raw', source: 'png', byteLength: 6 });
    expect(info.metadata).toStrictEqual(GOLDEN_METADATA);
    expect(info.dataLength).toBe('!!!!not base64, never decoded'.length);
    expect(inspectEnvelope(JSON.stringify(JSON.parse(EXAMPLE), null, 2))).toMatchObject({ width: 2, crc32: 'c622f71d', dataLength: 8 });
    expect(inspectEnvelope(EXAMPLE.replace('"/wAAAP8A"', '"\\/wAAAP8A"')).dataLength).toBe(8);
    expect(codeOf(() => inspectEnvelope(EXAMPLE.slice(0, 40)))).toBe('ERR_TRUNCATED');
    expect(codeOf(() => inspectEnvelope(withField('pixtext', '3')))).toBe('ERR_ENVELOPE_VERSION');
  });
});

// The fast path does not scan `data` for escapes and control characters up front (that scan was a third of a read of
// 128 MiB of pixels): strict base64 has neither, so a `data` that decodes is plain, and a reader asks the slice only
// before it reports an error of its own. These are the orders that asking keeps: a text that is not JSON is said to
// be not JSON before anything its header would say, wherever the bad character sits.
describe(`envelope reader: a slice is asked whether it is JSON before it is reported on (${platform})`, () => {
  const HUGE = withField('height', String(2 ** 20), withField('width', String(2 ** 20)));
  const inData = (text: string, replacement: string): string => text.replace('"/wAAAP8A"', `"${replacement}"`);

  it('says ERR_NOT_JSON, not the header error, for a raw control character in data', () => {
    for (const bad of ['/wAA\nAP8A', '/wAAAP8A\u0000', '\t/wAAAP8A']) {
      expect(codeOf(() => readEnvelope(inData(HUGE, bad), LIMIT))).toBe('ERR_NOT_JSON');
      expect(codeOf(() => readEnvelope(inData(EXAMPLE, bad), { maxPixels: 1 }))).toBe('ERR_NOT_JSON');
      expect(codeOf(() => readEnvelope(inData(withField('pixtext', '2'), bad), LIMIT))).toBe('ERR_NOT_JSON');
      expect(codeOf(() => inspectEnvelope(inData(HUGE, bad)))).toBe('ERR_NOT_JSON');
      expect(codeOf(() => readEnvelope(inData(EXAMPLE, bad), LIMIT))).toBe('ERR_NOT_JSON');
    }
  });

  it('says ERR_NOT_JSON, not the repeated member, for a repeated member with a control character in data', () => {
    const repeated = EXAMPLE.replace('"mode":"RGB",', '"mode":"RGB","mode":"RGB",');
    expect(codeOf(() => readEnvelope(repeated, LIMIT))).toBe('ERR_ENVELOPE');
    expect(codeOf(() => readEnvelope(inData(repeated, '/wAA\nAP8A'), LIMIT))).toBe('ERR_NOT_JSON');
    expect(codeOf(() => inspectEnvelope(inData(repeated, '/wAA\nAP8A')))).toBe('ERR_NOT_JSON');
  });

  it('reads escapes in data through the full parse, header errors included', () => {
    const escaped = '\\/wAAAP8A';
    expect(readEnvelope(inData(EXAMPLE, escaped), LIMIT).payload).toEqual(EXAMPLE_PIXELS);
    expect(codeOf(() => readEnvelope(inData(HUGE, escaped), LIMIT))).toBe('ERR_TOO_LARGE');
    expect(codeOf(() => readEnvelope(inData(withField('pixtext', '2'), escaped), LIMIT))).toBe('ERR_ENVELOPE_VERSION');
    expect(inspectEnvelope(inData(EXAMPLE, escaped))).toMatchObject({ width: 2, height: 1, dataLength: 8 });
  });

  it('marks a slice plain only when its data holds neither', () => {
    expect(isPlainSlice(sliceEnvelope(EXAMPLE)!)).toBe(true);
    expect(isPlainSlice(sliceEnvelope(inData(EXAMPLE, '\\/wAAAP8A'))!)).toBe(false);
    expect(isPlainSlice(sliceEnvelope(inData(EXAMPLE, '/wAA\u001fAP8A'))!)).toBe(false);
  });
});
