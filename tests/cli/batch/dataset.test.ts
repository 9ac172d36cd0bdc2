// Folders and datasets through the binary: a corpus folder → JSONL → folder with identical pixels, deterministic
// output whatever the worker count, bad files reported while the rest finish, unsafe paths refused.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, imageToText } from '../../../src/index.js';
import { ensureBuilt, filesUnder, fixtures, pixtext, tempDir } from '../run-cli.js';

let dir = '';
let folder = '';
let expectedFiles: string[] = [];

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('dataset');
  folder = join(dir, 'images');
  cpSync(join(fixtures, 'folder'), folder, { recursive: true });
  writeFileSync(join(folder, 'README.txt'), 'not an image: left out of the dataset');
  expectedFiles = filesUnder(folder).filter((f) => /\.(png|bmp)$/.test(f));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Line = { width: number; mode: string; metadata: { path: string } };
const parseLines = (text: string): Line[] =>
  text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Line);

function samePixels(a: Uint8Array, b: Uint8Array): void {
  const x = decode(a);
  const y = decode(b);
  expect({ w: y.width, h: y.height, mode: y.mode }).toEqual({ w: x.width, h: x.height, mode: x.mode });
  expect(Buffer.from(y.data).equals(Buffer.from(x.data))).toBe(true);
  if (x.palette !== undefined || y.palette !== undefined) expect(Buffer.from(y.palette!).equals(Buffer.from(x.palette!))).toBe(true);
}

describe('files a folder encode leaves out', () => {
  it('lists each with its reason, counts them in the summary and says how to include or exclude them', async () => {
    const mixed = join(dir, 'mixed');
    cpSync(join(fixtures, 'folder', 'png'), join(mixed, 'png'), { recursive: true });
    writeFileSync(join(mixed, 'scan.tif'), Buffer.from('II*\0\x08\0\0\0', 'latin1'));
    writeFileSync(join(mixed, 'png', 'old.tiff'), Buffer.from('MM\0*\0\0\0\x08', 'latin1'));
    writeFileSync(join(mixed, 'notes.txt'), 'hello');
    copyFileSync(join(fixtures, 'folder', 'png', 'basn2c08.png'), join(mixed, 'picture.dat'));
    const images = filesUnder(mixed).filter((f) => f.endsWith('.png')).length;
    const run = await pixtext(['encode', mixed, '--jsonl', '--jobs', '1']);
    expect(run.code).toBe(0);
    expect(parseLines(run.stdout.toString())).toHaveLength(images);
    const err = run.stderr;
    expect(err).toContain('pixtext encode: skipped notes.txt: not an image\n');
    expect(err).toContain('pixtext encode: skipped picture.dat: PNG without an image extension\n');
    expect(err).toContain('pixtext encode: skipped png/old.tiff: TIFF\n');
    expect(err).toContain('pixtext encode: skipped scan.tif: TIFF\n');
    expect(err).toContain('to include a skipped file, convert it');
    expect(err).toContain('to exclude it quietly, move it out of the folder');
    expect(err).toMatch(new RegExp(`pixtext: encoded ${images} files \\(.+\\) in .+, 4 skipped \\(2 TIFF, 1 PNG without an image extension, 1 not an image\\), 0 failed\n$`));
    // --quiet: nothing on stderr.
    expect((await pixtext(['encode', mixed, '--jsonl', '--quiet'])).stderr).toBe('');
  });
});

