import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasImageExtension, listImageFiles } from '../../../src/cli/batch/walk.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pixtext-walk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('listImageFiles', () => {
  it('lists image files by extension, recursively, sorted by relative path with / separators', () => {
    for (const rel of ['b.png', 'a/z.BMP', 'a.jpg', 'a/b/c.jpeg', 'notes.txt', 'a/README', 'Z.png', '.png']) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), 'x');
    }
    expect(listImageFiles(dir).map((f) => f.relPath)).toEqual(['Z.png', 'a.jpg', 'a/b/c.jpeg', 'a/z.BMP', 'b.png']);
    expect(listImageFiles(dir)[2]!.fsPath).toBe(join(dir, 'a', 'b', 'c.jpeg'));
    const skipped: { relPath: string }[] = [];
    listImageFiles(dir, skipped as never);
    expect(skipped.map((f) => f.relPath)).toEqual(['.png', 'a/README', 'notes.txt']);
  });

  it('follows links to files but not links to folders (no cycles)', () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'x.png'), 'x');
    symlinkSync(join(dir, 'sub', 'x.png'), join(dir, 'link.png'));
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    symlinkSync(join(dir, 'missing.png'), join(dir, 'dangling.png'));
    expect(listImageFiles(dir).map((f) => f.relPath)).toEqual(['link.png', 'sub/x.png']);
  });

  it('reports an unreadable folder with its system error', () => {
    expect(() => listImageFiles(join(dir, 'nope'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('hasImageExtension', () => {
  it.each([
    ['a.png', true],
    ['a.PnG', true],
    ['a.jfif', true],
    ['a.dib', true],
    ['a.gif', true],
    ['a.tif', false],
    ['png', false],
    ['a.png.txt', false],
  ])('%s → %s', (name, expected) => {
    expect(hasImageExtension(name)).toBe(expected);
  });
});
