// The `pixtext` bin as users get it: `npm pack`, installed into a fresh project (runtime dependencies from the npm
// cache, no network needed), run through `npx pixtext`, including a folder encode (which needs the worker file).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fixtures, root, tempDir } from './run-cli.js';

let project = '';

const run = (cmd: string, args: string[], cwd: string): string => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  ensureBuilt();
  project = tempDir('bin');
  const tgz = run('npm', ['pack', '--pack-destination', project, '--silent'], root).trim().split('\n').pop()!;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bin-consumer', version: '1.0.0', private: true }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', join(project, tgz)], project);
}, 120_000);
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('installed bin', () => {
  it('npx pixtext --help works', () => {
    const help = run('npx', ['--no-install', 'pixtext', '--help'], project);
    expect(help).toContain('Usage:');
    expect(help).toContain('pixtext <command>');
  });

  it('runs a folder encode on worker threads from the installed package', () => {
    const out = run('npx', ['--no-install', 'pixtext', 'encode', join(fixtures, 'folder'), '--jsonl', '--jobs', '2', '--quiet'], project);
    expect(out.trim().split('\n')).toHaveLength(28);
  });
});
