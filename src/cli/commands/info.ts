// `pixtext info`: what a text holds (dimensions, mode, encoding, sizes, checksum, metadata), read from its header
// without decoding the pixels.
import { singlePositional } from '../args.js';
import { about, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { readInputText, subjectOf, writeToStream } from '../io.js';
import { textHeader } from '../library.js';

/** `pixtext info`. */
export const infoCommand: Command = {
  name: 'info',
  summary: "Show a text's image header (size, mode, encoding, checksum) without decoding it",
  usage: ['info <text-file|-> [--json]'],
  description: [
    'Reads the header of a pixtext envelope (or another text form) and prints the image dimensions, mode, payload encoding, byte sizes, CRC-32 and metadata. The payload is not decoded: use verify to check it.',
  ],
  options: {
    json: { type: 'boolean', description: 'Print one JSON object instead of aligned lines.' },
  },
  examples: ['pixtext info photo.json', 'pixtext info photo.json --json', 'head -n 1 dataset.jsonl | pixtext info -'],
  run: async (ctx, parsed) => {
    const input = singlePositional('pixtext info', parsed.positionals, 'a text file or - for standard input');
    const subject = subjectOf(input, 'input');
    const text = await about(subject, () => readInputText(input, ctx.stdin));
    const header = await about(subject, () => textHeader(text));
    const fields: Record<string, unknown> = { file: subject, ...jsonSafe(header) };
    const out = parsed.values.json === true ? `${JSON.stringify(fields)}\n` : renderFields(fields);
    await writeToStream(ctx.stdout, out);
    return ExitCode.OK;
  },
};

/** The header as plain JSON values (byte arrays become their length, so nothing large or binary is printed). */
function jsonSafe(header: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof header !== 'object' || header === null) return out;
  for (const [key, value] of Object.entries(header)) {
    if (value === undefined || typeof value === 'function') continue;
    out[key] = ArrayBuffer.isView(value) ? { byteLength: value.byteLength } : value;
  }
  return out;
}

/** `key: value` lines with the values aligned; objects (metadata) as compact JSON. */
function renderFields(fields: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(fields).map((key) => key.length)) + 1;
  return Object.entries(fields)
    .map(([key, value]) => `${`${key}:`.padEnd(width)} ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}\n`)
    .join('');
}
