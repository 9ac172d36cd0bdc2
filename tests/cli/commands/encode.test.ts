// `pixtext encode` on single files: every option, stdin/stdout, refusal to overwrite, errors with file and code.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, textToImage } from '../../../src/index.js';
import { cliPath, ensureBuilt, fixtures, pixtext, tempDir } from '../run-cli.js';

// util-linux `script` gives the command a real terminal. Where it is missing the terminal test is skipped, except
// in CI (CI=true, as .ci/run sets it): there a missing tool is a failure, not a skip.
const hasScript = spawnSync('script', ['--version']).status === 0 || process.env.CI === 'true';

const png = join(fixtures, 'folder', 'png', 'basn2c08.png'); // 32×32 RGB
const rgba = join(fixtures, 'folder', 'png', 'basn6a08.png'); // 32×32 RGBA
const bmp = join(fixtures, 'folder', 'bmp', 'rgb24.bmp'); // 127×64 RGB
const jpg = join(fixtures, 'single', 'gradient.jpg'); // 64×48
let dir = '';

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('encode');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Envelope = { pixtext: number; width: number; height: number; mode: string; encoding: string; source?: string; byteLength: number; data: string; metadata?: Record<string, unknown> };
const envelope = (text: string | Buffer): Envelope => JSON.parse(text.toString()) as Envelope;

