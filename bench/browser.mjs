// The browser section of `npm run bench`: pixtext's browser build measured in real Chromium (Debian's package, driven
// by playwright-core as the browser tests do) against the engine's native base64 and against fast-base64, and PNG
// decode against the browser's own decoder. Each measurement runs in a fresh browser context on a page served from a
// routed origin; the page times each run itself (performance.now()); the driver reads the renderer processes' peak
// resident memory around each run from /proc (the peak is reset before the run through clear_refs).
//
// Usage: node bench/browser.mjs [--rounds 3] [--only <text in a measurement id>]
// Writes bench/.out/browser.json, which bench/run.mjs renders into bench/RESULTS.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { PHOTO, inputPath, prepareInputs, root } from './lib/inputs.mjs';
import { median } from './lib/stats.mjs';
import { inlineConstants } from '../scripts/esbuild-speed.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROUNDS = Number(option('--rounds', '3'));
const ONLY = option('--only', undefined);
const CHROMIUM = process.env.PIXTEXT_CHROMIUM || '/usr/bin/chromium';
// As the browser tests launch it (tests/browser/support/chromium.ts), plus gc() for the page between runs.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--js-flags=--expose-gc',
];
const ORIGIN = 'http://pixtext-bench.test';
const log = (line) => process.stderr.write(`${line}\n`);

const SIZES = [1, 16, 128];
const PEERS = {
  imageToText: ['pixtext', 'native toBase64 + concatenation', 'pixtext portable', 'fast-base64/js + concatenation', 'fast-base64 (WASM) + concatenation'],
  textToImage: ['pixtext', 'native fromBase64 + CRC-32', 'pixtext portable', 'fast-base64/js + CRC-32', 'fast-base64 (WASM) + CRC-32'],
  pngDecode: ['pixtext', 'createImageBitmap + getImageData'],
};
/** Timed runs per measurement (after one warm-up), fewer for the large inputs. */
const repsFor = (mib) => (mib >= 128 ? 3 : mib >= 16 ? 7 : 25);

export function browserPlan() {
  const plan = [];
  for (const workload of ['imageToText', 'textToImage']) {
    for (const mib of SIZES) {
      plan.push({ id: `browser-${workload}-${mib}`, workload, mib, bytes: mib * 2 ** 20, reps: repsFor(mib), title: `${workload}, ${mib} MiB raw RGBA` });
    }
  }
  plan.push({ id: 'browser-pngDecode-photo12', workload: 'pngDecode', pixels: PHOTO.width * PHOTO.height, reps: 3, title: `PNG decode, ${PHOTO.label}` });
  return plan;
}

async function bundles() {
  const bundle = async (stdin, globalName) =>
    (
      await build({
        stdin: { contents: stdin, resolveDir: root, loader: 'js' },
        bundle: true,
        ...inlineConstants,
        format: 'iife',
        globalName,
        platform: 'browser',
        target: 'es2022',
        write: false,
        logLevel: 'warning',
      })
    ).outputFiles[0].text;
  // The package's browser build exactly as an app bundler would take it (dist/esm, no Node twins).
  return [
    await bundle(`export * from './dist/esm/index.js';`, 'pixtext'),
    await bundle(`export { toBase64, toBytes } from 'fast-base64/js';`, 'fastBase64Js'),
    await bundle(`export { toBase64, toBytes } from 'fast-base64';`, 'fastBase64Wasm'),
    readFileSync(join(root, 'bench/browser/page.js'), 'utf8'),
  ];
}

/** Resident and peak-resident kB of the renderer processes, by pid. */
function rendererMemory(pids) {
  const out = new Map();
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      out.set(pid, { rss: kb('VmRSS'), hwm: kb('VmHWM') });
    } catch {
      // the process ended
    }
  }
  return out;
}

function resetPeaks(pids) {
  for (const pid of pids) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5'); // 5: reset the peak resident set size (proc(5))
    } catch {
      return false;
    }
  }
  return true;
}

