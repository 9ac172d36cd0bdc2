// BMP decode throughput for every stored layout, this tree against a baseline commit, in one process, interleaved.
// Usage: node bench/bmp-decode.mjs [--baseline=<git ref>] [--rounds=5] [--reps=5] [--width=4000] [--height=3000]
//   [--only=<text in a layout name>] [--reuse-freed-memory]
//
// The codec is bundled from TypeScript sources with esbuild in memory (no build needed): once from this working tree
// and, with --baseline, once from `git archive <ref> src`. Each round runs every workload with both codecs, in an
// order that alternates from round to round, so a busy machine slows both alike; the table gives the median CPU time
// (user + system) of all timed runs and its MP/s. The two codecs' outputs are compared byte for byte first.
//
// Inputs are the benchmark's synthetic photo (bench/lib/inputs.mjs) stored as each layout a decoder meets: 24-bit
// as bmp-js writes it (the `npm run bench` input), 32-bit B,G,R,A (V5), 32-bit B,G,R,X (BI_RGB), 16-bit 5-6-5
// (BI_BITFIELDS) and 5-5-5 (BI_RGB), 8-, 4- and 1-bit indexed, RLE8 and RLE4.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import bmpJs from 'bmp-js';
import { photoLike, rgbToAbgr } from './lib/inputs.mjs';
import { median } from './lib/stats.mjs';
import { inlineConstants } from '../scripts/esbuild-speed.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const width = Number(args.width ?? 4000);
const height = Number(args.height ?? 3000);
const rounds = Number(args.rounds ?? 5);
const reps = Number(args.reps ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));

// --reuse-freed-memory: every decode returns a fresh 36 MB buffer, which glibc takes from the kernel with mmap and
// gives back on free, so each run also pays the kernel's first-touch page faults. Their cost is a property of the
// machine, not of the decoder: about 30 ms for 36 MB on a typical machine, over 100 ms on some virtual machines,
// which then hides the decoder's own time. With this flag the bench re-runs itself with glibc told to serve large
// blocks from its heap and keep freed memory (GLIBC_TUNABLES mmap_threshold and trim_threshold at their maximum), so
// a decode reuses pages already touched. Both codecs run under the same setting; the table says which one applied.
const REUSE_TUNABLES = 'glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=4294967295';
if (args['reuse-freed-memory'] === 'true' && process.env.GLIBC_TUNABLES !== REUSE_TUNABLES) {
  const child = spawnSync(process.execPath, process.argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, GLIBC_TUNABLES: REUSE_TUNABLES },
  });
  process.exit(child.status ?? 1);
}
const memoryNote = process.env.GLIBC_TUNABLES === REUSE_TUNABLES ? 'freed memory reused (no fresh page faults)' : 'fresh memory per decode';

async function loadCodec(srcRoot) {
  const bundle = await build({
    entryPoints: [join(srcRoot, 'src/formats/bmp/index.ts')],
    bundle: true,
    ...inlineConstants,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'warning',
  });
  return (await import('data:text/javascript;base64,' + Buffer.from(bundle.outputFiles[0].text).toString('base64'))).bmpCodec;
}

// ---- files, built field by field so that no input depends on the encoder under test

/** A BMP of `bpp` bits with a 40-byte info header (masks after it for BI_BITFIELDS), `palette` as [r,g,b] entries. */
function bmpFile({ bpp, compression = 0, masks = [], palette = [], pixels }) {
  const dataOffset = 14 + 40 + masks.length * 4 + palette.length * 4;
  const out = new Uint8Array(dataOffset + pixels.length);
  const v = new DataView(out.buffer);
  out.set([0x42, 0x4d]);
  v.setUint32(2, out.length, true);
  v.setUint32(10, dataOffset, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, width, true);
  v.setInt32(22, height, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, bpp, true);
  v.setUint32(30, compression, true);
  v.setUint32(34, pixels.length, true);
  v.setUint32(46, palette.length, true);
  masks.forEach((m, i) => v.setUint32(54 + i * 4, m, true));
  palette.forEach(([r, g, b], i) => out.set([b, g, r, 0], 54 + masks.length * 4 + i * 4));
  out.set(pixels, dataOffset);
  return out;
}

/** Stored rows (bottom-up, padded to 4 bytes) of `bpp`-bit pixels, `pixel(x, y, out, at)` writing one pixel's bytes. */
function rows(bpp, pixel) {
  const stride = Math.ceil((width * bpp) / 32) * 4;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) pixel(y, out, (height - 1 - y) * stride);
  return out;
}

const rgb = photoLike(width, height);
const at = (x, y) => (y * width + x) * 3;
/** A 16-colour index per pixel from the photo (top bits of green and red), so indexed files hold photo-like runs. */
const index4 = (x, y) => ((rgb[at(x, y) + 1] >> 6) << 2) | (rgb[at(x, y)] >> 6);

function rle(bits, indices4bit) {
  // Encoded runs of up to 255 equal indices per row (RLE8) or equal index pairs (RLE4), end of line, end of bitmap.
  const bytes = [];
  for (let y = height - 1; y >= 0; y--) {
    let x = 0;
    while (x < width) {
      const v = indices4bit(x, y);
      let n = 1;
      while (x + n < width && n < 255 && indices4bit(x + n, y) === v) n++;
      bytes.push(n, bits === 8 ? v : (v << 4) | v);
      x += n;
    }
    bytes.push(0, 0);
  }
  bytes.push(0, 1);
  return Uint8Array.from(bytes);
}

