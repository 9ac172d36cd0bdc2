import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError, imageToText, readImageTextFile, textToImage, writeImageTextFile } from '../../src/index.js';
import type { RawImage } from '../../src/index.js';
import { expectSameImage } from './stream-helpers.js';

const portable = process.env['PIXTEXT_PROJECT'] === 'portable';
const dir = mkdtempSync(join(tmpdir(), 'pixtext-text-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RGB_2x1: RawImage = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 255, 0]) };
const RGB_2x1_TEXT =
  '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

// Each project registers only the tests of its own build (the portable build has no files), so nothing is skipped.
if (portable) describe('text files in the portable build', () => {
  it('reject with ERR_UNSUPPORTED, naming what to use instead', async () => {
    for (const attempt of [writeImageTextFile(join(dir, 'x.json'), RGB_2x1), readImageTextFile(join(dir, 'x.json'))]) {
      const error = await failure(attempt);
      expect(error).toBeInstanceOf(PixtextError);
      expect((error as PixtextError).code).toBe(ErrorCode.UNSUPPORTED);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

else describe('writeImageTextFile and readImageTextFile', () => {
  it('write exactly the canonical envelope and read it back', async () => {
    const path = join(dir, 'small.json');
    await writeImageTextFile(path, RGB_2x1);
    expect(readFileSync(path, 'latin1')).toBe(RGB_2x1_TEXT);
    expectSameImage(await readImageTextFile(path), RGB_2x1);
    expectSameImage(await readImageTextFile(pathToFileURL(path)), RGB_2x1);
  });

  it('replace an existing file and leave no temporary file behind', async () => {
    const path = join(dir, 'replace.json');
    writeFileSync(path, 'old contents');
    await writeImageTextFile(pathToFileURL(path), RGB_2x1, { chunkLength: 4, metadata: { n: 1 } });
    expect(readFileSync(path, 'latin1')).toBe(RGB_2x1_TEXT.replace('"byteLength"', '"metadata":{"n":1},"byteLength"'));
    expect(readdirSync(dir).filter((f) => f.startsWith('replace.json'))).toEqual(['replace.json']);
  });

  it('leave neither the file nor a temporary one when the image is refused', async () => {
    const path = join(dir, 'refused.json');
    expect(((await failure(writeImageTextFile(path, RGB_2x1, { maxPixels: 1 }))) as PixtextError).code).toBe(ErrorCode.TOO_LARGE);
    const data = new Uint8Array(3000);
    const image: RawImage = { width: 1000, height: 1, mode: 'RGB', data };
    const writing = writeImageTextFile(path, image, { chunkLength: 8 });
    data[2999] = 9; // changed while being written: the stream fails its CRC check
    expect(((await failure(writing)) as PixtextError).code).toBe(ErrorCode.CHECKSUM);
    expect(readdirSync(dir).filter((f) => f.startsWith('refused.json'))).toEqual([]);
  });

  it('report a corrupt or cut-off file with the envelope error codes', async () => {
    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, RGB_2x1_TEXT.replace('P8A', 'P8B'));
    expect(((await failure(readImageTextFile(corrupt))) as PixtextError).code).toBe(ErrorCode.CHECKSUM);
    writeFileSync(corrupt, RGB_2x1_TEXT.slice(0, 100));
    expect(((await failure(readImageTextFile(corrupt))) as PixtextError).code).toBe(ErrorCode.TRUNCATED);
  });

  it('read the other text forms whole, as textToImage does', async () => {
    const image: RawImage = { width: 3, height: 2, mode: 'RGBA', data: new Uint8Array(24).map((_, i) => i * 10) };
    for (const [name, options] of [
      ['data-url', { as: 'data-url' }],
      ['base64', { as: 'base64' }],
      ['pil', { as: 'pil' }],
      ['png-envelope', { encoding: 'png' }],
      ['bmp-envelope', { encoding: 'bmp' }],
    ] as const) {
      const path = join(dir, `${name}.txt`);
      const text = imageToText(image, options);
      writeFileSync(path, `\n${text}\n`);
      expectSameImage(await readImageTextFile(path), textToImage(text));
      expectSameImage(await readImageTextFile(path), image);
    }
  });

  it('refuse a text form that does not stream when it is longer than the string limit', async () => {
    const image: RawImage = { width: 64, height: 64, mode: 'RGB', data: new Uint8Array(64 * 64 * 3).fill(9) };
    const path = join(dir, 'long-data-url.txt');
    writeFileSync(path, imageToText(image, { as: 'data-url', encoding: 'bmp' }));
    const error = (await failure(readImageTextFile(path, { maxStringLength: 1000 }))) as PixtextError;
    expect(error.code).toBe(ErrorCode.TOO_LARGE);
    expectSameImage(await readImageTextFile(path, { maxStringLength: 1_000_000 }), image);
    // A raw envelope of the same image streams past that limit.
    await writeImageTextFile(path, image, { maxStringLength: 1000 });
    expectSameImage(await readImageTextFile(path, { maxStringLength: 1000 }), image);
  });

  it('pass file system errors through and check the path argument', async () => {
    const missing = (await failure(readImageTextFile(join(dir, 'missing.json')))) as NodeJS.ErrnoException;
    expect(missing.code).toBe('ENOENT');
    const noDir = (await failure(writeImageTextFile(join(dir, 'no', 'such', 'dir.json'), RGB_2x1))) as NodeJS.ErrnoException;
    expect(noDir.code).toBe('ENOENT');
    expect(((await failure(readImageTextFile('' as never))) as PixtextError).code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(((await failure(writeImageTextFile(42 as never, RGB_2x1))) as PixtextError).code).toBe(ErrorCode.INVALID_ARGUMENT);
    const path = join(dir, 'small.json');
    expect(((await failure(readImageTextFile(path, 'x' as never))) as PixtextError).code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(((await failure(readImageTextFile(path, { maxStringLength: 1.5 }))) as PixtextError).code).toBe(ErrorCode.INVALID_ARGUMENT);
  });
});
