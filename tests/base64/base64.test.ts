import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase64, encodeBase64, encodeBase64Into } from '../../src/base64/base64.js';
import { decodeBase64Portable, encodeBase64IntoPortable, encodeBase64Portable } from '../../src/base64/portable.js';
import { PixtextError } from '../../src/errors.js';
import { platform } from '../../src/platform-name.js';
import { base64 as bufferBase64 } from '../support/bytes.js';

const ascii = (s: string) => new TextEncoder().encode(s);

function codeAndOffset(f: () => unknown): { code: string; offset: number | undefined } {
  try {
    f();
  } catch (e) {
    if (e instanceof PixtextError) return { code: e.code, offset: e.offset };
    throw e;
  }
  throw new Error('expected a PixtextError');
}

// Non-alphabet characters that must never be taken as data: URL-safe digits, JSON syntax, controls, non-ASCII
// (U+0141's low byte is "A", which Buffer alone would accept).
const STRAY = ['-', '_', '"', '\\', '!', '.', ':', '\u0000', '\u007f', '\u00e9', '\u0141', '\u{1F600}'];

const decoders = [
  ['decodeBase64', decodeBase64],
  ['decodeBase64Portable', decodeBase64Portable],
] as const;

describe(`base64 (${platform})`, () => {
  it('encodes and decodes the RFC 4648 §10 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(ascii(plain))).toBe(encoded);
      expect(encodeBase64Portable(ascii(plain))).toBe(encoded);
      for (const [, decode] of decoders) expect(decode(encoded)).toEqual(ascii(plain));
    }
    expect(encodeBase64(new Uint8Array([255, 0, 0, 0, 255, 0]))).toBe('/wAAAP8A');
    expect(decodeBase64('/wAAAP8A')).toEqual(new Uint8Array([255, 0, 0, 0, 255, 0]));
  });

  it('equals Buffer on random bytes, lengths and view offsets, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(7), fc.nat(7), (bytes, skip, cut) => {
        const view = bytes.subarray(Math.min(skip, bytes.length), Math.max(Math.min(skip, bytes.length), bytes.length - cut));
        const expected = bufferBase64(view);
        expect(encodeBase64(view)).toBe(expected);
        expect(encodeBase64Portable(view)).toBe(expected);
        for (const [, decode] of decoders) {
          const back = decode(expected);
          expect(back).toBeInstanceOf(Uint8Array);
          expect(Buffer.from(back).equals(Buffer.from(view))).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  // encodeBase64Into is Buffer's encoder in the node project and the portable one in the portable project; the
  // portable one is also called by name, so the node project runs both.
  const writersInto = [
    ['encodeBase64Into', encodeBase64Into],
    ['encodeBase64IntoPortable', encodeBase64IntoPortable],
  ] as const;

  it.each(writersInto)('%s writes exactly the base64 bytes at any offset, touching nothing else', (_, into) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(9), fc.nat(5), fc.nat(3), (bytes, before, after, viewAt) => {
        const expected = ascii(bufferBase64(bytes));
        // A view into a larger buffer, at an odd or even place, so both store paths and the bounds are exercised.
        const backing = new Uint8Array(viewAt + before + expected.length + after).fill(0xee);
        const out = backing.subarray(viewAt);
        expect(into(bytes, out, before)).toBe(before + expected.length);
        expect(Buffer.from(out.subarray(before, before + expected.length)).equals(Buffer.from(expected))).toBe(true);
        expect(backing.subarray(0, viewAt + before).every((b) => b === 0xee)).toBe(true);
        expect(out.subarray(before + expected.length).every((b) => b === 0xee)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(writersInto)('%s crosses its chunk boundaries and refuses an output without room', (_, into) => {
    for (const n of [1, 2, 3, 12287, 12288, 12289, 49151, 49152, 49153, 147_457]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 131 + (i >> 8)) & 0xff;
      const expected = bufferBase64(bytes);
      for (const at of [0, 1]) {
        const out = new Uint8Array(at + expected.length);
        expect(into(bytes, out, at)).toBe(out.length);
        expect(Buffer.from(out.subarray(at)).toString('latin1')).toBe(expected);
        expect(() => into(bytes, new Uint8Array(at + expected.length - 1), at)).toThrow(RangeError);
      }
    }
    expect(() => into(new Uint8Array(3), new Uint8Array(8), -1)).toThrow(RangeError);
    expect(into(new Uint8Array(0), new Uint8Array(0), 0)).toBe(0);
  });

  it('crosses the portable chunk boundaries exactly (16 KiB out, 64 Ki characters in)', () => {
    for (const n of [12287, 12288, 12289, 49151, 49152, 49153, 49154, 65536 * 3, 65536 * 3 + 2]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 131 + (i >> 8)) & 0xff;
      const expected = bufferBase64(bytes);
      expect(encodeBase64Portable(bytes)).toBe(expected);
      expect(encodeBase64(bytes)).toBe(expected);
      expect(Buffer.from(decodeBase64Portable(expected)).equals(Buffer.from(bytes))).toBe(true);
      expect(Buffer.from(decodeBase64(expected)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('decodes line-wrapped text across chunk boundaries, and finds a stray character far into it', () => {
    const bytes = new Uint8Array(150_001);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 9)) & 0xff;
    const plain = bufferBase64(bytes);
    // Line breaks every 76 characters (MIME) put quads across every 64 Ki-character chunk edge.
    const wrapped = plain.replace(/.{76}/g, '$&\r\n');
    for (const [, decode] of decoders) {
      expect(Buffer.from(decode(wrapped, { allowWhitespace: true })).equals(Buffer.from(bytes))).toBe(true);
      expect(codeAndOffset(() => decode(wrapped))).toEqual({ code: 'ERR_BASE64', offset: 76 });
      for (const at of [65_535, 65_536, 65_537, 131_070, wrapped.length - 3]) {
        for (const stray of ['!', '\u00e9', '\u{1F600}', '-']) {
          const bad = wrapped.slice(0, at) + stray + wrapped.slice(at);
          expect({ at, stray, ...codeAndOffset(() => decode(bad, { allowWhitespace: true })) }).toEqual({
            at,
            stray,
            code: 'ERR_BASE64',
            offset: at,
          });
        }
      }
    }
  });

  it('rejects a stray character with its offset, wherever it is inserted', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.constantFrom(...STRAY), (bytes, where, stray) => {
        const text = bufferBase64(bytes);
        const at = where % (text.length + 1);
        const bad = text.slice(0, at) + stray + text.slice(at);
        for (const [, decode] of decoders) {
          expect(codeAndOffset(() => decode(bad))).toEqual({ code: 'ERR_BASE64', offset: at });
          expect(codeAndOffset(() => decode(bad, { allowWhitespace: true, offsetBase: 100 }))).toEqual({
            code: 'ERR_BASE64',
            offset: at + 100,
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accepts whitespace only when allowed, and reports the first one otherwise', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\r\n', '\t', '\f')), { minLength: 1, maxLength: 8 }),
        (bytes, inserts) => {
          let text = bufferBase64(bytes);
          for (const [where, ws] of inserts) {
            const at = where % (text.length + 1);
            text = text.slice(0, at) + ws + text.slice(at);
          }
          const firstWs = text.search(/[ \n\r\t\f]/);
          for (const [, decode] of decoders) {
            expect(Buffer.from(decode(text, { allowWhitespace: true })).equals(Buffer.from(bytes))).toBe(true);
            expect(codeAndOffset(() => decode(text))).toEqual({ code: 'ERR_BASE64', offset: firstWs });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects bad padding and non-zero unused bits in strict mode, at the right offset', () => {
    const cases: [string, number][] = [
      ['A', 0], // a lone digit
      ['AB', 2], // missing padding (offset: end of text)
      ['ABC', 3],
      ['AB=', 2], // incomplete padding
      ['A===', 3], // a third '='
      ['AB===', 4], // too much padding
      ['AB==CD==', 4], // data after padding
      ['====', 2],
      ['==', 0], // padding with no digits
      ['QR==', 1], // R leaves non-zero bits
      ['QUF=', 2],
      ['Zm9v=', 4],
    ];
    for (const [text, offset] of cases) {
      for (const [name, decode] of decoders) {
        expect({ name, text, ...codeAndOffset(() => decode(text)) }).toEqual({ name, text, code: 'ERR_BASE64', offset });
      }
    }
  });

  it('decodes WHATWG forgiving-base64 with paddingOptional, as atob does', () => {
    const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', '=', ' ', '\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        let expected: Uint8Array | undefined;
        try {
          expected = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
        } catch {
          expected = undefined;
        }
        for (const [, decode] of decoders) {
          const options = { paddingOptional: true, allowWhitespace: true };
          if (expected === undefined) expect(codeAndOffset(() => decode(text, options)).code).toBe('ERR_BASE64');
          else expect(decode(text, options)).toEqual(expected);
        }
      }),
      { numRuns: 1000 },
    );
    expect(decodeBase64('QR', { paddingOptional: true })).toEqual(new Uint8Array([0x41]));
    expect(decodeBase64('Zm9vYg', { paddingOptional: true })).toEqual(ascii('foob'));
  });

  it('uses the engine’s native Uint8Array base64 where present (portable build) and its own codec for errors', () => {
    type Native = { fromBase64?: unknown };
    type NativeProto = { toBase64?: unknown };
    let calls = 0;
    // A stand-in with the TC39 semantics: whitespace always skipped, SyntaxError on anything else.
    (Uint8Array as Native).fromBase64 = (text: string, options?: { lastChunkHandling?: string }) => {
      calls++;
      const stripped = text.replace(/[\t\n\f\r ]/g, '');
      if (/[^A-Za-z0-9+/=]/.test(stripped) || /=[^=]/.test(stripped)) throw new SyntaxError('bad base64');
      if (options?.lastChunkHandling === 'strict' && stripped.length % 4 !== 0) throw new SyntaxError('bad padding');
      return new Uint8Array(Buffer.from(stripped, 'base64'));
    };
    (Uint8Array.prototype as NativeProto).toBase64 = function (this: Uint8Array) {
      calls++;
      return bufferBase64(this);
    };
    try {
      expect(encodeBase64(ascii('foob'))).toBe('Zm9vYg==');
      expect(decodeBase64('Zm9vYg==')).toEqual(ascii('foob'));
      // Native accepts the whitespace, but the caller did not allow it: our codec reports where it is.
      expect(codeAndOffset(() => decodeBase64('Zm9v Yg=='))).toEqual({ code: 'ERR_BASE64', offset: 4 });
      expect(decodeBase64('Zm9v Yg==', { allowWhitespace: true })).toEqual(ascii('foob'));
      expect(codeAndOffset(() => decodeBase64('Zm9v!g=='))).toEqual({ code: 'ERR_BASE64', offset: 4 });
      // The Node build uses Buffer and never looks for the native methods.
      expect(calls > 0).toBe(platform === 'portable');
    } finally {
      delete (Uint8Array as Native).fromBase64;
      delete (Uint8Array.prototype as NativeProto).toBase64;
    }
  });
});
