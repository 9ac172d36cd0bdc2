// `pixtext info`: what a text holds (dimensions, mode, encoding, sizes, checksum, metadata), read from its header
// without decoding the pixels; for a JSONL dataset, a summary of its lines or each line's header.
import { singlePositional } from '../args.js';
import { infoDataset } from '../batch/info-dataset.js';
import { about, type Command } from '../command.js';
import { JSONL } from '../common-options.js';
import { ExitCode } from '../exit-codes.js';
import { isJsonlName } from '../formats.js';
import { orderedFields, renderLines, toJson } from '../info-fields.js';
import { STDIO, readInputText, sizeOver, subjectOf, writeToStream } from '../io.js';
import { textHeader, type TextHeader } from '../library.js';
import { readTextHead } from '../text-head.js';
import type { CliContext } from '../context.js';

/** `pixtext info`. */
export const infoCommand: Command = {
  name: 'info',
  summary: "Show a text's image header (size, mode, encoding, checksum) without decoding it",
  usage: ['info <text-file|-> [--json]', 'info <dataset.jsonl|-> [--jsonl] [--lines] [--json]'],
  description: [
    'Reads the header of a pixtext envelope (or another text form) and prints the image dimensions, mode, payload encoding, byte sizes, CRC-32 and metadata, always in that order. The payload is not decoded: use verify to check it. An envelope longer than one string is read up to its data.',
    'A .jsonl or .ndjson input (or any input with --jsonl) is a dataset: info prints how many images it holds, their text and payload sizes, and how many of each size, mode and encoding; with --lines, the header of every line instead. Lines that cannot be read are reported (exit code 1).',
  ],
  options: {
    json: { type: 'boolean', description: 'Print JSON instead of aligned lines: one object, or one per dataset line with --lines.' },
    jsonl: JSONL,
    lines: { type: 'boolean', description: 'For a dataset, print the header of every line instead of the summary.' },
  },
  examples: [
    'pixtext info photo.json',
    'pixtext info photo.json --json',
    'pixtext info dataset.jsonl',
    'pixtext info dataset.jsonl --lines --json',
    'head -n 1 dataset.jsonl | pixtext info -',
  ],
  run: async (ctx, parsed) => {
    const input = singlePositional('pixtext info', parsed.positionals, 'a text file or - for standard input');
    const json = parsed.values.json === true;
    if (parsed.values.jsonl === true || (input !== STDIO && isJsonlName(input))) {
      return infoDataset(ctx, { input, json, lines: parsed.values.lines === true, maxLineBytes: ctx.maxStringLength });
    }
    const subject = subjectOf(input, 'input');
    const header = await about(subject, () => readHeader(ctx, input));
    const fields = orderedFields({ file: subject }, header);
    await writeToStream(ctx.stdout, json ? `${toJson(fields)}\n` : renderLines(fields));
    return ExitCode.OK;
  },
};

/** The header of a text file or standard input; a file longer than one string is read up to its envelope's data. */
async function readHeader(ctx: CliContext, input: string): Promise<TextHeader> {
  if ((await sizeOver(input, ctx.maxStringLength)) !== undefined) {
    const head = await readTextHead(input);
    return { ...textHeader(head.text), textLength: head.length };
  }
  return textHeader(await readInputText(input, ctx.stdin, ctx.maxStringLength));
}
