// Datasets (issue 13): a folder of 2,000 images → JSONL and → Parquet through the built CLI, and Parquet's memory.
// 1. Throughput. A folder made once from a seed (cached in the temporary folder; DATASET_MIX says what it holds):
//    photo-like images of 64–512 px on the long side, written by pixtext's own encoders, 60 % JPEG and 40 % PNG, in
//    20 class sub-folders as image datasets are laid out. `pixtext encode <folder> --jsonl` with --jobs 1 and 2,
//    carrying the files unchanged (--encoding original) and as raw pixels (--encoding raw); `--parquet` (which has no
//    --jobs: it copies files and reads only their headers, on one thread); then each output decoded back to a folder
//    and compared byte for byte with the source. Wall time of the whole process (and the batch time from the CLI's
//    summary line), files/s, input bytes and output sizes; medians of REPS runs, settings interleaved.
// 2. Parquet memory. Folders of noise BMPs (nothing compresses away) of 1×, 10× and 20× the default row group
//    (its rows as `pixtext encode --help` states them) written with the defaults, and the 10× folder in one row group for contrast; peak
//    resident memory of the CLI process (VmHWM, bench/lib/max-rss.mjs). Bounded means the peak stops growing with
//    the data past a few row groups (garbage the collector has not yet freed), while one big row group grows with it.
// Results: bench/.out/dataset.json and the printed lines; `npm run bench` puts them in RESULTS.md and results.json.
// Usage: node bench/dataset.mjs [--files 2000] [--seed 13] [--reps 3]   (needs `npm run build` first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchMs, cli, runCli } from './lib/cli-run.mjs';
import { photoLike, pseudoRandomBytes, root } from './lib/inputs.mjs';
import { loadPixtext } from './lib/pixtext.mjs';
import { MiB, median } from './lib/stats.mjs';

