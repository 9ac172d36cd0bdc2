// The `pixtext` binary as a whole: help, version, and usage errors (exit code 2, one message form).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { ensureBuilt, fixtures, pixtext, root } from './run-cli.js';

beforeAll(() => ensureBuilt());

const FORM = /: Expected .+ for .+ but received .+\n/;
const png = join(fixtures, 'folder', 'png', 'basn2c08.png');

describe('pixtext', () => {
  it('--help and -h print the commands and exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const run = await pixtext([flag]);
      expect(run.code).toBe(0);
      const text = run.stdout.toString();
      for (const command of ['encode', 'decode', 'info', 'verify']) expect(text).toContain(`  ${command} `);
    }
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const run = await pixtext(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.toString()).toBe(`${version}\n`);
  });

  it('the README lists every exit code the help lists, with the same meaning', async () => {
    const help = /Exit codes: [^\n]+/.exec((await pixtext(['encode', '--help'])).stdout.toString())![0];
    const readme = /Exit codes: [^\n]+/.exec(readFileSync(join(root, 'README.md'), 'utf8'))![0];
    // "130 interrupted", "143 SIGTERM" / "143 for SIGTERM": each code with the word after it.
    const meanings = (text: string) => new Map([...text.matchAll(/\b(\d+) (?:for )?([A-Za-z]+)/g)].map((m) => [Number(m[1]), m[2]!.toLowerCase()]));
    const fromHelp = meanings(help);
    expect([...fromHelp.keys()].sort()).toEqual(Object.values(ExitCode).sort());
    expect(meanings(readme)).toEqual(fromHelp);
  });

  it('with no command, prints help on stderr and exits 2', async () => {
    const run = await pixtext([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Commands:');
  });

  it('an unknown command is a usage error', async () => {
    const run = await pixtext(['encdoe', png]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(FORM);
    expect(run.stderr).toContain('"encdoe"');
  });

  it.each(['encode', 'decode', 'info', 'verify'])('%s --help lists every option and exits 0', async (command) => {
    const run = await pixtext([command, '--help']);
    expect(run.code).toBe(0);
    const text = run.stdout.toString();
    expect(text).toContain(`pixtext ${command} `);
    const options: Record<string, string[]> = {
      encode: ['--output', '--as', '--encoding', '--mode', '--quality', '--level', '--jsonl', '--force', '--jobs', '--quiet'],
      decode: ['--output', '--format', '--mode', '--quality', '--level', '--jsonl', '--force', '--jobs', '--quiet'],
      info: ['--json'],
      verify: ['--jsonl', '--jobs', '--quiet'],
    };
    for (const option of [...options[command]!, '--help']) expect(text).toContain(option);
    // help wins over mistakes on the same line
    expect((await pixtext([command, '--bogus', '--help'])).code).toBe(0);
    expect((await pixtext(['help', command])).stdout.toString()).toBe(text);
  });

  it.each([
    [['encode', png, '--bogus'], '"--bogus"'],
    [['encode', png, '--quality', '0'], '--quality but received "0"'],
    [['encode', png, '--quality', 'high'], '--quality'],
    [['encode', png, '--level', '10'], '--level but received "10"'],
    [['encode', png, '--mode', 'CMYK'], '--mode but received "CMYK"'],
    [['encode', png, '--as', 'json'], '--as but received "json"'],
    [['encode', png, '--encoding', 'tiff'], '--encoding but received "tiff"'],
    [['encode', png, '--jobs', '0'], '--jobs but received "0"'],
    [['encode', png, '-o'], '--output but received nothing'],
    [['encode', png, '-o', '--force'], 'the option --force'],
    [['encode', png, '--force=yes'], '--force but received "yes"'],
    [['encode'], 'received nothing'],
    [['encode', png, png], 'pixtext encode but received'],
    [['encode', join(fixtures, 'folder')], 'the folder'],
    [['encode', join(fixtures, 'folder'), '--jsonl', '--as', 'pil'], '--as with --jsonl'],
    [['encode', '-', '--jsonl'], 'standard input'],
    [['encode', png, '--as', 'pil', '--encoding', 'png'], '--encoding but received "png"'],
    [['encode', png, '--as', 'base64', '--encoding', 'raw'], '--encoding but received "raw"'],
    [['decode', 'x.json'], '-o but received nothing'],
    [['decode', 'x.json', '-o', 'x.tif'], '-o but received "x.tif"'],
    [['decode', 'x.json', '-o', 'x.png', '--format', 'tiff'], '--format but received "tiff"'],
    [['decode', 'x.jsonl', '-o', '-'], '-o but received "-"'],
    [['info'], 'received nothing'],
    [['info', 'a', '--jsn'], '"--jsn"'],
    [['verify', 'a', '--jobs', '-1'], '--jobs'],
  ])('usage error %j exits 2 naming the problem', async (args, fragment) => {
    const run = await pixtext(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(FORM);
    expect(run.stderr).toContain(fragment);
    expect(run.stderr).toContain('--help');
    expect(run.stdout.length).toBe(0);
  });
});
