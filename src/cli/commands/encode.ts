// `pixtext encode`: an image file (or standard input) to text; a folder to a JSONL dataset.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { MODEL_PRESETS, type PresetName } from '../../index.js';
import { choiceOption, integerOption, singlePositional, usageError, type ParsedCommandLine } from '../args.js';
import { encodeFolder } from '../batch/encode-folder.js';
import { IMAGE_EXTENSIONS, type FoundFile } from '../batch/walk.js';
import { filesFromList, shardOption, type Shard } from '../batch/select.js';
import { about, type Command } from '../command.js';
import { FORCE, JOBS, JSONL, LEVEL, MODE, QUALITY, QUIET, SHARD, VERBOSE, commonValues, type CommonValues } from '../common-options.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { STDIO, checkOutputFree, readAll, readInputBytes, subjectOf, writeOutput, type OutputTarget } from '../io.js';
import { fileToText, textHeader, type TextOptions } from '../library.js';
import { formatBytes, formatImage } from '../summary.js';
import { DEFAULT_ROW_GROUP_ROWS, MAX_ROW_GROUP_BYTES } from '../parquet/limits.js';

/** The `--as` values: the text forms of docs/ARCHITECTURE.md#public-api. */
export const AS_CHOICES = ['envelope', 'data-url', 'base64', 'pil', 'anthropic', 'openai', 'mcp'] as const;
/** The `--encoding` values: what an envelope carries. */
export const ENCODING_CHOICES = ['raw', 'png', 'jpeg', 'bmp', 'gif', 'webp', 'npy', 'original'] as const;
/** The `--check` values: how a file carried as it is gets checked. */
export const CHECK_CHOICES = ['decode', 'header'] as const;

/** Parses `--fit WxH` (two integers from 1 to 2147483647 joined by x). */
function fitOption(value: string | boolean | undefined): { width: number; height: number } | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(\d{1,10})x(\d{1,10})$/.exec(value) : null;
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (match === null || width < 1 || height < 1 || width > 0x7fff_ffff || height > 0x7fff_ffff) {
    throw usageError('WxH, two integers from 1 to 2147483647 such as 1568x1568', '--fit', value);
  }
  return { width, height };
}