/** What the throughput folder holds: shares of formats and modes, sizes, JPEG qualities. */
export const DATASET_MIX = {
  jpegShare: 0.6, // of those: 90 % RGB (4:2:0), 10 % greyscale
  jpegGreyShare: 0.1,
  jpegQuality: [75, 95], // uniform, whole numbers
  pngModes: [['RGB', 0.7], ['RGBA', 0.2], ['L', 0.1]],
  longSide: [64, 512], // px, uniform
  aspects: [1, 4 / 3, 3 / 2, 16 / 9], // each as likely, portrait or landscape as likely
  classes: 20,
};
/** Rows per row group when --row-group-size is not given, as the built CLI's help states it. */
function defaultRowGroupRows() {
  const help = spawnSync(process.execPath, [cli, 'encode', '--help'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  const rows = Number(/--row-group-size N Rows per Parquet row group, [^.]*\. Defaults to (\d+)/.exec(help)?.[1]);
  if (!Number.isInteger(rows)) throw new Error("the CLI's help no longer states the default --row-group-size");
  return rows;
}
/** Each memory-test BMP: 24-bit noise, 200 × 170 px = 102,054 bytes (so 10× a row group fits one 128 MiB row group). */
const NOISE_BMP = { width: 200, height: 170 };

/** xorshift32 in [0, 1). */
function random(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Image `index` of the folder: its file name, format, mode, size and JPEG quality. */
function planImage(rand, index) {
  const m = DATASET_MIX;
  const long = m.longSide[0] + Math.floor(rand() * (m.longSide[1] - m.longSide[0] + 1));
  const short = Math.max(1, Math.round(long / m.aspects[Math.floor(rand() * m.aspects.length)]));
  const [width, height] = rand() < 0.5 ? [long, short] : [short, long];
  const jpeg = rand() < m.jpegShare;
  let mode;
  if (jpeg) mode = rand() < m.jpegGreyShare ? 'L' : 'RGB';
  else {
    let r = rand();
    mode = m.pngModes.find(([, share]) => (r -= share) < 0)?.[0] ?? 'RGB';
  }
  const quality = m.jpegQuality[0] + Math.floor(rand() * (m.jpegQuality[1] - m.jpegQuality[0] + 1));
  const name = `class-${String(index % m.classes).padStart(2, '0')}/img-${String(index).padStart(5, '0')}.${jpeg ? 'jpg' : 'png'}`;
  return { name, format: jpeg ? 'jpeg' : 'png', mode, width, height, quality };
}

/** Photo-like pixels in `mode`: RGB as made, L as its luma, RGBA with an alpha that fades towards the corners. */
function pixels(plan, variant) {
  const rgb = photoLike(plan.width, plan.height, variant);
  const n = plan.width * plan.height;
  if (plan.mode === 'RGB') return rgb;
  if (plan.mode === 'L') return Uint8Array.from({ length: n }, (_, i) => (rgb[i * 3] * 77 + rgb[i * 3 + 1] * 150 + rgb[i * 3 + 2] * 29) >> 8);
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const x = (i % plan.width) / plan.width - 0.5;
    const y = Math.floor(i / plan.width) / plan.height - 0.5;
    rgba.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = Math.max(0, Math.min(255, 255 * (1.4 - 2 * Math.hypot(x, y))));
  }
  return rgba;
}

/** Writes the folder (once: `<folder>.json` beside it, holding its description, marks a finished one); returns the description. */
async function imageFolder(dir, files, seed) {
  const marker = `${dir}.json`;
  if (existsSync(marker)) {
    const done = JSON.parse(readFileSync(marker, 'utf8'));
    if (done.files === files && done.seed === seed && JSON.stringify(done.mix) === JSON.stringify(DATASET_MIX)) return done;
  }
  rmSync(dir, { recursive: true, force: true });
  const { encode } = await loadPixtext();
  const rand = random(seed);
  const counts = {};
  let pixelCount = 0;
  for (let i = 0; i < files; i++) {
    const plan = planImage(rand, i);
    const image = { width: plan.width, height: plan.height, mode: plan.mode, data: pixels(plan, seed * 100_000 + i) };
    const bytes = plan.format === 'jpeg' ? encode(image, 'jpeg', { quality: plan.quality }) : encode(image, 'png');
    mkdirSync(join(dir, plan.name, '..'), { recursive: true });
    writeFileSync(join(dir, plan.name), bytes);
    const key = `${plan.format === 'jpeg' ? 'JPEG' : 'PNG'} ${plan.mode}`;
    counts[key] = (counts[key] ?? 0) + 1;
    pixelCount += plan.width * plan.height;
  }
  const description = { files, seed, mix: DATASET_MIX, counts, pixels: pixelCount, bytes: folderBytes(dir) };
  writeFileSync(marker, JSON.stringify(description));
  return description;
}

/** A 24-bit BMP of noise. */
function noiseBmp(width, height, seed) {
  const stride = (width * 3 + 3) & ~3;
  const size = 54 + stride * height;
  const out = Buffer.alloc(size);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(size, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(stride * height, 34);
  out.set(pseudoRandomBytes(stride * height, seed), 54);
  return out;
}

function bmpFolder(dir, files) {
  if (existsSync(dir) && readdirSync(dir).length === files) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < files; i++) writeFileSync(join(dir, `noise-${String(i).padStart(4, '0')}.bmp`), noiseBmp(NOISE_BMP.width, NOISE_BMP.height, 0x9e3779b9 ^ (i + 1)));
}

/** Image files under a folder (relative paths). */
const imageFiles = (dir) => readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(png|jpg|bmp)$/.test(f));
const folderBytes = (dir) => imageFiles(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);

/** True when every image file of `source` is in `restored` with the same bytes, and nothing else is. */
function sameFiles(source, restored) {
  const names = imageFiles(source);
  if (imageFiles(restored).length !== names.length) return false;
  return names.every((f) => existsSync(join(restored, f)) && readFileSync(join(source, f)).equals(readFileSync(join(restored, f))));
}

/** The encode and decode settings measured, each with the output name and the command line. */
function settings(folder, out) {
  const jsonl = (encoding, jobs) => ({
    key: `jsonl-${encoding}`,
    jobs,
    output: out(`${encoding}-${jobs}.jsonl`),
    encode: ['encode', folder, '--jsonl', '--encoding', encoding, '--jobs', String(jobs), '-o', out(`${encoding}-${jobs}.jsonl`)],
    decode: encoding === 'original' ? ['decode', out(`${encoding}-${jobs}.jsonl`), '--jobs', String(jobs), '-o', out(`${encoding}-${jobs}-restored`)] : undefined,
  });
  const parquet = { key: 'parquet', jobs: 1, output: out('dataset.parquet'), encode: ['encode', folder, '--parquet', '-o', out('dataset.parquet')], decode: ['decode', out('dataset.parquet'), '-o', out('parquet-restored')] };
  return [jsonl('original', 1), jsonl('original', 2), jsonl('raw', 1), jsonl('raw', 2), parquet];
}

/** Runs a setting once: encode, then decode back when it has one (each output removed first, untimed). */
function runOnce(s) {
  rmSync(s.output, { force: true });
  const enc = runCli(s.encode);
  const sample = { encodeMs: enc.ms, encodeBatchMs: batchMs(enc.stderr), outputBytes: statSync(s.output).size };
  if (s.decode) {
    const restored = s.decode.at(-1);
    rmSync(restored, { recursive: true, force: true });
    const dec = runCli(s.decode);
    Object.assign(sample, { decodeMs: dec.ms, decodeBatchMs: batchMs(dec.stderr) });
  }
  return sample;
}

/**
 * Runs both parts.
 *
 * @returns {{ folder: object, load: object, runs: object[], identical: object, memory: object }} times in ms, sizes and RSS in bytes
 */
export async function runDatasetBench({ files = 2000, seed = 13, reps = 3, log = () => {} } = {}) {
  const work = join(tmpdir(), 'pixtext-bench-dataset');
  const folder = join(work, `images-${files}-seed-${seed}`);
  const out = (name) => join(work, 'out', name);
  mkdirSync(join(work, 'out'), { recursive: true });
  log(`making ${files} images (seed ${seed}) in ${folder} unless cached`);
  const description = await imageFolder(folder, files, seed);

  // Other processes competing for the CPUs make the --jobs 2 column smaller: the load is recorded next to it.
  const load = { before: loadavg()[0], cpus: availableParallelism() };
  const list = settings(folder, out);
  const samples = list.map(() => []);
  for (let rep = 0; rep < reps; rep++) {
    // Rotate the order each round, so no setting always follows the same neighbour.
    for (let k = 0; k < list.length; k++) {
      const i = (k + rep) % list.length;
      samples[i].push(runOnce(list[i]));
      log(`  ${list[i].key} --jobs ${list[i].jobs}: encode ${samples[i].at(-1).encodeMs.toFixed(0)} ms`);
    }
  }
  const runs = list.map((s, i) => {
    const pick = (key) => median(samples[i].map((x) => x[key]));
    return { key: s.key, jobs: s.jobs, encodeMs: pick('encodeMs'), encodeBatchMs: pick('encodeBatchMs'), decodeMs: pick('decodeMs'), decodeBatchMs: pick('decodeBatchMs'), outputBytes: samples[i][0].outputBytes, reps };
  });
  load.after = loadavg()[0];
  const identical = {
    jsonl: [1, 2].every((jobs) => sameFiles(folder, out(`original-${jobs}-restored`))),
    parquet: sameFiles(folder, out('parquet-restored')),
  };
  rmSync(join(work, 'out'), { recursive: true, force: true });
  mkdirSync(join(work, 'out'));

  const rows = defaultRowGroupRows();
  const memory = { rows, fileBytes: folderBytes(bmpFolderOnce(work, rows)) / rows, idleMaxRss: median(Array.from({ length: reps }, () => runCli(['--version']).maxRss)) };
  for (const [key, count, groupRows] of [['one', rows, undefined], ['ten', rows * 10, undefined], ['twenty', rows * 20, undefined], ['tenOneGroup', rows * 10, rows * 10]]) {
    const dir = bmpFolderOnce(work, count);
    const output = out(`${key}.parquet`);
    const args = ['encode', dir, '--parquet', '-o', output, ...(groupRows === undefined ? [] : ['--row-group-size', String(groupRows)])];
    const r = Array.from({ length: reps }, () => {
      rmSync(output, { force: true });
      return runCli(args);
    });
    // The count the CLI's summary reports, so the table says what was written, not what was asked for.
    const groups = Number(/; (\d+) row groups?\s*$/.exec(r[0].stderr)?.[1]);
    memory[key] = { files: count, bytes: folderBytes(dir), groupRows: groupRows ?? rows, groups, encodeMs: median(r.map((x) => x.ms)), maxRss: median(r.map((x) => x.maxRss)) };
    log(`  Parquet memory, ${count} BMPs in ${groups} row groups: peak RSS ${(memory[key].maxRss / MiB).toFixed(0)} MiB`);
  }
  // The image folder stays cached for the next run; the outputs and the BMP folders go.
  for (const name of readdirSync(work)) if (name === 'out' || name.startsWith('bmp-')) rmSync(join(work, name), { recursive: true, force: true });
  return { folder: description, load, runs, identical, memory };
}

function bmpFolderOnce(work, files) {
  const dir = join(work, `bmp-${files}`);
  bmpFolder(dir, files);
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(cli)) {
    console.error('dist/cli.js is missing: run `npm run build` first.');
    process.exit(1);
  }
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const result = await runDatasetBench({ files: opt('--files', 2000), seed: opt('--seed', 13), reps: opt('--reps', 3), log: (line) => console.error(line) });
  mkdirSync(join(root, 'bench', '.out'), { recursive: true });
  writeFileSync(join(root, 'bench', '.out', 'dataset.json'), `${JSON.stringify(result, null, 2)}\n`);
  const { datasetSection } = await import('./lib/report.mjs');
  console.log(datasetSection(result).join('\n'));
}
