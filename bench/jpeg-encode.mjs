// JPEG encode benchmark: pixtext's encoder against jpeg-js's on a deterministic photo-like RGB image, and the cost of
// one call on a 64×64 image. Each measurement runs in a fresh process: warm-up, then REPS timed runs, median
// reported. pixtext is bundled from src/formats/jpeg with esbuild (as bench/png-quick.mjs does), so no build of the
// package is needed. Usage: node bench/jpeg-encode.mjs [--reps 7] [--size 3000x2000] [--backend node|portable]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inlineConstants } from '../scripts/esbuild-speed.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = join(tmpdir(), 'pixtext-jpeg-encode-bench');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

/** Deterministic photo-like RGB: low-frequency colour fields, a vignette, fine texture and sensor-like noise. */
function photoLike(width, height) {
  const data = new Uint8Array(width * height * 3);
  let seed = 0x9e3779b9;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += 3) {
      const u = x / width;
      const v = y / height;
      const vignette = 1 - 0.5 * ((u - 0.5) ** 2 + (v - 0.5) ** 2);
      const texture = 12 * Math.sin(x / 7.3 + Math.sin(y / 11.1) * 3);
      const n = (rand() - 0.5) * 10;
      const r = (120 + 90 * Math.sin(u * 3.1 + v * 1.7) + texture) * vignette + n;
      const g = (110 + 80 * Math.sin(u * 2.3 - v * 2.9 + 1) + texture * 0.8) * vignette + n;
      const b = (100 + 70 * Math.cos(u * 1.3 + v * 3.7) + texture * 0.6) * vignette + n;
      data[o] = r < 0 ? 0 : r > 255 ? 255 : r;
      data[o + 1] = g < 0 ? 0 : g > 255 ? 255 : g;
      data[o + 2] = b < 0 ? 0 : b > 255 ? 255 : b;
    }
  }
  return data;
}

async function buildOurs(backend) {
  const out = join(cache, `pixtext-jpeg-${backend}.mjs`);
  const { build } = await import(pathToFileURL(join(root, 'node_modules/esbuild/lib/main.js')).href);
  const { esbuildNodeTwins } = await import(pathToFileURL(join(root, 'scripts/node-twins.mjs')).href);
  await build({
    entryPoints: [join(root, 'src/formats/jpeg/index.ts')],
    bundle: true,
    ...inlineConstants,
    format: 'esm',
    platform: backend === 'node' ? 'node' : 'neutral',
    mainFields: ['module', 'main'],
    outfile: out,
    plugins: backend === 'node' ? [esbuildNodeTwins()] : [],
    logLevel: 'warning',
  });
}

/** One measurement, in this (child) process. `lib` is pixtext-420, pixtext-444 or jpeg-js (4:4:4 only). */
async function worker(lib, width, height, reps, backend) {
  const rgb = photoLike(width, height);
  let run;
  if (lib.startsWith('pixtext')) {
    const { jpegCodec } = await import(pathToFileURL(join(cache, `pixtext-jpeg-${backend}.mjs`)).href);
    const image = { width, height, mode: 'RGB', data: rgb };
    const options = { quality: 90, compressionLevel: 6, subsampling: lib === 'pixtext-444' ? '4:4:4' : '4:2:0' };
    run = () => jpegCodec.encode(image, options).length;
  } else {
    const encodeJpegJs = createRequire(join(root, 'package.json'))('jpeg-js/lib/encoder.js');
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0, o = 0; i < rgb.length; i += 3, o += 4) {
      rgba[o] = rgb[i];
      rgba[o + 1] = rgb[i + 1];
      rgba[o + 2] = rgb[i + 2];
      rgba[o + 3] = 255;
    }
    run = () => encodeJpegJs({ width, height, data: rgba }, 90).data.length;
  }
  // Warm up (up to 50 calls or 300 ms), then time batches of about 50 ms, so a small image's calls are not lost in
  // the timer's resolution.
  const w0 = performance.now();
  let calls = 0;
  do {
    run();
    calls++;
  } while (calls < 50 && performance.now() - w0 < 300);
  const probe = performance.now();
  run();
  const batch = Math.max(1, Math.min(500, Math.round(50 / Math.max(performance.now() - probe, 0.01))));
  let size = 0;
  const times = [];
  const cpu = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let j = 0; j < batch; j++) size = run();
    const c = process.cpuUsage(c0);
    times.push((performance.now() - t0) / batch);
    cpu.push((c.user + c.system) / 1000 / batch);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  process.stdout.write(JSON.stringify({ lib, median: median(times), cpu: median(cpu), times, size }));
}

async function main() {
  mkdirSync(cache, { recursive: true });
  const reps = Number(opt('--reps', '7'));
  const backend = opt('--backend', 'node');
  const [width, height] = opt('--size', '3000x2000').split('x').map(Number);
  await buildOurs(backend);
  const results = {};
  for (const [w, h] of [[width, height], [64, 64]]) {
    for (const lib of ['pixtext-420', 'pixtext-444', 'jpeg-js']) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', lib, String(w), String(h), String(reps), backend], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`${lib} failed: ${child.stderr}`);
      const r = JSON.parse(child.stdout);
      results[`${lib} ${w}x${h}`] = r;
      const mps = (t) => ((w * h) / 1e6 / (t / 1000)).toFixed(1).padStart(6);
      console.log(
        `${`${w}x${h}`.padEnd(10)} ${lib.padEnd(12)} ${r.median.toFixed(3).padStart(9)} ms wall ${r.cpu.toFixed(3).padStart(9)} ms CPU` +
          ` ${mps(r.median)} MP/s wall ${mps(r.cpu)} MP/s CPU  ${(r.size / 1024).toFixed(1)} KiB`,
      );
    }
  }
  const big = `${width}x${height}`;
  // CPU time is the fairer ratio on a shared machine: wall time also counts waiting for a core.
  const ratio = (a, b, key) => (results[`${b} ${big}`][key] / results[`${a} ${big}`][key]).toFixed(2);
  const both = (a, b) => `${ratio(a, b, 'median')}x wall, ${ratio(a, b, 'cpu')}x CPU`;
  console.log(`node ${process.version}, ${backend} backend, quality 90, median of ${reps}`);
  console.log(`speed vs jpeg-js: 4:2:0 ${both('pixtext-420', 'jpeg-js')} (target >= 3), 4:4:4 ${both('pixtext-444', 'jpeg-js')}`);
  const small = (lib) => `${results[`${lib} 64x64`].median.toFixed(3)} ms wall, ${results[`${lib} 64x64`].cpu.toFixed(3)} ms CPU`;
  console.log(`64x64 per call: pixtext 4:2:0 ${small('pixtext-420')} (target <= 1.5 ms), jpeg-js ${small('jpeg-js')}`);
}

if (args[0] === '--worker') await worker(args[1], Number(args[2]), Number(args[3]), Number(args[4]), args[5]);
else await main();
