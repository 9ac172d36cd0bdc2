#!/usr/bin/env node
// The long fuzz run: `npm run fuzz -- --minutes N [--seed S] [--targets png,bmp] [--variant node|portable|both]`.
//
// The harness in tests/fuzz/ is bundled with esbuild once per build variant (with the Node twins, and portable as
// browsers get it) and run in a worker thread that alternates between the two. The main thread is a watchdog: the
// worker records which input it is on in shared memory before running it, so an input that hangs is rebuilt from
// (seed, target, index), saved, and the worker restarted with the next seed. Every failing input (an escape, an input
// over the time limit, an output breaking an invariant, a known-good file decoding differently afterwards) is written
// to tests/fuzz/regressions/ (one file per distinct failure), where tests/fuzz/regressions.test.ts replays it.
// With both variants, each input is also read by the other build, and an image only one build gives, two builds
// giving different images, or two builds refusing with different error codes is reported as a difference, with the
// seed and index that rebuild it. One input in 8 runs at the default maxPixels with its memory growth bounded
// (tests/fuzz/memory.ts); a breach is a failure like the others. `--summary FILE` also writes the final summary there.
import { createHash, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { inlineConstants } from './esbuild-speed.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'tests/fixtures');
const BUNDLES = join(ROOT, 'node_modules/.cache/pixtext-fuzz');
const VARIANTS = ['node', 'portable'];
/** The maxPixels tests/fuzz/regressions.test.ts replays a file with when it names none. */
const REPLAY_MAX_PIXELS = 1 << 16;
const USAGE = 'usage: npm run fuzz -- [--minutes N] [--seed S] [--targets a,b] [--variant node|portable|both] [--max-pixels N] [--timeout-ms N] [--hang-ms N] [--out DIR] [--no-write] [--summary FILE]';

function parseArgs(argv) {
  const options = { minutes: 1, seed: undefined, targets: undefined, variant: 'both', maxPixels: 1 << 16, timeoutMs: 1000, hangMs: 10_000, out: join(ROOT, 'tests/fuzz/regressions'), write: true, summary: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`Expected a value for ${arg} but received nothing`);
      return v;
    };
    const number = (v, what) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) fail(`Expected a positive number for ${what} but received ${JSON.stringify(v)}`);
      return n;
    };
    if (arg === '--minutes') options.minutes = number(value(), '--minutes');
    else if (arg === '--seed') {
      const v = value();
      options.seed = Number(v);
      if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed >= 2 ** 32) fail(`Expected an integer from 0 to 2^32 − 1 for --seed but received ${JSON.stringify(v)}`);
    }
    else if (arg === '--targets') options.targets = value().split(',');
    else if (arg === '--variant') options.variant = value();
    else if (arg === '--max-pixels') options.maxPixels = number(value(), '--max-pixels');
    else if (arg === '--timeout-ms') options.timeoutMs = number(value(), '--timeout-ms');
    else if (arg === '--hang-ms') options.hangMs = number(value(), '--hang-ms');
    else if (arg === '--out') options.out = value();
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--summary') options.summary = value();
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`Expected an option for argument ${i + 1} but received ${JSON.stringify(arg)}`);
  }
  if (!['node', 'portable', 'both'].includes(options.variant)) fail(`Expected node, portable or both for --variant but received ${JSON.stringify(options.variant)}`);
  if (options.seed === undefined) options.seed = randomInt(0, 2 ** 32 - 1);
  return options;
}