describe('folder → JSONL → folder', () => {
  it('encodes every image, sorted by path, the same bytes with 1 or 3 workers', async () => {
    const one = await pixtext(['encode', folder, '--jsonl', '--jobs', '1', '--verbose']);
    const three = await pixtext(['encode', folder, '--jsonl', '--jobs', '3']);
    expect(one.code).toBe(0);
    expect(three.code).toBe(0);
    expect(three.stdout.equals(one.stdout)).toBe(true);
    const lines = parseLines(one.stdout.toString());
    expect(lines.map((l) => l.metadata.path)).toEqual(expectedFiles);
    expect(expectedFiles).toHaveLength(28);
    // Progress with --verbose: plain lines (stderr is not a terminal here) and the summary; without it, the summary only.
    expect(one.stderr).toContain('[1/28] bmp/pal1.bmp: 127×64 ');
    expect(three.stderr).toMatch(/\npixtext: encoded 28 files \(.+ → .+\) in .+, 0 failed\n$/);
    expect(three.stderr).not.toMatch(/^\[\d+/m);
    expect(one.stderr).toMatch(/pixtext: encoded 28 files \(.+ → .+\) in .+, 0 failed\n$/);
  });

  it('decodes the dataset back to a folder with every PNG and BMP pixel-identical', async () => {
    const dataset = join(dir, 'dataset.jsonl');
    expect((await pixtext(['encode', folder, '--jsonl', '-o', dataset, '--quiet'])).code).toBe(0);
    const out = join(dir, 'restored');
    const run = await pixtext(['decode', dataset, '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/decoded 28 files .+, 0 failed\n$/);
    expect(filesUnder(out)).toEqual(expectedFiles);
    for (const file of expectedFiles) samePixels(readFileSync(join(folder, file)), readFileSync(join(out, file)));
  });

  it('--encoding original round-trips every file byte for byte', async () => {
    const dataset = join(dir, 'original.jsonl');
    expect((await pixtext(['encode', folder, '--jsonl', '--encoding', 'original', '-o', dataset, '--quiet'])).code).toBe(0);
    const out = join(dir, 'restored-original');
    expect((await pixtext(['decode', dataset, '-o', out, '--quiet', '--jobs', '2'])).code).toBe(0);
    for (const file of expectedFiles) expect(readFileSync(join(out, file)).equals(readFileSync(join(folder, file)))).toBe(true);
  });

  it('reports a corrupt file and finishes the others, exit 1', async () => {
    const withBad = join(dir, 'with-bad');
    cpSync(folder, withBad, { recursive: true });
    copyFileSync(join(fixtures, 'corrupt', 'xcsn0g01.png'), join(withBad, 'png', 'broken.png'));
    const run = await pixtext(['encode', withBad, '--jsonl', '--jobs', '2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${join(withBad, 'png', 'broken.png').replace(/[/\\.]/g, '\\$&')}: .+ \\(ERR_[A-Z_]+\\)\\n`));
    expect(run.stderr).toMatch(/encoded 28 files .+, 1 failed\n$/);
    expect(parseLines(run.stdout.toString()).map((l) => l.metadata.path)).toEqual(expectedFiles);
  });

  it('refuses to replace existing files unless --force, line by line', async () => {
    const dataset = join(dir, 'small.jsonl');
    const lines = ['a.png', 'b.png'].map((path) => imageToText(readFileSync(join(folder, 'png', 'basn0g08.png')), { metadata: { path } }));
    writeFileSync(dataset, `${lines.join('\n')}\n`);
    const out = join(dir, 'existing');
    expect((await pixtext(['decode', dataset, '-o', out, '--quiet'])).code).toBe(0);
    writeFileSync(join(out, 'a.png'), 'precious');
    rmSync(join(out, 'b.png'));
    const again = await pixtext(['decode', dataset, '-o', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${dataset}:1 (a.png): `);
    expect(again.stderr).toContain('(EEXIST)');
    expect(readFileSync(join(out, 'a.png'), 'utf8')).toBe('precious');
    expect(existsSync(join(out, 'b.png'))).toBe(true);
    expect((await pixtext(['decode', dataset, '-o', out, '--force', '--quiet'])).code).toBe(0);
    samePixels(readFileSync(join(folder, 'png', 'basn0g08.png')), readFileSync(join(out, 'a.png')));
  });

  it('refuses paths that would leave the output folder, duplicates, and lines without a path', async () => {
    const image = readFileSync(join(folder, 'png', 'basn0g01.png'));
    const line = (metadata?: Record<string, unknown>) => imageToText(image, metadata === undefined ? {} : { metadata });
    const lines = [
      line({ path: '../escape.png' }),
      line({ path: '/tmp/absolute.png' }),
      line({ path: 'ok/inside.png' }),
      line({ path: 'ok/inside.png' }),
      line(),
      line({ path: 'name.tif' }),
      '{"pixtext":1,',
      line({ path: 'last.bmp' }),
    ];
    const out = join(dir, 'unsafe', 'out');
    const run = await pixtext(['decode', '-', '--jsonl', '-o', out], { input: lines.join('\r\n') });
    expect(run.code).toBe(1);
    const err = run.stderr;
    expect(err).toContain('standard input:1 (../escape.png): ');
    expect(err).toContain('standard input:2 (/tmp/absolute.png): ');
    expect(err.match(/\(ERR_UNSAFE_PATH\)/g)).toHaveLength(2);
    expect(err).toMatch(/standard input:5: .+ \(ERR_ENVELOPE\)/);
    expect(err).toContain('standard input:4 (ok/inside.png): ');
    expect(err).toContain('(ERR_DUPLICATE_PATH)');
    expect(err).toContain('standard input:6 (name.tif): ');
    expect(err).toContain('(ERR_UNKNOWN_FORMAT)');
    expect(err).toMatch(/standard input:7: .+ \(ERR_[A-Z_]+\)/);
    expect(err).toMatch(/decoded 2 files .+, 6 failed\n$/);
    expect(filesUnder(join(dir, 'unsafe'))).toEqual(['out/last.bmp', 'out/ok/inside.png']);
    samePixels(image, readFileSync(join(out, 'last.bmp')));
  });

  it('refuses paths that are not well-formed Unicode or hold a line break, and finds names equal once normalised', async () => {
    const image = readFileSync(join(folder, 'png', 'basn0g01.png'));
    const line = (path: string) => imageToText(image, { metadata: { path } });
    const lines = [line('img/\ud800.png'), line('img/\udc00.png'), line('img/\ufffd.png'), line('img/caf\u00e9.png'), line('img/cafe\u0301.png'), line('img/a\nb.png')];
    const out = join(dir, 'surrogates');
    const run = await pixtext(['decode', '-', '--jsonl', '-o', out, '--force'], { input: lines.join('\n') });
    expect(run.code).toBe(1);
    expect(run.stderr.match(/is not well-formed Unicode .*\(ERR_UNSAFE_PATH\)/g)).toHaveLength(2);
    expect(run.stderr).toMatch(/standard input:5 .+ already written from line 4 .+normalised\) \(ERR_DUPLICATE_PATH\)/);
    expect(run.stderr).toMatch(/standard input:6 \(img\/a\\nb\.png\): .*control character.* \(ERR_UNSAFE_PATH\)/);
    expect(run.stderr).toMatch(/decoded 2 files .+, 4 failed\n$/);
    expect(filesUnder(out)).toEqual(['img/caf\u00e9.png', 'img/\ufffd.png'].sort());
  });

  it('does not follow a symbolic link out of the input folder (unless --follow-links), nor print a non-image file', async () => {
    const input = join(dir, 'links');
    mkdirSync(input);
    copyFileSync(join(folder, 'png', 'basn0g01.png'), join(input, 'a.png'));
    symlinkSync(join(input, 'a.png'), join(input, 'inside.png'));
    writeFileSync(join(dir, 'secret.txt'), 'root:x:0:0:secret');
    symlinkSync(join(dir, 'secret.txt'), join(input, 'outside.png'));
    const run = await pixtext(['encode', input, '--jsonl']);
    expect(run.code).toBe(1);
    expect(parseLines(run.stdout.toString()).map((l) => l.metadata.path)).toEqual(['a.png', 'inside.png']);
    expect(run.stderr).toMatch(/outside\.png: is a symbolic link leading outside the input folder.+--follow-links.+ \(ERR_UNSAFE_PATH\)/);
    const followed = await pixtext(['encode', input, '--jsonl', '--follow-links']);
    expect(followed.code).toBe(1);
    expect(followed.stderr).toMatch(/outside\.png: .+ \(ERR_UNKNOWN_FORMAT\)/);
    for (const stderr of [run.stderr, followed.stderr]) {
      expect(stderr).not.toContain('72 6f 6f 74');
      expect(stderr).not.toContain('root');
    }
  });

  it('refuses an output name holding a line break', async () => {
    const run = await pixtext(['encode', join(folder, 'png', 'basn0g01.png'), '-o', join(dir, 'a\nb.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('(ERR_UNSAFE_PATH)');
    expect(existsSync(join(dir, 'a\nb.json'))).toBe(false);
  });

  it('reads raw UTF-8 in a line (a file name with é) and refuses bytes that are not UTF-8', async () => {
    const escaped = imageToText(readFileSync(join(folder, 'png', 'basn0g01.png')), { metadata: { path: 'café.png' } });
    const raw = escaped.replace(/\\u00e9/, 'é');
    expect(raw).not.toBe(escaped);
    const invalid = Buffer.from(raw.replace('café', 'cafX'), 'latin1');
    invalid[invalid.indexOf('cafX')! + 3] = 0xff;
    const out = join(dir, 'utf8');
    const run = await pixtext(['decode', '-', '--jsonl', '-o', out], { input: Buffer.concat([Buffer.from(`${raw}\n`), invalid]) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/standard input:2: .+ \(ERR_NOT_JSON\)/);
    expect(filesUnder(out)).toEqual(['café.png']);
  });

  it('streams: a line is written back before the rest of the input has arrived', async () => {
    const image = readFileSync(join(folder, 'png', 'basn0g08.png'));
    const line = (path: string) => `${imageToText(image, { metadata: { path } })}\n`;
    const out = join(dir, 'streamed');
    const run = pixtext(['decode', '-', '--jsonl', '-o', out, '--jobs', '1'], {
      input: 'manual',
      onSpawn: (child) => {
        child.stdin!.write(line('first.png'));
        // Only once the first file exists does the second line arrive: a reader that waited for the whole
        // input would never write it, and the run would time out.
        const poll = setInterval(() => {
          if (!existsSync(join(out, 'first.png'))) return;
          clearInterval(poll);
          child.stdin!.end(line('second.png'));
        }, 20);
      },
    });
    const done = await run;
    expect(done.code).toBe(0);
    expect(filesUnder(out)).toEqual(['first.png', 'second.png']);
  });

  it('names the dataset, the folder or the output when they themselves cannot be used', async () => {
    const missing = join(dir, 'missing.jsonl');
    const noInput = await pixtext(['decode', missing, '-o', join(dir, 'nowhere')]);
    expect(noInput.code).toBe(1);
    expect(noInput.stderr).toContain(`${missing}: no such file or directory (ENOENT)`);

    const notAFolder = join(dir, 'plain-file');
    writeFileSync(notAFolder, 'x');
    const badOut = await pixtext(['decode', '-', '--jsonl', '-o', notAFolder], { input: '' });
    expect(badOut.code).toBe(1);
    expect(badOut.stderr).toContain(`${notAFolder}: exists and is not a folder (ENOTDIR)`);

    const existing = join(dir, 'taken.jsonl');
    writeFileSync(existing, 'keep');
    const taken = await pixtext(['encode', folder, '--jsonl', '-o', existing]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(`${existing}: `);
    expect(taken.stderr).toContain('(EEXIST)');
    expect(readFileSync(existing, 'utf8')).toBe('keep');
  });

  it('--format names the format of paths without an image extension', async () => {
    const text = imageToText(readFileSync(join(folder, 'png', 'basn0g01.png')), { metadata: { path: 'plain' } });
    const out = join(dir, 'fallback');
    const run = await pixtext(['decode', '-', '--jsonl', '-o', out, '--format', 'bmp', '--quiet'], { input: text });
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, 'plain')).subarray(0, 2).toString()).toBe('BM');
  });

  it('--quiet prints nothing but failures; -o for a dataset is refused when it exists', async () => {
    const dataset = join(dir, 'quiet.jsonl');
    const run = await pixtext(['encode', folder, '--jsonl', '-o', dataset, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const before = readFileSync(dataset);
    const again = await pixtext(['encode', folder, '--jsonl', '-o', dataset]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('(EEXIST)');
    expect(readFileSync(dataset).equals(before)).toBe(true);
  });
});
