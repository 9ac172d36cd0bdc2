// Interrupting a batch: SIGINT/SIGTERM mid-run exits 130/143, removes every temporary file, and leaves only
// complete output files (a dataset written with -o does not appear at all).
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode, imageToText, type RawImage } from '../../src/index.js';
import { ensureBuilt, filesUnder, pixtext, tempDir } from './run-cli.js';

const LINES = 60;
let dir = '';
let dataset = '';
let folder = '';
const images: RawImage[] = [];

/** Deterministic noise: expensive to compress, so each line takes a while at --level 9. */
function noise(seed: number, width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 4);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i += 1) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = s & 0xff;
  }
  return { width, height, mode: 'RGBA', data };
}

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('signals');
  const lines: string[] = [];
  folder = join(dir, 'folder');
  mkdirSync(folder);
  for (let i = 0; i < LINES; i += 1) {
    const image = noise(i + 1, 256, 256);
    images.push(image);
    lines.push(imageToText(image, { metadata: { path: `sub/img-${String(i).padStart(2, '0')}.png` } }));
    writeFileSync(join(folder, `img-${String(i).padStart(2, '0')}.png`), encode(image, 'png', { compressionLevel: 1 }));
  }
  dataset = join(dir, 'dataset.jsonl');
  writeFileSync(dataset, `${lines.join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sends `signal` once `count` progress lines have appeared on stderr. */
function interruptAfter(count: number, signal: NodeJS.Signals): (child: ChildProcess) => void {
  return (child) => {
    let seen = 0;
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += (chunk.toString().match(/^\[\d+(\/\d+)?\] /gm) ?? []).length;
      if (seen >= count && child.exitCode === null && !child.killed) child.kill(signal);
    });
  };
}

const temporaries = (root: string): string[] => filesUnder(root).filter((f) => /\.pixtext-\d+-\d+\.tmp$/.test(f));

describe('interrupted batches', () => {
  it('SIGINT during a dataset decode: exit 130, no temporary file, every written file complete', async () => {
    const out = join(dir, 'out-int');
    const run = await pixtext(['decode', dataset, '-o', out, '--jobs', '1', '--level', '9', '--verbose'], { onSpawn: interruptAfter(4, 'SIGINT') });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('interrupted by SIGINT');
    expect(temporaries(out)).toEqual([]);
    const written = filesUnder(out);
    expect(written.length).toBeGreaterThanOrEqual(4);
    expect(written.length).toBeLessThan(LINES);
    for (const file of written) {
      const index = Number(/img-(\d+)\.png$/.exec(file)![1]);
      const image = decode(readFileSync(join(out, file)));
      expect(Buffer.from(image.data).equals(Buffer.from(images[index]!.data))).toBe(true);
    }
  });

  it('SIGTERM during a dataset decode: exit 143, same guarantees', async () => {
    const out = join(dir, 'out-term');
    const run = await pixtext(['decode', dataset, '-o', out, '--jobs', '1', '--level', '9', '--verbose'], { onSpawn: interruptAfter(2, 'SIGTERM') });
    expect(run.code).toBe(143);
    expect(temporaries(out)).toEqual([]);
    for (const file of filesUnder(out)) expect(decode(readFileSync(join(out, file))).width).toBe(256);
  });

  it('SIGINT during a folder encode with -o: the dataset does not appear, no temporary file', async () => {
    const target = join(dir, 'never.jsonl');
    const run = await pixtext(['encode', folder, '--jsonl', '--encoding', 'png', '--level', '9', '--jobs', '1', '--verbose', '-o', target], {
      onSpawn: interruptAfter(3, 'SIGINT'),
    });
    expect(run.code).toBe(130);
    expect(filesUnder(dir).filter((f) => f.includes('never.jsonl'))).toEqual([]);
  });

  it('SIGINT during a folder encode with --skip-existing: the lines written stay, and the same command run again finishes the dataset (exit 0)', async () => {
    const args = ['encode', folder, '--jsonl', '--encoding', 'png', '--level', '9', '--jobs', '1'];
    const whole = join(dir, 'whole.jsonl');
    expect((await pixtext([...args, '-o', whole, '--quiet'])).code).toBe(0);
    const target = join(dir, 'resumed.jsonl');
    const cut = await pixtext([...args, '--skip-existing', '--verbose', '-o', target], { onSpawn: interruptAfter(3, 'SIGINT') });
    expect(cut.code).toBe(130);
    const kept = readFileSync(target);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(readFileSync(whole).length);
    const again = await pixtext([...args, '--skip-existing', '-o', target]);
    expect(again.stderr).toMatch(/encoded \d+ files .+, [1-9]\d* already present, 0 failed\n$/);
    expect(again.code).toBe(0);
    expect(readFileSync(target).equals(readFileSync(whole))).toBe(true);
  });

  it('a signal ends the run even while a read is blocked on a FIFO', async () => {
    const fifo = join(dir, 'blocked.png');
    execFileSync('mkfifo', [fifo]);
    let writer: number | undefined;
    const started = { at: 0 };
    const run = await pixtext(['encode', fifo, '-o', join(dir, 'blocked.json')], {
      onSpawn: (child) => {
        // Opening the write end without blocking succeeds only once pixtext has the FIFO open for reading; held
        // open and never written, it leaves pixtext blocked in read().
        const poll = setInterval(() => {
          try {
            writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
          } catch {
            return;
          }
          clearInterval(poll);
          setTimeout(() => {
            started.at = Date.now();
            child.kill('SIGTERM');
          }, 300);
        }, 50);
        setTimeout(() => child.kill('SIGKILL'), 40_000).unref();
      },
    });
    if (writer !== undefined) closeSync(writer);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(143);
    expect(Date.now() - started.at).toBeLessThan(5000);
    expect(run.stderr).toContain('interrupted by SIGTERM');
  });

  it('a folder file replaced by a FIFO after listing is reported, not waited on', async () => {
    const input = join(dir, 'fifo-folder');
    mkdirSync(input);
    for (let i = 0; i < 12; i += 1) writeFileSync(join(input, `img-${String(i).padStart(2, '0')}.png`), readFileSync(join(folder, `img-${String(i).padStart(2, '0')}.png`)));
    const out = join(dir, 'fifo-out');
    mkdirSync(out);
    const run = await pixtext(['encode', input, '--jsonl', '--encoding', 'png', '--level', '9', '--jobs', '1', '-o', join(out, 'set.jsonl')], {
      onSpawn: (child) => {
        // The output's temporary file appears once the folder is listed: then the last file becomes a FIFO.
        const poll = setInterval(() => {
          if (readdirSync(out).length === 0) return;
          clearInterval(poll);
          rmSync(join(input, 'img-11.png'));
          execFileSync('mkfifo', [join(input, 'img-11.png')]);
        }, 20);
        setTimeout(() => child.kill('SIGKILL'), 40_000).unref();
      },
    });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/img-11\.png: is not a regular file .+ \(ERR_NOT_FILE\)/);
    expect(run.stderr).toMatch(/encoded 11 files .+, 1 failed/);
  });

  it('SIGKILL leaves a recognisable temporary file, removed by the next run into that folder', async () => {
    const out = join(dir, 'killed');
    mkdirSync(out);
    const run = await pixtext(['encode', folder, '--jsonl', '--encoding', 'png', '--level', '9', '--jobs', '1', '-o', join(out, 'set.jsonl')], {
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (readdirSync(out).length === 0) return;
          clearInterval(poll);
          child.kill('SIGKILL');
        }, 20);
      },
    });
    expect(run.signal).toBe('SIGKILL');
    const left = readdirSync(out);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.pixtext-\d+-\d+\.tmp$/);
    const next = await pixtext(['encode', join(folder, 'img-00.png'), '-o', join(out, 'one.json')]);
    expect(next.code).toBe(0);
    expect(readdirSync(out)).toEqual(['one.json']);
  });
});
