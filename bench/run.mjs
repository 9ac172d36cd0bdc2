// `npm run bench`: builds the package (the npm script does, first), then measures pixtext against its peers, each
// measurement in a fresh child process (bench/worker.mjs), in several interleaved rounds, and writes
// bench/RESULTS.md (and the raw numbers to bench/.out/results.json).
//
// Usage: node bench/run.mjs [--rounds 3] [--only <text in a measurement id>] [--skip-stream] [--skip-cli] [--skip-browser]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { runBrowserBench } from './browser.mjs';
import { runJpegLines } from './cli-jpeg-lines.mjs';
import { runDatasetBench } from './dataset.mjs';
import { bundlePortableBase64 } from './lib/bundle.mjs';
import { prepareInputs, root } from './lib/inputs.mjs';
import { STREAM, buildPlan } from './lib/plan.mjs';
import { renderResults } from './lib/report.mjs';
import { summarize } from './lib/stats.mjs';
import { evaluateTargets } from './lib/targets.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROUNDS = Number(option('--rounds', '3'));
const ONLY = option('--only', undefined);
const SKIP_STREAM = args.includes('--skip-stream');
const SKIP_CLI = args.includes('--skip-cli');
const SKIP_BROWSER = args.includes('--skip-browser');
const started = Date.now();
const log = (line) => process.stderr.write(`${line}\n`);

if (!existsSync(join(process.env.PIXTEXT_BENCH_DIST ?? join(root, 'dist'), 'index.node.js'))) {
  log('The build is missing: run `npm run bench` (it builds first) or `npm run build`.');
  process.exit(1);
}

/** Runs one measurement child; returns its parsed result or { error }. */
function measure(m, peer) {
  const spec = { workload: m.workload, peer, params: m.params, reps: m.reps, warmup: m.warmup ?? 1, sampleRss: m.sampleRss === true };
  const child = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', 'worker.mjs'), JSON.stringify(spec)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) return { error: (child.stderr || `exit ${child.status} ${child.signal ?? ''}`).trim() };
  try {
    return JSON.parse(child.stdout.trim().split('\n').pop());
  } catch {
    return { error: `unreadable output: ${child.stdout.slice(0, 200)}` };
  }
}

const machine = {
  cpu: cpus()[0]?.model?.trim() ?? 'unknown',
  cores: cpus().length,
  arch: process.arch,
  memoryGiB: (totalmem() / 2 ** 30).toFixed(0),
  os: `${platform()} ${release()}`,
  node: process.version,
  v8: process.versions.v8,
  date: new Date().toISOString().replace('T', ' ').replace(/\..*/, ' UTC'),
  loadStart: loadavg()[0].toFixed(2),
  rounds: ROUNDS,
};
log(`pixtext bench: ${machine.cpu} × ${machine.cores}, Node ${machine.node}, ${(freemem() / 2 ** 30).toFixed(1)} GiB free, load ${machine.loadStart}`);

await prepareInputs((line) => log(`  ${line}`));
await bundlePortableBase64();

const plan = buildPlan().filter((m) => ONLY === undefined || m.id.includes(ONLY));
const peersOf = new Map();
for (const m of plan) peersOf.set(m.id, (await import(`./workloads/${m.workload}.mjs`)).peerNames(m.params));

const samples = {}; // id → peer → [child results]
const total = plan.reduce((n, m) => n + peersOf.get(m.id).length, 0) * ROUNDS;
let done = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const m of plan) {
    const peers = peersOf.get(m.id);
    // Rotate the order each round, so no peer always runs right after the same neighbour.
    const order = peers.map((_, i) => peers[(i + round) % peers.length]);
    for (const peer of order) {
      const r = measure(m, peer);
      done++;
      ((samples[m.id] ??= {})[peer] ??= []).push(r);
      log(`[${done}/${total}] ${m.id} ${peer}: ${r.error ? `FAILED ${r.error.split('\n')[0]}` : `${r.cpu.map((x) => x.toFixed(1)).join(' ')} ms CPU`}`);
    }
  }
}

const results = {};
for (const [id, byPeer] of Object.entries(samples)) {
  results[id] = {};
  for (const [peer, list] of Object.entries(byPeer)) {
    const ok = list.filter((r) => !r.error);
    results[id][peer] = ok.length === 0 ? { error: list[0].error } : summarize(ok);
  }
}

