// Preloaded into a measured command-line process (`node --import bench/lib/max-rss.mjs dist/cli.js …`): at exit,
// writes the process's peak resident memory in bytes (worker threads included) to the file named by
// PIXTEXT_BENCH_RSS_FILE, so a benchmark can read the peak of a child it did not start in-process. On Linux this is
// VmHWM of /proc/self/status: getrusage's maxRSS would also count the benchmark's own memory, which the child
// inherits through fork and keeps across exec.
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

function peakRss() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: fall back to getrusage below.
  }
  return process.resourceUsage().maxRSS * 1024;
}

const file = process.env.PIXTEXT_BENCH_RSS_FILE;
if (isMainThread && file) process.on('exit', () => writeFileSync(file, String(peakRss())));
