import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { platform } from '../../src/platform-name.js';

// Codecs are passed to createPixtext, never registered globally, so a bundle holds only the codecs its code names.
// Checked on the browser-safe source with esbuild's tree-shaking, against strings only each codec contains.
const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
const MARKERS = {
  png: 'IHDR',
  bmp: 'BMP header',
  jpeg: 'scan data ends before its last MCU', // the JPEG decoder
  npy: 'Fortran order',
} as const;

async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    minify: true,
    treeShaking: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe(`tree-shaking (${platform})`, () => {
  it('keeps every codec when the default functions are used (the markers are real)', async () => {
    const out = await bundle(`import { imageToText } from ${JSON.stringify(entry)}; console.log(imageToText);`);
    for (const marker of Object.values(MARKERS)) expect(out).toContain(marker);
  });

  it('keeps no codec in a raw-pixel bundle made with createPixtext()', async () => {
    const out = await bundle(
      `import { createPixtext } from ${JSON.stringify(entry)};
       const { imageToText, textToImage } = createPixtext();
       console.log(textToImage(imageToText({ width: 1, height: 1, mode: 'L', data: new Uint8Array(1) })));`,
    );
    for (const marker of Object.values(MARKERS)) expect(out).not.toContain(marker);
    expect(out).toContain('pixtext');
  });

  it('keeps only the codec passed in', async () => {
    const out = await bundle(
      `import { createPixtext, pngCodec } from ${JSON.stringify(entry)};
       console.log(createPixtext({ codecs: [pngCodec] }).decode(new Uint8Array(8)));`,
    );
    expect(out).toContain(MARKERS.png);
    expect(out).not.toContain(MARKERS.bmp);
    expect(out).not.toContain(MARKERS.jpeg);
    expect(out).not.toContain(MARKERS.npy);
  });
});
