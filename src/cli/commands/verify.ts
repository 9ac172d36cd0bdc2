// `pixtext verify`: decode a text fully (base64, byte length, CRC-32, the embedded file) and say whether it is
// intact; a JSONL dataset is checked line by line on worker threads.
import { singlePositional } from '../args.js';
import { verifyDataset } from '../batch/decode-dataset.js';
import { about, type Command } from '../command.js';
import { JOBS, JSONL, QUIET, VERBOSE, commonValues } from '../common-options.js';
import { ExitCode } from '../exit-codes.js';
import { isJsonlName } from '../formats.js';
import { STDIO, readInputText, sizeOver, subjectOf, writeToStream } from '../io.js';
import { verifyText, verifyTextFile } from '../library.js';
import { formatImage } from '../summary.js';

/** `pixtext verify`. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check that a text (or every line of a dataset) decodes intact',
  usage: ['verify <text-file|-> [--quiet]', 'verify <dataset.jsonl|-> [--jsonl] [--jobs N]'],
  description: [
    'Decodes the text completely: base64, the declared byte length, the CRC-32 and, for an embedded PNG, JPEG, BMP, GIF, WebP or npy file, the file itself. Exit code 0 when intact, 1 when not, with the reason. An envelope longer than one string is read in pieces.',
    'A .jsonl or .ndjson input (or any input with --jsonl) is checked line by line; every bad line is reported.',
  ],
  options: { jsonl: JSONL, jobs: JOBS, quiet: QUIET, verbose: VERBOSE },
  examples: ['pixtext verify photo.json', 'pixtext verify dataset.jsonl --jobs 8', 'cat photo.json | pixtext verify -'],
  run: async (ctx, parsed) => {
    const input = singlePositional('pixtext verify', parsed.positionals, 'a text file or - for standard input');
    const common = commonValues(parsed);
    if (parsed.values.jsonl === true || (input !== STDIO && isJsonlName(input))) {
      return verifyDataset(ctx, { input, jobs: common.jobs ?? ctx.defaultJobs, quiet: common.quiet, verbose: common.verbose });
    }
    const subject = subjectOf(input, 'input');
    // A file longer than one string is an envelope read in pieces (any other form must fit in one string).
    const image = await about(subject, async () =>
      (await sizeOver(input, ctx.maxStringLength)) !== undefined
        ? verifyTextFile(input, ctx.maxStringLength)
        : verifyText(await readInputText(input, ctx.stdin, ctx.maxStringLength)),
    );
    if (!common.quiet) await writeToStream(ctx.stdout, `${subject}: ok, ${formatImage(image.width, image.height, image.mode)}\n`);
    return ExitCode.OK;
  },
};