/** `pixtext encode`. */
export const encodeCommand: Command = {
  name: 'encode',
  summary: 'Turn an image file (PNG, JPEG, BMP, GIF, WebP) or a folder of them into text',
  usage: [
    'encode <file|-> [-o out] [--as FORM] [--encoding E] [--mode M] [--fit WxH] [--quality Q] [--level L]',
    'encode <folder> --jsonl [-o dataset.jsonl] [--jobs N] [--shard K/N] [--skip-existing]',
    'encode <folder> --files-from <list|-> [-o dataset.jsonl] [--shard K/N]',
    'encode <folder> --parquet -o dataset.parquet [--row-group-size N]',
  ],
  description: [
    'Reads an image file (or standard input for -) and writes its text: a pixtext envelope by default, or a data URL, bare base64, the Pillow dump JSON, or a model API image block (anthropic, openai, mcp: the file itself when the model takes its format, else a PNG). The format is recognised from the bytes, never from the name. Output goes to standard output unless -o names a file; when standard output is a terminal, give -o (-o - prints there anyway).',
    `With a folder and --jsonl, every ${IMAGE_EXTENSIONS.map((e) => `.${e}`).join(' ')} file under it (sorted by path) becomes one envelope per line, carrying the file unchanged (so decode gives back the identical file), with metadata.path holding its relative path; files that fail are reported and skipped (exit code 1). Symbolic links to files inside the folder are followed; a link leading outside it is refused unless --follow-links is given.`,
    'With --files-from, the files are the paths of a list (a file, or standard input for -), one per line, relative to the folder argument (never to the current folder) and recorded as metadata.path; they are encoded in the list\'s order whatever their extension, and the output is JSONL (or Parquet with --parquet). Windows line ends and empty lines are ignored; a line that is not a plain relative path (absolute, with a .. segment, a backslash or a control character, not UTF-8) or a path listed twice stops the run before anything is written. It makes encode a filter: paths in, JSONL out, as a Spark rdd.pipe or Hadoop Streaming stage.',
    'With --shard K/N, only the inputs of shard K are encoded (see --shard below), so N machines can each take one share of a folder or list. With --skip-existing and -o FILE, the output is written in place and appended to: a run that was cut short keeps its complete lines (a cut last line is dropped), files whose paths are there already are left out, and the rest are added, so running the same command again finishes the job.',
    `With a folder and --parquet, the same files become the rows of a Parquet file in the Hugging Face datasets image layout: a column image of struct {bytes, path} holding each file unchanged and its relative path, and columns width, height (int32), mode and format (string). Rows are written one row group at a time (--row-group-size rows, or ${MAX_ROW_GROUP_BYTES / 2 ** 20} MiB of files, whichever comes first), so memory follows the row group, not the folder.`,
  ],
  options: {
    output: { type: 'string', short: 'o', valueName: 'FILE', description: 'Write here instead of standard output (- means standard output).' },
    as: { type: 'string', valueName: 'FORM', description: `Text form: ${AS_CHOICES.join(', ')}. Defaults to envelope.` },
    encoding: {
      type: 'string',
      short: 'e',
      valueName: 'E',
      description: `What the text carries: ${ENCODING_CHOICES.join(', ')} (the file's own bytes). Defaults to original: the file travels unchanged and decodes back to the identical file. With --mode or a --fit that resizes, an envelope holds raw pixels and the other forms a PNG (a JPEG made smaller stays JPEG); pil is always raw.`,
    },
    check: {
      type: 'string',
      valueName: 'C',
      description: `How a file carried as it is (--encoding original) is checked: decode (the default) decodes it once, so a damaged file fails instead of giving a text that looks fine; header reads only its header (faster, for files already known to be good).`,
    },
    mode: MODE,
    fit: {
      type: 'string',
      valueName: 'WxH',
      description: "Shrink to fit inside W×H pixels (e.g. 1568x1568), keeping the aspect ratio and never enlarging, as Pillow's thumbnail(). Not with --encoding original.",
    },
    'max-text-length': {
      type: 'string',
      valueName: 'N',
      description: 'The longest text to write, in characters: JPEG quality, then size, is reduced to fit (a lossless payload is made smaller only).',
    },
    preset: {
      type: 'string',
      valueName: 'P',
      description: `A model API's limits: ${Object.keys(MODEL_PRESETS).join(', ')} (its image block, box and text budget; --as, --fit and --max-text-length override).`,
    },
    quality: QUALITY,
    level: LEVEL,
    jsonl: { ...JSONL, description: 'Write a dataset: one envelope per line with metadata.path (a folder needs this or --parquet).' },
    parquet: { type: 'boolean', description: 'Write a folder as a Parquet file (Hugging Face image layout) to the -o file.' },
    'row-group-size': {
      type: 'string',
      valueName: 'N',
      description: `Rows per Parquet row group, 1 to 1000000. Defaults to ${DEFAULT_ROW_GROUP_ROWS}, as Hugging Face datasets uses for images.`,
    },
    'files-from': {
      type: 'string',
      valueName: 'LIST',
      description: 'Encode the files named in LIST (- for standard input), one path per line relative to the folder argument, in that order, as JSONL.',
    },
    shard: SHARD,
    'skip-existing': {
      type: 'boolean',
      description: 'Resume into the -o JSONL file: keep its complete lines, drop a cut last line, encode only the files it lacks and append them.',
    },
    'follow-links': { type: 'boolean', description: 'For a folder, also read files behind symbolic links that lead outside it (refused by default).' },
    force: FORCE,
    jobs: JOBS,
    quiet: QUIET,
    verbose: VERBOSE,
  },
  examples: [
    'pixtext encode photo.png -o photo.json',
    'pixtext encode photo.jpg --as data-url',
    'pixtext encode photo.jpg --fit 1568x1568 --encoding jpeg',
    'pixtext encode scan.bmp --encoding png --level 9 -o scan.json',
    'pixtext encode photos/ --jsonl -o dataset.jsonl',
    'pixtext encode photos/ --parquet -o photos.parquet',
    'pixtext encode photos/ --jsonl --shard 2/4 -o part-2.jsonl',
    'pixtext encode photos/ --jsonl --skip-existing -o dataset.jsonl',
    "printf 'basn0g08.png\\nbasn3p04.png\\n' | pixtext encode photos/ --files-from - > part.jsonl",
    'pixtext encode - --as base64 < photo.png',
    'pixtext encode photo.jpg --as anthropic -o block.json',
    'pixtext encode photo.jpg --preset anthropic -o block.json',
    'pixtext encode photo.jpg --as openai --max-text-length 200000',
  ],
  run: async (ctx, parsed) => {
    const input = singlePositional('pixtext encode', parsed.positionals, 'an image file, a folder or - for standard input');
    const common = commonValues(parsed);
    const text: TextOptions = {
      as: choiceOption('--as', parsed.values.as, AS_CHOICES),
      encoding: choiceOption('--encoding', parsed.values.encoding, ENCODING_CHOICES),
      mode: common.mode,
      fit: fitOption(parsed.values.fit),
      maxTextLength: integerOption('--max-text-length', parsed.values['max-text-length'], 1, Number.MAX_SAFE_INTEGER),
      preset: choiceOption('--preset', parsed.values.preset, Object.keys(MODEL_PRESETS) as PresetName[]),
      quality: common.quality,
      compressionLevel: common.compressionLevel,
      check: choiceOption('--check', parsed.values.check, CHECK_CHOICES),
    };
    const output = typeof parsed.values.output === 'string' ? parsed.values.output : STDIO;
    const jsonl = parsed.values.jsonl === true;
    const parquet = parsed.values.parquet === true;
    const rowGroupRows = integerOption('--row-group-size', parsed.values['row-group-size'], 1, 1_000_000);
    const batch = await batchInputs(ctx, parsed, input, output, common);
    if (parquet || rowGroupRows !== undefined) return encodeToParquet(ctx, parsed, input, output, common, rowGroupRows, batch);
    const dataset = jsonl || batch.files !== undefined;
    if (dataset && text.as !== undefined && text.as !== 'envelope') throw usageError('envelope (a dataset holds envelopes)', '--as with --jsonl', text.as);
    if (dataset && text.preset !== undefined && text.as !== 'envelope') {
      throw usageError('--as envelope alongside (a dataset holds envelopes)', '--preset with --jsonl', text.preset);
    }
    if (input !== STDIO && isFolder(input)) {
      if (!jsonl && batch.files === undefined) throw usageError('a file or - (or a folder with --jsonl or --parquet)', 'pixtext encode', `the folder ${JSON.stringify(input)}`, true);
      return encodeFolder(ctx, {
        folder: input,
        output,
        force: common.force,
        jobs: common.jobs ?? ctx.defaultJobs,
        quiet: common.quiet,
        text,
        followLinks: parsed.values['follow-links'] === true,
        verbose: common.verbose,
        ...batch,
      });
    }
    if (batch.shard !== undefined || batch.skipExisting) throw usageError('a folder (one file needs no sharding or resuming)', batch.shard !== undefined ? '--shard' : '--skip-existing', input);
    if (jsonl && input === STDIO) throw usageError('a file or a folder (a dataset line records its file name)', 'pixtext encode --jsonl', 'standard input', true);
    // A text is one line of tens of kilobytes or more: printed to a terminal by accident it floods it. Pipes and
    // redirections are unchanged, and -o - asks for the terminal anyway.
    if (parsed.values.output === undefined && ctx.stdout.isTTY === true) {
      const suggestion = input === STDIO ? 'image.json' : `${basename(input).replace(/\.[^.]*$/, '')}.json`;
      throw usageError(`-o ${suggestion} (or -o - to print the text to this terminal)`, 'the output', 'a terminal', true);
    }
    const target: OutputTarget = { path: output, force: common.force, temps: ctx.temps, stdout: ctx.stdout };
    const outSubject = subjectOf(output, 'output');
    await about(outSubject, () => checkOutputFree(target));
    const inSubject = subjectOf(input, 'input');
    const bytes = await about(inSubject, () => readInputBytes(input, ctx.stdin));
    const result = await about(inSubject, () => fileToText(bytes, text, jsonl ? { path: basename(input) } : undefined));
    await about(outSubject, () => writeOutput(target, [result, '\n']));
    if (output !== STDIO && !common.quiet) {
      ctx.stderr.write(`pixtext: ${inSubject} → ${output}: ${describeImage(result)}${formatBytes(bytes.length)} → ${formatBytes(result.length + 1)} of text\n`);
    }
    return ExitCode.OK;
  },
};

