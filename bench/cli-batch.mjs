// CLI batch throughput (issue 6): `pixtext encode <folder> --jsonl` and `pixtext decode <dataset.jsonl> -o <folder>`
// over N small deterministic PNGs, with 1 worker thread and with 2. Each run is a fresh `node dist/cli.js` process;
// runs of both settings are interleaved so machine noise hits both alike; medians of REPS runs are reported.
// Two times per run: the batch (from the CLI's own summary line: listing or reading the input, starting the
// workers, all the files, writing the output) and the whole process as a user times it (which adds Node's start-up
// and module loading, a fixed cost that is not throughput). Target: 2 workers ≥ 1.6× the batch throughput of 1.
// Usage: node bench/cli-batch.mjs [--files 500] [--size 192] [--reps 5]   (needs `npm run build` first)
import { spawn, spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { batchMs } from './lib/cli-run.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const FILES = opt('--files', 500);
const SIZE = opt('--size', 192);
const REPS = opt('--reps', 5);
const TARGET = 1.6;

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first.');
  process.exit(1);
}

/** A deterministic photo-like RGB PNG (gradients, texture and noise, so it neither compresses away nor is pure noise). */
function makePng(index, size) {
  const png = new PNG({ width: size, height: size, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  let seed = (0x9e3779b9 ^ (index * 0x85ebca6b)) >>> 0;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const data = Buffer.alloc(size * size * 3);
  const phase = index * 0.37;
  for (let y = 0, o = 0; y < size; y++) {
    for (let x = 0; x < size; x++, o += 3) {
      const u = x / size;
      const v = y / size;
      const t = 14 * Math.sin(x / 5.3 + Math.sin(y / 9.1 + phase) * 3);
      const n = (rand() - 0.5) * 8;
      data[o] = Math.max(0, Math.min(255, 128 + 100 * Math.sin(u * 3 + phase) + t + n));
      data[o + 1] = Math.max(0, Math.min(255, 120 + 90 * Math.cos(v * 2.5 - phase) + t * 0.7 + n));
      data[o + 2] = Math.max(0, Math.min(255, 110 + 80 * Math.sin((u + v) * 2 + phase) + n));
    }
  }
  png.data = data;
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}

const work = join(tmpdir(), `pixtext-cli-batch-${FILES}x${SIZE}`);
const folder = join(work, 'images');
if (!existsSync(folder) || readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith('.png')).length !== FILES) {
  rmSync(work, { recursive: true, force: true });
  for (let i = 0; i < FILES; i++) {
    const sub = join(folder, `set-${String(i % 10).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `img-${String(i).padStart(4, '0')}.png`), makePng(i, SIZE));
  }
}
const inputBytes = readdirSync(folder, { recursive: true })
  .map((f) => join(folder, String(f)))
  .filter((f) => f.endsWith('.png'))
  .reduce((sum, f) => sum + statSync(f).size, 0);

/** Idle and total CPU time of the whole machine so far (all cores), to tell a serial run from a starved one. */
function machineCpu() {
  let idle = 0;
  let total = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total };
}
let idleDuringRuns = 0;
let totalDuringRuns = 0;

/**
 * CPU time (user + system, all threads) of this process's finished children so far, in ms, from /proc (Linux;
 * undefined elsewhere). Per run it tells how much work the run was, whatever else the machine was doing: with two
 * workers on two cores, the batch cannot take less than about that CPU time over two.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime), counted from the state field (3): indexes 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Runs the CLI once; returns the whole-process and batch times in ms. `output` is removed first (untimed). */
function timeRun(cliArgs, output) {
  rmSync(output, { recursive: true, force: true });
  const before = machineCpu();
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [cli, ...cliArgs], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuAfter = childrenCpuMs();
  const after = machineCpu();
  idleDuringRuns += after.idle - before.idle;
  totalDuringRuns += after.total - before.total;
  if (run.status !== 0) throw new Error(`pixtext ${cliArgs.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { process: ms, batch: batchMs(run.stderr), cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

const dataset = join(work, 'dataset.jsonl');
const restored = (jobs) => join(work, `restored-${jobs}`);
// Not --quiet: the summary line gives the batch time (stderr is a pipe here, so progress is plain lines).
// Every run writes to an output that does not exist yet, as a first run does: replacing files (--force over an
// earlier run's output) makes ext4 flush each replaced file at the rename (its auto_da_alloc rule), a file-system
// cost that is the same for any worker count and is not batch throughput.
const encodeArgs = (jobs) => ['encode', folder, '--jsonl', '-o', dataset, '--jobs', String(jobs)];
const decodeArgs = (jobs) => ['decode', dataset, '-o', restored(jobs), '--jobs', String(jobs)];

// Other processes competing for the CPUs make any speed-up smaller: the load is recorded next to the result.
const loadBefore = loadavg()[0];

// Warm-up: file cache, and a dataset for the decode runs.
timeRun(encodeArgs(2), dataset);
timeRun(decodeArgs(2), restored(2));

const samples = { encode: { 1: [], 2: [] }, decode: { 1: [], 2: [] } };
for (let rep = 0; rep < REPS; rep++) {
  for (const jobs of rep % 2 === 0 ? [1, 2] : [2, 1]) {
    samples.encode[jobs].push(timeRun(encodeArgs(jobs), dataset));
    samples.decode[jobs].push(timeRun(decodeArgs(jobs), restored(jobs)));
  }
}
// Each timed encode rewrote the dataset with the same bytes; the decode runs read it.

// The ceiling for the encode speed-up on this machine: the CLI's own batch worker (dist/cli-worker.cjs) driven with
// nothing else around it. Every task is posted at once and replies are only counted: no ordering, no output file,
// no progress, no main-thread work at all; timed from starting the workers to the last reply. Whatever the CLI does
// on top can only lower the ratio, so a ceiling below the target means the target is out of this machine's reach.
const workerFile = join(root, 'dist', 'cli-worker.cjs');
const relPaths = readdirSync(folder, { recursive: true }).map(String).filter((f) => f.endsWith('.png')).sort();
// The task as src/cli/batch/encode-folder.ts builds it: the folder's real path, to refuse links leading out of it.
const realFolder = realpathSync(folder);
async function workerAlone(jobs) {
  const start = process.hrtime.bigint();
  const workers = Array.from({ length: jobs }, () => new Worker(workerFile));
  let left = relPaths.length;
  await new Promise((resolve, reject) => {
    for (const worker of workers) {
      worker.on('error', reject);
      worker.on('message', (reply) => {
        if (!reply.ok) reject(new Error(`worker task failed: ${JSON.stringify(reply.error)}`));
        else if (--left === 0) resolve();
      });
    }
    relPaths.forEach((relPath, i) =>
      workers[i % jobs].postMessage({ id: i, task: { kind: 'encode', fsPath: join(folder, relPath), relPath, options: {}, root: realFolder, followLinks: false } }),
    );
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return ms;
}
// And what the machine itself gives two copies of this work: separate processes (nothing shared but the hardware),
// each timing its own loop of imageToText over its share of the files, after start-up; both shares are run at once.
// A CPU-bound loop that touches memory scales less than 2× when the two CPUs share caches or a memory path.
const processLoop = `
  const { imageToText } = await import(${JSON.stringify(new URL('../dist/index.node.js', import.meta.url).href)});
  const { readFileSync } = await import('node:fs');
  const files = JSON.parse(process.argv[1]);
  const start = performance.now();
  for (const file of files) imageToText(readFileSync(file), { metadata: { path: file } });
  console.log(performance.now() - start);`;
function processes(shares) {
  const children = shares.map((files) =>
    spawn(process.execPath, ['--input-type=module', '-e', processLoop, JSON.stringify(files)], { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  return Promise.all(
    children.map(
      (child) =>
        new Promise((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (chunk) => (out += chunk));
          child.on('close', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`loop process exited ${code}`))));
        }),
    ),
  ).then((times) => Math.max(...times));
}
const absolute = relPaths.map((relPath) => join(folder, relPath));
const separate = { 1: [], 2: [] };
for (let rep = 0; rep < REPS * 2; rep++) {
  for (const jobs of rep % 2 === 0 ? [1, 2] : [2, 1]) {
    separate[jobs].push(await processes(jobs === 1 ? [absolute] : [absolute.filter((_, i) => i % 2 === 0), absolute.filter((_, i) => i % 2 === 1)]));
  }
}

const alone = { 1: [], 2: [] };
for (let rep = 0; rep < REPS * 2; rep++) {
  for (const jobs of rep % 2 === 0 ? [1, 2] : [2, 1]) alone[jobs].push(await workerAlone(jobs));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadAfter = loadavg()[0];
// With --jobs 2 on idle CPUs the machine is busy almost all the time; idle time left means the runs were serial
// somewhere, no idle time with a small speed-up means other processes took the CPUs.
const idleShare = totalDuringRuns > 0 ? idleDuringRuns / totalDuringRuns : 0;
const result = { files: FILES, size: SIZE, reps: REPS, inputBytes, datasetBytes: statSync(dataset).size, cpus: availableParallelism(), loadBefore, loadAfter, idleShare };
const lines = [];
const cpuLines = [];
for (const op of ['encode', 'decode']) {
  const one = median(samples[op][1].map((s) => s.batch));
  const two = median(samples[op][2].map((s) => s.batch));
  const process1 = median(samples[op][1].map((s) => s.process));
  const process2 = median(samples[op][2].map((s) => s.process));
  const ratio = one / two;
  const cpus1 = samples[op][1].map((s) => s.cpu);
  const cpus2 = samples[op][2].map((s) => s.cpu);
  const cpu1 = cpus1.includes(undefined) ? undefined : median(cpus1);
  const cpu2 = cpus2.includes(undefined) ? undefined : median(cpus2);
  const processRatio = process1 / process2;
  result[op] = {
    ms1: one,
    ms2: two,
    filesPerSec1: (FILES / one) * 1000,
    filesPerSec2: (FILES / two) * 1000,
    ratio,
    meetsTarget: ratio >= TARGET,
    processMs1: process1,
    processMs2: process2,
    processRatio,
    processCpuMs1: cpu1,
    processCpuMs2: cpu2,
  };
  if (cpu1 !== undefined && cpu2 !== undefined) {
    cpuLines.push(`${op}: --jobs 1 ${cpu1.toFixed(0)} ms, --jobs 2 ${cpu2.toFixed(0)} ms`);
  }
  const cell = (batch, whole) => `${batch.toFixed(0)} ms, ${((FILES / batch) * 1000).toFixed(0)} files/s (process ${whole.toFixed(0)} ms)`;
  lines.push(
    `| CLI batch ${op} (${FILES} PNGs ${SIZE}×${SIZE}) | ${cell(one, process1)} | ${cell(two, process2)} | **${ratio.toFixed(2)}×** ${ratio >= TARGET ? '✓' : '✗'} (target ≥ ${TARGET}×; whole process ${processRatio.toFixed(2)}×) |`,
  );
}

const alone1 = median(alone[1]);
const alone2 = median(alone[2]);
result.workerAlone = { ms1: alone1, ms2: alone2, ratio: alone1 / alone2 };
const separate1 = median(separate[1]);
const separate2 = median(separate[2]);
result.separateProcesses = { ms1: separate1, ms2: separate2, ratio: separate1 / separate2 };
lines.push(
  `| ceiling: the batch worker alone, encode (no CLI around it: all tasks posted at once, replies counted) | ${alone1.toFixed(0)} ms | ${alone2.toFixed(0)} ms | ${(alone1 / alone2).toFixed(2)}× (reported) |`,
  `| machine: imageToText in a loop, 1 process vs 2 separate processes at once (half the files each; start-up not timed) | ${separate1.toFixed(0)} ms | ${separate2.toFixed(0)} ms | ${(separate1 / separate2).toFixed(2)}× (reported) |`,
);

console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()}, Node ${process.version}, ${REPS} runs each (median); batch time from the CLI's summary, whole-process wall time in parentheses`);
console.log(`Load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}; machine CPU idle during the timed runs: ${(idleShare * 100).toFixed(0)} %`);
if (Math.max(loadBefore, loadAfter) > availableParallelism() * 0.5) {
  console.log('Warning: other processes were using the CPUs; the speed-up measured here understates what idle CPUs give.');
}
console.log('| workload | --jobs 1 | --jobs 2 | speed-up |');
console.log('|---|---:|---:|---:|');
for (const line of lines) console.log(line);
if (cpuLines.length > 0) console.log(`CPU time of one whole process (median; all threads, start-up included): ${cpuLines.join('; ')}`);
const out = join(root, 'bench', '.out');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'cli-batch.json'), `${JSON.stringify({ ...result, date: new Date().toISOString(), node: process.version, markdown: lines }, null, 2)}\n`);
