// A throwaway consumer project that gets `pixtext` the way users do: the packed tarball (`npm pack`) unpacked into
// node_modules/pixtext, so bundlers resolve it through its `exports` map with their own conditions. Its runtime
// dependencies are linked from this checkout's node_modules (already installed; no network).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const stat = statSync(join(dir, entry));
    if (stat.isFile()) newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

function distIsFresh(): boolean {
  const built = join(ROOT, 'dist', 'esm', 'index.js');
  return existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(ROOT, 'src'));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// tsup builds several entries (library, Node build, CLI). These tests need only the library's browser build, so a
// failure elsewhere (say, a half-edited CLI) is reported as a warning when the library build itself was written.
function runTsup(): void {
  const started = Date.now() - 1000;
  try {
    execFileSync('npx', ['--no-install', 'tsup', '--silent'], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const written = ['index.js', 'index.d.ts'].every((file) => {
      const path = join(ROOT, 'dist', 'esm', file);
      return existsSync(path) && statSync(path).mtimeMs >= started;
    });
    const output = String((error as { stderr?: unknown }).stderr ?? error);
    if (!written) throw new Error(`tsup failed to build the library:\n${output}`);
    console.warn(`tsup reported errors outside the library's browser build (ignored here):\n${output.slice(0, 2000)}`);
  }
}

/**
 * Builds dist/ with tsup when it is missing or older than src/ (`npm test` builds first, so in CI this is a no-op).
 * Several test files may ask at once: a lock directory makes one of them build while the others wait.
 */
export function ensureDistBuilt(): void {
  if (distIsFresh()) return;
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const lock = join(ROOT, '.tmp', 'dist-build.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run must not block forever.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another test to build dist/');
      sleep(250);
    }
  }
  try {
    if (!distIsFresh()) runTsup();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface ConsumerProject {
  dir: string;
  dispose(): void;
}

/**
 * A fresh directory with node_modules/pixtext unpacked from `npm pack` of the current build. A build running
 * elsewhere in the checkout empties dist/ for a while; a tarball packed then lacks the browser build, so packing is
 * retried once after waiting for a complete dist/.
 */
export function createConsumerProject(): ConsumerProject {
  for (let attempt = 1; ; attempt++) {
    const project = packConsumerProject();
    if (existsSync(join(project.dir, 'node_modules', 'pixtext', 'dist', 'esm', 'index.js'))) return project;
    project.dispose();
    if (attempt === 2) throw new Error('the packed tarball has no dist/esm/index.js: is another build emptying dist/?');
    sleep(5_000);
  }
}

function packConsumerProject(): ConsumerProject {
  ensureDistBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'pixtext-consumer-'));
  const packed = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  const tarball = join(dir, packed.trim().split('\n').pop()!);
  const target = join(dir, 'node_modules', 'pixtext');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  rmSync(tarball);
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