/** `encode <folder> --parquet`: the options a Parquet file has no use for are refused rather than ignored. */
async function encodeToParquet(
  ctx: CliContext,
  parsed: ParsedCommandLine,
  input: string,
  output: string,
  common: CommonValues,
  rowGroupRows: number | undefined,
  batch: BatchInputs,
): Promise<ExitCode> {
  if (parsed.values.parquet !== true) throw usageError('--parquet (row groups are a Parquet setting)', '--row-group-size', parsed.values['row-group-size']);
  if (parsed.values.jsonl !== undefined) throw usageError('one of --jsonl or --parquet', 'pixtext encode', 'both', true);
  if (batch.skipExisting) throw usageError('a JSONL output (a Parquet file is written whole, not appended to)', '--skip-existing', 'a Parquet output', true);
  for (const flag of ['as', 'encoding', 'mode', 'fit', 'quality', 'level', 'jobs', 'check'] as const) {
    const value = parsed.values[flag];
    if (value !== undefined) throw usageError('nothing (a Parquet row stores the file unchanged)', `--${flag} with --parquet`, value);
  }
  if (input === STDIO || !isFolder(input)) throw usageError('a folder (a Parquet dataset holds many files)', 'pixtext encode --parquet', input);
  if (output === STDIO) throw usageError('a file name (a Parquet file cannot be streamed to standard output)', '-o', output);
  const { encodeParquet } = await import('../parquet/encode-parquet.js');
  return encodeParquet(ctx, {
    folder: input,
    output,
    force: common.force,
    quiet: common.quiet,
    verbose: common.verbose,
    rowGroupRows: rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS,
    files: batch.files,
    shard: batch.shard,
  });
}

