// Parquet datasets through the binary: a folder of PNG, JPEG and BMP files → Parquet (Hugging Face image layout) →
// the identical files, row groups of bounded size, and the errors for files that are not what decode expects.
import { copyFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, filesUnder, fixtures, pixtext, tempDir } from '../run-cli.js';

let dir = '';
let folder = '';
let expectedFiles: string[] = [];

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('parquet');
  folder = join(dir, 'images');
  cpSync(join(fixtures, 'folder'), folder, { recursive: true });
  cpSync(join(fixtures, 'single', 'gradient.jpg'), join(folder, 'jpeg', 'gradient.jpg'));
  writeFileSync(join(folder, 'README.txt'), 'not an image: left out of the dataset');
  expectedFiles = filesUnder(folder).filter((f) => /\.(png|bmp|jpg)$/.test(f));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytesOf = (path: string): ArrayBuffer => {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe('folder → Parquet → folder', () => {
  it('writes the Hugging Face image layout, each file unchanged, in path order', async () => {
    const out = join(dir, 'layout.parquet');
    const run = await pixtext(['encode', folder, '--parquet', '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/pixtext: encoded 29 files \(.+\) in .+, 0 failed; 1 row group\n$/);
    const file = bytesOf(out);
    const metadata = parquetMetadata(file);
    const root = parquetSchema(metadata);
    expect(root.children.map((c) => c.element.name)).toEqual(['image', 'width', 'height', 'mode', 'format']);
    const image = root.children[0]!;
    expect(image.children.map((c) => [c.element.name, c.element.type])).toEqual([
      ['bytes', 'BYTE_ARRAY'],
      ['path', 'BYTE_ARRAY'],
    ]);
    expect(root.children.slice(1).map((c) => c.element.type)).toEqual(['INT32', 'INT32', 'BYTE_ARRAY', 'BYTE_ARRAY']);
    const features = JSON.parse(metadata.key_value_metadata!.find((kv) => kv.key === 'huggingface')!.value!) as { info: { features: Record<string, unknown> } };
    expect(features.info.features.image).toEqual({ _type: 'Image' });
    const rows = await parquetReadObjects({ file, utf8: false });
    expect(rows.map((r) => (r.image as { path: string }).path)).toEqual(expectedFiles);
    for (const row of rows) {
      const { bytes, path } = row.image as { bytes: Uint8Array; path: string };
      expect(Buffer.from(bytes).equals(readFileSync(join(folder, path)))).toBe(true);
    }
    const jpeg = rows.find((r) => (r.image as { path: string }).path === 'jpeg/gradient.jpg')!;
    expect({ format: jpeg.format, mode: jpeg.mode }).toEqual({ format: 'JPEG', mode: 'RGB' });
    const pal = rows.find((r) => (r.image as { path: string }).path === 'bmp/pal1.bmp')!;
    expect({ width: pal.width, height: pal.height, format: pal.format }).toEqual({ width: 127, height: 64, format: 'BMP' });
  });

  it('decodes back to byte-identical PNG, JPEG and BMP files', async () => {
    const parquet = join(dir, 'round.parquet');
    expect((await pixtext(['encode', folder, '--parquet', '-o', parquet, '--quiet'])).code).toBe(0);
    const out = join(dir, 'restored');
    const run = await pixtext(['decode', parquet, '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/decoded 29 files .+, 0 failed\n$/);
    expect(filesUnder(out)).toEqual(expectedFiles);
    expect(expectedFiles.some((f) => f.endsWith('.jpg')) && expectedFiles.some((f) => f.endsWith('.bmp'))).toBe(true);
    for (const f of expectedFiles) expect(readFileSync(join(out, f)).equals(readFileSync(join(folder, f))), f).toBe(true);
  });

  it('bounds row groups by --row-group-size and reads them back one by one', async () => {
    const parquet = join(dir, 'groups.parquet');
    const run = await pixtext(['encode', folder, '--parquet', '--row-group-size', '4', '-o', parquet]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/; 8 row groups\n$/);
    const metadata = parquetMetadata(bytesOf(parquet));
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([4, 4, 4, 4, 4, 4, 4, 1]);
    const out = join(dir, 'groups');
    expect((await pixtext(['decode', parquet, '-o', out, '--quiet'])).code).toBe(0);
    for (const f of expectedFiles) expect(readFileSync(join(out, f)).equals(readFileSync(join(folder, f))), f).toBe(true);
  });

  it('reports a file that is not an image and writes the others, exit 1', async () => {
    const withBad = join(dir, 'with-bad');
    cpSync(folder, withBad, { recursive: true });
    writeFileSync(join(withBad, 'png', 'fake.png'), 'not a png at all');
    copyFileSync(join(fixtures, 'corrupt', 'xcsn0g01.png'), join(withBad, 'png', 'xcsn0g01.png'));
    const parquet = join(dir, 'with-bad.parquet');
    const run = await pixtext(['encode', withBad, '--parquet', '-o', parquet]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(withBad, 'png', 'fake.png')}: `);
    expect(run.stderr).toContain('(ERR_UNKNOWN_FORMAT)');
    // The PNG with a bad IHDR CRC goes in as it is: only headers are read, as with --encoding original.
    expect(run.stderr).toMatch(/encoded 30 files .+, 1 failed; 1 row group\n$/);
  });
});

describe('decode errors', () => {
  it('refuses a file that is not Parquet', async () => {
    const fake = join(dir, 'fake.parquet');
    writeFileSync(fake, readFileSync(join(folder, 'png', 'basn0g01.png')));
    const run = await pixtext(['decode', fake, '-o', join(dir, 'never')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/fake\.parquet: is not a Parquet file: .+ begins with 89 50 4e 47 and ends with ae 42 60 82 \(ERR_NOT_PARQUET\)\n$/);
  });

  it('refuses a file too short to be Parquet', async () => {
    const tiny = join(dir, 'tiny.parquet');
    writeFileSync(tiny, 'PAR1PAR1');
    const run = await pixtext(['decode', tiny, '-o', join(dir, 'never')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('tiny.parquet: is not a Parquet file: one begins and ends with "PAR1" (50 41 52 31), this one is only 8 bytes long (ERR_NOT_PARQUET)');
  });

  it('reports a corrupt footer as ERR_CORRUPT', async () => {
    const good = readFileSync(join(dir, 'round.parquet'));
    const bad = Buffer.from(good);
    bad.fill(0xff, bad.length - 200, bad.length - 8);
    writeFileSync(join(dir, 'bad-footer.parquet'), bad);
    const run = await pixtext(['decode', join(dir, 'bad-footer.parquet'), '-o', join(dir, 'never')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad-footer\.parquet: its footer is not valid Parquet: .+ \(ERR_CORRUPT\)\n$/);
  });

  it('refuses a Parquet file without an image column, naming the columns it has', async () => {
    const other = join(dir, 'other.parquet');
    writeFileSync(other, Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'caption', data: ['a cat'], type: 'STRING' }] })));
    const run = await pixtext(['decode', other, '-o', join(dir, 'never')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/other\.parquet: has no column "image" .+ the file's columns are "caption" \(ERR_PARQUET_SCHEMA\)\n$/);
  });

  it('refuses an image column that is not a struct of bytes and path', async () => {
    const flat = join(dir, 'flat.parquet');
    writeFileSync(flat, Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'image', data: [new Uint8Array([1, 2])], type: 'BYTE_ARRAY' }] })));
    const run = await pixtext(['decode', flat, '-o', join(dir, 'never')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('column "image" is not a struct with a binary "bytes" and a string "path" field');
    expect(run.stderr).toContain('(ERR_PARQUET_SCHEMA)');
  });

  it('reports rows without bytes, with unsafe or repeated paths, and writes the rest', async () => {
    const png = readFileSync(join(folder, 'png', 'basn0g01.png'));
    const schema = [
      { name: 'schema', num_children: 1 },
      { name: 'image', repetition_type: 'OPTIONAL' as const, num_children: 2 },
      { name: 'bytes', type: 'BYTE_ARRAY' as const, repetition_type: 'OPTIONAL' as const },
      { name: 'path', type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const },
    ];
    const images = [
      { bytes: png, path: '../escape.png' },
      { bytes: null, path: 'no-bytes.png' },
      { bytes: png, path: 'ok/a.png' },
      { bytes: png, path: 'ok/a.png' },
      null,
      { bytes: png, path: 'b.png' },
    ];
    const parquet = join(dir, 'rows.parquet');
    writeFileSync(parquet, Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'image', data: images }], schema })));
    const out = join(dir, 'rows', 'out');
    const run = await pixtext(['decode', parquet, '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/rows\.parquet: row 1 \(\.\.\/escape\.png\): image\.path .+ \(ERR_UNSAFE_PATH\)/);
    expect(run.stderr).toMatch(/row 2 \(no-bytes\.png\): image\.bytes is null.+ \(ERR_PARQUET_ROW\)/);
    expect(run.stderr).toMatch(/row 4 \(ok\/a\.png\): .+ already written from row 3 \(ERR_DUPLICATE_PATH\)/);
    expect(run.stderr).toMatch(/row 5: .+ \(ERR_PARQUET_ROW\)/);
    expect(run.stderr).toMatch(/decoded 2 files .+, 4 failed\n$/);
    expect(filesUnder(join(dir, 'rows'))).toEqual(['out/b.png', 'out/ok/a.png']);
  });

  it('refuses options that would change the stored files', async () => {
    const run = await pixtext(['decode', join(dir, 'x.parquet'), '-o', join(dir, 'never'), '--mode', 'L']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Expected nothing (Parquet rows are written as stored) for --mode with a Parquet input but received "L"');
    const enc = await pixtext(['encode', folder, '--row-group-size', '5', '-o', join(dir, 'x.parquet')]);
    expect(enc.code).toBe(2);
    expect(enc.stderr).toContain('Expected --parquet (row groups are a Parquet setting) for --row-group-size but received "5"');
    const neither = await pixtext(['encode', folder]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('Expected a file or - (or a folder with --jsonl or --parquet) for pixtext encode');
    const stdout = await pixtext(['encode', folder, '--parquet']);
    expect(stdout.code).toBe(2);
    expect(stdout.stderr).toContain('Expected a file name (a Parquet file cannot be streamed to standard output) for -o but received "-"');
    const zero = await pixtext(['encode', folder, '--parquet', '--row-group-size', '0', '-o', join(dir, 'x.parquet')]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('Expected an integer from 1 to 1000000 for --row-group-size but received "0"');
  });
});
