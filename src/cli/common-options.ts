// Options several commands share, with their help text and validation in one place so they read the same everywhere.
import { PIXEL_MODE_NAMES, type FormatId, type PixelMode } from '../index.js';
import { choiceOption, integerOption, usageError, type OptionSpec, type ParsedCommandLine } from './args.js';

/** `-f, --force`. */
export const FORCE: OptionSpec = { type: 'boolean', short: 'f', description: 'Replace output files that exist (never done without it).' };
/** `-j, --jobs N`. */
export const JOBS: OptionSpec = {
  type: 'string',
  short: 'j',
  valueName: 'N',
  description: 'Worker threads for a folder or dataset. Defaults to the number of CPUs available.',
};
/** `-q, --quiet`. */
export const QUIET: OptionSpec = { type: 'boolean', short: 'q', description: 'Print only failures (no progress, no summary).' };
/** `--verbose`. */
export const VERBOSE: OptionSpec = {
  type: 'boolean',
  description: 'For a folder or dataset, one line per file on stderr also when it is not a terminal (by default only failures and the summary).',
};
/** `--shard K/N`. */
export const SHARD: OptionSpec = {
  type: 'string',
  valueName: 'K/N',
  description:
    'Handle only shard K of N (1 <= K <= N): the inputs whose relative path (metadata.path), hashed with FNV-1a 32-bit over its UTF-8 bytes, is K-1 mod N. The shards 1/N to N/N split any input exactly, whatever the listing order or machine.',
};
/** `--mode M`. */
export const MODE: OptionSpec = {
  type: 'string',
  short: 'm',
  valueName: 'M',
  description: `Convert to this pixel mode first: ${PIXEL_MODE_NAMES.join(', ')}.`,
};
/** `--quality Q`. */
export const QUALITY: OptionSpec = { type: 'string', valueName: 'Q', description: 'JPEG quality, 1 to 100. Defaults to 90.' };
/** `--level L`. */
export const LEVEL: OptionSpec = { type: 'string', valueName: 'L', description: 'PNG compression level, 0 to 9. Defaults to 6.' };
/** `--jsonl`. */
export const JSONL: OptionSpec = { type: 'boolean', description: 'Treat the input as a dataset: one envelope per line.' };

/** The `--format` values, `jpg` being an alias of `jpeg`. */
export const FORMAT_CHOICES = ['png', 'jpeg', 'jpg', 'bmp', 'gif', 'webp', 'npy'] as const;

/** The validated values of the shared options. */
export interface CommonValues {
  readonly force: boolean;
  readonly quiet: boolean;
  readonly jobs: number | undefined;
  readonly verbose: boolean;
  readonly mode: PixelMode | undefined;
  readonly quality: number | undefined;
  readonly compressionLevel: number | undefined;
}

/**
 * Validates the shared options present on a command line (absent ones come back undefined or false).
 *
 * @throws UsageError in the one message form for a bad value, or for --quiet with --verbose.
 * @example
 * ```ts
 * const { mode, quality } = commonValues(parsed);
 * ```
 */
export function commonValues(parsed: ParsedCommandLine): CommonValues {
  const v = parsed.values;
  if (v.quiet === true && v.verbose === true) throw usageError('one of --quiet or --verbose', 'the progress', 'both', true);
  return {
    force: v.force === true,
    quiet: v.quiet === true,
    verbose: v.verbose === true,
    jobs: integerOption('--jobs', v.jobs, 1, 1024),
    mode: choiceOption('--mode', v.mode, PIXEL_MODE_NAMES),
    quality: integerOption('--quality', v.quality, 1, 100),
    compressionLevel: integerOption('--level', v.level, 0, 9),
  };
}

/**
 * Validates `--format` (`jpg` means `jpeg`).
 *
 * @throws UsageError for a value other than png, jpeg, jpg, bmp, gif.
 * @example
 * ```ts
 * formatValue('jpg'); // 'jpeg'
 * ```
 */
export function formatValue(value: string | boolean | undefined): FormatId | undefined {
  const format = choiceOption('--format', value, FORMAT_CHOICES);
  return format === 'jpg' ? 'jpeg' : format;
}
