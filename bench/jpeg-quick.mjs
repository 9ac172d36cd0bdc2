// Quick JPEG decode benchmark: our decoder against jpeg-js on 12-megapixel photo-like JPEGs (the synthetic photo of
// bench/lib/inputs.mjs, 4000 × 3000): as jpeg-js encodes it (baseline 4:4:4, q90, what `npm run bench` uses) and as
// libjpeg-turbo (via sharp) writes camera-like files (4:2:0 baseline and progressive, q90). Each measurement runs in
// a fresh process: one warm-up, then REPS timed runs, median reported.
// Usage: node bench/jpeg-quick.mjs [--reps 5] [--backend node|portable]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PHOTO, cacheDir, inputPath, prepareInputs, root } from './lib/inputs.mjs';
import { inlineConstants } from '../scripts/esbuild-speed.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const FILES = {
  'jpeg-js 4:4:4': inputPath(`${PHOTO.id}.jpg`),
  'sharp 4:2:0': inputPath(`${PHOTO.id}-420.jpg`),
  'sharp 4:2:0 progressive': inputPath(`${PHOTO.id}-420p.jpg`),
};

async function buildOurs(backend) {
  const out = join(cacheDir, `pixtext-jpeg-${backend}.mjs`);
  const { build } = await import(pathToFileURL(join(root, 'node_modules/esbuild/lib/main.js')).href);
  await build({
    entryPoints: [join(root, 'src/formats/jpeg/index.ts')],
    bundle: true,
    ...inlineConstants,
    format: 'esm',
    platform: backend === 'node' ? 'node' : 'neutral',
    mainFields: ['module', 'main'],
    outfile: out,
    logLevel: 'warning',
  });
  return out;
}

async function worker(lib, file, reps, backend) {
  const input = new Uint8Array(readFileSync(file));
  let run;
  if (lib === 'pixtext') {
    const { jpegCodec } = await import(pathToFileURL(join(cacheDir, `pixtext-jpeg-${backend}.mjs`)).href);
    run = () => jpegCodec.decode(input, { maxPixels: 268402689 }).data.length;
  } else {
    const jpegJs = (await import('jpeg-js')).default;
    run = () => jpegJs.decode(input, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 1000, maxMemoryUsageInMB: 4096 }).data.length;
  }
  run();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  const median = [...times].sort((a, b) => a - b)[times.length >> 1];
  process.stdout.write(JSON.stringify({ median, times }));
}

async function main() {
  mkdirSync(cacheDir, { recursive: true });
  const reps = Number(opt('--reps', '5'));
  const backend = opt('--backend', 'node');
  await prepareInputs();
  if (!existsSync(FILES['sharp 4:2:0 progressive'])) {
    const sharp = (await import('sharp')).default;
    const raw = { raw: { width: PHOTO.width, height: PHOTO.height, channels: 3 } };
    const rgb = readFileSync(inputPath(`${PHOTO.id}.rgb`));
    writeFileSync(FILES['sharp 4:2:0'], await sharp(rgb, raw).jpeg({ quality: 90, chromaSubsampling: '4:2:0' }).toBuffer());
    writeFileSync(FILES['sharp 4:2:0 progressive'], await sharp(rgb, raw).jpeg({ quality: 90, chromaSubsampling: '4:2:0', progressive: true }).toBuffer());
  }
  await buildOurs(backend);
  const mp = (PHOTO.width * PHOTO.height) / 1e6;
  for (const [name, file] of Object.entries(FILES)) {
    const ms = {};
    for (const lib of ['pixtext', 'jpeg-js']) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', lib, file, String(reps), backend], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`${lib} ${name} failed: ${child.stderr}`);
      ms[lib] = JSON.parse(child.stdout).median;
    }
    console.log(
      `${name.padEnd(24)} pixtext ${ms.pixtext.toFixed(0).padStart(5)} ms (${(mp / (ms.pixtext / 1000)).toFixed(1).padStart(5)} MP/s)` +
        `  jpeg-js ${ms['jpeg-js'].toFixed(0).padStart(5)} ms (${(mp / (ms['jpeg-js'] / 1000)).toFixed(1).padStart(5)} MP/s)` +
        `  speed-up ${(ms['jpeg-js'] / ms.pixtext).toFixed(2)}x`,
    );
  }
  console.log(`node ${process.version}, ${backend} backend, median of ${reps} (target: >= 2.5x jpeg-js on a 12 MP photo)`);
}

if (args[0] === '--worker') await worker(args[1], args[2], Number(args[3]), args[4]);
else await main();
