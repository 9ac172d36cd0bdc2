// `pixtext info dataset.jsonl`: the headers of a JSONL dataset, read line by line (never whole) on the main thread,
// since a header is read without decoding its payload. Prints a summary (count, sizes, modes, encodings), or with
// --lines one header per line; bad lines are reported on stderr with their line number.
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { about } from '../command.js';
import { subjectOf, writeToStream } from '../io.js';
import { orderedFields, renderLines, toJson } from '../info-fields.js';
import { textHeader } from '../library.js';
import { FileError, formatFailure } from '../report.js';
import { formatBytes } from '../summary.js';
import { jsonlLines, openJsonlInput } from './jsonl-lines.js';
import { lineText } from './tasks.js';

/** Settings of {@link infoDataset}. */
export interface InfoDatasetOptions {
  /** A JSONL file, or `-` for standard input. */
  readonly input: string;
  /** Print JSON (one object, or one per line with `lines`) instead of aligned text. */
  readonly json: boolean;
  /** One header per dataset line instead of the summary. */
  readonly lines: boolean;
  /** Lines longer than this are reported and skipped without being held (the engine's longest string). */
  readonly maxLineBytes: number;
}

// Distinct sizes, modes… listed in the summary; the rest are counted as "N more".
const MAX_LISTED = 12;

/**
 * Reads every header of a dataset and prints them, or a summary of them.
 *
 * @returns {@link ExitCode.OK}, or {@link ExitCode.BAD_INPUT} when a line is not a readable text.
 * @throws Node system errors for the input itself.
 * @example
 * ```ts
 * await infoDataset(ctx, { input: 'dataset.jsonl', json: false, lines: false, maxLineBytes: 1 << 29 });
 * ```
 */
export async function infoDataset(ctx: CliContext, options: InfoDatasetOptions): Promise<ExitCode> {
  const label = subjectOf(options.input, 'input');
  const { stream } = await about(label, () => openJsonlInput(options.input, ctx.stdin));
  const tally = { images: 0, failed: 0, textBytes: 0, payloadBytes: 0 };
  const sizes = new Map<string, number>();
  const modes = new Map<string, number>();
  const encodings = new Map<string, number>();
  await about(label, async () => {
    for await (const line of jsonlLines(stream, options.maxLineBytes)) {
      try {
        if ('tooLong' in line) throw new FileError('ERR_TOO_LARGE', `the line is ${line.tooLong} bytes, longer than the longest text this engine can parse`);
        const header = textHeader(lineText(line.bytes));
        tally.images += 1;
        tally.textBytes += line.bytes.length;
        tally.payloadBytes += header.byteLength;
        count(sizes, `${header.width}×${header.height}`);
        count(modes, header.mode);
        count(encodings, header.encoding);
        if (options.lines) {
          const fields = orderedFields({ file: label, line: line.lineNumber }, header);
          await writeToStream(ctx.stdout, options.json ? `${toJson(fields)}\n` : `${renderLines(fields)}\n`);
        }
      } catch (error) {
        tally.failed += 1;
        ctx.stderr.write(`pixtext info: ${formatFailure(`${label}:${line.lineNumber}`, error)}\n`);
      }
    }
  });
  if (!options.lines) {
    const summary: Record<string, unknown> = {
      file: label,
      images: tally.images,
      failed: tally.failed,
      textLength: tally.textBytes,
      byteLength: tally.payloadBytes,
      sizes: Object.fromEntries(sizes),
      modes: Object.fromEntries(modes),
      encodings: Object.fromEntries(encodings),
    };
    await writeToStream(ctx.stdout, options.json ? `${toJson(summary)}\n` : renderSummary(summary, sizes, modes, encodings));
  }
  return tally.failed > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function renderSummary(summary: Record<string, unknown>, sizes: Map<string, number>, modes: Map<string, number>, encodings: Map<string, number>): string {
  return renderLines({
    file: summary.file,
    images: summary.images,
    failed: summary.failed,
    // Bytes of UTF-8 text: the same count as characters for the ASCII envelopes pixtext writes.
    textSize: formatBytes(summary.textLength as number),
    byteLength: summary.byteLength,
    sizes: listed(sizes),
    modes: listed(modes),
    encodings: listed(encodings),
  });
}

/** `32×32 ×18, 127×64 ×10`, most frequent first, at most {@link MAX_LISTED} of them. */
function listed(map: Map<string, number>): string {
  if (map.size === 0) return 'none';
  const entries = [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = entries.slice(0, MAX_LISTED).map(([key, n]) => `${key} ×${n}`);
  if (entries.length > MAX_LISTED) shown.push(`${entries.length - MAX_LISTED} more`);
  return shown.join(', ');
}
