// An image whose envelope is longer than V8's maximum string length: 12,000 × 12,000 RGBA (576 MB of pixels, about
// 768 million characters of text) goes image → text file → image through writeImageTextFile / readImageTextFile,
// and must come back byte for byte. Params: { op: 'file', width, height }.
import { Buffer } from 'node:buffer';
import { rmSync, statSync } from 'node:fs';
import { inputPath, pseudoRandomBytes } from '../lib/inputs.mjs';
import { loadPixtext } from '../lib/pixtext.mjs';

const file = {
  pixtext: async ({ width, height }) => {
    const { readImageTextFile, writeImageTextFile } = await loadPixtext();
    const image = { width, height, mode: 'RGBA', data: pseudoRandomBytes(width * height * 4, 0x51ed270b) };
    const path = inputPath(`stream-${width}x${height}.json`);
    let phases;
    return {
      run: async () => {
        const t0 = performance.now();
        await writeImageTextFile(path, image, { maxPixels: Infinity });
        const t1 = performance.now();
        const back = await readImageTextFile(path, { maxPixels: Infinity });
        const t2 = performance.now();
        const exact =
          back.width === width &&
          back.height === height &&
          back.mode === 'RGBA' &&
          Buffer.compare(Buffer.from(back.data.buffer, back.data.byteOffset, back.data.length), Buffer.from(image.data.buffer)) === 0;
        phases = { writeMs: t1 - t0, readMs: t2 - t1, textChars: statSync(path).size, exact };
        rmSync(path, { force: true });
        if (!exact) throw new Error('the image did not come back exactly');
        return back;
      },
      phases: () => phases,
      size: (back) => back.data.length,
    };
  },
};

const ops = { file };
/** The peer `name` for `params` (op), or undefined. */
export const peer = (params, name) => ops[params.op]?.[name];
/** The peers measured for `params`. */
export const peerNames = (params) => Object.keys(ops[params.op]);
