// `pixtext decode`: text (or standard input) back to an image file; a JSONL dataset back to a folder of files.
import { singlePositional, usageError, type ParsedCommandLine } from '../args.js';
import { decodeDataset } from '../batch/decode-dataset.js';
import { about, type Command } from '../command.js';
import { FORCE, JOBS, JSONL, LEVEL, MODE, QUALITY, QUIET, SHARD, VERBOSE, commonValues, formatValue, type CommonValues } from '../common-options.js';
import { shardOption, type Shard } from '../batch/select.js';
import { ExitCode } from '../exit-codes.js';
import { backgroundValue } from '../background.js';
import { formatFromPath, isJsonlName, isParquetName } from '../formats.js';
import type { CliContext } from '../context.js';
import { STDIO, checkOutputFree, readInputText, subjectOf, writeOutput, type OutputTarget } from '../io.js';
import { isPixelMode, PIXEL_MODE_NAMES, type PixelMode } from '../../index.js';
import { textHeader, textToFileBytes } from '../library.js';
import { formatBytes, formatImage } from '../summary.js';

/** `pixtext decode`. */
export const decodeCommand: Command = {
  name: 'decode',
  summary: 'Turn text back into an image file, or a JSONL dataset back into a folder',
  usage: [
    'decode <text-file|-> -o <out.png|.jpg|.bmp|.gif|.webp|.npy> [--format F] [--mode M]',
    'decode <dataset.jsonl|-> -o <folder> [--jsonl] [--jobs N] [--shard K/N] [--skip-existing]',
    'decode <dataset.parquet> -o <folder> [--parquet] [--shard K/N] [--skip-existing]',
  ],
  description: [
    'Reads a pixtext envelope, Pillow dump JSON, data URL or bare base64 (from a file, or standard input for -) and writes the image. The output format comes from the -o name (.png, .jpg, .jpeg, .bmp, .gif, .webp, .npy) unless --format is given. When the text already holds a file of that format it is written byte for byte, without re-encoding.',
    'A .jsonl or .ndjson input (or any input with --jsonl) is a dataset: each line is written under the -o folder at its metadata.path, creating sub-folders. Paths that are absolute or contain .. are refused. --format then only applies to paths without an image extension. Lines that fail are reported and skipped (exit code 1).',
    'A .parquet input (or any input with --parquet) is a Parquet file in the Hugging Face datasets image layout: the bytes of each row\'s image column are written unchanged under the -o folder at its image.path, one row group at a time. Other columns are ignored; rows without bytes or with unsafe paths are reported and skipped (exit code 1).',
    'With --shard K/N, only the lines (rows) whose metadata.path (image.path) falls in shard K are written, by the same hash as encode --shard, so the shards of a dataset split it exactly. With --skip-existing, files already in the -o folder are left as they are and counted as already present, so a run cut short is finished by running it again.',
    'Existing files are never replaced without --force; every file is written to a temporary name and renamed, so an interrupted run leaves no partial file.',
  ],
  options: {
    output: { type: 'string', short: 'o', valueName: 'OUT', description: 'The image file to write (- for standard output, PNG unless --format says otherwise), or the folder for a dataset.' },
    format: { type: 'string', valueName: 'F', description: 'Output format: png, jpeg (jpg), bmp, gif, webp, npy. Defaults to the one the -o name says (png for standard output).' },
    raw: {
      type: 'string',
      valueName: 'WxH:MODE',
      description: 'The text is bare base64 of headerless pixels of this shape (numpy tobytes(), an OpenCV frame), e.g. 640x480:BGR.',
    },
    mode: MODE,
    background: {
      type: 'string',
      valueName: 'COLOR',
      description: 'Flatten transparency onto this colour where the output has none (JPEG, or a --mode without alpha): white, black, #rrggbb or r,g,b.',
    },
    quality: QUALITY,
    level: LEVEL,
    jsonl: JSONL,
    parquet: { type: 'boolean', description: 'Treat the input as a Parquet file with an image column (implied by a .parquet name).' },
    force: FORCE,
    shard: SHARD,
    'skip-existing': { type: 'boolean', description: 'For a dataset, leave output files that exist as they are (counted as already present) instead of failing on them.' },
    jobs: JOBS,
    quiet: QUIET,
    verbose: VERBOSE,
  },
  examples: [
    'pixtext decode photo.json -o photo.png',
    'pixtext decode frame.b64 --raw 640x480:BGR -o frame.png',
    'pixtext decode photo.json -o photo.jpg --quality 95',
    'pixtext decode logo.json -o logo.jpg --background white',
    'pixtext decode dataset.jsonl -o restored/',
    'pixtext decode dataset.jsonl -o restored/ --shard 1/2 --skip-existing',
    'pixtext encode photos/ --parquet -o photos.parquet && pixtext decode photos.parquet -o restored/',
    'pixtext decode - -o - < photo.json > photo.png',
  ],
  run: async (ctx, parsed) => {
    const input = singlePositional('pixtext decode', parsed.positionals, 'a text file or - for standard input');
    const common = commonValues(parsed);
    const format = formatValue(parsed.values.format);
    const background = backgroundValue(parsed.values.background);
    const output = parsed.values.output;
    if (typeof output !== 'string') throw usageError('an output file or folder', '-o', 'nothing', true);
    const shard = shardOption(parsed.values.shard);
    const skipExisting = parsed.values['skip-existing'] === true;
    if (skipExisting && common.force) throw usageError('one of --force or --skip-existing', 'pixtext decode', 'both', true);
    if (parsed.values.parquet === true || (input !== STDIO && isParquetName(input) && parsed.values.jsonl !== true)) {
      return decodeFromParquet(ctx, parsed, input, output, common, { shard, skipExisting });
    }
    const raw = rawShapeValue(parsed.values.raw);
    if (parsed.values.jsonl === true || (input !== STDIO && isJsonlName(input))) {
      if (output === STDIO) throw usageError('a folder (a dataset holds many files)', '-o', output);
      if (raw !== undefined) throw usageError('no --raw with a dataset (its lines say their own shape)', '--raw', String(parsed.values.raw));
      return decodeDataset(ctx, {
        input,
        outputDir: output,
        force: common.force,
        jobs: common.jobs ?? ctx.defaultJobs,
        quiet: common.quiet,
        fallbackFormat: format,
        mode: common.mode,
        quality: common.quality,
        compressionLevel: common.compressionLevel,
        background,
        verbose: common.verbose,
        shard,
        skipExisting,
      });
    }
    if (shard !== undefined || skipExisting) throw usageError('a dataset (.jsonl, .parquet, or --jsonl)', shard !== undefined ? '--shard' : '--skip-existing', input);
    // Standard output has no name to take a format from: PNG, the library's default, as textToFile writes.
    const outFormat = format ?? (output === STDIO ? 'png' : formatFromPath(output));
    if (outFormat === undefined) throw usageError('a name ending in .png, .jpg, .jpeg, .bmp, .gif, .webp or .npy (or --format)', '-o', output);
    if (output === STDIO && ctx.stdout.isTTY === true) throw usageError('a file (standard output is a terminal)', '-o', output);
    const target: OutputTarget = { path: output, force: common.force, temps: ctx.temps, stdout: ctx.stdout };
    const outSubject = subjectOf(output, 'output');
    await about(outSubject, () => checkOutputFree(target));
    const inSubject = subjectOf(input, 'input');
    const text = await about(inSubject, () => readInputText(input, ctx.stdin, ctx.maxStringLength));
    const bytes = await about(inSubject, () =>
      textToFileBytes(text, { format: outFormat, mode: common.mode, quality: common.quality, compressionLevel: common.compressionLevel, background, raw }),
    );
    await about(outSubject, () => writeOutput(target, bytes));
    if (output !== STDIO && !common.quiet) ctx.stderr.write(`pixtext: ${inSubject} → ${output}: ${describe(text, common.mode)}${formatBytes(bytes.length)} ${outFormat.toUpperCase()}\n`);
    return ExitCode.OK;
  },
};

