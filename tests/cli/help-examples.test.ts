// Every example printed by `pixtext --help` and `pixtext <command> --help` runs as printed: each is taken out of the
// help output and run by a shell in a fresh folder of fixture files, with `pixtext` on the PATH being the built binary.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageToText } from '../../src/index.js';
import { cliPath, ensureBuilt, fixtures, pixtext, tempDir } from './run-cli.js';

let dir = '';
let bin = '';

/** The files a new user's examples refer to: images to encode, and texts and a dataset to decode. */
function writeFixtures(folder: string): void {
  const png = join(fixtures, 'folder', 'png');
  copyFileSync(join(png, 'basn2c08.png'), join(folder, 'photo.png'));
  copyFileSync(join(png, 'basn6a08.png'), join(folder, 'logo.png'));
  copyFileSync(join(fixtures, 'single', 'gradient.jpg'), join(folder, 'photo.jpg'));
  copyFileSync(join(fixtures, 'folder', 'bmp', 'rgb24.bmp'), join(folder, 'scan.bmp'));
  mkdirSync(join(folder, 'photos'));
  const names = ['basn0g08.png', 'basn3p04.png', 'basn6a08.png'];
  for (const name of names) copyFileSync(join(png, name), join(folder, 'photos', name));
  writeFileSync(join(folder, 'photo.json'), `${imageToText(readFileSync(join(png, 'basn2c08.png')))}\n`);
  writeFileSync(join(folder, 'logo.json'), `${imageToText(readFileSync(join(png, 'basn6a08.png')))}\n`);
  const lines = names.map((name) => `${imageToText(readFileSync(join(png, name)), { metadata: { path: name } })}\n`);
  writeFileSync(join(folder, 'dataset.jsonl'), lines.join(''));
  // A headerless 640×480 BGR frame as bare base64 (what --raw reads).
  writeFileSync(join(folder, 'frame.b64'), Buffer.from(new Uint8Array(640 * 480 * 3).map((_, i) => i & 255)).toString('base64'));
}

/** The lines under `Examples:` in a help text, without their indentation. */
function examplesOf(help: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf('Examples:');
  if (start < 0) return [];
  const examples: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    examples.push(line.trim());
  }
  return examples;
}

/** Files an example writes (after -o or a shell `>`): absent before it runs, as for a user trying it first. */
function outputsOf(example: string): string[] {
  return [...example.matchAll(/(?:-o|>)\s+(\S+)/g)].map((m) => m[1]!).filter((path) => path !== '-');
}

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('help-examples');
  bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'pixtext'), `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`);
  chmodSync(join(bin, 'pixtext'), 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOPICS = ['', 'encode', 'decode', 'info', 'verify'];

describe('help examples', () => {
  it.each(TOPICS)('every example of pixtext %s --help runs and exits 0', async (topic) => {
    const help = (await pixtext([...(topic === '' ? [] : [topic]), '--help'])).stdout.toString();
    const examples = examplesOf(help);
    expect(examples.length).toBeGreaterThan(1);
    for (const [index, example] of examples.entries()) {
      expect(example).toMatch(/(^|\| )pixtext /);
      const cwd = join(dir, `${topic || 'main'}-${index}`);
      mkdirSync(cwd);
      writeFixtures(cwd);
      for (const output of outputsOf(example)) rmSync(join(cwd, output), { recursive: true, force: true });
      let failure = '';
      try {
        // stdin is /dev/null, stdout a pipe: what the example needs comes from its own redirections.
        execFileSync('bash', ['-o', 'pipefail', '-c', example], {
          cwd,
          env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 60_000,
        });
      } catch (error) {
        failure = `${example}\n${String((error as { stderr?: unknown }).stderr ?? error)}`;
      }
      expect(failure).toBe('');
      for (const output of outputsOf(example)) expect(() => readFileSync(join(cwd, output).replace(/\/$/, ''))).not.toThrow(/ENOENT/);
    }
  });
});
