// Entry point of the `pixtext` executable (built to dist/cli.js with the Node fast paths). Wires the process to
// the CLI: signals clean up temporary files and exit 128 + signal number; a closed stdout pipe ends quietly.
import { constants as bufferConstants } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TempFiles } from './atomic-write.js';
import { runCli } from './cli.js';
import { ExitCode } from './exit-codes.js';

const temps = new TempFiles();

const SIGNAL_EXIT = { SIGINT: ExitCode.SIGINT, SIGTERM: ExitCode.SIGTERM, SIGHUP: ExitCode.SIGHUP } as const;
for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
  process.once(signal, () => {
    temps.removeAll();
    process.stderr.write(`\npixtext: interrupted by ${signal}; no partial output left\n`);
    // Every finished file is already in place, every unfinished one removed.
    exitNow(code);
  });
}

// `pixtext encode dir --jsonl | head` closes the pipe early: the reader has what it wanted, so this is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  temps.removeAll();
  process.exit(process.exitCode ?? ExitCode.OK);
});

const workerUrl = new URL('./cli-worker.cjs', import.meta.url);

process.exitCode = await runCli(
  process.argv.slice(2),
  {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    temps,
    createWorker: () => new Worker(workerUrl),
    defaultJobs: availableParallelism(),
    maxStringLength: maxStringLength(),
  },
  readVersion(),
);

function readVersion(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'pixtext' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not this one; try the next.
    }
  }
  return 'unknown';
}

// PIXTEXT_MAX_STRING_LENGTH lowers the string limit (never raises it) so that the paths taken by texts longer than
// one string can be exercised with small files, as the library's own maxStringLength option allows.
function maxStringLength(): number {
  const lowered = Number(process.env.PIXTEXT_MAX_STRING_LENGTH);
  return Number.isSafeInteger(lowered) && lowered > 0 ? Math.min(lowered, bufferConstants.MAX_STRING_LENGTH) : bufferConstants.MAX_STRING_LENGTH;
}

// process.exit() waits for worker threads to stop, and a worker blocked in a system call (a read from a hung
// network mount) never does, so the run would go on after "interrupted". process.reallyExit is the step after that
// wait. Output to stderr is synchronous on POSIX pipes, files and terminals, so the message above is out already.
function exitNow(code: number): never {
  const reallyExit = (process as unknown as { reallyExit?: (code: number) => never }).reallyExit;
  if (typeof reallyExit === 'function') reallyExit.call(process, code);
  process.exit(code);
}
