// Files travel as files: a folder of every supported format goes folder → JSONL → folder and folder → Parquet →
// folder with the defaults and comes back byte for byte (the built binary, spawned).
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, filesUnder, pixtext, root, tempDir } from '../run-cli.js';

const SOURCES: Readonly<Record<string, string>> = {
  'png/basn2c08.png': 'tests/fixtures/cli/folder/png/basn2c08.png',
  'png/basn3p04.png': 'tests/fixtures/cli/folder/png/basn3p04.png',
  'jpeg/gradient.jpg': 'tests/fixtures/cli/single/gradient.jpg',
  'bmp/pal8.bmp': 'tests/fixtures/cli/folder/bmp/pal8.bmp',
  'gif/chi.gif': 'tests/fixtures/gif/pillow/chi.gif',
  'webp/flower.webp': 'tests/fixtures/webp/pillow/flower.webp',
  'webp/hopper.webp': 'tests/fixtures/webp/pillow/hopper.webp',
  'npy/L16_7x5.npy': 'tests/fixtures/npy/files/L16_7x5.npy',
};

let dir = '';
let folder = '';

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('formats');
  folder = join(dir, 'images');
  for (const [rel, source] of Object.entries(SOURCES)) {
    mkdirSync(dirname(join(folder, rel)), { recursive: true });
    copyFileSync(join(root, source), join(folder, rel));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectIdentical(restored: string): void {
  expect(filesUnder(restored)).toEqual(Object.keys(SOURCES).sort());
  for (const rel of Object.keys(SOURCES)) {
    expect(readFileSync(join(restored, rel)).equals(readFileSync(join(root, SOURCES[rel]!))), rel).toBe(true);
  }
}

describe('a folder of PNG, JPEG, BMP, GIF, WebP and npy files with the defaults', () => {
  it('folder → JSONL → folder is byte-identical', async () => {
    const dataset = join(dir, 'images.jsonl');
    const encoded = await pixtext(['encode', folder, '--jsonl', '-o', dataset]);
    expect(encoded.stderr).toMatch(/encoded 8 files .*, 0 failed\n$/);
    expect(encoded.code).toBe(0);
    const encodings = readFileSync(dataset, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { encoding: string }).encoding);
    expect(encodings.sort()).toEqual(['bmp', 'gif', 'jpeg', 'npy', 'png', 'png', 'webp', 'webp']);
    const decoded = await pixtext(['decode', dataset, '-o', join(dir, 'from-jsonl')]);
    expect(decoded.code).toBe(0);
    expectIdentical(join(dir, 'from-jsonl'));
  });

  it('folder → Parquet → folder is byte-identical', async () => {
    const parquet = join(dir, 'images.parquet');
    expect((await pixtext(['encode', folder, '--parquet', '-o', parquet])).code).toBe(0);
    const decoded = await pixtext(['decode', parquet, '-o', join(dir, 'from-parquet')]);
    expect(decoded.code).toBe(0);
    expectIdentical(join(dir, 'from-parquet'));
  });
});
