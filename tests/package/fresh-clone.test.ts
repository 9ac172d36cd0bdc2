// The repository as a new contributor gets it: the tracked files only, no dist/. `npm pack` must build first (the
// prepack script), and `npm run demo` must print the demo's result, not the build's output.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let work = '';
let clone = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pixtext-clone-'));
  clone = join(work, 'pixtext');
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of tracked) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    cpSync(join(root, file), join(clone, file));
  }
  // Installed dependencies are not part of a clone; `npm ci` would fetch what the main checkout already has.
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a fresh clone', () => {
  it('has no dist/, and npm pack builds it first: the tarball holds the built entry points and no source maps', () => {
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    const out = execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const tgz = out.trim().split('\n').pop()!;
    const files = execFileSync('tar', ['-tzf', join(work, tgz)], { encoding: 'utf8' }).trim().split('\n');
    for (const built of ['dist/cli.js', 'dist/cli-worker.cjs', 'dist/index.node.js', 'dist/index.node.cjs', 'dist/index.cjs', 'dist/esm/index.js', 'dist/esm/index.d.ts']) {
      expect(files).toContain(`package/${built}`);
    }
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('package/src/'))).toEqual([]);
  }, 300_000);

  it('npm run demo prints the demo and its result, not the build', () => {
    rmSync(join(clone, 'dist'), { recursive: true, force: true });
    const run = spawnSync('npm', ['run', 'demo'], { cwd: clone, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // npm's own two lines naming the script, then only what examples/demo.mjs prints.
    const lines = run.stdout.split('\n').filter((line) => line !== '' && !line.startsWith('> '));
    expect(lines[0]).toBe('$ pixtext encode sample.png -o sample.json');
    expect(lines.at(-1)).toBe('round trip: exact (every pixel identical)');
    expect(lines.length).toBeLessThan(30);
  }, 300_000);
});
