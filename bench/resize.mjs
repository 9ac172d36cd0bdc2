// Resize throughput: pixtext's resize (Pillow's LANCZOS, bit for bit) against pica 10's pure-JavaScript path and
// sharp, on a deterministic photo-like RGB image, in the same process and interleaved rounds.
// Usage: node bench/resize.mjs [width] [height] [longSide] [repetitions]
// Bundles src/resize with esbuild in memory, so it measures the TypeScript sources without a build. `npm run bench`
// measures the same workload on the built package, each peer in its own process (bench/workloads/resize.mjs).
// Reported: MP/s of source pixels, median CPU time (user + system of this process, which for sharp includes its
// worker threads) and wall time per peer, and the ratios against pixtext.
import { Buffer } from 'node:buffer';
import { cpuUsage } from 'node:process';
import { build } from 'esbuild';
import pica from 'pica';
import sharp from 'sharp';
import { inlineConstants } from '../scripts/esbuild-speed.mjs';

const width = Number(process.argv[2] ?? 4000);
const height = Number(process.argv[3] ?? 3000);
const longSide = Number(process.argv[4] ?? 1568);
const reps = Number(process.argv[5] ?? 5);
const scale = longSide / Math.max(width, height);
const toWidth = Math.round(width * scale);
const toHeight = Math.round(height * scale);
const mp = (width * height) / 1e6;

const bundle = await build({
  entryPoints: [new URL('../src/resize/resize.ts', import.meta.url).pathname],
  bundle: true,
  ...inlineConstants,
  write: false,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
});
const { resize } = await import('data:text/javascript;base64,' + Buffer.from(bundle.outputFiles[0].text).toString('base64'));

/** A photo-like image: smooth gradients with a little deterministic noise, RGB. */
function photoLike() {
  const data = new Uint8Array(width * height * 3);
  let seed = 12345;
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = (seed >>> 27) & 7;
      data[o++] = ((x * 255) / width + noise) & 255;
      data[o++] = ((y * 255) / height + noise) & 255;
      data[o++] = (((x + y) * 128) / (width + height) + 64 + noise) & 255;
    }
  }
  return { width, height, mode: 'RGB', data };
}

const image = photoLike();
const rgba = new Uint8Array(width * height * 4);
for (let i = 0, j = 0; i < image.data.length; i += 3, j += 4) {
  rgba[j] = image.data[i];
  rgba[j + 1] = image.data[i + 1];
  rgba[j + 2] = image.data[i + 2];
  rgba[j + 3] = 255;
}
const picaJs = pica({ features: ['js'] });
const raw = Buffer.from(image.data.buffer);

const candidates = {
  'pixtext resize (RGB, lanczos)': () => resize(image, { width: toWidth, height: toHeight, filter: 'lanczos', maxPixels: Infinity }),
  'pica resizeBuffer (pure JS, RGBA, lanczos3)': () => picaJs.resizeBuffer({ src: rgba, width, height, toWidth, toHeight, filter: 'lanczos3' }),
  'sharp (libvips, native, RGB, lanczos3)': () =>
    sharp(raw, { raw: { width, height, channels: 3 }, limitInputPixels: false }).resize(toWidth, toHeight, { kernel: 'lanczos3', fit: 'fill' }).raw().toBuffer(),
};

const times = Object.fromEntries(Object.keys(candidates).map((k) => [k, { wall: [], cpu: [] }]));
for (const run of Object.values(candidates)) await run(); // warm-up
for (let r = 0; r < reps; r++) {
  for (const [name, run] of Object.entries(candidates)) {
    const c0 = cpuUsage();
    const t0 = performance.now();
    await run();
    const wall = performance.now() - t0;
    const c = cpuUsage(c0);
    times[name].wall.push(wall);
    times[name].cpu.push((c.user + c.system) / 1000);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ours = times['pixtext resize (RGB, lanczos)'];
console.log(`resize ${width}×${height} RGB (${mp.toFixed(1)} MP) → ${toWidth}×${toHeight}, ${reps} interleaved runs, Node ${process.version}`);
for (const [name, t] of Object.entries(times)) {
  const wall = median(t.wall);
  const cpu = median(t.cpu);
  console.log(
    `${name.padEnd(46)} ${(mp / (cpu / 1000)).toFixed(1).padStart(6)} MP/s CPU ${(mp / (wall / 1000)).toFixed(1).padStart(6)} MP/s wall  ` +
      `${cpu.toFixed(0).padStart(5)} ms CPU ${wall.toFixed(0).padStart(5)} ms wall  ` +
      `its time / pixtext's: CPU ${(cpu / median(ours.cpu)).toFixed(2)}×, wall ${(wall / median(ours.wall)).toFixed(2)}×`,
  );
}
