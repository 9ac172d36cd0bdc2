// Runs the built command line (`node dist/cli.js …`) as a benchmark measures it: a fresh process each time, its
// whole-process wall time, its peak resident memory and its standard error (for the summary line).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './inputs.mjs';

export const cli = join(root, 'dist', 'cli.js');
const maxRssModule = pathToFileURL(join(root, 'bench', 'lib', 'max-rss.mjs')).href;

/**
 * Runs the CLI once with `cliArgs`. Peak RSS is the process's VmHWM (worker threads included), written at exit by
 * the preloaded bench/lib/max-rss.mjs. Throws with the end of its standard error when it exits other than 0.
 *
 * @returns {{ ms: number, maxRss: number, stderr: string }} wall time in ms, peak RSS in bytes
 */
export function runCli(cliArgs) {
  const rssFile = join(tmpdir(), `pixtext-bench-rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', maxRssModule, cli, ...cliArgs], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, PIXTEXT_BENCH_RSS_FILE: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`pixtext ${cliArgs.join(' ')} exited ${r.status}: ${r.stderr.slice(-400)}`);
  const maxRss = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { ms, maxRss, stderr: r.stderr };
}

/**
 * The batch duration in ms from the CLI's summary line (`pixtext: encoded 500 files (…) in 1.42 s, 0 failed`, with
 * `; 10 row groups` after it for Parquet): listing or reading the input, the workers, every file and the output,
 * without Node's start-up.
 */
export function batchMs(stderr) {
  const m = /pixtext: \w+ \d+ files? \(.*\) in (?:(\d+) min (\d+) s|([\d.]+) (ms|s))(?:, .*)?, \d+ failed(?:;.*)?\s*$/.exec(stderr);
  if (m === null) throw new Error(`no summary line in: ${stderr.slice(-300)}`);
  if (m[1] !== undefined) return (Number(m[1]) * 60 + Number(m[2])) * 1000;
  return Number(m[3]) * (m[4] === 's' ? 1000 : 1);
}
