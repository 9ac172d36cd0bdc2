import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { formatDataUrl, isDataUrl, parseDataUrl } from '../../src/text-forms/data-url.js';
import { imageToText, textToImage } from '../../src/index.js';

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const parsed = (text: string) => {
  const { mimeType, bytes } = parseDataUrl(text);
  return { mimeType, bytes: Array.from(bytes) };
};
const failure = (text: string) => {
  try {
    parseDataUrl(text);
  } catch (error) {
    if (!(error instanceof PixtextError)) throw error;
    return { code: error.code, offset: error.offset };
  }
  return 'no error';
};

describe('isDataUrl', () => {
  it('looks for the data: scheme in any case after leading spaces and controls', () => {
    expect(isDataUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isDataUrl('DaTa:,x')).toBe(true);
    expect(isDataUrl(' \n\u0000data:,')).toBe(true);
    expect(isDataUrl('dat')).toBe(false);
    expect(isDataUrl('{"pixtext":1}')).toBe(false);
    expect(isDataUrl('iVBORw0KGgo=')).toBe(false);
    expect(isDataUrl(42 as unknown as string)).toBe(false);
  });
});

describe('parseDataUrl', () => {
  const png = { mimeType: 'image/png', bytes: PNG_SIGNATURE };

  it('reads base64 data URLs as browsers do', () => {
    expect(parsed('data:image/png;base64,iVBORw0KGgo=')).toEqual(png);
    expect(parsed('data:image/png;base64,iVBORw0KGgo')).toEqual(png); // padding optional
    expect(parsed('data:image/png;BASE64,iVBORw0KGgo=')).toEqual(png);
    expect(parsed('data:image/png;  base64,iVBORw0KGgo=')).toEqual(png);
    expect(parsed('data:IMAGE/PNG;name=a.png;base64,iVBORw0KGgo=')).toEqual(png);
    expect(parsed('  data:image/png;base64, iVBO Rw0K\r\nGgo= \t')).toEqual(png);
    expect(parsed('data:image/\npng;base\t64,iVBORw0KGgo=')).toEqual(png);
    expect(parsed('data:image/png;base64,iVBORw0KGgo%3D')).toEqual(png);
    expect(parsed('data:image/png;base64,iVBORw0KGgo=#fragment')).toEqual(png);
    expect(parsed('data:image/png;base64,iVBORw0KGgp=')).toEqual(png); // unused low bits are discarded
  });

  it('falls back to text/plain for a missing or malformed media type', () => {
    expect(parsed('data:;base64,AAE=')).toEqual({ mimeType: 'text/plain', bytes: [0, 1] });
    expect(parsed('data:png;base64,AAE=')).toEqual({ mimeType: 'text/plain', bytes: [0, 1] });
  });

  it('reads data URLs without ;base64 as percent-decoded bytes', () => {
    expect(parsed('data:text/plain,hi%20there%zz')).toEqual({ mimeType: 'text/plain', bytes: [...'hi there%zz'].map((c) => c.charCodeAt(0)) });
    expect(parsed('data:,\u00e9')).toEqual({ mimeType: 'text/plain', bytes: [0xc3, 0xa9] });
    expect(parsed('data:,')).toEqual({ mimeType: 'text/plain', bytes: [] });
  });

  it('refuses what is not a data URL, and the URL-safe alphabet', () => {
    expect(failure('http://example.com/a.png')).toEqual({ code: ErrorCode.DATA_URL, offset: 0 });
    expect(failure('data:image/png;base64')).toMatchObject({ code: ErrorCode.DATA_URL });
    expect(failure('data:image/png;base64,ab-c')).toEqual({ code: ErrorCode.DATA_URL, offset: 24 });
    expect(failure('data:image/png;base64,abc_')).toEqual({ code: ErrorCode.DATA_URL, offset: 25 });
  });

  it('refuses an authority the URL parser refuses (fetch fails on it), and reads one it accepts as fetch does', () => {
    expect(failure('data://host:x/,AAAA')).toEqual({ code: ErrorCode.DATA_URL, offset: 5 });
    expect(failure('data://host:x/;base64,iVBORw0KGgo=')).toMatchObject({ code: ErrorCode.DATA_URL });
    expect(failure('data://a b/,x')).toMatchObject({ code: ErrorCode.DATA_URL });
    // fetch('data://host/;base64,QUJD') gives text/plain "ABC": the media type is read from "//host/".
    expect(parsed('data://host/;base64,QUJD')).toEqual({ mimeType: 'text/plain', bytes: [65, 66, 67] });
  });

  it('reports bad base64 with its offset in the text', () => {
    expect(failure('data:image/png;base64,AA*A')).toEqual({ code: ErrorCode.BASE64, offset: 24 });
    // length % 4 == 1, or "AA=" ending half-padded: nothing wrong but the end, so the text is cut (ERR_TRUNCATED, below)
    expect(failure('data:image/png;base64,AAAAA')).toMatchObject({ code: ErrorCode.TRUNCATED });
    expect(failure('data:image/png;base64,AAAAAA=')).toMatchObject({ code: ErrorCode.TRUNCATED });
    expect(failure('data:image/png;base64,AAAAAAA==')).toMatchObject({ code: ErrorCode.BASE64 });
    expect(failure('data:image/png;base64,AA=A')).toMatchObject({ code: ErrorCode.BASE64 });
    expect(failure('data:image/png;base64,AAA==')).toMatchObject({ code: ErrorCode.BASE64 });
    expect(failure('data:image/png;base64,\u00e9AAA')).toMatchObject({ code: ErrorCode.BASE64 });
    expect(() => parseDataUrl(7 as unknown as string)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
  });
});

describe('formatDataUrl', () => {
  it('writes data:<mime>;base64,<padded base64>', () => {
    expect(formatDataUrl('image/png', new Uint8Array(PNG_SIGNATURE.slice(0, 4)))).toBe('data:image/png;base64,iVBORw==');
    expect(formatDataUrl('image/jpeg', new Uint8Array(0))).toBe('data:image/jpeg;base64,');
    const host = new Uint8Array([9, 9, 137, 80, 78, 71, 9]);
    expect(formatDataUrl('image/png', host.subarray(2, 6))).toBe('data:image/png;base64,iVBORw==');
  });

  it('refuses a MIME type that would break the URL', () => {
    for (const bad of ['', 'image/png,x', 'image png', '\u00e9/x', 3]) {
      expect(() => formatDataUrl(bad as string, new Uint8Array(1))).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    }
  });

  it('round-trips any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('image/png', 'image/jpeg', 'image/bmp', 'application/octet-stream'), (bytes, mime) => {
        expect(parseDataUrl(formatDataUrl(mime, bytes))).toEqual({ mimeType: mime, bytes });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseDataUrl agrees with the platform fetch() (an independent WHATWG implementation)', () => {
  // Pieces that exercise the rules: scheme case, media type noise, ;base64 spelling, whitespace, escapes, padding.
  const header = fc.constantFrom(
    'data:',
    'DATA:',
    ' data:',
    'data:\n',
    // An authority: checked and serialised by the URL parser before fetch reads the media type.
    'data://host/',
    'data://host:x/',
    'data://host:80/',
    'data://h st/',
    'data:///',
    'data://[::1]/',
    'data://a@b/',
    'data:/\n/host:1/',
  );
  const media = fc.constantFrom('image/png', 'IMAGE/PNG', '', 'image/png;a=b', ' image/png ', 'png', 'text/plain');
  const marker = fc.constantFrom(';base64', ';BASE64', '; base64', ';base64 ', '', ';base6');
  const bodyPiece = fc.constantFrom('QUJD', 'YQ', 'YQ=', 'YQ==', ' ', '\n', '\t', '%3D', '%41', '+/', 'A', '=', '-', '_', '*', '%', 'é');
  const url = fc.tuple(header, media, marker, fc.array(bodyPiece, { maxLength: 8 })).map(([h, m, k, body]) => `${h}${m}${k},${body.join('')}`);

  it('gives the same MIME type and bytes, or fails where fetch fails', async () => {
    await fc.assert(
      fc.asyncProperty(url, async (text) => {
        let expected: { mimeType: string; bytes: Uint8Array } | 'failure';
        try {
          const response = await fetch(text);
          const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]!.toLowerCase();
          expected = { mimeType, bytes: new Uint8Array(await response.arrayBuffer()) };
        } catch {
          expected = 'failure';
        }
        let actual: { mimeType: string; bytes: Uint8Array } | 'failure';
        try {
          actual = parseDataUrl(text);
        } catch (error) {
          expect(error).toBeInstanceOf(PixtextError);
          actual = 'failure';
        }
        expect([text, actual]).toEqual([text, expected]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('a data URL cut short', () => {
  // A small image in each lossless file format, as a data URL, cut after every character past the file's magic bytes:
  // each cut is ERR_TRUNCATED saying the text is cut, not a chunk or base64 error of the file inside. A cut that only
  // drops padding (optional in data URLs) or bytes the decoder never needs still reads.
  const image = { width: 5, height: 4, mode: 'RGB' as const, data: Uint8Array.from({ length: 60 }, (_, i) => (i * 37) & 0xff) };
  // JPEG too: a cut before the first scan is ERR_TRUNCATED (the decoder said ERR_CORRUPT, "no scan"); a single-scan
  // file cut inside its scan data still decodes, as libjpeg does.
  it.each(['png', 'bmp', 'webp', 'jpeg'] as const)('holding a %s file is ERR_TRUNCATED on the text at every cut', (encoding) => {
    const url = imageToText(image, { as: 'data-url', encoding });
    const start = url.indexOf(',') + 1 + 16; // 12 bytes of the file: past every format's magic bytes
    let refused = 0;
    for (let n = start; n < url.length; n++) {
      let error: PixtextError | undefined;
      try {
        textToImage(url.slice(0, n));
      } catch (e) {
        error = e as PixtextError;
      }
      if (error === undefined) continue;
      expect(error.code, `cut to ${n} of ${url.length}`).toBe('ERR_TRUNCATED');
      expect(error.message, `cut to ${n}`).toMatch(/text is cut short/);
      refused++;
    }
    expect(refused).toBeGreaterThan((url.length - start) * 0.9);
  });

  it('whose base64 ends with a lone digit is ERR_TRUNCATED, a stray character still ERR_BASE64', () => {
    expect(failure('data:image/png;base64,iVBORw0KGgoAA')).toMatchObject({ code: 'ERR_TRUNCATED' });
    expect(failure('data:image/png;base64,iVBO Rw0K\nGgoAA')).toMatchObject({ code: 'ERR_TRUNCATED' });
    expect(failure('data:image/png;base64,iVBORw0KGgo!')).toMatchObject({ code: ErrorCode.BASE64 });
    expect(failure('data:image/png;base64,iVBORw0KG=oA')).toMatchObject({ code: ErrorCode.BASE64 });
  });
});
