// Quick BMP throughput check (issue 4 targets): our codec against bmp-js on a deterministic 12-megapixel image.
// Usage: node bench/bmp-quick.mjs [width] [height] [repetitions]
// Bundles src/formats/bmp with esbuild in memory, so it measures the TypeScript sources without a build.
import { build } from 'esbuild';
import bmp from 'bmp-js';
import { inlineConstants } from '../scripts/esbuild-speed.mjs';

const width = Number(process.argv[2] ?? 4000);
const height = Number(process.argv[3] ?? 3000);
const reps = Number(process.argv[4] ?? 7);
const mp = (width * height) / 1e6;

const bundle = await build({
  entryPoints: [new URL('../src/formats/bmp/index.ts', import.meta.url).pathname],
  bundle: true,
  ...inlineConstants,
  write: false,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
});
const { bmpCodec } = await import('data:text/javascript;base64,' + Buffer.from(bundle.outputFiles[0].text).toString('base64'));

/** A smooth photo-like gradient with some texture, deterministic. */
function photoLike(channels) {
  const data = new Uint8Array(width * height * channels);
  let seed = 12345;
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += channels) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = (seed >>> 24) & 15;
      data[o] = ((x * 255) / width + noise) & 255;
      data[o + 1] = ((y * 255) / height + noise) & 255;
      data[o + 2] = (((x + y) * 128) / (width + height) + 64 + noise) & 255;
      if (channels === 4) data[o + 3] = 255 - (((x ^ y) & 63) >> 1);
    }
  }
  return data;
}

/** Median wall time and median CPU time (user + system) of `reps` runs; CPU time is steadier on a busy machine. */
function median(fn) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  return { wall: mid(wall), cpu: mid(cpu) };
}

const rgb = { width, height, mode: 'RGB', data: photoLike(3) };
const rgba = { width, height, mode: 'RGBA', data: photoLike(4) };
const opts = { quality: 90, compressionLevel: 6 };
const file24 = bmpCodec.encode(rgb, opts);
const file32 = bmpCodec.encode(rgba, opts);
const buf24 = Buffer.from(file24.buffer, file24.byteOffset, file24.byteLength);

function abgrToRgba(abgr) {
  const out = new Uint8Array(abgr.length);
  for (let i = 0; i < abgr.length; i += 4) {
    out[i] = abgr[i + 3];
    out[i + 1] = abgr[i + 2];
    out[i + 2] = abgr[i + 1];
    out[i + 3] = abgr[i];
  }
  return out;
}

const rows = [];
const row = (name, { wall, cpu }) =>
  rows.push({
    name,
    'wall ms': wall.toFixed(1),
    'wall MP/s': (mp / (wall / 1000)).toFixed(0),
    'cpu ms': cpu.toFixed(1),
    'cpu MP/s': (mp / (cpu / 1000)).toFixed(0),
  });
const decOpts = { maxPixels: Infinity };
row('pixtext decode 24-bit → RGB', median(() => bmpCodec.decode(file24, decOpts)));
row('pixtext decode 32-bit V5 → RGBA', median(() => bmpCodec.decode(file32, decOpts)));
row('bmp-js decode 24-bit → ABGR', median(() => bmp.decode(buf24)));
row('bmp-js decode 24-bit → ABGR → RGBA', median(() => abgrToRgba(bmp.decode(buf24).data)));
row('pixtext encode RGB → 24-bit', median(() => bmpCodec.encode(rgb, opts)));
row('pixtext encode RGBA → 32-bit V5', median(() => bmpCodec.encode(rgba, opts)));
const abgr = Buffer.from(abgrToRgba(rgba.data)); // the same byte reversal turns RGBA into ABGR
row('bmp-js encode ABGR → 24-bit', median(() => bmp.encode({ width, height, data: abgr })));
console.log(`BMP, ${width}×${height} (${mp} MP), median of ${reps}, Node ${process.version}, load average ${(await import('node:os')).loadavg()[0].toFixed(2)}`);
console.table(rows);