describe('pixtext encode <file>', () => {
  it('writes an envelope of the file itself to standard output by default, ending in a newline', async () => {
    const run = await pixtext(['encode', png]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const env = envelope(run.stdout);
    expect([env.width, env.height, env.mode, env.encoding, env.source]).toEqual([32, 32, 'RGB', 'png', 'png']);
    expect(Buffer.from(env.data, 'base64').equals(readFileSync(png))).toBe(true);
  });

  it('writes an envelope of the raw pixels with --encoding raw', async () => {
    const run = await pixtext(['encode', png, '--encoding', 'raw']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const text = run.stdout.toString();
    expect(text.endsWith('}\n')).toBe(true);
    const env = envelope(text);
    expect([env.pixtext, env.width, env.height, env.mode, env.encoding]).toEqual([1, 32, 32, 'RGB', 'raw']);
    expect(Buffer.from(env.data, 'base64').equals(Buffer.from(decode(readFileSync(png)).data))).toBe(true);
  });

  it('reads standard input for -', async () => {
    const run = await pixtext(['encode', '-', '--encoding', 'raw'], { input: readFileSync(bmp) });
    expect(run.code).toBe(0);
    const env = envelope(run.stdout);
    expect([env.width, env.height, env.mode]).toEqual([127, 64, 'RGB']);
    expect(Buffer.from(env.data, 'base64').equals(Buffer.from(decode(readFileSync(bmp)).data))).toBe(true);
  });

  it('-o writes the file, says so on stderr, and never replaces it without --force', async () => {
    const out = join(dir, 'a.json');
    const first = await pixtext(['encode', png, '-o', out]);
    expect(first.code).toBe(0);
    expect(first.stdout.length).toBe(0);
    expect(first.stderr).toContain('32×32 RGB');
    const written = readFileSync(out, 'utf8');
    expect(envelope(written).width).toBe(32);

    const refused = await pixtext(['encode', bmp, '-o', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(out);
    expect(refused.stderr).toContain('(EEXIST)');
    expect(readFileSync(out, 'utf8')).toBe(written);

    const forced = await pixtext(['encode', bmp, '-o', out, '--force']);
    expect(forced.code).toBe(0);
    expect(envelope(readFileSync(out)).width).toBe(127);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('--quiet says nothing on success', async () => {
    const run = await pixtext(['encode', png, '-o', join(dir, 'quiet.json'), '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('--as data-url and --as base64 carry the original file bytes', async () => {
    const url = await pixtext(['encode', jpg, '--as', 'data-url']);
    expect(url.code).toBe(0);
    expect(url.stdout.toString()).toBe(`data:image/jpeg;base64,${readFileSync(jpg).toString('base64')}\n`);
    const b64 = await pixtext(['encode', png, '--as', 'base64']);
    expect(b64.stdout.toString()).toBe(`${readFileSync(png).toString('base64')}\n`);
  });

  it('--as anthropic, openai and mcp write model API image blocks: a JPEG as is, a BMP as a PNG', async () => {
    const jpegBase64 = readFileSync(jpg).toString('base64');
    const runs = await Promise.all(['anthropic', 'openai', 'mcp'].map((as) => pixtext(['encode', jpg, '--as', as])));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(runs.map((r) => r.stdout.toString())).toEqual([
      `{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"${jpegBase64}"}}\n`,
      `{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,${jpegBase64}"}}\n`,
      `{"type":"image","data":"${jpegBase64}","mimeType":"image/jpeg"}\n`,
    ]);
    const fromBmp = await pixtext(['encode', bmp, '--as', 'mcp']);
    expect(fromBmp.code).toBe(0);
    const block = JSON.parse(fromBmp.stdout.toString()) as { mimeType: string };
    expect(block.mimeType).toBe('image/png');
    expect(textToImage(fromBmp.stdout.toString())).toEqual(decode(readFileSync(bmp)));
  });

  it('--preset and --max-text-length: a model block within the budget, and uniform errors for bad values', async () => {
    const preset = await pixtext(['encode', jpg, '--preset', 'anthropic']);
    expect(preset.code).toBe(0);
    expect(preset.stdout.toString()).toBe(`{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"${readFileSync(jpg).toString('base64')}"}}\n`);
    const full = (await pixtext(['encode', png, '--as', 'data-url'])).stdout.toString().trimEnd();
    const limit = Math.floor(full.length * 0.6);
    const budget = await pixtext(['encode', png, '--as', 'data-url', '--max-text-length', String(limit)]);
    expect(budget.code).toBe(0);
    expect(budget.stdout.toString().trimEnd().length).toBeLessThanOrEqual(limit);
    expect(textToImage(budget.stdout.toString()).width).toBeLessThan(32);
    const bad = await pixtext(['encode', png, '--max-text-length', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.toString()).toContain('--max-text-length');
    const unknown = await pixtext(['encode', png, '--preset', 'gemini']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.toString()).toContain('anthropic');
  });

  it('--as pil writes the Pillow dump JSON', async () => {
    const run = await pixtext(['encode', png, '--as', 'pil']);
    expect(run.code).toBe(0);
    const dump = JSON.parse(run.stdout.toString()) as { img_info: { size: number[]; mode: string }; img_data: string };
    expect(dump.img_info.size).toEqual([32, 32]);
    expect(dump.img_info.mode).toBe('RGB');
    expect(Buffer.from(dump.img_data, 'base64').equals(Buffer.from(decode(readFileSync(png)).data))).toBe(true);
  });

  it('--encoding original stores the file byte for byte; png and bmp re-encode losslessly', async () => {
    const original = envelope((await pixtext(['encode', jpg, '--encoding', 'original'])).stdout);
    expect(original.encoding).toBe('jpeg');
    expect(Buffer.from(original.data, 'base64').equals(readFileSync(jpg))).toBe(true);
    for (const encoding of ['png', 'bmp']) {
      const run = await pixtext(['encode', png, '--encoding', encoding]);
      const env = envelope(run.stdout);
      expect(env.encoding).toBe(encoding);
      expect(Buffer.from(textToImage(run.stdout.toString()).data).equals(Buffer.from(decode(readFileSync(png)).data))).toBe(true);
    }
  });

  it('--level trades size for time in a png payload', async () => {
    const zero = envelope((await pixtext(['encode', png, '--encoding', 'png', '--level', '0'])).stdout);
    const nine = envelope((await pixtext(['encode', png, '--encoding', 'png', '--level', '9'])).stdout);
    expect(zero.byteLength).toBeGreaterThan(nine.byteLength);
  });

  it('--quality sets the JPEG quality of a jpeg payload', async () => {
    const low = envelope((await pixtext(['encode', bmp, '--encoding', 'jpeg', '--quality', '10'])).stdout);
    const high = envelope((await pixtext(['encode', bmp, '--encoding', 'jpeg', '--quality', '95'])).stdout);
    expect(low.encoding).toBe('jpeg');
    expect(low.byteLength).toBeLessThan(high.byteLength);
  });

  it('--mode converts first', async () => {
    const env = envelope((await pixtext(['encode', png, '--mode', 'L'])).stdout);
    expect([env.mode, env.byteLength]).toEqual(['L', 32 * 32]);
  });

  it('--jsonl writes one dataset line with metadata.path', async () => {
    const run = await pixtext(['encode', png, '--jsonl']);
    const lines = run.stdout.toString().split('\n');
    expect(lines).toHaveLength(2);
    expect(envelope(lines[0]!).metadata).toEqual({ path: 'basn2c08.png' });
  });

  it('an RGBA image as a JPEG payload is refused with ERR_UNSUPPORTED', async () => {
    const run = await pixtext(['encode', rgba, '--encoding', 'jpeg']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(rgba);
    expect(run.stderr).toContain('(ERR_UNSUPPORTED)');
  });

  it('a corrupt file, a non-image and a missing file exit 1 naming the file and the code', async () => {
    const corrupt = await pixtext(['encode', join(fixtures, 'corrupt', 'xcsn0g01.png')]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/xcsn0g01\.png: .+ \(ERR_[A-Z_]+\)\n$/);
    expect(corrupt.stdout.length).toBe(0);
    // The default carries the file as it is and decodes it once to check it; raw pixels fail the same way.
    expect((await pixtext(['encode', join(fixtures, 'corrupt', 'xcsn0g01.png'), '--encoding', 'raw'])).stderr).toBe(corrupt.stderr);
    // --check header trusts the file: it goes into the text unchanged, damage and all.
    const trusted = await pixtext(['encode', join(fixtures, 'corrupt', 'xcsn0g01.png'), '--check', 'header']);
    expect(trusted.code).toBe(0);
    expect(Buffer.from(envelope(trusted.stdout).data, 'base64').equals(readFileSync(join(fixtures, 'corrupt', 'xcsn0g01.png')))).toBe(true);
    expect((await pixtext(['encode', png, '--check', 'pixels'])).stderr).toMatch(/^pixtext encode: Expected one of decode, header for --check but received "pixels"\n/);

    const text = join(dir, 'notes.png');
    writeFileSync(text, 'not an image');
    const unknown = await pixtext(['encode', text]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('(ERR_UNKNOWN_FORMAT)');

    const missing = await pixtext(['encode', join(dir, 'nope.png')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.png: no such file or directory (ENOENT)');
  });

  it('a failed encode leaves no output file', async () => {
    const out = join(dir, 'never.json');
    copyFileSync(join(fixtures, 'corrupt', 'xcsn0g01.png'), join(dir, 'bad.png'));
    const run = await pixtext(['encode', join(dir, 'bad.png'), '-o', out]);
    expect(run.code).toBe(1);
    expect(readdirSync(dir).filter((f) => f.startsWith('never') || f.includes('.tmp'))).toEqual([]);
  });

  it.skipIf(!hasScript)('refuses to flood a terminal without -o, prints there with -o -, and pipes as before', () => {
    // `script` runs the command with a real pseudo-terminal as its standard output.
    const inTerminal = (args: string) => spawnSync('script', ['-qec', `"${process.execPath}" "${cliPath}" ${args}`, '/dev/null'], { encoding: 'utf8' });
    const refused = inTerminal(`encode "${png}"`);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toContain('-o basn2c08.json (or -o - to print the text to this terminal)');
    expect(refused.stdout).not.toContain('"pixtext":1');
    const asked = inTerminal(`encode "${png}" -o -`);
    expect(asked.status).toBe(0);
    expect(asked.stdout).toContain('{"pixtext":1,');
  });
});
