import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError, textToImageStream } from '../../src/index.js';
import { readEnvelope } from '../../src/text-forms/envelope-read.js';
import { writeEnvelope } from '../../src/text-forms/envelope-write.js';
import { bytePieces, expectSameImage, pseudoRandomBytes, stringPieces } from './stream-helpers.js';

const TEXT =
  '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}';

async function failure(promise: Promise<unknown>): Promise<PixtextError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(PixtextError);
    return e as PixtextError;
  }
  throw new Error('expected a PixtextError');
}

const codeFor = async (text: string, cuts: number[] = []): Promise<string> =>
  (await failure(textToImageStream(stringPieces(text, cuts)))).code;

describe('textToImageStream on bad input', () => {
  it('says not JSON for a non-object and trailing garbage, and unrecognised for no JSON at all (as textToRawImage)', async () => {
    expect(await codeFor('')).toBe(ErrorCode.UNRECOGNIZED_TEXT);
    expect(await codeFor('  \n ')).toBe(ErrorCode.UNRECOGNIZED_TEXT);
    expect(await codeFor('[1,2]')).toBe(ErrorCode.NOT_JSON);
    expect(await codeFor('"text"')).toBe(ErrorCode.NOT_JSON);
    expect(await codeFor('data:image/png;base64,AAAA')).toBe(ErrorCode.UNRECOGNIZED_TEXT);
    expect(await codeFor(TEXT + '}')).toBe(ErrorCode.NOT_JSON);
    expect(await codeFor(TEXT + ' x')).toBe(ErrorCode.NOT_JSON);
    expect(await codeFor(TEXT.replace('"width":2', '"width":02'))).toBe(ErrorCode.NOT_JSON);
    expect(await codeFor(TEXT.replace('"width":2', '"width":'))).toBe(ErrorCode.NOT_JSON);
    expect(await codeFor(TEXT.replace('"width":2,', '"width":2,,'))).toBe(ErrorCode.NOT_JSON);
    expect(await codeFor(TEXT.replace('"width"', 'width'))).toBe(ErrorCode.NOT_JSON);
    expect(await codeFor(TEXT.replace('"width":', '"width"'))).toBe(ErrorCode.NOT_JSON);
  });

  it('gives the offset of the character that is not JSON', async () => {
    const error = await failure(textToImageStream(stringPieces('  {"a":1 x', [4, 7])));
    expect(error.code).toBe(ErrorCode.NOT_JSON);
    expect(error.offset).toBe(9);
  });

  it('says truncated for every cut-off prefix', async () => {
    for (let end = 1; end < TEXT.length; end++) {
      const error = await failure(textToImageStream(stringPieces(TEXT.slice(0, end), [end >> 1])));
      expect([end, error.code]).toEqual([end, ErrorCode.TRUNCATED]);
    }
  });

  it('says truncated for a byte stream cut inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode(TEXT.replace('{', '{"n":"☃",'));
    async function* cut(): AsyncGenerator<Uint8Array> {
      yield bytes.subarray(0, 8); // ends inside the three bytes of ☃
    }
    expect((await failure(textToImageStream(cut()))).code).toBe(ErrorCode.TRUNCATED);
  });

  it('rejects bytes that are not UTF-8', async () => {
    async function* latin1(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"note":"');
      yield new Uint8Array([0xe9, 0x22, 0x7d]);
    }
    expect((await failure(textToImageStream(latin1()))).code).toBe(ErrorCode.NOT_JSON);
  });

  it('checks the version, fields and size from the header, before reading any of data', async () => {
    // Each header is wrong; data is garbage that would fail as base64 if it were read first.
    const bad = (header: string): string => `${header},"data":"!!!!"}`;
    const head = TEXT.slice(0, TEXT.indexOf(',"data"'));
    expect(await codeFor(bad(head.replace('"pixtext":1', '"pixtext":2')))).toBe(ErrorCode.ENVELOPE_VERSION);
    expect(await codeFor(bad(head.replace('"mode":"RGB"', '"mode":"XYZ"')))).toBe(ErrorCode.ENVELOPE);
    expect(await codeFor(bad(head.replace('"width":2', '"width":-2')))).toBe(ErrorCode.ENVELOPE);
    expect(await codeFor(bad(head.replace('"crc32":"c622f71d"', '"crc32":"C622F71D"')))).toBe(ErrorCode.ENVELOPE);
    expect(await codeFor(bad(head.replace('"byteLength":6', '"byteLength":7')))).toBe(ErrorCode.LENGTH_MISMATCH);
    expect(await codeFor(bad(head.replace('"encoding":"raw"', '"encoding":"png"')))).toBe(ErrorCode.UNSUPPORTED);
    // Data first: the version is still checked as soon as it is known.
    expect(await codeFor('{"pixtext":2,"data":"!!!!"}')).toBe(ErrorCode.ENVELOPE_VERSION);
  });

  it('refuses an image over maxPixels from its header, pulling at most 1 MiB more of the stream (for a later JSON error)', async () => {
    const head = '{"pixtext":1,"width":1048576,"height":1048576,"mode":"RGBA16","encoding":"raw","byteLength":8796093022208,"crc32":"00000000","data":"';
    let pulled = 0;
    async function* endless(): AsyncGenerator<string> {
      yield head;
      for (;;) {
        pulled++;
        yield 'AAAA'.repeat(1024);
      }
    }
    const error = await failure(textToImageStream(endless()));
    expect(error.code).toBe(ErrorCode.TOO_LARGE);
    // Read on only as far as a JSON error textToImage would report first could be (DEFER_CHARS), with nothing stored.
    expect(pulled).toBeLessThanOrEqual((1 << 20) / 4096 + 2);
    const small = await failure(textToImageStream(stringPieces(TEXT), { maxPixels: 1 }));
    expect(small.code).toBe(ErrorCode.TOO_LARGE);
  });

  it('bounds data that arrives before its header by maxPixels', async () => {
    async function* dataFirst(): AsyncGenerator<string> {
      yield '{"data":"';
      for (let i = 0; i < 64; i++) yield 'AAAA'.repeat(4096); // 12 KiB each
      yield '","pixtext":1,"width":1,"height":1,"mode":"L","encoding":"raw","byteLength":1,"crc32":"00000000"}';
    }
    const error = await failure(textToImageStream(dataFirst(), { maxPixels: 1000 }));
    expect(error.code).toBe(ErrorCode.TOO_LARGE);
  });

  it('verifies byteLength and crc32 at the end', async () => {
    expect(await codeFor(TEXT.replace('"crc32":"c622f71d"', '"crc32":"c622f71e"'))).toBe(ErrorCode.CHECKSUM);
    expect(await codeFor(TEXT.replace('/wAAAP8A', '/wAAAP8B'))).toBe(ErrorCode.CHECKSUM);
    expect(await codeFor(TEXT.replace('/wAAAP8A', '/wAA'))).toBe(ErrorCode.LENGTH_MISMATCH);
    expect(await codeFor(TEXT.replace('/wAAAP8A', '/wAAAP8AAAAA'))).toBe(ErrorCode.LENGTH_MISMATCH);
    expect(await codeFor(TEXT.replace('/wAAAP8A', ''))).toBe(ErrorCode.LENGTH_MISMATCH);
  });

  it('reports stray base64 characters with their offset among the digits', async () => {
    for (const [data, offset] of [
      ['/wA*AP8A', 3],
      ['/wAAAP-A', 6],
      ['/wA=AP8A', 4],
      ['/wAA\\"P8A', 4],
      ['/wAA\\u00e9P8A', 4],
      ['/wAA\\bP8A', 4],
      ['/wAA\\u0001P8A', 4],
    ] as const) {
      const error = await failure(textToImageStream(stringPieces(TEXT.replace('/wAAAP8A', data), [110])));
      expect([data, error.code]).toEqual([data, ErrorCode.BASE64]);
      expect([data, error.offset]).toEqual([data, offset]);
    }
  });

  it('rejects padding in the middle of data that crosses a batch boundary', async () => {
    const data = pseudoRandomBytes(3 * 400_000);
    const text = writeEnvelope({ width: data.length, height: 1, mode: 'L', encoding: 'raw', data });
    const at = text.indexOf('"data":"') + 8;
    for (const p of [1024 * 1024 - 8, 1024 * 1024 - 4, 1024 * 1024 - 2, 1024 * 1024 + 4]) {
      const broken = text.slice(0, at + p) + '==' + text.slice(at + p + 2);
      const error = await failure(textToImageStream(stringPieces(broken, [at + 1000])));
      // As the base64 decoder does, the offset is that of the first digit after the padding.
      expect([p, error.code, error.offset]).toEqual([p, ErrorCode.BASE64, p + 2]);
    }
  });

  it('says not JSON for a raw line break or a bad escape in data', async () => {
    expect(await codeFor(TEXT.replace('/wAAAP8A', '/wAA\nAP8A'))).toBe(ErrorCode.NOT_JSON);
    expect(await codeFor(TEXT.replace('/wAAAP8A', '/wAA\\xAP8A'))).toBe(ErrorCode.NOT_JSON);
    expect(await codeFor(TEXT.replace('/wAAAP8A', '/wAA\\u00gAP8A'))).toBe(ErrorCode.NOT_JSON);
  });

  it('says a missing or non-string data is an envelope error', async () => {
    expect(await codeFor(TEXT.replace(',"data":"/wAAAP8A"', ''))).toBe(ErrorCode.ENVELOPE);
    expect(await codeFor(TEXT.replace('"/wAAAP8A"', '12'))).toBe(ErrorCode.ENVELOPE);
    expect(await codeFor(TEXT.replace('"/wAAAP8A"', '"/wAAAP8A","data":null'))).toBe(ErrorCode.ENVELOPE); // data twice
    // Not an envelope at all (a Pillow dump): as textToRawImage says.
    expect(await codeFor('{"img_info":{"format":"PNG","size":[1,1],"mode":"L"},"img_data":"AA=="}')).toBe(ErrorCode.UNRECOGNIZED_TEXT);
  });

  it('bounds the header: fields other than data over 16 MiB are refused', async () => {
    async function* huge(): AsyncGenerator<string> {
      yield '{"metadata":{"x":"';
      for (let i = 0; i < 17; i++) yield 'x'.repeat(1024 * 1024);
      yield '"}}';
    }
    expect((await failure(textToImageStream(huge()))).code).toBe(ErrorCode.TOO_LARGE);
  });

  it('rejects sources and pieces of the wrong type', async () => {
    expect((await failure(textToImageStream('text' as never))).code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect((await failure(textToImageStream(null as never))).code).toBe(ErrorCode.INVALID_ARGUMENT);
    async function* numbers(): AsyncGenerator<number> {
      yield 1;
    }
    expect((await failure(textToImageStream(numbers() as never))).code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect((await failure(textToImageStream(stringPieces(TEXT), { maxPixels: -1 }))).code).toBe(ErrorCode.INVALID_ARGUMENT);
  });

  it('cancels a ReadableStream source when the text is bad', async () => {
    let cancelled = false;
    const source = new ReadableStream<string>({
      start(controller) {
        controller.enqueue('{"pixtext":1,');
        controller.enqueue('"width":]');
        // never closed: only a cancel ends it
      },
      cancel() {
        cancelled = true;
      },
    });
    expect((await failure(textToImageStream(source))).code).toBe(ErrorCode.NOT_JSON);
    expect(cancelled).toBe(true);
  });

  it('agrees with the whole-text reader on mutated envelopes: same image, or both refuse', async () => {
    const base = writeEnvelope({
      width: 3,
      height: 2,
      mode: 'RGBA',
      encoding: 'raw',
      metadata: { a: [1, 'b'] },
      data: new Uint8Array(24).map((_, i) => i * 37),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ at: fc.nat(base.length), kind: fc.constantFrom('flip', 'delete', 'insert'), char: fc.constantFrom(...'{}[]":,\\ \n0aA/=+u-') }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.array(fc.nat(base.length), { maxLength: 5 }),
        fc.boolean(),
        async (edits, cuts, asBytes) => {
          let text = base;
          for (const { at, kind, char } of edits) {
            const p = Math.min(at, text.length);
            text = kind === 'insert' ? text.slice(0, p) + char + text.slice(p) : text.slice(0, p) + (kind === 'flip' ? char : '') + text.slice(p + 1);
          }
          let whole: ReturnType<typeof readEnvelope> | PixtextError;
          try {
            whole = readEnvelope(text, { maxPixels: Infinity });
          } catch (e) {
            expect(e).toBeInstanceOf(PixtextError);
            whole = e as PixtextError;
          }
          const streamed = textToImageStream(asBytes ? bytePieces(text, cuts) : stringPieces(text, cuts), { maxPixels: Infinity });
          if (whole instanceof PixtextError) {
            await failure(streamed);
          } else {
            const { header, payload } = whole;
            expectSameImage(await streamed, { width: header.width, height: header.height, mode: header.mode, data: payload });
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
