// The package as users get it: `npm pack`, installed into a fresh project, loaded through `require` and `import`,
// and the browser build checked for Node-only references.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let project = '';

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'esm', 'index.js'))) run('npx', ['--no-install', 'tsup'], root);
  project = mkdtempSync(join(tmpdir(), 'pixtext-pack-'));
  const tgz = run('npm', ['pack', '--pack-destination', project, '--silent'], root).trim().split('\n').pop()!;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  // Runtime dependencies come from the local npm cache (they were installed for the build): no network needed.
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', join(project, tgz)], project);
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

// A 2×1 RGB image through the installed package: the envelope must match DESIGN §4's example byte for byte.
const script = (load: string) => `${load}
const image = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0, 0, 255, 0]) };
const text = p.imageToText(image);
const back = p.textToImage(text);
console.log(JSON.stringify({ text, platform: p.platform, same: Buffer.compare(Buffer.from(back.data), Buffer.from(image.data)) === 0 }));
`;
const expectedText =
  '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}';

describe('packed tarball', () => {
  it('works with require()', () => {
    const out = JSON.parse(run('node', ['-e', script("const p = require('pixtext');")], project));
    expect(out).toEqual({ text: expectedText, platform: 'node', same: true });
  });

  it('works with import()', () => {
    const out = JSON.parse(run('node', ['--input-type=module', '-e', script("const p = await import('pixtext');")], project));
    expect(out).toEqual({ text: expectedText, platform: 'node', same: true });
  });

  it('ships only built files, the schema and docs', () => {
    const files = readdirSync(join(project, 'node_modules', 'pixtext'), { recursive: true }) as string[];
    expect(files.some((f) => f.startsWith('src'))).toBe(false);
    // No sources ship, so no source maps either: neither .map files nor comments pointing at them.
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const f of files.filter((name) => /\.(c|m)?js$/.test(name))) {
      expect(readFileSync(join(project, 'node_modules', 'pixtext', f), 'utf8')).not.toContain('sourceMappingURL');
    }
    expect(files).toContain(join('schema', 'envelope-v1.json'));
  });
});

describe('browser build', () => {
  // What a bundler loads for the browser: the `import` condition (one file per module under esm/) and `require`,
  // both without `node`.
  const browserFiles = [
    'index.cjs',
    ...(readdirSync(join(root, 'dist', 'esm'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.js'))
      .map((f) => join('esm', f)),
  ];
  it.each(browserFiles)('dist/%s has no Buffer, process or node: reference', (file) => {
    const code = readFileSync(join(root, 'dist', file), 'utf8');
    expect(code).not.toMatch(/\bBuffer\b/);
    expect(code).not.toMatch(/\bprocess\.(env|versions|platform|argv|nextTick|cwd|exit)\b/);
    expect(code).not.toMatch(/\bglobalThis\.process\b/);
    expect(code).not.toMatch(/["']node:/);
    expect(code).not.toMatch(/(from |require\()["'](fs|zlib|path|os|stream|crypto|buffer|worker_threads|child_process)["']/);
  });

  it('the node build does use the Node fast paths', () => {
    const code = readFileSync(join(root, 'dist', 'index.node.js'), 'utf8');
    expect(code).toMatch(/from ["']node:zlib["']/);
  });
});
