// The CLI's library layer: fileToLine writes each batch line as bytes, with no string of the whole text; it must
// give exactly what imageToText gives, plus the line feed, for every option the CLI passes on.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageToText, inspect } from '../../src/index.js';
import { fileToLine, type TextOptions } from '../../src/cli/library.js';
import { codeOf } from '../support/errors.js';
import { platform } from '../../src/platform-name.js';

const folder = new URL('../fixtures/cli/folder/', import.meta.url);
const files = readdirSync(folder, { recursive: true })
  .map(String)
  .filter((name) => /\.(png|bmp|jpe?g)$/i.test(name))
  .sort();
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');


const OPTIONS: TextOptions[] = [
  {},
  { encoding: 'raw', mode: 'RGBA' },
  { encoding: 'png', compressionLevel: 1 },
  { encoding: 'original' },
  { as: 'data-url' },
  { as: 'base64', encoding: 'bmp' },
  { as: 'pil' },
  { encoding: 'jpeg', quality: 80, mode: 'RGB' },
];

describe(`fileToLine (${platform})`, () => {
  it('found the fixture folder', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((name) => name.endsWith('.bmp'))).toBe(true);
  });

  it.each(OPTIONS.map((options) => [JSON.stringify(options), options] as const))(
    'is imageToText plus a line feed, and says what info would, with %s (or fails alike)',
    (_, options) => {
      let written = 0;
      for (const name of files) {
        const bytes = new Uint8Array(readFileSync(join(folder.pathname, name)));
        const metadata = options.as === undefined || options.as === 'envelope' ? { path: name } : undefined;
        const textOptions = { ...options, ...(metadata === undefined ? {} : { metadata }) };
        const expected = codeOf(() => imageToText(bytes, textOptions));
        if (expected !== 'no error') {
          // 16-bit images have no BMP or Pillow-dump form, for one.
          expect({ name, code: codeOf(() => fileToLine(bytes, options, metadata)) }).toEqual({ name, code: expected });
          continue;
        }
        const text = imageToText(bytes, textOptions);
        const got = fileToLine(bytes, options, metadata);
        written += 1;
        expect(latin1(got.line)).toBe(`${text}\n`);
        // Its own buffer, so it can be moved to another thread.
        expect(got.line.byteLength).toBe(got.line.buffer.byteLength);
        const info = inspect(text);
        expect({ width: got.width, height: got.height, mode: got.mode }).toEqual({ width: info.width, height: info.height, mode: info.mode });
      }
      expect(written).toBeGreaterThan(files.length / 2);
    },
  );

  it('fails as imageToText fails', () => {
    const png = new Uint8Array(readFileSync(join(folder.pathname, files.find((name) => name.endsWith('.png'))!)));
    for (const [bytes, options] of [
      [png.subarray(0, 40), {}],
      [new Uint8Array([1, 2, 3]), {}],
      [png, { encoding: 'original', mode: 'L' }],
    ] as const) {
      const expected = codeOf(() => imageToText(bytes, options));
      expect(expected).not.toBe('no error');
      expect(codeOf(() => fileToLine(bytes, options))).toBe(expected);
    }
  });
});
