// How failures are worded on stderr. Every failure names its subject (a file, `line 12 of x.jsonl`, `standard
// input`) and ends with a stable code in parentheses: the PixtextError code, or the system error code (ENOENT…).
import { PixtextError } from '../index.js';

/** A failure the CLI reports about a file it reads or writes (not a pixtext decoding error). */
export class FileError extends Error {
  override readonly name = 'FileError';
  /** A system-style code, e.g. `EEXIST` for a refused overwrite. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

// Node's own messages repeat the code and the path ("ENOENT: no such file or directory, open 'x'"); the CLI names
// the path itself, so it keeps only the description.
const SYSTEM_MESSAGES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on device',
  EMFILE: 'too many open files',
  EROFS: 'read-only file system',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EPIPE: 'broken pipe',
};

/** What went wrong, as a message and a stable code. */
export interface FailureDescription {
  readonly message: string;
  readonly code: string;
}

/**
 * Describes any thrown value for the user. PixtextError and FileError keep their message and code; Node system
 * errors get a short description and their errno code; anything else is an internal error (`ERR_INTERNAL`).
 *
 * @example
 * ```ts
 * describeFailure(new PixtextError('ERR_CHECKSUM', 'crc32 mismatch')); // { message: 'crc32 mismatch', code: 'ERR_CHECKSUM' }
 * ```
 */
export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof PixtextError || error instanceof FileError) return { message: withoutFileBytes(error.message, error.code), code: error.code };
  if (isSystemError(error)) {
    return { message: SYSTEM_MESSAGES[error.code] ?? error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, ''), code: error.code };
  }
  // Worker results cross a thread boundary as plain objects, not class instances.
  if (isDescribed(error)) return { message: withoutFileBytes(error.message, error.code), code: error.code };
  const message = error instanceof Error ? error.message : String(error);
  return { message: `internal error: ${message}`, code: 'ERR_INTERNAL' };
}

/**
 * The one line printed for a failure: `<subject>: <message> (<CODE>)`.
 *
 * @example
 * ```ts
 * formatFailure('photo.json', err); // "photo.json: envelope crc32 is 1234abcd but data hashes to … (ERR_CHECKSUM)"
 * ```
 */
export function formatFailure(subject: string, error: unknown): string {
  const { message, code } = describeFailure(error);
  return `${subject}: ${message} (${code})`;
}

/** True for errors raised by Node's fs/stream layers (they carry a string `code` such as ENOENT and a `syscall`). */
export function isSystemError(error: unknown): error is Error & { code: string; syscall?: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && /^E[A-Z0-9]+$/.test((error as unknown as { code: string }).code);
}

function isDescribed(error: unknown): error is FailureDescription {
  return typeof error === 'object' && error !== null && !(error instanceof Error) && typeof (error as FailureDescription).message === 'string' && typeof (error as FailureDescription).code === 'string';
}

/**
 * The library names the first bytes of a file it cannot recognise; the command line may be pointed at any file
 * (a link to a password file), so it never prints bytes of a file that is not an image.
 */
function withoutFileBytes(message: string, code: string): string {
  return code === 'ERR_UNKNOWN_FORMAT' ? message.replace(/ \(first bytes: [^)]*\)/, '') : message;
}
