#!/usr/bin/env node
// Writes WebP files with pixtext's own encoder, for the committed round-trip fixtures checked once by Pillow:
//
//   node scripts/write-webp-roundtrip.mjs            (writes tests/fixtures/webp/ours/)
//   /usr/bin/python3 scripts/check-webp-roundtrip.py
//
// ours/sources.json lists each file with its source image (width, height, mode, pixels in base64). Seeded: the same
// files every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'tests/fixtures/webp/ours');
const bundle = await build({
  entryPoints: [join(ROOT, 'src/formats/webp/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
});
const { encodeWebp } = await import('data:text/javascript;base64,' + Buffer.from(bundle.outputFiles[0].text).toString('base64'));

let seed = 20261206;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed >>> 8;
};
const CHANNELS = { L: 1, LA: 2, RGB: 3, RGBA: 4 };

/** Noise, smooth gradients or few colours: the three kinds of content an encoder meets. */
function pixels(width, height, mode, kind) {
  const c = CHANNELS[mode];
  const data = new Uint8Array(width * height * c);
  const palette = Array.from({ length: 5 }, () => Array.from({ length: c }, () => random() & 0xff));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const entry = palette[random() % 5];
      for (let k = 0; k < c; k++) {
        const i = (y * width + x) * c + k;
        if (kind === 'noise') data[i] = random() & 0xff;
        else if (kind === 'smooth') data[i] = (x * (3 + k) + y * (5 - k) + (random() % 7)) & 0xff;
        else data[i] = entry[k];
      }
    }
  }
  return data;
}

mkdirSync(OUT, { recursive: true });
const sources = [];
const sizes = [[1, 1], [2, 1], [1, 3], [5, 7], [16, 16], [33, 17], [70, 40], [300, 5]];
for (const mode of ['L', 'LA', 'RGB', 'RGBA']) {
  for (const [width, height] of sizes) {
    for (const kind of ['noise', 'smooth', 'few']) {
      if ((width * height > 300 || width * height === 1) && kind === 'noise' && mode !== 'RGBA') continue;
      const image = { width, height, mode, data: pixels(width, height, mode, kind) };
      const file = `${mode}_${width}x${height}_${kind}.webp`;
      writeFileSync(join(OUT, file), encodeWebp(image));
      sources.push({ file, width, height, mode, data: Buffer.from(image.data).toString('base64') });
    }
  }
}
writeFileSync(join(OUT, 'sources.json'), JSON.stringify(sources, null, 1) + '\n');
console.log(`${sources.length} files in ${OUT}`);