let stream;
if (!SKIP_STREAM && ONLY === undefined) {
  log(`streaming: ${STREAM.title}`);
  const r = measure(STREAM, 'pixtext');
  stream = r.error ? { error: r.error } : summarize([r]);
  log(r.error ? `  FAILED ${r.error}` : `  write ${r.phases.writeMs.toFixed(0)} ms, read ${r.phases.readMs.toFixed(0)} ms, peak RSS ${(r.maxRss / 2 ** 20).toFixed(0)} MiB`);
}

let cli;
if (!SKIP_CLI && ONLY === undefined) {
  log('CLI batch: bench/cli-batch.mjs --reps 3');
  const child = spawnSync(process.execPath, [join(root, 'bench', 'cli-batch.mjs'), '--reps', '3'], { cwd: root, encoding: 'utf8' });
  const file = join(root, 'bench', '.out', 'cli-batch.json');
  if (child.status === 0 && existsSync(file)) cli = JSON.parse(readFileSync(file, 'utf8'));
  else cli = { error: (child.stderr || `exit ${child.status}`).trim().split('\n')[0] };
  log(cli.error ? `  FAILED ${cli.error}` : `  encode ${cli.encode.ratio.toFixed(2)}×, decode ${cli.decode.ratio.toFixed(2)}×`);
}

let jpegLines;
if (!SKIP_CLI && ONLY === undefined) {
  log('CLI dataset decode by format: bench/cli-jpeg-lines.mjs');
  try {
    jpegLines = runJpegLines();
  } catch (error) {
    jpegLines = { error: String(error?.message ?? error).split('\n')[0] };
  }
  log(jpegLines.error ? `  FAILED ${jpegLines.error}` : `  .jpg ${jpegLines.jpegMs.toFixed(0)} ms, .png ${jpegLines.pngMs.toFixed(0)} ms`);
}
if (cli && jpegLines) cli.jpegLines = jpegLines;

let dataset;
if (!SKIP_CLI && ONLY === undefined) {
  log('Datasets, folder → JSONL and Parquet: bench/dataset.mjs');
  try {
    dataset = await runDatasetBench({ reps: 3, log: (line) => log(`  ${line}`) });
  } catch (error) {
    dataset = { error: String(error?.message ?? error).split('\n')[0] };
  }
  if (dataset.error) log(`  FAILED ${dataset.error}`);
}
let llmBlock;
if (ONLY === undefined || 'llm-block'.includes(ONLY)) {
  log('Phone JPEG → Anthropic image block, end to end: bench/llm-block.mjs 5 (pixtext, and sharp + Buffer beside it)');
  const child = spawnSync(process.execPath, [join(root, 'bench', 'llm-block.mjs'), '5'], { cwd: root, encoding: 'utf8' });
  llmBlock = child.status === 0 ? { lines: child.stdout.trim().split('\n') } : { error: (child.stderr || `exit ${child.status}`).trim().split('\n')[0] };
  log(llmBlock.error ? `  FAILED ${llmBlock.error}` : llmBlock.lines.map((l) => `  ${l}`).join('\n'));
}

let browser;
if (!SKIP_BROWSER && ONLY === undefined) {
  log('browser: bench/browser.mjs in Chromium');
  browser = await runBrowserBench({ rounds: ROUNDS });
  if (browser.error) log(`  not measured: ${browser.error}`);
  else machine.browser = browser.browser;
}

machine.loadEnd = loadavg()[0].toFixed(2);
machine.durationMin = ((Date.now() - started) / 60000).toFixed(1);
const targets = evaluateTargets(results, stream, cli, browser, dataset);
const markdown = renderResults({ machine, plan, results, targets, stream, cli, dataset, browser });
mkdirSync(join(root, 'bench', '.out'), { recursive: true });
writeFileSync(join(root, 'bench', '.out', 'results.json'), `${JSON.stringify({ machine, results, stream, cli, dataset, llmBlock, browser, targets }, null, 2)}\n`);
if (ONLY === undefined) writeFileSync(join(root, 'bench', 'RESULTS.md'), markdown);
else writeFileSync(join(root, 'bench', '.out', 'RESULTS.partial.md'), markdown);
log(`\n${targets.map((t) => `${t.met === null ? '  ' : t.met ? 'ok' : 'NO'}  ${t.name}: ${t.measured} (${t.goal})`).join('\n')}`);
log(`\nwrote ${ONLY === undefined ? 'bench/RESULTS.md' : 'bench/.out/RESULTS.partial.md'} in ${machine.durationMin} min`);
