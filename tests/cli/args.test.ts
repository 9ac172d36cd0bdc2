import { describe, expect, it } from 'vitest';
import { UsageError, choiceOption, integerOption, parseCommandLine, singlePositional, type OptionSpecs } from '../../src/cli/args.js';

const specs: OptionSpecs = {
  output: { type: 'string', short: 'o', description: 'out' },
  force: { type: 'boolean', short: 'f', description: 'force' },
  quality: { type: 'string', description: 'q' },
};
const FORM = /^Expected .+ for .+ but received .+$/;

function usage(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(FORM);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseCommandLine', () => {
  it('reads long, short, inline values, flags and positionals, keeping - and everything after --', () => {
    const parsed = parseCommandLine('pixtext x', ['-', '-o', 'out.json', '--quality=80', '-f', '--', '--not-an-option'], specs);
    expect(parsed.help).toBe(false);
    expect(parsed.positionals).toEqual(['-', '--not-an-option']);
    expect({ ...parsed.values }).toEqual({ output: 'out.json', quality: '80', force: true });
  });

  it('accepts - as the value of a string option (standard output)', () => {
    expect(parseCommandLine('pixtext x', ['-o', '-'], specs).values.output).toBe('-');
  });

  it('names an unknown option with the options that exist', () => {
    const error = usage(() => parseCommandLine('pixtext x', ['--qualty', '3'], specs));
    expect(error.message).toContain('"--qualty"');
    expect(error.message).toContain('--quality');
  });

  it('refuses a string option without a value', () => {
    expect(usage(() => parseCommandLine('pixtext x', ['a', '--output'], specs)).message).toContain('--output but received nothing');
  });

  it('refuses an option that swallowed the next option as its value', () => {
    expect(usage(() => parseCommandLine('pixtext x', ['-o', '--force'], specs)).message).toContain('the option --force');
    // The inline form says it is meant.
    expect(parseCommandLine('pixtext x', ['--output=--force'], specs).values.output).toBe('--force');
  });

  it('refuses a value on a flag and an option given twice', () => {
    usage(() => parseCommandLine('pixtext x', ['--force=yes'], specs));
    usage(() => parseCommandLine('pixtext x', ['-o', 'a', '-o', 'b'], specs));
    usage(() => parseCommandLine('pixtext x', ['-f', '--force'], specs));
  });

  it('lets --help win over any mistake', () => {
    const parsed = parseCommandLine('pixtext x', ['--bogus', '-h'], specs);
    expect(parsed.help).toBe(true);
  });

  it('treats __proto__ as an unknown option without touching prototypes', () => {
    usage(() => parseCommandLine('pixtext x', ['--__proto__', 'x'], specs));
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('option values', () => {
  it('integerOption takes plain decimal integers in range only', () => {
    expect(integerOption('--quality', undefined, 1, 100)).toBeUndefined();
    expect(integerOption('--quality', '1', 1, 100)).toBe(1);
    expect(integerOption('--quality', '100', 1, 100)).toBe(100);
    for (const bad of ['0', '101', '-5', '7.0', '1e2', '0x10', '', ' 5', 'ten', '99999999999999999999']) {
      expect(usage(() => integerOption('--quality', bad, 1, 100)).message).toContain('for --quality');
    }
  });

  it('choiceOption lists the choices', () => {
    expect(choiceOption('--as', 'pil', ['envelope', 'pil'])).toBe('pil');
    expect(choiceOption('--as', undefined, ['envelope', 'pil'])).toBeUndefined();
    expect(usage(() => choiceOption('--as', 'PIL', ['envelope', 'pil'])).message).toBe('Expected one of envelope, pil for --as but received "PIL"');
  });

  it('singlePositional wants exactly one argument', () => {
    expect(singlePositional('pixtext info', ['a'], 'a file')).toBe('a');
    expect(usage(() => singlePositional('pixtext info', [], 'a file')).message).toBe('Expected a file for pixtext info but received nothing');
    usage(() => singlePositional('pixtext info', ['a', 'b'], 'a file'));
  });
});
