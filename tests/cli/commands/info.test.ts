// `pixtext info`: the header, as lines or JSON, without decoding (so a damaged payload still shows its header).
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageToText, writeImageTextFile, type RawImage } from '../../../src/index.js';
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
    expect(out).toMatch(new RegExp(`^textLength: +${text.length} characters$`, 'm'));
    expect(out).toMatch(/^byteLength: +167 bytes$/m);
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

describe('pixtext info on other inputs', () => {
  const lines = () => [
    imageToText(readFileSync(png), { encoding: 'raw', metadata: { path: 'a.png' } }),
    imageToText(readFileSync(join(fixtures, 'folder', 'png', 'basn6a08.png')), { encoding: 'raw', metadata: { path: 'b.png' } }),
    imageToText(readFileSync(png), { encoding: 'original', metadata: { path: 'c.png' } }),
  ];

  it('summarises a JSONL dataset: count, sizes, modes, encodings', async () => {
    writeFileSync(join(dir, 'set.jsonl'), `${lines().join('\n')}\n`);
    const run = await pixtext(['info', join(dir, 'set.jsonl')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout.toString();
    expect(out).toMatch(/^images: +3$/m);
    expect(out).toMatch(/^sizes: +32×32 ×3$/m);
    expect(out).toMatch(/^modes: +L16 ×2, RGBA ×1$/m);
    expect(out).toMatch(/^encodings: +raw ×2, png ×1$/m);
    const json = await pixtext(['info', join(dir, 'set.jsonl'), '--json']);
    expect(JSON.parse(json.stdout.toString())).toMatchObject({ images: 3, failed: 0, modes: { L16: 2, RGBA: 1 }, encodings: { raw: 2, png: 1 } });
  });

  it('prints one header per dataset line with --lines, and reports a bad line by number', async () => {
    const [a, b, c] = lines();
    writeFileSync(join(dir, 'bad.jsonl'), `${a}\n{"pixtext":1,"width":\n${b}\n${c}\n`);
    const run = await pixtext(['info', join(dir, 'bad.jsonl'), '--lines', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.jsonl:2: .+ \(ERR_[A-Z_]+\)\n/);
    const headers = run.stdout.toString().trim().split('\n').map((line) => JSON.parse(line) as { line: number; metadata: { path: string } });
    expect(headers.map((h) => [h.line, h.metadata.path])).toEqual([[1, 'a.png'], [3, 'b.png'], [4, 'c.png']]);
  });

  it('says an image file is one, and to encode it, for info, verify and decode', async () => {
    for (const args of [['info', png], ['verify', png], ['decode', png, '-o', join(dir, 'never.png')]]) {
      const run = await pixtext(args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('is a PNG image file, not text: use pixtext encode');
      expect(run.stderr).toContain('(ERR_NOT_TEXT)');
    }
    const webp = join(fixtures, '..', 'webp', 'pillow', 'hopper.webp');
    expect((await pixtext(['info', webp])).stderr).toContain('is a WebP image file, not text: use pixtext encode');
  });

  it('prints the fields in one order for every text form', async () => {
    const orders: string[][] = [];
    for (const as of ['envelope', 'data-url', 'base64', 'pil'] as const) {
      const run = await pixtext(['info', '-', '--json'], { input: imageToText(readFileSync(png), { as }) });
      expect(run.code).toBe(0);
      orders.push(Object.keys(JSON.parse(run.stdout.toString()) as object));
    }
    const order = ['file', 'form', 'version', 'width', 'height', 'mode', 'encoding', 'byteLength', 'textLength', 'crc32', 'source', 'mimeType'];
    for (const keys of orders) expect(keys).toEqual(order.filter((key) => keys.includes(key)));
  });

  it('prints the same fields in the same order as lines as in JSON, sizes with their units', async () => {
    for (const as of ['envelope', 'data-url', 'base64', 'pil'] as const) {
      const input = imageToText(readFileSync(png), { as, metadata: as === 'envelope' ? { path: 'a.png' } : undefined });
      const json = JSON.parse((await pixtext(['info', '-', '--json'], { input })).stdout.toString()) as Record<string, unknown>;
      const lines = (await pixtext(['info', '-'], { input })).stdout.toString().trim().split('\n');
      expect(lines.map((line) => line.slice(0, line.indexOf(':'))), as).toEqual(Object.keys(json));
      expect(lines.find((line) => line.startsWith('byteLength:')), as).toMatch(/^byteLength: +\d[\d.]* (bytes|KiB \(\d+ bytes\))$/);
      expect(lines.find((line) => line.startsWith('textLength:')), as).toMatch(/^textLength: +\d+ characters$/);
    }
  });

  it('reads metadata nested deeper than the call stack, as verify does', async () => {
    const depth = 100_000;
    const small = imageToText({ width: 1, height: 1, mode: 'L', data: new Uint8Array([7]) }, { metadata: { a: 1 } });
    const deep = small.replace('{"a":1}', `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    writeFileSync(join(dir, 'deep.json'), deep);
    expect((await pixtext(['verify', join(dir, 'deep.json')])).code).toBe(0);
    const run = await pixtext(['info', join(dir, 'deep.json'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = run.stdout.toString();
    expect(printed).toContain(`"metadata":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
  });

  it('info and verify read an envelope longer than the string limit', async () => {
    const image: RawImage = { width: 64, height: 64, mode: 'RGBA', data: new Uint8Array(64 * 64 * 4).map((_, i) => i * 7) };
    const path = join(dir, 'long.json');
    await writeImageTextFile(path, image, { metadata: { path: 'x.png', note: '"data":"not this one"' } });
    const env = { PIXTEXT_MAX_STRING_LENGTH: '4096' };
    const verify = await pixtext(['verify', path], { env });
    expect(verify.stderr).toBe('');
    expect(verify.stdout.toString()).toContain('ok, 64×64 RGBA');
    const info = await pixtext(['info', path, '--json'], { env });
    expect(info.stderr).toBe('');
    expect(JSON.parse(info.stdout.toString())).toMatchObject({ width: 64, height: 64, mode: 'RGBA', byteLength: 16384, textLength: statSync(path).size, metadata: { path: 'x.png' } });
    // Any other text form must fit in one string: refused with the limit, not read.
    writeFileSync(join(dir, 'long.txt'), imageToText(image, { as: 'pil' }));
    const pil = await pixtext(['verify', join(dir, 'long.txt')], { env });
    expect(pil.code).toBe(1);
    expect(pil.stderr).toContain('(ERR_TOO_LARGE)');
  });
});
