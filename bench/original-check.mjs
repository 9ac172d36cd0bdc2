// What the check of a file carried as it is costs (imageToText's `check`, docs/ARCHITECTURE.md#default-encoding-files-travel-as-files):
// the default envelope of a JPEG file (`encoding: 'original'`, decoded once: `check: 'decode'`) against the same with
// `check: 'header'` (header only) and against `encoding: 'raw'` (the default before files travelled as files), in the
// same run, on the real photo and a 12 MP synthetic photo written by pixtext's JPEG encoder at quality 90.
// Usage: node bench/original-check.mjs [--reps 7]   (needs `npm run build` first)
import { readFileSync } from 'node:fs';
import { PHOTO, REAL, photoLike } from './lib/inputs.mjs';
import { median } from './lib/stats.mjs';

const { encode, imageToText } = await import(new URL('../dist/index.node.js', import.meta.url).href);
const at = process.argv.indexOf('--reps');
const REPS = at >= 0 ? Number(process.argv[at + 1]) : 7;

const inputs = [
  [REAL.label, readFileSync(REAL.file)],
  [`${PHOTO.label}, JPEG q90`, encode({ width: PHOTO.width, height: PHOTO.height, mode: 'RGB', data: photoLike(PHOTO.width, PHOTO.height) }, 'jpeg')],
];
const settings = [
  ["check: 'decode' (default)", {}],
  ["check: 'header'", { check: 'header' }],
  ["encoding: 'raw'", { encoding: 'raw' }],
];
console.log(`imageToText(jpegBytes, options), median of ${REPS}, Node ${process.version}`);
for (const [label, bytes] of inputs) {
  const times = settings.map(() => []);
  for (let rep = 0; rep < REPS; rep++) {
    settings.forEach(([, options], i) => {
      const start = performance.now();
      imageToText(bytes, options);
      times[i].push(performance.now() - start);
    });
  }
  const [checked, header, raw] = times.map(median);
  console.log(`${label} (${(bytes.length / 2 ** 20).toFixed(2)} MiB):`);
  console.log(`  check 'decode' ${checked.toFixed(1)} ms = ${(checked / header).toFixed(0)}× check 'header' (${header.toFixed(1)} ms), ${(checked / raw).toFixed(2)}× encoding 'raw' (${raw.toFixed(1)} ms)`);
}
