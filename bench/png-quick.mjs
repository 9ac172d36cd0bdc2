// Quick PNG benchmark (issue 4 targets): our codec against pngjs and fast-png on a deterministic 12-megapixel
// photo-like RGBA image (smooth gradients plus noise). Each measurement runs in a fresh process: one warm-up, then
// REPS timed runs, median reported. Usage: node bench/png-quick.mjs [--reps 5] [--backend node|portable]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inlineConstants } from '../scripts/esbuild-speed.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = join(tmpdir(), 'pixtext-png-quick');
const WIDTH = 4000;
const HEIGHT = 3000;
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

/** Deterministic photo-like RGBA: low-frequency colour fields, a vignette, fine texture and sensor-like noise. */
function photoLike(width, height) {
  const data = new Uint8Array(width * height * 4);
  let seed = 0x9e3779b9;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += 4) {
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
      data[o + 3] = 255;
    }
  }
  return data;
}

async function buildOurs(backend) {
  const out = join(cache, `pixtext-png-${backend}.mjs`);
  const { build } = await import(pathToFileURL(join(root, 'node_modules/esbuild/lib/main.js')).href);
  const { esbuildNodeTwins } = await import(pathToFileURL(join(root, 'scripts/node-twins.mjs')).href);
  await build({
    entryPoints: [join(root, 'src/formats/png/index.ts')],
    bundle: true,
    ...inlineConstants,
    format: 'esm',
    platform: backend === 'node' ? 'node' : 'neutral',
    mainFields: ['module', 'main'],
    outfile: out,
    plugins: backend === 'node' ? [esbuildNodeTwins()] : [],
    logLevel: 'warning',
  });
  return out;
}

async function worker(lib, op, reps, backend) {
  const rgba = photoLike(WIDTH, HEIGHT);
  const pngFile = join(cache, 'photo-pngjs.png');
  const input = new Uint8Array(readFileSync(pngFile));
  let run;
  if (lib === 'pixtext') {
    const { pngCodec } = await import(pathToFileURL(join(cache, `pixtext-png-${backend}.mjs`)).href);
    const image = { width: WIDTH, height: HEIGHT, mode: 'RGBA', data: rgba };
    run = op === 'decode'
      ? () => pngCodec.decode(input, { maxPixels: 268402689 }).data.length
      : () => pngCodec.encode(image, { quality: 90, compressionLevel: 6 }).length;
  } else if (lib === 'pngjs') {
    const { PNG } = (await import('pngjs')).default;
    const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    run = op === 'decode'
      ? () => PNG.sync.read(buf).data.length
      : () => PNG.sync.write({ width: WIDTH, height: HEIGHT, data: Buffer.from(rgba.buffer) }, { colorType: 6 }).length;
  } else {
    const fastPng = await import('fast-png');
    run = op === 'decode'
      ? () => fastPng.decode(input).data.length
      : () => fastPng.encode({ width: WIDTH, height: HEIGHT, data: rgba, channels: 4, depth: 8 }).length;
  }
  let size = run();
  const times = [];
  const cpu = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    size = run();
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  process.stdout.write(JSON.stringify({ lib, op, median: median(times), cpu: median(cpu), times, size }));
}

async function main() {
  mkdirSync(cache, { recursive: true });
  const reps = Number(opt('--reps', '5'));
  const backend = opt('--backend', 'node');
  await buildOurs(backend);
  const pngFile = join(cache, 'photo-pngjs.png');
  if (!existsSync(pngFile)) {
    const { PNG } = (await import('pngjs')).default;
    const rgba = photoLike(WIDTH, HEIGHT);
    writeFileSync(pngFile, PNG.sync.write({ width: WIDTH, height: HEIGHT, data: Buffer.from(rgba.buffer) }, { colorType: 6 }));
  }
  const results = {};
  for (const op of ['decode', 'encode']) {
    for (const lib of ['pixtext', 'pngjs', 'fast-png']) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', lib, op, String(reps), backend], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`${lib} ${op} failed: ${child.stderr}`);
      const r = JSON.parse(child.stdout);
      results[`${lib} ${op}`] = r;
      const mps = (WIDTH * HEIGHT) / 1e6 / (r.median / 1000);
      console.log(
        `${op.padEnd(6)} ${lib.padEnd(8)} ${r.median.toFixed(0).padStart(6)} ms wall ${r.cpu.toFixed(0).padStart(6)} ms CPU` +
          `  ${mps.toFixed(1).padStart(6)} MP/s` + (op === 'encode' ? `  ${(r.size / 1e6).toFixed(2)} MB` : ''),
      );
    }
  }
  const ratio = (a, b) => `${(results[b].median / results[a].median).toFixed(2)}x wall, ${(results[b].cpu / results[a].cpu).toFixed(2)}x CPU`;
  console.log(`node ${process.version}, ${backend} backend, median of ${reps}`);
  console.log(`decode speed vs pngjs ${ratio('pixtext decode', 'pngjs decode')} (target >= 1.3), vs fast-png ${ratio('pixtext decode', 'fast-png decode')} (target >= 2)`);
  console.log(
    `encode speed vs pngjs ${ratio('pixtext encode', 'pngjs encode')} (target >= 1), size vs pngjs ` +
      `${((results['pixtext encode'].size / results['pngjs encode'].size - 1) * 100).toFixed(1)}% (target <= +5%)`,
  );
}

if (args[0] === '--worker') await worker(args[1], args[2], Number(args[3]), args[4]);
else await main();