/** `decode x.parquet -o <dir>`: the files go out as stored, so options that would change them are refused. */
async function decodeFromParquet(
  ctx: CliContext,
  parsed: ParsedCommandLine,
  input: string,
  output: string,
  common: CommonValues,
  batch: { shard: Shard | undefined; skipExisting: boolean },
): Promise<ExitCode> {
  if (parsed.values.jsonl !== undefined) throw usageError('one of --jsonl or --parquet', 'pixtext decode', 'both', true);
  for (const flag of ['format', 'mode', 'quality', 'level', 'jobs', 'raw'] as const) {
    const value = parsed.values[flag];
    if (value !== undefined) throw usageError('nothing (Parquet rows are written as stored)', `--${flag} with a Parquet input`, value);
  }
  if (input === STDIO) throw usageError('a file (a Parquet file is read from its end, not streamed)', 'pixtext decode --parquet', 'standard input', true);
  if (output === STDIO) throw usageError('a folder (a dataset holds many files)', '-o', output);
  const { decodeParquet } = await import('../parquet/decode-parquet.js');
  return decodeParquet(ctx, { input, outputDir: output, force: common.force, quiet: common.quiet, verbose: common.verbose, ...batch });
}

/** `--raw WxH:MODE` as a shape, e.g. `640x480:BGR`. */
function rawShapeValue(value: unknown): { width: number; height: number; mode: PixelMode } | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^([1-9]\d{0,8})[x×]([1-9]\d{0,8}):(.+)$/.exec(value) : null;
  if (match === null || !isPixelMode(match[3])) {
    throw usageError(`WIDTHxHEIGHT:MODE, e.g. 640x480:BGR (modes ${PIXEL_MODE_NAMES.join(', ')})`, '--raw', String(value));
  }
  return { width: Number(match[1]), height: Number(match[2]), mode: match[3] };
}

/** `64×64 RGBA, ` (the mode written: the converted one when --mode is given), or nothing when the header says less. */
function describe(text: string, convertedTo: string | undefined): string {
  try {
    const { width, height, mode } = textHeader(text) as { width?: unknown; height?: unknown; mode?: unknown };
    return typeof width === 'number' && typeof height === 'number' ? `${formatImage(width, height, convertedTo ?? String(mode))}, ` : '';
  } catch {
    return '';
  }
}
