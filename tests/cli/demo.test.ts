// The README's main-job command (`npm run demo`) must keep working: it drives the built CLI on the bundled sample.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

it('the demo round-trips the bundled sample exactly through the CLI', () => {
  const run = spawnSync(process.execPath, [join(root, 'examples', 'demo.mjs')], { cwd: root, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('image:      128×128 RGB');
  expect(run.stdout).toContain('raw pixels: 48.0 KiB');
  expect(run.stdout).toContain('round trip: exact (every pixel identical)');
});
