// The shape every subcommand module exports, and the error wrapper that lets a failure say which file it concerns.
import type { OptionSpecs, ParsedCommandLine } from './args.js';
import type { CliContext } from './context.js';
import type { ExitCode } from './exit-codes.js';

/** One `pixtext <name>` subcommand: its help text, its options and what it does. */
export interface Command {
  readonly name: string;
  /** One line for `pixtext --help`. */
  readonly summary: string;
  /** Usage lines, without the leading `pixtext `. */
  readonly usage: readonly string[];
  /** Paragraphs explaining the command. */
  readonly description: readonly string[];
  readonly options: OptionSpecs;
  /** Example shell command lines, complete (pipes included) so that each runs as printed. */
  readonly examples: readonly string[];
  run(ctx: CliContext, parsed: ParsedCommandLine): Promise<ExitCode>;
}

/**
 * A failure tied to the file (or `line N of x.jsonl`) it concerns; the CLI prints `<subject>: <message> (<CODE>)`.
 *
 * @example
 * ```ts
 * throw new SubjectError('photo.json', new PixtextError('ERR_CHECKSUM', '…'));
 * ```
 */
export class SubjectError extends Error {
  override readonly name = 'SubjectError';

  constructor(
    readonly subject: string,
    override readonly cause: unknown,
  ) {
    super(subject);
  }
}

/**
 * Runs `step`, tagging any error it throws with `subject`.
 *
 * @throws SubjectError wrapping what `step` threw.
 * @example
 * ```ts
 * const bytes = await about('photo.png', () => readFile('photo.png'));
 * ```
 */
export async function about<T>(subject: string, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof SubjectError) throw error;
    throw new SubjectError(subject, error);
  }
}
