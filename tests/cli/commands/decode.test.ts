// `pixtext decode` on single texts: format by extension or --format, stored bytes written unchanged, stdin/stdout,
// --mode/--quality/--level, refusal to overwrite, and no output at all when the text is bad.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert, decode, detectFormat, encode, imageToText } from '../../../src/index.js';
import { ensureBuilt, fixtures, pixtext, tempDir } from '../run-cli.js';

const png = join(fixtures, 'folder', 'png', 'basn6a08.png'); // 32×32 RGBA
const bmp = join(fixtures, 'folder', 'bmp', 'pal8.bmp'); // 127×64 P
let dir = '';
let rawText = '';
let pngText = '';

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('decode');
  rawText = imageToText(readFileSync(png));
  pngText = imageToText(readFileSync(png), { encoding: 'original' });
  writeFileSync(join(dir, 'raw.json'), `${rawText}\n`);
  writeFileSync(join(dir, 'png.json'), pngText);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pixelsOf = (bytes: Uint8Array) => {
  const image = decode(bytes);
  return { width: image.width, height: image.height, mode: image.mode, data: Buffer.from(image.data) };
};

describe('pixtext decode <text>', () => {
  it('writes the format the -o extension names, with the same pixels', async () => {
    for (const [name, format] of [['a.png', 'png'], ['a.PNG', 'png'], ['b.bmp', 'bmp'], ['c.npy', 'npy']] as const) {
      const out = join(dir, name);
      const run = await pixtext(['decode', join(dir, 'raw.json'), '-o', out]);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('32×32 RGBA');
      const bytes = readFileSync(out);
      expect(detectFormat(bytes)).toBe(format);
      expect(pixelsOf(bytes)).toEqual(pixelsOf(readFileSync(png)));
    }
  });

  it('writes the stored file byte for byte when it already is that format', async () => {
    const out = join(dir, 'same.png');
    expect((await pixtext(['decode', join(dir, 'png.json'), '-o', out])).code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(png))).toBe(true);
  });

  it('--format overrides the extension; jpg is jpeg', async () => {
    const out = join(dir, 'really-a-bmp.png');
    expect((await pixtext(['decode', join(dir, 'png.json'), '-o', out, '--format', 'bmp'])).code).toBe(0);
    expect(detectFormat(readFileSync(out))).toBe('bmp');
    const jpegOut = join(dir, 'grey.img');
    expect((await pixtext(['decode', join(dir, 'png.json'), '-o', jpegOut, '--format', 'jpg', '--mode', 'RGB'])).code).toBe(0);
    expect(detectFormat(readFileSync(jpegOut))).toBe('jpeg');
  });

  it('reads standard input and writes standard output with -o - --format', async () => {
    const run = await pixtext(['decode', '-', '-o', '-', '--format', 'png'], { input: pngText });
    expect(run.code).toBe(0);
    expect(run.stdout.equals(readFileSync(png))).toBe(true);
  });

  it('-o - without --format writes PNG, as the library does by default', async () => {
    const run = await pixtext(['decode', '-', '-o', '-'], { input: rawText });
    expect(run.code).toBe(0);
    expect(detectFormat(run.stdout)).toBe('png');
    expect(pixelsOf(run.stdout)).toEqual(pixelsOf(readFileSync(png)));
  });

  it('--background flattens alpha where the output has none, and a bad colour names the flag', async () => {
    const out = join(dir, 'flat.jpg');
    const run = await pixtext(['decode', join(dir, 'raw.json'), '-o', out, '--background', '#ffffff']);
    expect(run.stderr).not.toContain('ERR_');
    expect(run.code).toBe(0);
    const expected = encode(convert(decode(readFileSync(png)), 'RGB', { background: [255, 255, 255] }), 'jpeg');
    expect(readFileSync(out).equals(Buffer.from(expected))).toBe(true);
    const bad = await pixtext(['decode', join(dir, 'raw.json'), '-o', join(dir, 'never.jpg'), '--background', 'pink']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('for --background but received "pink"');
    expect(bad.stderr).not.toContain('options.background');
  });

  it('--raw WxH:MODE reads bare base64 of headerless pixels; a wrong shape or spec is refused', async () => {
    const bgr = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 29) & 255); // a 4×3 BGR frame
    writeFileSync(join(dir, 'frame.b64'), `${Buffer.from(bgr).toString('base64')}\n`);
    const ok = await pixtext(['decode', join(dir, 'frame.b64'), '--raw', '4x3:BGR', '-o', join(dir, 'frame.png')]);
    expect(ok.code).toBe(0);
    const image = decode(readFileSync(join(dir, 'frame.png')));
    expect(image.mode).toBe('RGB');
    expect(Array.from(image.data.subarray(0, 3))).toEqual([bgr[2], bgr[1], bgr[0]]);
    const wrong = await pixtext(['decode', join(dir, 'frame.b64'), '--raw', '4x4:BGR', '-o', join(dir, 'wrong.png')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.toString()).toContain('ERR_LENGTH_MISMATCH');
    const bad = await pixtext(['decode', join(dir, 'frame.b64'), '--raw', '4x3', '-o', join(dir, 'bad.png')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.toString()).toContain('--raw');
  });

  it('--mode converts on the way out', async () => {
    const out = join(dir, 'grey.png');
    expect((await pixtext(['decode', join(dir, 'raw.json'), '-o', out, '--mode', 'LA'])).code).toBe(0);
    expect(decode(readFileSync(out)).mode).toBe('LA');
  });

  it('--quality and --level reach the encoder', async () => {
    const text = imageToText(readFileSync(bmp));
    writeFileSync(join(dir, 'pal.json'), text);
    await pixtext(['decode', join(dir, 'pal.json'), '-o', join(dir, 'q10.jpg'), '--mode', 'RGB', '--quality', '10']);
    await pixtext(['decode', join(dir, 'pal.json'), '-o', join(dir, 'q95.jpg'), '--mode', 'RGB', '--quality', '95']);
    expect(readFileSync(join(dir, 'q10.jpg')).length).toBeLessThan(readFileSync(join(dir, 'q95.jpg')).length);
    await pixtext(['decode', join(dir, 'pal.json'), '-o', join(dir, 'l0.png'), '--mode', 'RGB', '--level', '0']);
    await pixtext(['decode', join(dir, 'pal.json'), '-o', join(dir, 'l9.png'), '--mode', 'RGB', '--level', '9']);
    expect(readFileSync(join(dir, 'l0.png')).length).toBeGreaterThan(readFileSync(join(dir, 'l9.png')).length);
    expect(pixelsOf(readFileSync(join(dir, 'l0.png')))).toEqual(pixelsOf(readFileSync(join(dir, 'l9.png'))));
  });

  it('never replaces a file without --force', async () => {
    const out = join(dir, 'keep.png');
    writeFileSync(out, 'precious');
    const run = await pixtext(['decode', join(dir, 'raw.json'), '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${out}: `);
    expect(run.stderr).toContain('(EEXIST)');
    expect(readFileSync(out, 'utf8')).toBe('precious');
    expect((await pixtext(['decode', join(dir, 'raw.json'), '-o', out, '--force'])).code).toBe(0);
    expect(detectFormat(readFileSync(out))).toBe('png');
  });

  it('a corrupted text exits 1 with its code and writes nothing', async () => {
    // Change one base64 character of the payload: valid base64, wrong CRC.
    const at = rawText.indexOf('"data":"') + 20;
    const bad = rawText.slice(0, at) + (rawText[at] === 'A' ? 'B' : 'A') + rawText.slice(at + 1);
    writeFileSync(join(dir, 'bad.json'), bad);
    const run = await pixtext(['decode', join(dir, 'bad.json'), '-o', join(dir, 'bad.png')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.json: ');
    expect(run.stderr).toContain('(ERR_CHECKSUM)');
    expect(readdirSync(dir).filter((f) => f.startsWith('bad.png') || f.includes('.tmp'))).toEqual([]);

    const notJson = await pixtext(['decode', '-', '-o', join(dir, 'x.png')], { input: 'hello' });
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/standard input: .+ \(ERR_[A-Z_]+\)/);
  });

  it('an RGBA image asked for as JPEG is ERR_UNSUPPORTED', async () => {
    const run = await pixtext(['decode', join(dir, 'raw.json'), '-o', join(dir, 'x.jpg')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('(ERR_UNSUPPORTED)');
  });

  it('a missing input is ENOENT', async () => {
    const run = await pixtext(['decode', join(dir, 'missing.json'), '-o', join(dir, 'm.png')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('missing.json: no such file or directory (ENOENT)');
  });
});