async function measure(browser, cdp, scripts, m, peer) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/photo.png') return route.fulfill({ status: 200, contentType: 'image/png', body: readFileSync(inputPath(`${PHOTO.id}.png`)) });
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>pixtext bench</title>' });
    });
    await page.goto(`${ORIGIN}/`);
    for (const content of scripts) await page.addScriptTag({ content });
    const { outputSize } = await page.evaluate((spec) => window.benchSetup(spec), { workload: m.workload, peer, mib: m.mib, url: `${ORIGIN}/photo.png` });
    const pids = (await cdp.send('SystemInfo.getProcessInfo')).processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    // Chromium sets its renderers' scheduling priority itself (0, or +5 for background ones), so a `nice` on this
    // process does not reach the page. Raising it here (root only; otherwise the run just keeps Chromium's) makes
    // other work on the machine disturb the timed runs less.
    for (const pid of pids) {
      try {
        setPriority(pid, -20);
      } catch {
        break;
      }
    }
    const times = [];
    let peak;
    for (let rep = 0; rep < m.reps; rep++) {
      await page.evaluate(() => window.benchClear());
      const canReset = resetPeaks(pids);
      const before = rendererMemory(pids);
      times.push(await page.evaluate(() => window.benchRun()));
      if (!canReset) continue;
      let growth = 0;
      for (const [pid, after] of rendererMemory(pids)) growth += Math.max(0, after.hwm - (before.get(pid)?.rss ?? after.hwm));
      peak = Math.max(peak ?? 0, growth * 1024);
    }
    return { times, outputSize, peakGrowth: peak };
  } finally {
    await context.close();
  }
}

export async function runBrowserBench({ rounds = ROUNDS, only = ONLY } = {}) {
  if (!existsSync(CHROMIUM)) return { error: `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set PIXTEXT_CHROMIUM)` };
  if (!existsSync(join(root, 'dist/esm/index.js'))) return { error: 'the build is missing: run `npm run build` first' };
  await prepareInputs((line) => log(`  ${line}`));
  const scripts = await bundles();
  const plan = browserPlan().filter((m) => only === undefined || m.id.includes(only));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const samples = {};
  try {
    const cdp = await browser.newBrowserCDPSession();
    const total = plan.reduce((n, m) => n + PEERS[m.workload].length, 0) * rounds;
    let done = 0;
    for (let round = 0; round < rounds; round++) {
      for (const m of plan) {
        const peers = PEERS[m.workload];
        for (const peer of peers.map((_, i) => peers[(i + round) % peers.length])) {
          let r;
          try {
            r = await measure(browser, cdp, scripts, m, peer);
          } catch (error) {
            r = { error: String(error?.message ?? error).split('\n')[0] };
          }
          ((samples[m.id] ??= {})[peer] ??= []).push(r);
          log(`[${++done}/${total}] ${m.id} ${peer}: ${r.error ? `FAILED ${r.error}` : `${r.times.map((t) => t.toFixed(1)).join(' ')} ms`}`);
        }
      }
    }
    const results = {};
    for (const m of plan) {
      results[m.id] = {};
      for (const [peer, list] of Object.entries(samples[m.id] ?? {})) {
        const ok = list.filter((r) => !r.error);
        results[m.id][peer] =
          ok.length === 0
            ? { error: list[0].error }
            : {
                wallMs: median(ok.flatMap((r) => r.times)),
                outputSize: ok[0].outputSize,
                peakGrowth: ok.every((r) => r.peakGrowth !== undefined) ? median(ok.map((r) => r.peakGrowth)) : undefined,
              };
      }
    }
    return { browser: `Chromium ${browser.version()}`, rounds, plan, results };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runBrowserBench();
  mkdirSync(join(root, 'bench', '.out'), { recursive: true });
  writeFileSync(join(root, 'bench', '.out', 'browser.json'), `${JSON.stringify(out, null, 2)}\n`);
  if (out.error) {
    log(`browser bench: ${out.error}`);
    process.exit(1);
  }
  for (const m of out.plan) {
    log(`${m.title}`);
    for (const [peer, r] of Object.entries(out.results[m.id])) {
      log(`  ${peer}: ${r.error ?? `${r.wallMs.toFixed(2)} ms${r.peakGrowth === undefined ? '' : `, peak +${(r.peakGrowth / 2 ** 20).toFixed(0)} MiB`}`}`);
    }
  }
}
