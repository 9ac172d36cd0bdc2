/**
 * Process exit codes of the `pixtext` command. Scripts can rely on them: they are part of the CLI's contract.
 *
 * @example
 * ```ts
 * process.exitCode = ExitCode.USAGE;
 * ```
 */
export const ExitCode = {
  /** Everything asked for was done. */
  OK: 0,
  /** Bad input: an unreadable or corrupt file, a failed check, a refused overwrite, or some files of a batch failed. */
  BAD_INPUT: 1,
  /** The command line itself is wrong: unknown command or option, missing argument, bad option value. */
  USAGE: 2,
  /** Stopped by SIGINT (128 + 2, as shells report it). */
  SIGINT: 130,
  /** Stopped by SIGTERM (128 + 15, as shells report it). */
  SIGTERM: 143,
  /** Stopped by SIGHUP, the terminal closing (128 + 1). */
  SIGHUP: 129,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