/** What `--files-from`, `--shard` and `--skip-existing` say about a folder encode. */
interface BatchInputs {
  readonly files: readonly FoundFile[] | undefined;
  readonly shard: Shard | undefined;
  readonly skipExisting: boolean;
}

/** Reads and checks the batch options; the list of `--files-from` is read whole before any work starts. */
async function batchInputs(ctx: CliContext, parsed: ParsedCommandLine, input: string, output: string, common: CommonValues): Promise<BatchInputs> {
  const shard = shardOption(parsed.values.shard);
  const skipExisting = parsed.values['skip-existing'] === true;
  if (skipExisting && output === STDIO) throw usageError('-o FILE (what is resumed is the output file)', '--skip-existing', 'standard output', true);
  if (skipExisting && common.force) throw usageError('one of --force or --skip-existing', 'pixtext encode', 'both', true);
  const listName = parsed.values['files-from'];
  if (listName === undefined) return { files: undefined, shard, skipExisting };
  if (typeof listName !== 'string') throw usageError('a list file or -', '--files-from', listName);
  if (input === STDIO || !isFolder(input)) throw usageError('a folder (the listed paths are relative to it)', 'pixtext encode --files-from', input);
  const label = listName === STDIO ? 'standard input' : listName;
  const list = await about(label, () => (listName === STDIO ? readAll(ctx.stdin) : readFile(listName)));
  const files = await about(label, () => filesFromList(list, input));
  return { files, shard, skipExisting };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // A missing input is reported when it is read, with its system error code.
    return false;
  }
}

/** `64×64 RGBA, ` from the text's header, or nothing for forms whose header says less. */
function describeImage(text: string): string {
  try {
    const { width, height, mode } = textHeader(text) as { width?: unknown; height?: unknown; mode?: unknown };
    return typeof width === 'number' && typeof height === 'number' ? `${formatImage(width, height, String(mode))}, ` : '';
  } catch {
    return '';
  }
}
