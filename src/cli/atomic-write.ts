// Output files appear whole or not at all: data goes to a temporary file in the target's folder (same file system,
// so the final step is an atomic link or rename), and every temporary file is registered so that SIGINT/SIGTERM
// can remove it. Writes of whole files are synchronous on purpose: a signal handler runs between event-loop turns,
// so it can never observe a half-written temporary file that it does not know about.
import { closeSync, existsSync, linkSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { FileError } from './report.js';

/**
 * The temporary files a run has open. `removeAll()` is what the signal handler calls.
 *
 * @example
 * ```ts
 * const temps = new TempFiles();
 * process.on('SIGINT', () => { temps.removeAll(); process.exit(130); });
 * writeFileAtomic('out.png', bytes, { force: false, temps });
 * ```
 */
export class TempFiles {
  private readonly paths = new Set<string>();
  private counter = 0;
  private readonly swept = new Set<string>();

  /**
   * A fresh temporary path next to `target`, registered for cleanup: `.pixtext-<pid>-<n>.tmp`, hidden and named so it
   * is recognisable. The first time a run writes into a folder, temporaries left there by pixtext runs that no longer
   * exist (killed with SIGKILL, or by a power cut) are removed.
   */
  reserve(target: string): string {
    this.counter += 1;
    const folder = dirname(target);
    if (!this.swept.has(folder)) {
      this.swept.add(folder);
      removeStaleTemporaries(folder);
    }
    const path = join(folder, `.pixtext-${process.pid}-${this.counter}.tmp`);
    this.paths.add(path);
    return path;
  }

  /** Forgets `path` (after it was renamed into place or removed). */
  release(path: string): void {
    this.paths.delete(path);
  }

  /** Removes every registered temporary file, ignoring ones that are already gone. Synchronous: safe in a signal handler. */
  removeAll(): void {
    for (const path of this.paths) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone, or never created: nothing to clean.
      }
    }
    this.paths.clear();
  }

  /** How many temporary files are registered (for tests). */
  get size(): number {
    return this.paths.size;
  }
}

// Temporary names of this version (`.pixtext-<pid>-<n>.tmp`) and of earlier ones (`.<name>.pixtext-<pid>-<n>.tmp`).
const TEMPORARY = /^\.(?:.*\.)?pixtext-(\d+)-\d+\.tmp$/;

/**
 * Removes the temporaries of pixtext processes that are no longer running on this machine from `folder`. Best
 * effort: a folder that cannot be listed, or a file already gone, is left to the write that follows.
 *
 * @example
 * ```ts
 * removeStaleTemporaries('restored/cats');
 * ```
 */
export function removeStaleTemporaries(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMPORARY.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    removeQuietly(join(folder, name));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/** What {@link writeFileAtomic} writes: bytes, text (as UTF-8), or several of those in order. */
export type FileContent = Uint8Array | string | readonly (Uint8Array | string)[];

/** Options of {@link writeFileAtomic} and {@link AtomicFileStream}. */
export interface AtomicWriteOptions {
  /** Replace an existing file. Defaults to false: an existing target is an `EEXIST` {@link FileError}. */
  force: boolean;
  /** Where the temporary file is registered for cleanup on a signal. */
  temps: TempFiles;
}

/**
 * Throws the refusal to overwrite when `target` exists and `force` is off, and refuses names with control characters. The commit step checks again
 * atomically; this early check only avoids doing the work for nothing.
 *
 * @throws FileError `EEXIST`
 * @example
 * ```ts
 * refuseExisting('out.png', false);
 * ```
 */
export function refuseExisting(target: string, force: boolean): void {
  // A line break in a name breaks every listing and log that shows it.
  if (/[\u0001-\u001f\u007f]/.test(target)) throw new FileError('ERR_UNSAFE_PATH', 'the name holds a control character (a line break, tab…); refused');
  if (!force && existsSync(target)) throw existsError();
}

function existsError(): FileError {
  return new FileError('EEXIST', 'already exists; not overwritten (use --force to replace it)');
}

/**
 * Moves a finished temporary file to `target`. Without `force` it uses a hard link, which fails atomically when
 * `target` exists (no window in which another process's file could be replaced); file systems without hard links
 * fall back to check-then-rename.
 */
function commit(temp: string, target: string, force: boolean): void {
  if (force) {
    renameSync(temp, target);
    return;
  }
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EEXIST') throw existsError();
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK' && code !== 'ENOSYS') throw error;
    if (existsSync(target)) throw existsError();
    renameSync(temp, target);
    return;
  }
  unlinkSync(temp);
}

/**
 * Writes `data` (one piece, or several written one after the other) to `target` so that `target` either does not
 * change or holds all of it. Strings are written as UTF-8.
 *
 * @throws FileError `EEXIST` when `target` exists and `force` is off; Node system errors (ENOENT, EACCES, ENOSPC…).
 * @example
 * ```ts
 * writeFileAtomic('image.png', pngBytes, { force: false, temps });
 * writeFileAtomic('image.json', [text, '\n'], { force: true, temps }); // no copy of a long text to append '\n'
 * ```
 */
export function writeFileAtomic(target: string, data: FileContent, options: AtomicWriteOptions): void {
  const temp = options.temps.reserve(target);
  // A committed temporary file is gone already; removing it again would cost a failing system call (and a thrown
  // error) per file of a batch.
  let committed = false;
  try {
    const fd = openSync(temp, 'wx', 0o666);
    try {
      for (const piece of Array.isArray(data) ? data : [data]) {
        const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      }
    } finally {
      closeSync(fd);
    }
    commit(temp, target, options.force);
    committed = true;
  } finally {
    if (!committed) removeQuietly(temp);
    options.temps.release(temp);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Renamed into place already, or never created.
  }
}

/**
 * A file written as a stream (a JSONL dataset) that appears under its name only when {@link AtomicFileStream.commit}
 * is called; {@link AtomicFileStream.abort} (or a signal) removes it. The temporary file is opened synchronously so
 * that it is registered and exists from the first moment.
 *
 * @example
 * ```ts
 * const out = new AtomicFileStream('dataset.jsonl', { force: false, temps });
 * out.stream.write(line);
 * await out.commit();
 * ```
 */
export class AtomicFileStream {
  /** Write the content here; respect its backpressure (`write()` returning false). */
  readonly stream: Writable;
  private readonly temp: string;
  private readonly fd: number;
  private closed = false;

  constructor(
    private readonly target: string,
    private readonly options: AtomicWriteOptions,
  ) {
    refuseExisting(target, options.force);
    this.temp = options.temps.reserve(target);
    try {
      this.fd = openSync(this.temp, 'wx', 0o666);
    } catch (error) {
      options.temps.release(this.temp);
      throw error;
    }
    const fd = this.fd;
    this.stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        try {
          let written = 0;
          while (written < chunk.length) written += writeSync(fd, chunk, written, chunk.length - written);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      },
    });
  }

  /** Ends the stream and moves the file into place. @throws FileError `EEXIST` (see {@link writeFileAtomic}) */
  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(resolve);
    });
    this.close();
    try {
      commit(this.temp, this.target, this.options.force);
    } finally {
      removeQuietly(this.temp);
      this.options.temps.release(this.temp);
    }
  }

  /** Discards what was written. */
  abort(): void {
    this.stream.destroy();
    this.close();
    removeQuietly(this.temp);
    this.options.temps.release(this.temp);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
