import { describe, expect, it } from 'vitest';
import { base64Form } from '../../src/text-forms/base64.js';
import { dataUrlForm } from '../../src/text-forms/data-url.js';
import { pilDumpForm } from '../../src/text-forms/pil-dump.js';
import { createPixtext } from '../../src/api/pixtext.js';
import { convert } from '../../src/pixel-modes/convert.js';
import { platform } from '../../src/platform-name.js';
import type { RawImage } from '../../src/raw-image.js';
import { plain } from './arbitraries.js';
import { codeOf, expectPixtextError } from '../support/errors.js';
import { fakeCodec } from './fake-codec.js';

// createPixtext() with nothing is raw-pixel envelopes only; every other feature is passed in (codecs, text forms,
// convert) and, when missing, refused with ERR_UNSUPPORTED whose message says exactly what to pass.


const none = createPixtext();
const rgb: RawImage = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 255, 0]) };
const EXAMPLE =
  '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}';
const DUMP = '{"img_info": {"format": null, "size": [2, 1], "mode": "RGB"}, "img_data": "/wAAAP8A"}';
const file = fakeCodec.encode(rgb); // starts with the PNG signature
const fileBase64 = Buffer.from(file).toString('base64');
const fileEnvelope = createPixtext({ codecs: [fakeCodec] }).imageToText(file, { encoding: 'original' });

const PASS = {
  convert: 'createPixtext({ convert })',
  pil: 'createPixtext({ forms: [pilDumpForm] })',
  dataUrl: 'createPixtext({ forms: [dataUrlForm] })',
  base64: 'createPixtext({ forms: [base64Form] })',
  png: 'createPixtext({ codecs: [pngCodec] })',
  bmp: 'createPixtext({ codecs: [bmpCodec] })',
} as const;

describe(`createPixtext features (${platform})`, () => {
  it('with nothing passed in, refuses each missing feature with ERR_UNSUPPORTED naming what to pass', () => {
    const cases: [string, () => unknown, string][] = [
      ['imageToText mode', () => none.imageToText(rgb, { mode: 'L' }), PASS.convert],
      ["imageToText as: 'pil'", () => none.imageToText(rgb, { as: 'pil' }), PASS.pil],
      ["imageToText as: 'data-url'", () => none.imageToText(rgb, { as: 'data-url' }), PASS.dataUrl],
      ["imageToText as: 'base64'", () => none.imageToText(rgb, { as: 'base64' }), PASS.base64],
      ['imageToText of a file', () => none.imageToText(file), PASS.png],
      ["imageToText encoding: 'png'", () => none.imageToText(rgb, { encoding: 'png' }), PASS.png],
      ['textToImage mode', () => none.textToImage(EXAMPLE, { mode: 'L' }), PASS.convert],
      ['textToImage of a Pillow dump', () => none.textToImage(DUMP), PASS.pil],
      ['textToImage of a data URL', () => none.textToImage(`data:image/png;base64,${fileBase64}`), PASS.dataUrl],
      ['textToImage of bare base64', () => none.textToImage(fileBase64), PASS.base64],
      ['textToImage of an envelope holding a file', () => none.textToImage(fileEnvelope), PASS.png],
      ['inspect of a Pillow dump', () => none.inspect(DUMP), PASS.pil],
      ['inspect of a data URL', () => none.inspect(`data:image/png;base64,${fileBase64}`), PASS.dataUrl],
      ['textToFile of raw pixels', () => none.textToFile(EXAMPLE), PASS.png],
      ['decode', () => none.decode(file), PASS.png],
      ['encode', () => none.encode(rgb, 'bmp'), PASS.bmp],
    ];
    for (const [what, call, pass] of cases) {
      const { message } = expectPixtextError(call, 'ERR_UNSUPPORTED');
      expect({ what, names: message.includes(pass) }).toEqual({ what, names: true });
    }
  });

  it('with nothing passed in, still does everything raw envelopes need', () => {
    expect(none.imageToText(rgb)).toBe(EXAMPLE);
    expect(plain(none.textToImage(EXAMPLE))).toEqual(plain(rgb));
    // Asking for the mode the image already has is no conversion.
    expect(plain(none.textToImage(EXAMPLE, { mode: 'RGB' }))).toEqual(plain(rgb));
    expect(none.imageToText(rgb, { mode: 'RGB', metadata: { id: 7 } })).toBe(EXAMPLE.replace('"byteLength"', '"metadata":{"id":7},"byteLength"'));
    expect(none.inspect(EXAMPLE).crc32).toBe('c622f71d');
    expect(none.detectFormat(file)).toBe('png');
  });

  it('does what each feature passed in allows, and only that', () => {
    const pil = createPixtext({ forms: [pilDumpForm] });
    expect(pil.imageToText(rgb, { as: 'pil' })).toBe(DUMP);
    expect(plain(pil.textToImage(DUMP))).toEqual(plain(rgb));
    expect(pil.inspect(DUMP)).toEqual({ form: 'pil', width: 2, height: 1, mode: 'RGB', encoding: 'raw', byteLength: 6, textLength: DUMP.length });
    expect(expectPixtextError(() => pil.textToImage(fileBase64), 'ERR_UNSUPPORTED').message).toContain(PASS.base64);

    const converting = createPixtext({ convert });
    // Pillow's RGB→L: (R·19595 + G·38470 + B·7471 + 0x8000) >> 16.
    expect(plain(converting.textToImage(EXAMPLE, { mode: 'L' }))).toEqual({ width: 2, height: 1, mode: 'L', data: [76, 150] });
    expect(expectPixtextError(() => converting.imageToText(rgb, { as: 'pil' }), 'ERR_UNSUPPORTED').message).toContain(PASS.pil);

    const files = createPixtext({ codecs: [fakeCodec], forms: [dataUrlForm, base64Form] });
    expect(files.imageToText(file, { as: 'data-url' })).toBe(`data:image/x-fake;base64,${fileBase64}`);
    expect(plain(files.textToImage(fileBase64))).toEqual(plain(rgb));
    expect(files.textToFile(`data:image/x-fake;base64,${fileBase64}`).bytes).toEqual(file);
    // A BGR image stored in a format that keeps it as RGB needs convert to come back as BGR.
    const bgr: RawImage = { ...rgb, mode: 'BGR' };
    const stored = createPixtext({ codecs: [fakeCodec], convert }).imageToText(bgr, { encoding: 'png' });
    expect(expectPixtextError(() => files.textToImage(stored), 'ERR_UNSUPPORTED').message).toContain(PASS.convert);
  });

  it('rejects a configuration that is not one with ERR_INVALID_ARGUMENT', () => {
    const bad: [string, unknown][] = [
      ['null config', null],
      ['forms not an array', { forms: pilDumpForm }],
      ['a form given twice', { forms: [pilDumpForm, pilDumpForm] }],
      ['a form by name', { forms: ['pil'] }],
      ['an unknown form', { forms: [{ id: 'xml', read: () => 0, write: () => '' }] }],
      ['a codec as a form', { forms: [fakeCodec] }],
      ['convert not a function', { convert: 'yes' }],
    ];
    for (const [what, config] of bad) {
      expect({ what, code: codeOf(() => createPixtext(config as never)) }).toEqual({ what, code: 'ERR_INVALID_ARGUMENT' });
    }
  });
});
