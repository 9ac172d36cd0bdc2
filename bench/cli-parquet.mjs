// CLI Parquet datasets: `pixtext encode <folder> --parquet` and `pixtext decode <file.parquet> -o <folder>`.
// 1. Time: a folder of 2,000 small PNGs (64×64, photo-like, written by pngjs) → Parquet, and back, median of REPS runs.
// 2. Memory: a folder of 10 × ROWS BMP files of 586 KiB each (noise, so nothing compresses away; 10 × 20 of them stay
//    under the 128 MiB a row group may hold) written with --row-group-size ROWS (10 row groups) and with one row
//    group holding the whole folder; the peak resident memory of the CLI process (VmHWM, read at exit by a preloaded
//    module, bench/lib/max-rss.mjs) shows whether memory follows the row group or the dataset. The same for decode.
// Each run is a fresh `node dist/cli.js` process. Results: bench/.out/cli-parquet.json and the printed lines.
// Usage: node bench/cli-parquet.mjs [--files 2000] [--rows 20] [--reps 3]   (needs `npm run build` first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { photoLike, pseudoRandomBytes } from './lib/inputs.mjs';
import { median } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const maxRssModule = pathToFileURL(join(root, 'bench', 'lib', 'max-rss.mjs')).href;
const MiB = 1024 * 1024;

/** Runs the CLI once; returns its wall time, peak RSS and standard error, and throws with its output when it fails. */
function run(cliArgs) {
  const rssFile = join(tmpdir(), `pixtext-bench-rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', maxRssModule, cli, ...cliArgs], {
    encoding: 'utf8',
    env: { ...process.env, PIXTEXT_BENCH_RSS_FILE: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`pixtext ${cliArgs.join(' ')} exited ${r.status}: ${r.stderr.slice(-400)}`);
  const maxRss = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { ms, maxRss, stderr: r.stderr };
}

function pngFolder(dir, files) {
  if (existsSync(dir) && readdirSync(dir).length === files) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const size = 64;
  const base = photoLike(size * 8, size * 8);
  for (let i = 0; i < files; i++) {
    // A different 64×64 window of the photo for each file, so no two files are the same.
    const png = new PNG({ width: size, height: size, colorType: 2, inputColorType: 2, inputHasAlpha: false });
    const data = Buffer.alloc(size * size * 3);
    const ox = (i * 7) % (size * 7);
    const oy = (i * 13) % (size * 7);
    for (let y = 0; y < size; y++) data.set(base.subarray(((oy + y) * size * 8 + ox) * 3, ((oy + y) * size * 8 + ox + size) * 3), y * size * 3);
    png.data = data;
    writeFileSync(join(dir, `img-${String(i).padStart(5, '0')}.png`), PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false }));
  }
}

/** A 24-bit BMP of noise, `width` × `height`. */
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
  for (let i = 0; i < files; i++) writeFileSync(join(dir, `noise-${String(i).padStart(4, '0')}.bmp`), noiseBmp(400, 500, 0x9e3779b9 ^ (i + 1)));
}

const folderBytes = (dir) => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

/**
 * Runs both measurements.
 *
 * @returns {{ small: object, memory: object }} times in ms and peak RSS in bytes
 */
export function runParquetBench({ files = 2000, rows = 20, reps = 3 } = {}) {
  const work = join(tmpdir(), 'pixtext-bench-parquet');
  const small = join(work, `png-${files}`);
  const large = join(work, `bmp-${rows * 10}`);
  pngFolder(small, files);
  bmpFolder(large, rows * 10);
  const out = (name) => join(work, name);
  const fresh = (path) => {
    rmSync(path, { recursive: true, force: true });
    return path;
  };

  const encodeMs = [];
  const decodeMs = [];
  for (let i = 0; i < reps; i++) {
    encodeMs.push(run(['encode', small, '--parquet', '-o', fresh(out('small.parquet')), '--quiet']).ms);
    decodeMs.push(run(['decode', out('small.parquet'), '-o', fresh(out('small-restored')), '--quiet']).ms);
  }
  const smallResult = { files, bytes: folderBytes(small), parquetBytes: statSync(out('small.parquet')).size, encodeMs: median(encodeMs), decodeMs: median(decodeMs), reps };

  const memory = { files: rows * 10, rows, bytes: folderBytes(large), bounded: {}, whole: {} };
  for (const [key, groupRows] of [
    ['bounded', rows],
    ['whole', rows * 10],
  ]) {
    const encodes = [];
    const decodes = [];
    for (let i = 0; i < reps; i++) {
      encodes.push(run(['encode', large, '--parquet', '--row-group-size', String(groupRows), '-o', fresh(out(`${key}.parquet`))]));
      decodes.push(run(['decode', out(`${key}.parquet`), '-o', fresh(out(`${key}-restored`)), '--quiet']));
    }
    // The count the CLI's summary reports, so the table says what was written, not what was asked for.
    const groups = Number(/; (\d+) row groups?\n$/.exec(encodes[0].stderr)?.[1]);
    memory[key] = {
      groupRows,
      groups,
      encodeMs: median(encodes.map((r) => r.ms)),
      encodeMaxRss: median(encodes.map((r) => r.maxRss)),
      decodeMs: median(decodes.map((r) => r.ms)),
      decodeMaxRss: median(decodes.map((r) => r.maxRss)),
    };
  }
  // What a run of the CLI costs without any dataset: the floor the peaks above stand on.
  memory.idleMaxRss = median(Array.from({ length: reps }, () => run(['--version']).maxRss));
  rmSync(work, { recursive: true, force: true });
  return { small: smallResult, memory };
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
  const result = runParquetBench({ files: opt('--files', 2000), rows: opt('--rows', 20), reps: opt('--reps', 3) });
  mkdirSync(join(root, 'bench', '.out'), { recursive: true });
  writeFileSync(join(root, 'bench', '.out', 'cli-parquet.json'), `${JSON.stringify(result, null, 2)}\n`);
  const { small, memory } = result;
  console.log(`${small.files} PNGs (${(small.bytes / MiB).toFixed(1)} MiB) → Parquet (${(small.parquetBytes / MiB).toFixed(1)} MiB): encode ${small.encodeMs.toFixed(0)} ms, decode ${small.decodeMs.toFixed(0)} ms (median of ${small.reps}, whole process)`);
  console.log(`${memory.files} BMPs (${(memory.bytes / MiB).toFixed(0)} MiB); CLI idle peak RSS ${(memory.idleMaxRss / MiB).toFixed(0)} MiB`);
  for (const key of ['bounded', 'whole']) {
    const m = memory[key];
    console.log(
      `  --row-group-size ${m.groupRows} (${m.groups} row group${m.groups === 1 ? '' : 's'}): encode ${m.encodeMs.toFixed(0)} ms, peak RSS ${(m.encodeMaxRss / MiB).toFixed(0)} MiB; decode ${m.decodeMs.toFixed(0)} ms, peak RSS ${(m.decodeMaxRss / MiB).toFixed(0)} MiB`,
    );
  }
}
