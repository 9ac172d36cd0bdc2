import { describe, expect, it } from 'vitest';
import { base64Form } from '../../src/text-forms/base64.js';
import { dataUrlForm } from '../../src/text-forms/data-url.js';
import { pilDumpForm } from '../../src/text-forms/pil-dump.js';
import { createPixtext } from '../../src/api/pixtext.js';
import { convert } from '../../src/pixel-modes/convert.js';
import { platform } from '../../src/platform-name.js';
import type { RawImage } from '../../src/raw-image.js';
import { calls, fakeCodec } from './fake-codec.js';
import { codeOf, expectPixtextError } from '../support/errors.js';
import { plain } from './arbitraries.js';


const fake = createPixtext({ codecs: [fakeCodec], forms: [pilDumpForm, dataUrlForm, base64Form], convert });
const none = createPixtext();
const rgb: RawImage = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 255, 0]) };
const EXAMPLE =
  '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}';

describe(`API plumbing with a stand-in codec (${platform})`, () => {
  it('writes the DESIGN §4 example and reads it back, with no codec at all', () => {
    expect(none.imageToText(rgb)).toBe(EXAMPLE);
    expect(plain(none.textToImage(EXAMPLE))).toEqual(plain(rgb));
    expect(none.inspect(EXAMPLE)).toEqual({
      form: 'envelope', width: 2, height: 1, mode: 'RGB', encoding: 'raw', byteLength: 6,
      textLength: EXAMPLE.length, version: 1, crc32: 'c622f71d',
    });
  });

  it('sniffs file input with the codec and stores pixels, the file itself, or a re-encoded file', () => {
    const file = fakeCodec.encode(rgb);
    const raw = fake.imageToText(file, { encoding: 'raw' });
    expect(JSON.parse(raw)).toMatchObject({ encoding: 'raw', source: 'png', width: 2, height: 1, mode: 'RGB' });
    expect(plain(fake.textToImage(raw))).toEqual(plain(rgb));

    const before = { ...calls };
    const original = fake.imageToText(file, { encoding: 'original', check: 'header' });
    // 'original' with check 'header' reads the header only: no pixel decoding.
    expect(calls.decode).toBe(before.decode);
    expect(calls.header).toBe(before.header + 1);
    // By default the file is carried as it is ('original'), decoded once on the way to check it.
    const checked = fake.imageToText(file);
    expect(calls.decode).toBe(before.decode + 1);
    expect(checked).toBe(original);
    expect(JSON.parse(original)).toMatchObject({ encoding: 'png', source: 'png', width: 2, height: 1, mode: 'RGB', byteLength: file.length });
    expect(fake.textToFile(original).bytes).toEqual(file);

    expect(fake.imageToText(file, { as: 'base64' })).toBe(Buffer.from(file).toString('base64'));
    expect(plain(fake.textToImage(Buffer.from(file).toString('base64')))).toEqual(plain(rgb));
  });

  it('restores the declared mode after a byte-order swap the format made (BGR stored as RGB)', () => {
    const bgr: RawImage = { width: 2, height: 1, mode: 'BGR', data: new Uint8Array([1, 2, 3, 4, 5, 6]) };
    const text = fake.imageToText(bgr, { encoding: 'png' });
    expect(JSON.parse(text)).toMatchObject({ mode: 'BGR', encoding: 'png' });
    expect(plain(fake.textToImage(text))).toEqual(plain(bgr));
  });

  it('refuses to store what the format would not give back exactly, naming the conversion', () => {
    const la16: RawImage = { width: 1, height: 1, mode: 'LA16', data: new Uint8Array(4) };
    const e = expectPixtextError(() => fake.imageToText(la16, { encoding: 'png' }), 'ERR_UNSUPPORTED');
    expect(e.message).toContain("'RGBA16'");
    // A palette the format drops: the stand-in reads P back as L, which loses the palette.
    const p: RawImage = { width: 1, height: 1, mode: 'P', data: new Uint8Array([0]), palette: new Uint8Array([9, 9, 9, 255]) };
    expect(codeOf(() => fake.imageToText(p, { encoding: 'png' }))).toBe('ERR_UNSUPPORTED');
  });

  it('names the missing codec instead of failing obscurely', () => {
    const file = fakeCodec.encode(rgb);
    const e = expectPixtextError(() => none.imageToText(file), 'ERR_UNSUPPORTED');
    expect(e.message).toContain('png');
    expect(none.detectFormat(file)).toBe('png');
    expect(none.detectFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(none.detectFormat(new Uint8Array([0x42, 0x4d, 0, 0]))).toBe('bmp');
    expect(none.detectFormat(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(codeOf(() => none.encode(rgb, 'png'))).toBe('ERR_UNSUPPORTED');
    expect(codeOf(() => none.textToImage(fake.imageToText(file, { encoding: 'original' })))).toBe('ERR_UNSUPPORTED');
    expect(codeOf(() => none.decode(new Uint8Array([1, 2, 3])))).toBe('ERR_UNKNOWN_FORMAT');
  });

  it('rejects a bad codec list', () => {
    expect(codeOf(() => createPixtext({ codecs: [fakeCodec, fakeCodec] }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => createPixtext({ codecs: [{ id: 'gif' }] as never }))).toBe('ERR_INVALID_ARGUMENT');
    // A plug-in id must be lowercase letters and digits, and not an encoding word.
    for (const id of ['TIFF', 'x', 'raw', 'original', 'ti-ff', 'a'.repeat(17)]) {
      expect(codeOf(() => createPixtext({ codecs: [{ ...fakeCodec, id }] as never }))).toBe('ERR_INVALID_ARGUMENT');
    }
    expect(codeOf(() => createPixtext({ codecs: 'png' as never }))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('checks an encoded payload against its envelope (format, size, mode)', () => {
    const file = fakeCodec.encode(rgb);
    const text = fake.imageToText(file, { encoding: 'original' });
    const lie = (field: string, value: string) => text.replace(new RegExp(`"${field}":[^,]*`), `"${field}":${value}`);
    expect(codeOf(() => fake.textToImage(lie('width', '3')))).toBe('ERR_ENVELOPE');
    expect(codeOf(() => fake.textToImage(lie('mode', '"RGBA"')))).toBe('ERR_ENVELOPE');
    expect(codeOf(() => fake.textToImage(lie('encoding', '"bmp"')))).toBe('ERR_ENVELOPE');
    expect(codeOf(() => fake.textToImage(lie('height', '70000'), { maxPixels: 100_000 }))).toBe('ERR_TOO_LARGE');
  });

  it('validates options once, at the boundary, with ERR_INVALID_ARGUMENT', () => {
    const bad: [string, unknown][] = [
      ['as', 'xml'],
      ['encoding', 'tiff'],
      ['mode', 'CMYK'],
      ['quality', 0],
      ['quality', 101],
      ['quality', 50.5],
      ['compressionLevel', 10],
      ['compressionLevel', -1],
      ['maxPixels', -5],
      ['maxPixels', 'many'],
      ['metadata', [1]],
      ['metadata', 'x'],
    ];
    for (const [option, value] of bad) {
      expect({ option, code: codeOf(() => none.imageToText(rgb, { [option]: value } as never)) }).toEqual({ option, code: 'ERR_INVALID_ARGUMENT' });
    }
    expect(codeOf(() => none.imageToText(rgb, 'envelope' as never))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => none.textToImage(EXAMPLE, { mode: 'XYZ' as never }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => none.textToFile(EXAMPLE, { format: 'tiff' as never }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => none.encode(rgb, 'tiff' as never))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => none.textToImage(42 as never))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => none.imageToText('text' as never))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => none.imageToText(new Uint16Array(4) as never))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => none.decode('bytes' as never))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('rejects option combinations that would drop or contradict something', () => {
    const file = fakeCodec.encode(rgb);
    expect(codeOf(() => fake.imageToText(rgb, { as: 'base64', encoding: 'raw' }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => fake.imageToText(rgb, { as: 'pil', encoding: 'png' }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => fake.imageToText(rgb, { as: 'data-url', metadata: { a: 1 } }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => fake.imageToText(rgb, { encoding: 'original' }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => fake.imageToText(file, { encoding: 'original', mode: 'L' }))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('rejects malformed images with ERR_INVALID_IMAGE and oversized ones with ERR_TOO_LARGE', () => {
    expect(codeOf(() => none.imageToText({ ...rgb, data: new Uint8Array(5) }))).toBe('ERR_INVALID_IMAGE');
    expect(codeOf(() => none.imageToText({ ...rgb, width: -1 }))).toBe('ERR_INVALID_IMAGE');
    expect(codeOf(() => none.imageToText({ width: 1, height: 1, data: new Uint8ClampedArray(3) }))).toBe('ERR_INVALID_IMAGE');
    expect(codeOf(() => none.imageToText(rgb, { maxPixels: 1 }))).toBe('ERR_TOO_LARGE');
  });

  it('takes ImageData-like RGBA, honouring a view at an odd offset', () => {
    const backing = new Uint8ClampedArray(13).fill(77);
    backing.set([10, 20, 30, 40, 50, 60, 70, 80], 3);
    const imageData = { width: 2, height: 1, data: backing.subarray(3, 11) };
    const back = none.textToImage(none.imageToText(imageData));
    expect(plain(back)).toEqual({ width: 2, height: 1, mode: 'RGBA', data: [10, 20, 30, 40, 50, 60, 70, 80] });
  });

  it('recognises text forms and reports each failure with its own code', () => {
    const cases: [string, string][] = [
      ['', 'ERR_UNRECOGNIZED_TEXT'],
      [' \n ', 'ERR_UNRECOGNIZED_TEXT'],
      ['hello world', 'ERR_UNRECOGNIZED_TEXT'],
      ['{"a":1}', 'ERR_UNRECOGNIZED_TEXT'],
      ['[1,2]', 'ERR_NOT_JSON'],
      ['"text"', 'ERR_NOT_JSON'],
      ['42', 'ERR_NOT_JSON'],
      ['null', 'ERR_NOT_JSON'],
      ['{pixtext:1}', 'ERR_NOT_JSON'],
      ['[1,2', 'ERR_TRUNCATED'],
      [EXAMPLE.slice(0, -5), 'ERR_TRUNCATED'],
      [EXAMPLE.replace('"pixtext":1', '"pixtext":2'), 'ERR_ENVELOPE_VERSION'],
      [EXAMPLE.replace('"byteLength":6', '"byteLength":7'), 'ERR_LENGTH_MISMATCH'],
      [EXAMPLE.replace('c622f71d', 'c622f71e'), 'ERR_CHECKSUM'],
      [EXAMPLE.replace('/wAAAP8A', '/wA!AP8A'), 'ERR_BASE64'],
      [EXAMPLE.replace('"width":2', '"width":1048576').replace('"height":1', '"height":1048576'), 'ERR_TOO_LARGE'],
    ];
    for (const [text, code] of cases) {
      expect({ text, code: codeOf(() => none.textToImage(text)) }).toEqual({ text, code });
    }
    // A byte order mark, as editors on Windows save files, is not part of the text.
    expect(plain(none.textToImage('\uFEFF' + EXAMPLE))).toEqual(plain(rgb));
    expect(none.inspect('\uFEFF' + EXAMPLE).width).toBe(2);
    // base64 of a file: a stray character is reported with its offset, once the text is known to be base64.
    const b64 = Buffer.from(fakeCodec.encode(rgb)).toString('base64');
    expect(codeOf(() => fake.textToImage(b64.slice(0, 20) + '!' + b64.slice(20)))).toBe('ERR_BASE64');
  });

  it('converts on the way out with mode, and never pollutes prototypes', () => {
    const text = EXAMPLE.replace('"byteLength"', '"__proto__":{"polluted":1},"byteLength"');
    const image = none.textToImage(text, { mode: 'RGB' });
    expect(plain(image)).toEqual(plain(rgb));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(none.inspect(text).metadata).toBeUndefined();
  });
});
