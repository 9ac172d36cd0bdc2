// The command line as a shardable filter (the built binary, spawned): --shard K/N partitions encode and decode
// exactly, --files-from reads paths from a file or standard input, --skip-existing resumes both commands.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, filesUnder, fixtures, pixtext, tempDir } from '../run-cli.js';

let dir = '';
let folder = '';
let all: string[] = [];
let dataset = '';
let parquet = '';

const pathsOf = (jsonl: Buffer | string): string[] =>
  jsonl
    .toString()
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => (JSON.parse(l) as { metadata: { path: string } }).metadata.path);

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir('shard');
  folder = join(dir, 'images');
  cpSync(join(fixtures, 'folder'), folder, { recursive: true });
  all = filesUnder(folder);
  dataset = join(dir, 'all.jsonl');
  parquet = join(dir, 'all.parquet');
  expect((await pixtext(['encode', folder, '--jsonl', '-o', dataset])).code).toBe(0);
  expect((await pixtext(['encode', folder, '--parquet', '--row-group-size', '5', '-o', parquet])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--shard K/N', () => {
  it.each([1, 2, 3, 7])('encode: the shards 1/%i … N/N partition the folder exactly', async (n) => {
    const shards: string[][] = [];
    for (let k = 1; k <= n; k += 1) {
      const run = await pixtext(['encode', folder, '--jsonl', '--shard', `${k}/${n}`]);
      expect(run.code).toBe(0);
      shards.push(pathsOf(run.stdout));
    }
    const union = shards.flat();
    expect(union.length).toBe(all.length); // no overlap…
    expect([...union].sort()).toEqual(all); // …and nothing missing
    if (n > 1) expect(shards.filter((s) => s.length === all.length)).toEqual([]);
  });

  it.each([1, 2, 3, 7])('decode: the shards 1/%i … N/N of a JSONL and a Parquet dataset partition it exactly, as encode does', async (n) => {
    for (const [input, name] of [[dataset, 'jsonl'], [parquet, 'parquet']] as const) {
      const seen: string[] = [];
      for (let k = 1; k <= n; k += 1) {
        const out = join(dir, `decoded-${name}-${n}-${k}`);
        const run = await pixtext(['decode', input, '-o', out, '--shard', `${k}/${n}`]);
        expect(run.code).toBe(0);
        const written = filesUnder(out);
        // The same shard of the folder as encode --shard gives: the hash is of the path alone.
        const encoded = pathsOf((await pixtext(['encode', folder, '--jsonl', '--shard', `${k}/${n}`])).stdout);
        expect(written).toEqual([...encoded].sort());
        seen.push(...written);
      }
      expect(seen.length).toBe(all.length);
      expect([...seen].sort()).toEqual(all);
    }
  });

  it('refuses a K/N that is not 1 <= K <= N, in the uniform option message', async () => {
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1.5/3', '-1/3', '1/3/5']) {
      const run = await pixtext(['encode', folder, '--jsonl', `--shard=${bad}`]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Expected K/N, two integers with 1 <= K <= N <= 1000000, such as 2/8 for --shard but received ${JSON.stringify(bad)}`);
    }
    const decode = await pixtext(['decode', dataset, '-o', join(dir, 'never'), '--shard', '3/2']);
    expect(decode.code).toBe(2);
    expect(decode.stderr).toContain('for --shard but received "3/2"');
    // One file or one text: nothing to split or resume.
    const file = await pixtext(['encode', join(folder, 'png', 'basn2c08.png'), '--shard', '1/2']);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('Expected a folder (one file needs no sharding or resuming) for --shard');
    writeFileSync(join(dir, 'one.json'), '{}');
    const text = await pixtext(['decode', join(dir, 'one.json'), '-o', join(dir, 'one.png'), '--skip-existing']);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('Expected a dataset (.jsonl, .parquet, or --jsonl) for --skip-existing');
  });
});

describe('--files-from', () => {
  const listed = ['png/basn2c08.png', 'bmp/pal8.bmp', 'png/basn0g01.png'];

  it('reads the paths from a file, relative to the folder argument, in the list order (CRLF and empty lines ignored)', async () => {
    const list = join(dir, 'list.txt');
    writeFileSync(list, `${listed[0]}\r\n\r\n${listed[1]}\n\n${listed[2]}`);
    // Run from another folder: the paths are relative to the folder argument, not to the current folder.
    const run = await pixtext(['encode', folder, '--files-from', list], { cwd: dir });
    expect(run.code).toBe(0);
    expect(pathsOf(run.stdout)).toEqual(listed);
    const direct = await pixtext(['encode', folder, '--jsonl']);
    const lines = direct.stdout.toString().split('\n');
    expect(run.stdout.toString().split('\n').slice(0, 3)).toEqual(listed.map((p) => lines.find((l) => l.includes(`"path":"${p}"`))));
  });

  it('reads the paths from standard input with -, and takes --shard on top', async () => {
    const run = await pixtext(['encode', folder, '--files-from', '-'], { input: `${all.join('\n')}\n` });
    expect(run.code).toBe(0);
    expect(pathsOf(run.stdout)).toEqual(all);
    const halves = await Promise.all(['1/2', '2/2'].map((s) => pixtext(['encode', folder, '--files-from', '-', '--shard', s], { input: all.join('\n') })));
    expect([...pathsOf(halves[0]!.stdout), ...pathsOf(halves[1]!.stdout)].sort()).toEqual(all);
  });

  it('refuses a line that is not a plain relative path, or a path listed twice, before writing anything', async () => {
    const cases: [string | Buffer, string][] = [
      ['png/basn2c08.png\n../outside.png\n', 'standard input: line 2: the path "../outside.png" has a ".." segment'],
      ['/etc/passwd\n', 'standard input: line 1: the path "/etc/passwd" is absolute'],
      ['png\\basn2c08.png\n', 'standard input: line 1: the path "png\\\\basn2c08.png" contains a backslash'],
      ['a\tb.png\n', 'standard input: line 1: the path "a\\tb.png" contains a control character'],
      [Buffer.from([0x61, 0xff, 0x2e, 0x70, 0x6e, 0x67, 0x0a]), 'standard input: line 1: the path is not valid UTF-8'],
      ['png/basn2c08.png\npng/basn2c08.png\n', 'standard input: line 2: "png/basn2c08.png" is listed already on line 1 (ERR_DUPLICATE_PATH)'],
    ];
    for (const [input, message] of cases) {
      const run = await pixtext(['encode', folder, '--files-from', '-'], { input });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(message);
      expect(run.stdout.length).toBe(0);
    }
    const notFolder = await pixtext(['encode', join(folder, 'png', 'basn2c08.png'), '--files-from', '-'], { input: 'a.png\n' });
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain('Expected a folder (the listed paths are relative to it) for pixtext encode --files-from');
  });

  it('reports a listed file that is missing, and encodes the rest (exit 1)', async () => {
    const run = await pixtext(['encode', folder, '--files-from', '-'], { input: `${listed[0]}\nnope.png\n` });
    expect(run.code).toBe(1);
    expect(pathsOf(run.stdout)).toEqual([listed[0]]);
    expect(run.stderr).toContain('nope.png: no such file or directory (ENOENT)');
  });
});

describe('--skip-existing', () => {
  it('encode: keeps the complete lines of an interrupted output, drops its cut last line, appends the rest', async () => {
    const whole = readFileSync(dataset);
    const target = join(dir, 'resume.jsonl');
    // Three complete lines and a piece of the fourth, as a run killed while writing leaves them.
    const ends = [...whole.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i + 1);
    writeFileSync(target, whole.subarray(0, ends[2]! + 100));
    const run = await pixtext(['encode', folder, '--jsonl', '--skip-existing', '-o', target]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`encoded ${all.length - 3} files .+, 3 already present, 0 failed\\n$`));
    expect(readFileSync(target).equals(whole)).toBe(true);
    // Nothing left to do: a second run writes nothing and says so.
    const again = await pixtext(['encode', folder, '--jsonl', '--skip-existing', '-o', target]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`encoded 0 files .+, ${all.length} already present, 0 failed\\n$`));
    expect(readFileSync(target).equals(whole)).toBe(true);
    // A fresh output: the same as without the flag.
    const fresh = join(dir, 'fresh.jsonl');
    expect((await pixtext(['encode', folder, '--jsonl', '--skip-existing', '-o', fresh])).code).toBe(0);
    expect(readFileSync(fresh).equals(whole)).toBe(true);
  });

  it('encode: refuses an output whose complete lines are not dataset lines, and standard output or --force', async () => {
    const target = join(dir, 'notes.jsonl');
    writeFileSync(target, 'hello\n');
    const run = await pixtext(['encode', folder, '--jsonl', '--skip-existing', '-o', target]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 1 of');
    expect(run.stderr).toMatch(/line 1 of .+ is not an envelope .+, so --skip-existing cannot resume it; move the file away to start again \(ERR_RESUME\)\n$/);
    expect(readFileSync(target, 'utf8')).toBe('hello\n');
    expect((await pixtext(['encode', folder, '--jsonl', '--skip-existing'])).code).toBe(2);
    expect((await pixtext(['encode', folder, '--jsonl', '--skip-existing', '--force', '-o', target])).code).toBe(2);
  });

  it('decode: files already in the folder are left as they are and counted as already present', async () => {
    for (const input of [dataset, parquet]) {
      const out = join(dir, `present-${input.endsWith('.parquet') ? 'parquet' : 'jsonl'}`);
      // An interrupted run: some files written, the rest missing; and one file of the user's own.
      const first = await pixtext(['decode', input, '-o', out, '--shard', '1/3']);
      expect(first.code).toBe(0);
      mkdirSync(join(out, 'png'), { recursive: true });
      writeFileSync(join(out, 'png', 'basn2c08.png'), 'mine');
      const before = filesUnder(out).length;
      const run = await pixtext(['decode', input, '-o', out, '--skip-existing']);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(new RegExp(`decoded ${all.length - before} files .+, ${before} already present, 0 failed\\n$`));
      expect(filesUnder(out)).toEqual(all);
      expect(readFileSync(join(out, 'png', 'basn2c08.png'), 'utf8')).toBe('mine');
      for (const file of all.filter((f) => f !== 'png/basn2c08.png')) expect(readFileSync(join(out, file)).equals(readFileSync(join(folder, file)))).toBe(true);
      // Without the flag, an existing file is a failure.
      expect((await pixtext(['decode', input, '-o', out])).code).toBe(1);
    }
  });
});

describe('progress when stderr is not a terminal', () => {
  it('prints failures and the summary only; --verbose adds a line per file, with the total when it is known', async () => {
    const quiet = await pixtext(['decode', parquet, '-o', join(dir, 'progress-a')]);
    expect(quiet.stderr).toMatch(/^pixtext: decoded \d+ files .+, 0 failed\n$/);
    const verbose = await pixtext(['decode', parquet, '-o', join(dir, 'progress-b'), '--verbose']);
    // A Parquet file's footer gives its row count: every line shows the total.
    expect(verbose.stderr).toContain(`[1/${all.length}] `);
    expect(verbose.stderr.split('\n').filter((l) => /^\[\d+\/\d+\] /.test(l))).toHaveLength(all.length);
    // A JSONL file's line count is not known up front: a running count.
    const jsonl = await pixtext(['decode', dataset, '-o', join(dir, 'progress-c'), '--verbose']);
    expect(jsonl.stderr).toContain('[1] ');
    expect((await pixtext(['decode', dataset, '-o', join(dir, 'progress-d'), '--verbose', '--quiet'])).code).toBe(2);
  });
});
