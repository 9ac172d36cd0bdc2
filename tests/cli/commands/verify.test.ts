// `pixtext verify`: exit 0 for an intact text, 1 with the reason for a damaged one; datasets line by line.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageToText } from '../../../src/index.js';
import { ensureBuilt, fixtures, pixtext, tempDir } from '../run-cli.js';

const png = join(fixtures, 'folder', 'png', 'basn3p08.png'); // 32×32 P
let dir = '';
let text = '';

/** `text` with one base64 character of its payload changed: still valid base64, wrong CRC-32. */
function damaged(source: string): string {
  const at = source.indexOf('"data":"') + 24;
  return source.slice(0, at) + (source[at] === 'A' ? 'B' : 'A') + source.slice(at + 1);
}

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('verify');
  text = imageToText(readFileSync(png));
  writeFileSync(join(dir, 'good.json'), text);
  writeFileSync(join(dir, 'bad.json'), damaged(text));
  writeFileSync(join(dir, 'cut.json'), text.slice(0, text.length - 10));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pixtext verify', () => {
  it('exits 0 and says ok for an intact text', async () => {
    const run = await pixtext(['verify', join(dir, 'good.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout.toString()).toBe(`${join(dir, 'good.json')}: ok, 32×32 P\n`);
    expect((await pixtext(['verify', '-', '--quiet'], { input: text })).stdout.length).toBe(0);
  });

  it('exits 1 with ERR_CHECKSUM for a changed payload and a code for a cut one', async () => {
    const bad = await pixtext(['verify', join(dir, 'bad.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.json: ');
    expect(bad.stderr).toContain('(ERR_CHECKSUM)');
    const cut = await pixtext(['verify', join(dir, 'cut.json')]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/cut\.json: .+ \(ERR_[A-Z_]+\)\n$/);
  });

  it('checks every line of a dataset and names the bad ones by line', async () => {
    const lines = [text, damaged(text), '', 'not json', text];
    writeFileSync(join(dir, 'set.jsonl'), `${lines.join('\n')}\n`);
    const run = await pixtext(['verify', join(dir, 'set.jsonl'), '--jobs', '2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'set.jsonl')}:2: `);
    expect(run.stderr).toContain('(ERR_CHECKSUM)');
    expect(run.stderr).toMatch(/set\.jsonl:4: .+ \(ERR_[A-Z_]+\)/);
    expect(run.stderr).toContain('verified 2 files');
    expect(run.stderr).toContain('2 failed');
    const good = await pixtext(['verify', '-', '--jsonl', '--quiet'], { input: `${text}\n${text}\n` });
    expect(good.code).toBe(0);
    expect(good.stderr).toBe('');
  });
});
