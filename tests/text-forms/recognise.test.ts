// The one recognition ladder: which form a text is in, and the error for a text of no form. textToImage, textToFile,
// inspect and textToRawImage all go through it, so these cases hold for each of them.
import { describe, expect, it } from 'vitest';
import { createCodecSet } from '../../src/api/codec-set.js';
import { platform } from '../../src/platform-name.js';
import { createFormSet } from '../../src/text-forms/form.js';
import { recogniseEnvelope } from '../../src/text-forms/envelope.js';
import { FORM_LADDER, prepareText, recogniseForm, recogniseText } from '../../src/text-forms/recognise.js';
import { codeOf, expectPixtextError } from '../support/errors.js';

const context = { codecs: createCodecSet([]), maxPixels: Infinity };
const ENVELOPE = '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}';
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABc3UBGAAAAABJRU5ErkJggg==';
const ALL = 'an envelope, Pillow dump, data URL or base64 of a file';
const idOf = (text: string) => recogniseText(text, FORM_LADDER, context, ALL).id;

describe('a file name instead of a text', () => {
  it('is unrecognised, with a message saying to read the file first', () => {
    for (const name of ['photos/cat.png', 'C:\\images\\scan.JPG', './scan.json']) {
      const error = expectPixtextError(() => recogniseText(name, FORM_LADDER, context, ALL), 'ERR_UNRECOGNIZED_TEXT');
      expect(error.message).toContain('read the file');
    }
    expect(codeOf(() => recogniseText('hello', FORM_LADDER, context, ALL))).toBe('ERR_UNRECOGNIZED_TEXT');
    expect(expectPixtextError(() => recogniseText('hello', FORM_LADDER, context, ALL), 'ERR_UNRECOGNIZED_TEXT').message).not.toContain('file name');
  });
});

describe(`recognition ladder (${platform})`, () => {
  it('prepares a text once: byte order mark dropped, first non-whitespace found, envelope sliced', () => {
    const sample = prepareText(`\uFEFF \n${ENVELOPE}`);
    expect(sample.text).toBe(` \n${ENVELOPE}`);
    expect(sample.start).toBe(2);
    expect(sample.sliced?.data).toBe('/wAAAP8A');
    expect(sample.object()).toBe(sample.object());
    expect(prepareText('data:,').sliced).toBeUndefined();
    expectPixtextError(() => prepareText(42), 'ERR_INVALID_ARGUMENT');
  });

  it('tells each form apart, whitespace and key order notwithstanding', () => {
    expect(idOf(ENVELOPE)).toBe('envelope');
    expect(idOf(` ${JSON.stringify(JSON.parse(ENVELOPE), null, 2)}`)).toBe('envelope');
    expect(idOf('{"data":"AA==","pixtext":1}')).toBe('envelope');
    expect(idOf('{"img_info": {"size": [1, 1], "mode": "L"}, "img_data": "AA=="}')).toBe('pil');
    expect(idOf(' DATA:image/png;base64,AAAA')).toBe('data-url');
    expect(idOf(PNG_BASE64)).toBe('base64');
    expect(idOf(`\n${PNG_BASE64.slice(0, 20)}\n${PNG_BASE64.slice(20)}`)).toBe('base64');
  });

  it('says what is wrong with text of no form: as JSON when it is or tries to be JSON, else unrecognised', () => {
    const cases: [string, string][] = [
      ['', 'ERR_UNRECOGNIZED_TEXT'],
      ['  \n', 'ERR_UNRECOGNIZED_TEXT'],
      ['hello', 'ERR_UNRECOGNIZED_TEXT'],
      ['QUJD', 'ERR_UNRECOGNIZED_TEXT'], // base64, but not of an image file
      ['{"a":1}', 'ERR_UNRECOGNIZED_TEXT'],
      ['[1, 2]', 'ERR_NOT_JSON'],
      ['42', 'ERR_NOT_JSON'],
      ['{"pixtext":1,', 'ERR_TRUNCATED'],
      ['{"pixtext" 1}', 'ERR_NOT_JSON'],
    ];
    for (const [text, code] of cases) expect({ text, code: codeOf(() => idOf(text)) }).toEqual({ text, code });
  });

  it('with the envelope as the only rung (textToRawImage), every other form is unrecognised', () => {
    const envelopeOnly = [{ id: 'envelope', recognise: recogniseEnvelope }] as const;
    expect(recogniseText(ENVELOPE, envelopeOnly, undefined, 'an envelope').id).toBe('envelope');
    for (const text of ['{"img_info": {}, "img_data": ""}', 'data:image/png;base64,AAAA', PNG_BASE64]) {
      expect({ text, code: codeOf(() => recogniseText(text, envelopeOnly, undefined, 'an envelope')) }).toEqual({ text, code: 'ERR_UNRECOGNIZED_TEXT' });
    }
  });

  it('names the form an instance lacks once the text is recognised as it', () => {
    const error = expectPixtextError(() => recogniseForm('data:image/png;base64,AAAA', createFormSet([]), context), 'ERR_UNSUPPORTED');
    expect(error.message).toContain('dataUrlForm');
    expect(recogniseForm(ENVELOPE, createFormSet([]), context).form.id).toBe('envelope');
  });
});
