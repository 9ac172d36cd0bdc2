// `pixtext info`: the header, as lines or JSON, without decoding (so a damaged payload still shows its header).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageToText } from '../../../src/index.js';
import { ensureBuilt, fixtures, pixtext, tempDir } from '../run-cli.js';

const png = join(fixtures, 'folder', 'png', 'basn0g16.png'); // 32×32 L16
let dir = '';
let text = '';

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('info');
  text = imageToText(readFileSync(png), { encoding: 'original', metadata: { path: 'a/b.png', label: 7 } });
  writeFileSync(join(dir, 'a.json'), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pixtext info', () => {
  it('prints aligned header lines', async () => {
    const run = await pixtext(['info', join(dir, 'a.json')]);
    expect(run.code).toBe(0);
    const out = run.stdout.toString();
    expect(out).toMatch(/^width: +32$/m);
    expect(out).toMatch(/^height: +32$/m);
    expect(out).toMatch(/^mode: +L16$/m);
    expect(out).toMatch(/^encoding: +png$/m);
    expect(out).toMatch(/^crc32: +[0-9a-f]{8}$/m);
    expect(out).toContain('{"path":"a/b.png","label":7}');
    expect(out).toMatch(new RegExp(`^textLength: +${text.length}$`, 'm'));
  });

  it('--json prints one object', async () => {
    const run = await pixtext(['info', join(dir, 'a.json'), '--json']);
    const info = JSON.parse(run.stdout.toString()) as Record<string, unknown>;
    expect(info).toMatchObject({ file: join(dir, 'a.json'), width: 32, height: 32, mode: 'L16', encoding: 'png', metadata: { path: 'a/b.png', label: 7 } });
    expect(info.byteLength).toBe(readFileSync(png).length);
  });

  it('reads standard input', async () => {
    const run = await pixtext(['info', '-', '--json'], { input: text });
    expect(JSON.parse(run.stdout.toString())).toMatchObject({ file: 'standard input', width: 32 });
  });

  it('does not decode the payload: a damaged one still shows its header', async () => {
    const at = text.indexOf('"data":"') + 30;
    writeFileSync(join(dir, 'damaged.json'), text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
    const run = await pixtext(['info', join(dir, 'damaged.json'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.toString())).toMatchObject({ width: 32 });
  });

  it('exits 1 with the code for text that is no envelope', async () => {
    const run = await pixtext(['info', '-'], { input: '{"pixtext":9,"width":1}' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/standard input: .+ \(ERR_[A-Z_]+\)\n$/);
  });
});
