// One benchmark measurement, in a fresh process: `node --expose-gc bench/worker.mjs '<spec JSON>'`.
// Loads one peer of one workload, prepares its input (untimed), runs it `warmup + reps` times with a full GC
// before each run, and prints one JSON line: wall and CPU times per run, and memory (see below).
//
// Memory: `maxRss` is the whole process's peak (getrusage), as the OS sees it. It includes making the input, so the
// memory targets use `opPeakRss - baselineRss`: the peak resident memory sampled every millisecond by a helper
// thread while the measured operation runs, minus the resident memory before the input existed. That is what the
// operation holds at its worst: its input, its output and whatever it allocates in between.
import { Worker } from 'node:worker_threads';

const spec = JSON.parse(process.argv[2] ?? '{}');
const gc = globalThis.gc ?? (() => {});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// A full GC, then a pause: V8 frees ArrayBuffer backing stores and external strings on helper threads after the
// collection itself, so resident memory drops only a little later.
async function settle() {
  gc();
  await sleep(spec.sampleRss ? 60 : 0);
  gc();
}

// Helper thread sampling RSS while flags[0] === 1; peak in bytes at peak[0]. Started before the baseline is taken,
// so its own memory is part of the baseline.
const shared = new SharedArrayBuffer(16);
const flags = new Int32Array(shared, 0, 2);
const peak = new Float64Array(shared, 8, 1);
const sampler = spec.sampleRss
  ? new Worker(
      `const { workerData } = require('node:worker_threads');
       const flags = new Int32Array(workerData, 0, 2);
       const peak = new Float64Array(workerData, 8, 1);
       for (;;) {
         const state = Atomics.load(flags, 0);
         if (state === 2) break;
         if (state === 1) { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; }
         Atomics.wait(flags, 1, 0, 1);
       }`,
      { eval: true, workerData: shared },
    )
  : undefined;
if (sampler) await sleep(20);

await settle();
const baselineRss = process.memoryUsage.rss();
const workload = await import(`./workloads/${spec.workload}.mjs`);
const makePeer = workload.peer(spec.params ?? {}, spec.peer);
if (typeof makePeer !== 'function') throw new Error(`no peer ${JSON.stringify(spec.peer)} in ${spec.workload} for ${JSON.stringify(spec.params)}`);
const task = await makePeer(spec.params ?? {});
await settle();
const inputRss = process.memoryUsage.rss();

const wall = [];
const cpu = [];
const sys = [];
let outputSize;
let phases;
let opPeakRss = 0;
const total = (spec.warmup ?? 1) + (spec.reps ?? 3);
for (let i = 0; i < total; i++) {
  await settle();
  const rssBefore = process.memoryUsage.rss();
  if (sampler) {
    peak[0] = rssBefore;
    Atomics.store(flags, 0, 1);
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let out = task.run();
  if (out !== null && typeof out === 'object' && typeof out.then === 'function') out = await out;
  const t1 = performance.now();
  const c = process.cpuUsage(c0);
  if (sampler) {
    Atomics.store(flags, 0, 0);
    opPeakRss = Math.max(opPeakRss, peak[0], process.memoryUsage.rss());
  }
  if (i >= total - (spec.reps ?? 3)) {
    wall.push(t1 - t0);
    cpu.push((c.user + c.system) / 1000);
    sys.push(c.system / 1000);
  }
  outputSize = task.size?.(out) ?? outputSize;
  phases = task.phases?.() ?? phases;
  out = undefined;
}
if (sampler) {
  Atomics.store(flags, 0, 2);
  await sampler.terminate();
}
const result = {
  wall,
  cpu,
  sys,
  outputSize,
  phases,
  baselineRss,
  inputRss,
  opPeakRss: sampler ? opPeakRss : undefined,
  maxRss: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