const grey16 = Array.from({ length: 16 }, (_, i) => [i * 17, i * 17, (i * 40) & 255]);
const palette256 = Array.from({ length: 256 }, (_, i) => [i, 255 - i, (i * 7) & 255]);
const allWorkloads = [
  ['24-bit B,G,R (bmp-js file)', new Uint8Array(bmpJs.encode({ width, height, data: Buffer.from(rgbToAbgr(rgb)) }).data)],
  ['32-bit B,G,R,A (V3 + masks)', bmpFile({
    bpp: 32, compression: 6, masks: [0xff0000, 0xff00, 0xff, 0xff000000 >>> 0],
    pixels: rows(32, (y, o, s) => { for (let x = 0; x < width; x++, s += 4) o.set([rgb[at(x, y) + 2], rgb[at(x, y) + 1], rgb[at(x, y)], (x ^ y) & 255], s); }),
  })],
  ['32-bit B,G,R,X (BI_RGB)', bmpFile({
    bpp: 32,
    pixels: rows(32, (y, o, s) => { for (let x = 0; x < width; x++, s += 4) o.set([rgb[at(x, y) + 2], rgb[at(x, y) + 1], rgb[at(x, y)], 0], s); }),
  })],
  ['16-bit 5-6-5 (bitfields)', bmpFile({
    bpp: 16, compression: 3, masks: [0xf800, 0x07e0, 0x001f],
    pixels: rows(16, (y, o, s) => {
      for (let x = 0; x < width; x++, s += 2) {
        const v = ((rgb[at(x, y)] >> 3) << 11) | ((rgb[at(x, y) + 1] >> 2) << 5) | (rgb[at(x, y) + 2] >> 3);
        o[s] = v & 255;
        o[s + 1] = v >> 8;
      }
    }),
  })],
  ['16-bit 5-5-5 (BI_RGB)', bmpFile({
    bpp: 16,
    pixels: rows(16, (y, o, s) => {
      for (let x = 0; x < width; x++, s += 2) {
        const v = ((rgb[at(x, y)] >> 3) << 10) | ((rgb[at(x, y) + 1] >> 3) << 5) | (rgb[at(x, y) + 2] >> 3);
        o[s] = v & 255;
        o[s + 1] = v >> 8;
      }
    }),
  })],
  ['8-bit indexed', bmpFile({ bpp: 8, palette: palette256, pixels: rows(8, (y, o, s) => { for (let x = 0; x < width; x++) o[s + x] = rgb[at(x, y) + 1]; }) })],
  ['4-bit indexed', bmpFile({
    bpp: 4, palette: grey16,
    pixels: rows(4, (y, o, s) => { for (let x = 0; x < width; x++) o[s + (x >> 1)] |= index4(x, y) << (x & 1 ? 0 : 4); }),
  })],
  ['1-bit (black/white)', bmpFile({
    bpp: 1, palette: [[0, 0, 0], [255, 255, 255]],
    pixels: rows(1, (y, o, s) => { for (let x = 0; x < width; x++) if (rgb[at(x, y) + 1] >= 128) o[s + (x >> 3)] |= 0x80 >> (x & 7); }),
  })],
  ['8-bit RLE8', bmpFile({ bpp: 8, compression: 1, palette: grey16, pixels: rle(8, index4) })],
  ['4-bit RLE4', bmpFile({ bpp: 4, compression: 2, palette: grey16, pixels: rle(4, index4) })],
];

const workloads = allWorkloads.filter(([name]) => args.only === undefined || name.includes(args.only));

// ---- codecs

const codecs = [['this tree', await loadCodec(root)]];
let scratch;
if (args.baseline !== undefined) {
  scratch = mkdtempSync(join(tmpdir(), 'pixtext-bmp-baseline-'));
  const tar = execFileSync('git', ['-C', root, 'archive', args.baseline, 'src'], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', scratch], { input: tar });
  codecs.unshift([`baseline ${args.baseline}`, await loadCodec(scratch)]);
  rmSync(scratch, { recursive: true, force: true });
}

const options = { maxPixels: Infinity };
for (const [name, file] of workloads) {
  const outputs = codecs.map(([, codec]) => codec.decode(file, options));
  for (const out of outputs.slice(1)) {
    const a = outputs[0];
    const same = a.mode === out.mode && a.data.length === out.data.length && a.data.every((v, i) => v === out.data[i]);
    if (!same) throw new Error(`${name}: the codecs decode different pixels`);
  }
}

/** CPU milliseconds (user + system) of `reps` timed runs after one warm-up. */
function time(codec, file) {
  codec.decode(file, options);
  const samples = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    codec.decode(file, options);
    const c = process.cpuUsage(c0);
    samples.push((c.user + c.system) / 1000);
  }
  return samples;
}

const samples = workloads.map(() => codecs.map(() => []));
for (let round = 0; round < rounds; round++) {
  workloads.forEach(([, file], w) => {
    const order = codecs.map((_, i) => i);
    if ((round + w) % 2 === 1) order.reverse();
    for (const c of order) samples[w][c].push(...time(codecs[c][1], file));
  });
}

const mp = (width * height) / 1e6;
console.log(
  `BMP decode, ${width}×${height} (${mp} MP), median CPU ms of ${rounds} rounds × ${reps} runs, interleaved; ` +
    `Node ${process.version}, ${memoryNote}, load average ${loadavg()[0].toFixed(2)}`,
);
const table = workloads.map(([name], w) => {
  const row = { layout: name };
  const ms = codecs.map((_, c) => median(samples[w][c]));
  codecs.forEach(([label], c) => {
    row[`${label} ms`] = ms[c].toFixed(1);
    row[`${label} MP/s`] = (mp / (ms[c] / 1000)).toFixed(0);
  });
  if (codecs.length === 2) row.speedup = `${(ms[0] / ms[1]).toFixed(2)}×`;
  return row;
});
console.table(table);
