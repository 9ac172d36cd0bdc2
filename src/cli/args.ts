// Command-line parsing on top of node:util parseArgs. parseArgs runs non-strict with tokens so that every mistake
// (unknown option, missing or unexpected value, wrong count of arguments) is reported in the one message form
// `Expected <what> for <option> but received <value>`, rather than in parseArgs' own wording.
import { parseArgs } from 'node:util';
import { describeValue } from '../internal.js';

/**
 * A mistake on the command line. The CLI prints its message and exits with code 2 (usage).
 *
 * @example
 * ```ts
 * throw new UsageError('Expected an integer from 1 to 100 for --quality but received "x"');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Builds a {@link UsageError} in the one message form. `received` is either a value (rendered quoted, briefly) or,
 * when `asPhrase` is true, a phrase used as is (such as "nothing").
 *
 * @example
 * ```ts
 * usageError('an integer from 0 to 9', '--level', '12'); // Expected an integer from 0 to 9 for --level but received "12"
 * ```
 */
export function usageError(what: string, option: string, received: unknown, asPhrase = false): UsageError {
  const value = asPhrase ? String(received) : describeValue(received);
  return new UsageError(`Expected ${what} for ${option} but received ${value}`);
}

/** One option of a command: a flag (`boolean`) or an option taking one value (`string`). */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One-letter alias, without the dash. */
  readonly short?: string;
  /** Placeholder for the value in help text, e.g. `Q`. */
  readonly valueName?: string;
  /** One line for the help text. */
  readonly description: string;
}

/** The options of one command, by long name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What the command line said: option values by long name (last wins is not allowed: see {@link parseCommandLine}). */
export interface ParsedCommandLine {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  /** True when `--help`/`-h` appeared anywhere; the caller prints help and ignores everything else. */
  readonly help: boolean;
}

/**
 * Parses `argv` (the arguments after the command name) against `specs`. `--help`/`-h` is always accepted.
 *
 * @param command - the command's name as the user typed it, e.g. `pixtext encode`, for messages.
 * @throws UsageError for an unknown option, a string option without a value (or whose value looks like another
 *   option: write `--output=-x` for that), a flag given a value, or an option given twice.
 * @example
 * ```ts
 * parseCommandLine('pixtext info', ['a.json', '--json'], { json: { type: 'boolean', description: '…' } });
 * // → { values: { json: true }, positionals: ['a.json'], help: false }
 * ```
 */
export function parseCommandLine(command: string, argv: readonly string[], specs: OptionSpecs): ParsedCommandLine {
  const all: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(specs)) {
    all[name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  const { tokens } = parseArgs({ args: [...argv], options: all, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean | undefined> = Object.create(null) as Record<string, string | boolean | undefined>;
  const positionals: string[] = [];
  let help = false;
  const problems: UsageError[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    if (token.name === 'help') {
      help = true;
      continue;
    }
    const spec = Object.prototype.hasOwnProperty.call(specs, token.name) ? specs[token.name] : undefined;
    if (spec === undefined) {
      problems.push(usageError(`one of ${optionList(specs)}`, `an option of ${command}`, token.rawName));
      continue;
    }
    const label = `--${token.name}`;
    if (spec.type === 'boolean') {
      if (token.value !== undefined) problems.push(usageError('no value', label, token.value));
      else if (values[token.name] !== undefined) problems.push(usageError('at most one', label, 'it twice', true));
      else values[token.name] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined) {
      problems.push(usageError(`a value`, label, 'nothing', true));
    } else if (!token.inlineValue && value.length > 1 && value.startsWith('-')) {
      // parseArgs took the next option as this one's value: almost always a forgotten value.
      problems.push(usageError(`a value (write ${label}=${value} if you mean it)`, label, `the option ${value}`, true));
    } else if (values[token.name] !== undefined) {
      problems.push(usageError('one value', label, `${describeValue(values[token.name])} and ${describeValue(value)}`, true));
    } else {
      values[token.name] = value;
    }
  }
  if (!help && problems[0] !== undefined) throw problems[0];
  return { values, positionals, help };
}

function optionList(specs: OptionSpecs): string {
  return ['--help', ...Object.keys(specs).map((name) => `--${name}`)].join(', ');
}

/**
 * Checks that exactly one positional argument was given and returns it.
 *
 * @throws UsageError naming what was expected.
 * @example
 * ```ts
 * const input = singlePositional('pixtext info', parsed.positionals, 'a text file or - for standard input');
 * ```
 */
export function singlePositional(command: string, positionals: readonly string[], what: string): string {
  const [first, ...rest] = positionals;
  if (first === undefined) throw usageError(what, command, 'nothing', true);
  if (rest.length > 0) throw usageError(`only ${what}`, command, positionals.map((p) => describeValue(p)).join(', '), true);
  return first;
}

/**
 * Checks that `value` (if given) is one of `choices`.
 *
 * @throws UsageError `Expected one of a, b, c for --option but received "x"`.
 * @example
 * ```ts
 * const as = choiceOption('--as', parsed.values.as, ['envelope', 'data-url'] as const) ?? 'envelope';
 * ```
 */
export function choiceOption<T extends string>(option: string, value: string | boolean | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw usageError(`one of ${choices.join(', ')}`, option, value);
}

/**
 * Parses an integer option within `[min, max]` (decimal digits only: `1e2`, `0x10`, `7.0` are refused).
 *
 * @throws UsageError `Expected an integer from min to max for --option but received "x"`.
 * @example
 * ```ts
 * const quality = integerOption('--quality', parsed.values.quality, 1, 100); // undefined when not given
 * ```
 */
export function integerOption(option: string, value: string | boolean | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const range = max === Number.MAX_SAFE_INTEGER ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) throw usageError(range, option, value);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw usageError(range, option, value);
  return n;
}
