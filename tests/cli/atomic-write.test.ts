import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicFileStream, TempFiles, refuseExisting, writeFileAtomic } from '../../src/cli/atomic-write.js';
import { FileError } from '../../src/cli/report.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pixtext-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const code = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return undefined;
};

describe('writeFileAtomic', () => {
  it('writes the whole file and leaves no temporary file', () => {
    const temps = new TempFiles();
    writeFileAtomic(join(dir, 'a.bin'), new Uint8Array([1, 2, 3]), { force: false, temps });
    expect([...readFileSync(join(dir, 'a.bin'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['a.bin']);
    expect(temps.size).toBe(0);
  });

  it('writes several pieces in order', () => {
    const temps = new TempFiles();
    writeFileAtomic(join(dir, 'p.txt'), ['é', new Uint8Array([0x21]), '\n'], { force: false, temps });
    expect(readFileSync(join(dir, 'p.txt'), 'utf8')).toBe('é!\n');
  });

  it('refuses to replace an existing file without force, and leaves it untouched', () => {
    const temps = new TempFiles();
    writeFileSync(join(dir, 'a.txt'), 'old');
    expect(code(() => writeFileAtomic(join(dir, 'a.txt'), 'new', { force: false, temps }))).toBe('EEXIST');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.txt']);
    expect(code(() => refuseExisting(join(dir, 'a.txt'), false))).toBe('EEXIST');
    expect(code(() => refuseExisting(join(dir, 'a.txt'), true))).toBeUndefined();
  });

  it('replaces with force', () => {
    const temps = new TempFiles();
    writeFileSync(join(dir, 'a.txt'), 'old');
    writeFileAtomic(join(dir, 'a.txt'), 'new', { force: true, temps });
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('reports a missing folder with its system code and leaves nothing', () => {
    const temps = new TempFiles();
    expect(code(() => writeFileAtomic(join(dir, 'no', 'a.txt'), 'x', { force: false, temps }))).toBe('ENOENT');
    expect(temps.size).toBe(0);
  });
});

describe('AtomicFileStream', () => {
  it('shows the file under its name only after commit', async () => {
    const temps = new TempFiles();
    const out = new AtomicFileStream(join(dir, 'd.jsonl'), { force: false, temps });
    out.stream.write('one\n');
    out.stream.write(Buffer.from('two\n'));
    expect(existsSync(join(dir, 'd.jsonl'))).toBe(false);
    expect(temps.size).toBe(1);
    await out.commit();
    expect(readFileSync(join(dir, 'd.jsonl'), 'utf8')).toBe('one\ntwo\n');
    expect(readdirSync(dir)).toEqual(['d.jsonl']);
    expect(temps.size).toBe(0);
  });

  it('abort and TempFiles.removeAll leave nothing behind', () => {
    const temps = new TempFiles();
    const a = new AtomicFileStream(join(dir, 'a.jsonl'), { force: false, temps });
    a.stream.write('partial');
    a.abort();
    const b = new AtomicFileStream(join(dir, 'b.jsonl'), { force: false, temps });
    b.stream.write('partial');
    expect(readdirSync(dir)).toHaveLength(1);
    temps.removeAll();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an existing target before creating anything', () => {
    const temps = new TempFiles();
    writeFileSync(join(dir, 'd.jsonl'), 'keep');
    let error: unknown;
    try {
      new AtomicFileStream(join(dir, 'd.jsonl'), { force: false, temps });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).code).toBe('EEXIST');
    expect(readdirSync(dir)).toEqual(['d.jsonl']);
  });
});
