import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputFolder, datasetPathSegments } from '../../../src/cli/batch/safe-path.js';

const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return 'no error';
};

describe('datasetPathSegments', () => {
  it('accepts plain relative paths', () => {
    expect(datasetPathSegments('a.png')).toEqual(['a.png']);
    expect(datasetPathSegments('cats/tabby cat.png')).toEqual(['cats', 'tabby cat.png']);
    expect(datasetPathSegments('..hidden/x..png')).toEqual(['..hidden', 'x..png']);
  });

  it.each([
    ['../x.png'],
    ['a/../../x.png'],
    ['a/..'],
    ['./x.png'],
    ['/etc/passwd'],
    ['C:/x.png'],
    ['c:x.png'],
    ['a\\..\\x.png'],
    ['a//b.png'],
    ['a/'],
    [''],
    ['a\0.png'],
    ['x'.repeat(5000)],
  ])('refuses %j', (path) => {
    expect(codeOf(() => datasetPathSegments(path))).toBe('ERR_UNSAFE_PATH');
  });

  it.each([[42], [null], [undefined], [{ path: 'a.png' }], [['a.png']]])('refuses the non-string %j', (path) => {
    expect(codeOf(() => datasetPathSegments(path))).toBe('ERR_UNSAFE_PATH');
  });
});

describe('OutputFolder', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pixtext-out-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the folder and sub-folders and returns the target inside', () => {
    const folder = new OutputFolder(join(dir, 'out'));
    const target = folder.prepare(['a', 'b', 'c.png']);
    expect(target).toBe(join(folder.root, 'a', 'b', 'c.png'));
    expect(existsSync(join(dir, 'out', 'a', 'b'))).toBe(true);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a sub-folder that is a symbolic link leading outside, and creates nothing there', () => {
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'out', 'link'));
    const folder = new OutputFolder(join(dir, 'out'));
    expect(codeOf(() => folder.prepare(['link', 'sub', 'x.png']))).toBe('ERR_UNSAFE_PATH');
    expect(existsSync(join(dir, 'elsewhere', 'sub'))).toBe(false);
  });

  it('allows a symbolic link that stays inside', () => {
    mkdirSync(join(dir, 'out', 'real'), { recursive: true });
    symlinkSync(join(dir, 'out', 'real'), join(dir, 'out', 'alias'));
    const folder = new OutputFolder(join(dir, 'out'));
    expect(folder.prepare(['alias', 'x.png'])).toBe(join(folder.root, 'alias', 'x.png'));
  });

  it('refuses an output folder that is a file', () => {
    writeFileSync(join(dir, 'file'), 'x');
    expect(codeOf(() => new OutputFolder(join(dir, 'file')))).toBe('ENOTDIR');
  });

  it('refuses a path through an existing file', () => {
    const folder = new OutputFolder(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'file'), 'x');
    expect(codeOf(() => folder.prepare(['file', 'x.png']))).toBe('ENOTDIR');
  });
});
