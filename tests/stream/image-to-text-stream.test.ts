import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError, convert, imageToText, imageToTextStream } from '../../src/index.js';
import type { RawImage } from '../../src/index.js';
import { writeEnvelope } from '../../src/text-forms/envelope-write.js';
import { MODES, imageOf } from '../pixel-modes/raw-image.arbitrary.js';
import { collect } from './stream-helpers.js';

const RGB_2x1: RawImage = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 255, 0]) };

/** The canonical writer's text for the same image: what imageToText(image) returns. */
function canonical(image: RawImage, metadata?: Record<string, unknown>): string {
  return writeEnvelope({ ...image, encoding: 'raw', palette: image.palette, metadata });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(PixtextError);
    return (e as PixtextError).code;
  }
  throw new Error('expected a PixtextError');
}

function syncCodeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(PixtextError);
    return (e as PixtextError).code;
  }
  throw new Error('expected a PixtextError');
}

describe('imageToTextStream', () => {
  it('yields the header, the payload in whole quads, and the closing "} (DESIGN §4 example)', async () => {
    expect(await collect(imageToTextStream(RGB_2x1))).toEqual([
      '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"',
      '/wAAAP8A',
      '"}',
    ]);
  });

  it('cuts every string at chunkLength, payload pieces at whole quads', async () => {
    const pieces = await collect(imageToTextStream(RGB_2x1, { chunkLength: 6 }));
    expect(pieces.join('')).toBe(
      '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}',
    );
    // 6 rounds down to 4: the payload is cut at multiples of 4 characters (3 bytes).
    expect(pieces.slice(-3)).toEqual(['/wAA', 'AP8A', '"}']);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(4);
  });

  it('never yields a string longer than the engine limit it is given', async () => {
    const image: RawImage = { width: 64, height: 64, mode: 'RGBA', data: new Uint8Array(64 * 64 * 4).fill(7) };
    const pieces = await collect(imageToTextStream(image, { chunkLength: 1 << 30, maxStringLength: 100 }));
    expect(Math.max(...pieces.map((p) => p.length))).toBe(100);
    expect(pieces.join('')).toBe(canonical(image));
  });

  it('is exactly the canonical envelope for random images of every mode, metadata and chunk lengths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MODES).chain((mode) => imageOf(mode, 12)),
        fc.integer({ min: 4, max: 300 }),
        fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
        async (image, chunkLength, metadata) => {
          const pieces = await collect(imageToTextStream(image, { chunkLength, metadata }));
          expect(pieces.join('')).toBe(canonical(image, metadata));
          for (const piece of pieces) {
            expect(piece.length).toBeGreaterThan(0);
            expect(piece.length).toBeLessThanOrEqual(chunkLength);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is exactly what imageToText returns, for random images of every mode and metadata', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MODES).chain((mode) => imageOf(mode, 8)),
        fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
        fc.option(fc.constantFrom(...MODES), { nil: undefined }),
        async (image, metadata, mode) => {
          let expected: string;
          try {
            expected = imageToText(image, { metadata, mode });
          } catch (e) {
            // A conversion imageToText refuses (e.g. > 256 colours to P) is refused the same way, synchronously.
            expect(syncCodeOf(() => imageToTextStream(image, { metadata, mode }))).toBe((e as PixtextError).code);
            return;
          }
          expect((await collect(imageToTextStream(image, { metadata, mode, chunkLength: 12 }))).join('')).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a palette and escapes non-ASCII metadata as the canonical writer does', async () => {
    const image: RawImage = {
      width: 3,
      height: 1,
      mode: 'P',
      data: new Uint8Array([0, 1, 1]),
      palette: new Uint8Array([10, 20, 30, 255, 40, 50, 60, 128]),
    };
    const text = (await collect(imageToTextStream(image, { metadata: { path: 'café/☃.png', n: [1, { a: null }] } }))).join('');
    expect(text).toBe(
      '{"pixtext":1,"width":3,"height":1,"mode":"P","encoding":"raw","palette":"ChQe/ygyPIA=",' +
        '"metadata":{"path":"caf\\u00e9/\\u2603.png","n":[1,{"a":null}]},"byteLength":3,"crc32":"915dd8c5","data":"AAEB"}',
    );
    expect(text).toBe(canonical(image, { path: 'café/☃.png', n: [1, { a: null }] }));
  });

  it('converts to the requested mode first', async () => {
    const text = (await collect(imageToTextStream(RGB_2x1, { mode: 'L' }))).join('');
    // Pillow's RGB→L: red 76, green 150.
    expect(text).toBe(canonical({ width: 2, height: 1, mode: 'L', data: new Uint8Array([76, 150]) }));
    expect(text).toBe(canonical(convert(RGB_2x1, 'L')));
  });

  it('takes ImageData-like RGBA pixels', async () => {
    const pixels = { width: 1, height: 2, data: new Uint8ClampedArray([1, 2, 3, 4, 5, 6, 7, 8]) };
    const text = (await collect(imageToTextStream(pixels))).join('');
    expect(text).toBe(canonical({ width: 1, height: 2, mode: 'RGBA', data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) }));
  });

  it('honours a view at an odd offset into a larger buffer', async () => {
    const backing = new Uint8Array(64).map((_, i) => i * 7);
    const image: RawImage = { width: 3, height: 3, mode: 'RGB', data: backing.subarray(5, 32) };
    const text = (await collect(imageToTextStream(image, { chunkLength: 8 }))).join('');
    expect(text).toBe(canonical({ ...image, data: backing.slice(5, 32) }));
  });

  it('rejects bad input and options synchronously, with stable codes', () => {
    expect(syncCodeOf(() => imageToTextStream(new Uint8Array(4) as never))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(syncCodeOf(() => imageToTextStream(null as never))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(syncCodeOf(() => imageToTextStream({ ...RGB_2x1, data: new Uint8Array(5) }))).toBe(ErrorCode.INVALID_IMAGE);
    expect(syncCodeOf(() => imageToTextStream(RGB_2x1, { maxPixels: 1 }))).toBe(ErrorCode.TOO_LARGE);
    expect(syncCodeOf(() => imageToTextStream(RGB_2x1, { encoding: 'png' as never }))).toBe(ErrorCode.UNSUPPORTED);
    expect(syncCodeOf(() => imageToTextStream(RGB_2x1, { chunkLength: 3 }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(syncCodeOf(() => imageToTextStream(RGB_2x1, { chunkLength: 4.5 }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(syncCodeOf(() => imageToTextStream(RGB_2x1, { mode: 'XYZ' as never }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(syncCodeOf(() => imageToTextStream(RGB_2x1, { metadata: [] as never }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(syncCodeOf(() => imageToTextStream(RGB_2x1, { metadata: { d: new Date(0) } }))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(syncCodeOf(() => imageToTextStream(RGB_2x1, 'fast' as never))).toBe(ErrorCode.INVALID_ARGUMENT);
    // 257 colours cannot become P exactly.
    const many: RawImage = { width: 257, height: 1, mode: 'RGB', data: new Uint8Array(771).map((_, i) => (i % 3 === 0 ? i / 3 : i % 3 === 1 ? (i / 3) >> 8 : 0)) };
    expect(syncCodeOf(() => imageToTextStream(many, { mode: 'P' }))).toBe(ErrorCode.UNSUPPORTED);
  });

  it('errors the stream with ERR_CHECKSUM when the pixels change while it is read', async () => {
    const data = new Uint8Array(3 * 100);
    const stream = imageToTextStream({ width: 100, height: 1, mode: 'RGB', data }, { chunkLength: 40 });
    const reader = stream.getReader();
    await reader.read(); // header
    await reader.read(); // first 30 bytes of pixels
    data[200] = 1;
    expect(await codeOf((async () => { for (;;) if ((await reader.read()).done) return; })())).toBe(ErrorCode.CHECKSUM);
  });

  it('reads nothing more once cancelled', async () => {
    const stream = imageToTextStream(RGB_2x1, { chunkLength: 4 });
    const reader = stream.getReader();
    expect((await reader.read()).value).toBe('{"pi');
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });
});