function fail(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** Bundles the harness for one variant; returns the module path. */
async function bundle(variant) {
  const { build } = await import('esbuild');
  const { esbuildNodeTwins } = await import('./node-twins.mjs');
  const outfile = join(BUNDLES, `${variant}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'tests/fuzz/runner-entry.ts')],
    bundle: true,
    ...inlineConstants,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages stay imports, resolved from node_modules next to the bundle.
    packages: 'external',
    outfile,
    plugins: variant === 'node' ? [esbuildNodeTwins()] : [],
    logLevel: 'error',
  });
  return outfile;
}

// Shared slots: [0] variant, [1] target, [2] input index, [3] generation (bumped per input); start time in ms.
const SLOTS = 4;

// ---------------------------------------------------------------------------------------------------------- worker
async function workerMain() {
  const { bundles, seeds, names, maxPixels, timeoutMs, deadline, shared, variants: VARIANT_NAMES } = workerData;
  const slots = new Int32Array(shared, 0, SLOTS);
  const started = new Float64Array(shared, SLOTS * 4, 1);
  const modules = await Promise.all(bundles.map((b) => import(pathToFileURL(b).href)));
  // With both builds loaded, every input one build reads is read by the other too (with the same maxPixels):
  // node:zlib against fflate, Buffer base64 against the portable codec. An image only one build gives, two builds
  // giving different images, or two builds refusing with different error codes is a finding.
  const other = (v) => campaigns[1 - v];
  const compare = (v) => (t, input, outcome, inputMaxPixels) => {
    const twin = other(v).targets[t];
    return modules[v].compareOutcomes(outcome, modules[1 - v].outcomeOf(twin, input, inputMaxPixels), VARIANT_NAMES[v]);
  };
  const campaigns = modules.map((mod, v) =>
    mod.createCampaign(FIXTURES, names, {
      ...(modules.length === 2 ? { compare: compare(v) } : {}),
      seed: seeds[v],
      maxPixels,
      timeoutMs,
      onFailure: (f) => parentPort.postMessage({ type: 'failure', variant: v, failure: f }),
      beforeInput: (t, index) => {
        slots[0] = v;
        slots[1] = t;
        slots[2] = index;
        started[0] = Date.now();
        Atomics.add(slots, 3, 1);
      },
    }),
  );
  const report = () => parentPort.postMessage({ type: 'stats', stats: campaigns.map((c) => c.stats), rss: process.memoryUsage().rss });
  // Each round gives every target of every variant the same slice of time, so slow readers are not starved.
  const sliceMs = 2000;
  while (Date.now() < deadline) {
    for (const campaign of campaigns) {
      for (let t = 0; t < campaign.targets.length && Date.now() < deadline; t++) campaign.runFor(t, Math.min(sliceMs, deadline - Date.now()));
    }
    report();
  }
  report();
  parentPort.postMessage({ type: 'done' });
}

// ------------------------------------------------------------------------------------------------------------ main
function mixSeed(a, b) {
  return createHash('sha256').update(`${a}:${b}`).digest().readUInt32LE(0);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const variants = options.variant === 'both' ? VARIANTS : [options.variant];
  const bundles = await Promise.all(variants.map(bundle));
  const modules = await Promise.all(bundles.map((b) => import(pathToFileURL(b).href)));
  if (options.targets !== undefined) {
    for (const name of options.targets) if (!modules[0].TARGET_NAMES.includes(name)) fail(`Expected one of ${modules[0].TARGET_NAMES.join(', ')} for --targets but received ${JSON.stringify(name)}`);
  }
  const deadline = Date.now() + options.minutes * 60_000;
  console.log(`fuzzing ${options.targets?.join(', ') ?? 'every reader'} for ${options.minutes} min, seed ${options.seed}, variants ${variants.join(' + ')}, maxPixels ${options.maxPixels}`);

  const finished = []; // stats of workers that ended (or were killed), per variant
  const written = [];
  const signatures = new Map();
  let hangs = 0;
  let peakRss = 0;
  let generation = 0;

  const record = (variant, failure) => {
    const firstLine = failure.detail.split('\n')[0].replace(/\d+/g, 'N');
    const signature = `${failure.target}|${failure.kind}|${firstLine}`;
    const seen = signatures.get(signature);
    if (seen !== undefined) {
      seen.count++;
      return;
    }
    const entry = { count: 1, variant: variants[variant], failure };
    signatures.set(signature, entry);
    console.log(`\n[${variants[variant]}] ${failure.kind} in ${failure.target} (seed ${failure.seed}, input ${failure.index}): ${failure.detail.split('\n')[0]}`);
    // A difference between the builds breaks no invariant of either, so replaying it in one test project would
    // prove nothing: it is reported (seed and index rebuild it) but not written as a regression fixture.
    if (!options.write || failure.kind === 'differential') return;
    const { input } = failure;
    const fixture = {
      target: failure.target,
      found: `${failure.kind} in the ${variants[variant]} build: ${failure.detail.split('\n')[0]}`,
      seed: failure.seed,
      index: failure.index,
      ...(input.mode === undefined ? {} : { mode: input.mode }),
      // The replay runs at 65,536 pixels unless told otherwise (the memory-measured share, a run with --max-pixels).
      ...(failure.maxPixels === undefined || failure.maxPixels === REPLAY_MAX_PIXELS ? {} : { maxPixels: failure.maxPixels }),
      ...(input.bytes !== undefined ? { bytes: Buffer.from(input.bytes).toString('base64') } : { text: input.text }),
    };
    const json = `${JSON.stringify(fixture, null, 2)}\n`;
    const name = `${failure.target}-${failure.kind}-${createHash('sha256').update(json).digest('hex').slice(0, 10)}.json`;
    mkdirSync(options.out, { recursive: true });
    writeFileSync(join(options.out, name), json);
    written.push(relative(ROOT, join(options.out, name)));
  };

  for (;;) {
    const seeds = variants.map((_, v) => (generation === 0 && v === 0 ? options.seed : mixSeed(options.seed, generation * 16 + v)));
    const shared = new SharedArrayBuffer(SLOTS * 4 + 8);
    const slots = new Int32Array(shared, 0, SLOTS);
    const started = new Float64Array(shared, SLOTS * 4, 1);
    const worker = new Worker(fileURLToPath(import.meta.url), {
      workerData: { bundles, seeds, names: options.targets, maxPixels: options.maxPixels, timeoutMs: options.timeoutMs, deadline, shared, variants },
    });
    let last = { stats: variants.map(() => []), rss: 0 };
    const outcome = await new Promise((resolve) => {
      let lastGeneration = -1;
      const watchdog = setInterval(() => {
        const now = Date.now();
        const gen = Atomics.load(slots, 3);
        if (gen !== lastGeneration) lastGeneration = gen;
        if (gen > 0 && now - started[0] > options.hangMs) {
          clearInterval(watchdog);
          resolve({ hung: { variant: slots[0], target: slots[1], index: slots[2], ms: now - started[0] } });
        }
        process.stdout.write(`\r${Math.max(0, Math.round((deadline - now) / 1000))} s left, ${last.stats.flat().reduce((n, s) => n + s.inputs, 0)} inputs this worker `);
      }, 500);
      worker.on('message', (m) => {
        if (m.type === 'failure') record(m.variant, m.failure);
        else if (m.type === 'stats') {
          last = m;
          peakRss = Math.max(peakRss, m.rss);
        } else if (m.type === 'done') {
          clearInterval(watchdog);
          resolve({ done: true });
        }
      });
      worker.on('error', (error) => {
        clearInterval(watchdog);
        resolve({ crashed: error });
      });
    });
    finished.push(last.stats);
    if (outcome.done) {
      await worker.terminate();
      break;
    }
    await worker.terminate();
    if (outcome.hung) {
      hangs++;
      const { variant, target, index, ms } = outcome.hung;
      const campaignTargets = modules[variant].loadTargets(FIXTURES).filter((t) => options.targets === undefined || options.targets.includes(t.name));
      const t = campaignTargets[target];
      const input = modules[variant].inputAt(t, seeds[variant], index);
      const maxPixels = modules[variant].maxPixelsOf(index, options.maxPixels);
      record(variant, { target: t.name, index, seed: seeds[variant], kind: 'timeout', detail: `still running after ${ms} ms (hang)`, ms, input, maxPixels });
    } else {
      console.error(`\nthe worker failed: ${outcome.crashed?.stack ?? outcome.crashed}`);
      record(0, { target: 'textToImage', index: -1, seed: seeds[0], kind: 'escape', detail: `worker crashed: ${String(outcome.crashed)}`, ms: 0, input: { text: '' } });
    }
    if (Date.now() >= deadline) break;
    generation++;
  }

  // Sum every worker's final counts, per variant and target.
  process.stdout.write('\n');
  const byVariant = variants.map((_, v) => {
    const sums = new Map();
    for (const life of finished) {
      for (const s of life[v] ?? []) {
        const sum = sums.get(s.name) ?? { ...s, rejected: {}, inputs: 0, accepted: 0, escapes: 0, timeouts: 0, violations: 0, knownGoodChecks: 0, knownGoodFailures: 0, differences: 0, memoryChecks: 0, memoryBreaches: 0, maxMemory: 0, maxMs: 0, totalMs: 0 };
        for (const k of ['inputs', 'accepted', 'escapes', 'timeouts', 'violations', 'knownGoodChecks', 'knownGoodFailures', 'differences', 'memoryChecks', 'memoryBreaches', 'totalMs']) sum[k] += s[k];
        sum.maxMs = Math.max(sum.maxMs, s.maxMs);
        sum.maxMemory = Math.max(sum.maxMemory, s.maxMemory);
        for (const [code, n] of Object.entries(s.rejected)) sum.rejected[code] = (sum.rejected[code] ?? 0) + n;
        sums.set(s.name, sum);
      }
    }
    return [...sums.values()];
  });
  const lines = [`command: npm run fuzz -- ${process.argv.slice(2).join(' ')}`];
  for (const [v, stats] of byVariant.entries()) lines.push('', modules[v].formatStats(stats, `${variants[v]} build`));
  const all = byVariant.flat();
  const total = (k) => all.reduce((n, s) => n + s[k], 0);
  const perTarget = new Map();
  for (const s of all) perTarget.set(s.name, (perTarget.get(s.name) ?? 0) + s.inputs);
  lines.push('', `summary: ${total('inputs')} inputs in ${options.minutes} min (seed ${options.seed}, ${generation + 1} worker run${generation ? 's' : ''})`);
  lines.push(`  inputs per reader, both builds: ${[...perTarget].map(([name, n]) => `${name} ${n}`).join(', ')}`);
  lines.push(`  escapes ${total('escapes')}, timeouts ${total('timeouts') + hangs} (hangs ${hangs}), invariant violations ${total('violations')}, known-good failures ${total('knownGoodFailures')}, node/portable differences ${total('differences')}, memory breaches ${total('memoryBreaches')} of ${total('memoryChecks')} measured`);
  lines.push(`  distinct failures ${signatures.size}; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
  for (const [signature, { count, variant, failure }] of signatures) lines.push(`  ${count} × ${signature} (first: ${variant} build, seed ${failure.seed}, input ${failure.index})`);
  for (const file of written) lines.push(`  wrote ${file}`);
  console.log(lines.join('\n'));
  if (options.summary !== undefined) writeFileSync(options.summary, `${lines.join('\n')}\n`);
  process.exitCode = signatures.size > 0 ? 1 : 0;
}

if (isMainThread) await main();
else await workerMain();
