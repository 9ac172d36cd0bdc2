// Images whose text is longer than the string limit, proven at CI sizes by injecting a small limit: no string the
// stream makes may exceed it, and the image comes back exact.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageToTextStream, readImageTextFile, textToImageStream, writeImageTextFile } from '../../src/index.js';
import type { RawImage } from '../../src/index.js';
import { expectSameImage, pseudoRandomBytes } from './stream-helpers.js';

const portable = process.env['PIXTEXT_PROJECT'] === 'portable';
const LIMIT = 1024 * 1024;

/** Passes a text stream through, recording the longest string seen and the total length. */
function measured(stream: ReadableStream<string>, seen: { longest: number; total: number }): ReadableStream<string> {
  return stream.pipeThrough(
    new TransformStream<string, string>({
      transform(piece, controller) {
        seen.longest = Math.max(seen.longest, piece.length);
        seen.total += piece.length;
        controller.enqueue(piece);
      },
    }),
  );
}

describe('streaming past an injected string limit of 1 MiB', () => {
  it('round-trips 4 MiB of RGBA in memory, no string over the limit', async () => {
    const image: RawImage = { width: 1024, height: 1024, mode: 'RGBA', data: pseudoRandomBytes(4 * 1024 * 1024, 7) };
    const seen = { longest: 0, total: 0 };
    const back = await textToImageStream(measured(imageToTextStream(image, { maxStringLength: LIMIT }), seen));
    expect(seen.longest).toBe(LIMIT);
    expect(seen.total).toBeGreaterThan(5 * LIMIT);
    expectSameImage(back, image);
  });

  if (!portable) {
    const dir = mkdtempSync(join(tmpdir(), 'pixtext-large-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('round-trips 64 MiB of RGBA through a text file', async () => {
      const image: RawImage = { width: 4096, height: 4096, mode: 'RGBA', data: pseudoRandomBytes(64 * 1024 * 1024, 11) };
      const path = join(dir, 'large.json');
      await writeImageTextFile(path, image, { maxStringLength: LIMIT, metadata: { what: 'large' } });
      // 64 MiB as base64 is 89,478,488 characters, plus the header.
      expect(statSync(path).size).toBeGreaterThan(89_478_488);
      expectSameImage(await readImageTextFile(path, { maxStringLength: LIMIT }), image);
    });
  }
});
