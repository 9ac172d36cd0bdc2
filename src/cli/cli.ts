// The `pixtext` command: picks the subcommand, parses its options, runs it, and turns every outcome into one
// message on stderr and an exit code (0 ok, 1 bad input, 2 usage).

import { UsageError, parseCommandLine, usageError } from './args.js';
import { SubjectError, type Command } from './command.js';
import { decodeCommand } from './commands/decode.js';
import { encodeCommand } from './commands/encode.js';
import { infoCommand } from './commands/info.js';
import { verifyCommand } from './commands/verify.js';
import type { CliContext } from './context.js';
import { ExitCode } from './exit-codes.js';
import { commandHelp, mainHelp } from './help.js';
import { describeFailure, formatFailure } from './report.js';

/** Every subcommand, in the order help lists them. */
export const COMMANDS: readonly Command[] = [encodeCommand, decodeCommand, infoCommand, verifyCommand];

/**
 * Runs `pixtext` with `argv` (the arguments after the program name) and returns the exit code. Never throws.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), context, '0.1.0');
 * ```
 */
export async function runCli(argv: readonly string[], ctx: CliContext, version: string): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    ctx.stderr.write(mainHelp(COMMANDS, version));
    return ExitCode.USAGE;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    ctx.stdout.write(topic === undefined ? mainHelp(COMMANDS, version) : commandHelp(topic));
    return ExitCode.OK;
  }
  if (first === '--version' || first === '-v') {
    ctx.stdout.write(`${version}\n`);
    return ExitCode.OK;
  }
  const command = COMMANDS.find((c) => c.name === first);
  const prefix = command === undefined ? 'pixtext' : `pixtext ${command.name}`;
  try {
    if (command === undefined) {
      const names = [...COMMANDS.map((c) => c.name), '--help', '--version'].join(', ');
      throw usageError(`one of ${names}`, 'the command', first);
    }
    const parsed = parseCommandLine(prefix, rest, command.options);
    if (parsed.help) {
      ctx.stdout.write(commandHelp(command));
      return ExitCode.OK;
    }
    return await command.run(ctx, parsed);
  } catch (error) {
    return report(ctx, prefix, error);
  }
}

// Library option names as the command line spells them, for option combinations the library refuses.
const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  as: '--as',
  encoding: '--encoding',
  mode: '--mode',
  quality: '--quality',
  compressionLevel: '--level',
  format: '--format',
};

function report(ctx: CliContext, prefix: string, error: unknown): ExitCode {
  if (error instanceof UsageError) {
    ctx.stderr.write(`${prefix}: ${error.message}\nRun '${prefix} --help' for usage.\n`);
    return ExitCode.USAGE;
  }
  const subject = error instanceof SubjectError ? error.subject : undefined;
  const cause = error instanceof SubjectError ? error.cause : error;
  // The library refuses some option combinations (say --as pil with --encoding png): a usage error, named by flag.
  if (describeFailure(cause).code === 'ERR_INVALID_ARGUMENT') {
    const message = describeFailure(cause).message.replace(/ for (\w+) but received /, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(FLAG_OF_OPTION, name) ? ` for ${FLAG_OF_OPTION[name]} but received ` : whole,
    );
    ctx.stderr.write(`${prefix}: ${message}\nRun '${prefix} --help' for usage.\n`);
    return ExitCode.USAGE;
  }
  const line = subject === undefined ? `${describeFailure(cause).message} (${describeFailure(cause).code})` : formatFailure(subject, cause);
  ctx.stderr.write(`${prefix}: ${line}\n`);
  if (process.env.PIXTEXT_DEBUG && cause instanceof Error && cause.stack) ctx.stderr.write(`${cause.stack}\n`);
  return ExitCode.BAD_INPUT;
}
