// Interrupting a batch: SIGINT/SIGTERM mid-run exits 130/143, removes every temporary file, and leaves only
// complete output files (a dataset written with -o does not appear at all).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    const run = await pixtext(['decode', dataset, '-o', out, '--jobs', '1', '--level', '9'], { onSpawn: interruptAfter(4, 'SIGINT') });
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
    const run = await pixtext(['decode', dataset, '-o', out, '--jobs', '1', '--level', '9'], { onSpawn: interruptAfter(2, 'SIGTERM') });
    expect(run.code).toBe(143);
    expect(temporaries(out)).toEqual([]);
    for (const file of filesUnder(out)) expect(decode(readFileSync(join(out, file))).width).toBe(256);
  });

  it('SIGINT during a folder encode with -o: the dataset does not appear, no temporary file', async () => {
    const target = join(dir, 'never.jsonl');
    const run = await pixtext(['encode', folder, '--jsonl', '--encoding', 'png', '--level', '9', '--jobs', '1', '-o', target], {
      onSpawn: interruptAfter(3, 'SIGINT'),
    });
    expect(run.code).toBe(130);
    expect(filesUnder(dir).filter((f) => f.includes('never.jsonl'))).toEqual([]);
  });
});
