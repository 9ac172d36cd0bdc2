// Reading the input of a single-file command (a path, or `-` for standard input) and writing its output (a file
// written atomically, or standard output).
import { closeSync, constants as fsConstants, fstatSync, openSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { constants as bufferConstants } from 'node:buffer';
import type { Readable, Writable } from 'node:stream';
import { PixtextError, detectFormat } from '../index.js';
import { writeFileAtomic, refuseExisting, type FileContent, type TempFiles } from './atomic-write.js';
import { FileError } from './report.js';
import { FORMAT_NAMES } from './formats.js';

/** The argument that means standard input or standard output. */
export const STDIO = '-';

/**
 * How messages name an input or output: the path as given, or `standard input` / `standard output` for `-`.
 *
 * @example
 * ```ts
 * subjectOf('-', 'input'); // "standard input"
 * ```
 */
export function subjectOf(path: string, direction: 'input' | 'output'): string {
  return path === STDIO ? `standard ${direction}` : path;
}

/**
 * Reads all of `stream` into one Buffer.
 *
 * @example
 * ```ts
 * const bytes = await readAll(process.stdin);
 * ```
 */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * The bytes of a file, or of standard input for `-`.
 *
 * @throws Node system errors (ENOENT, EISDIR, EACCES…).
 * @example
 * ```ts
 * const png = await readInputBytes('photo.png', process.stdin);
 * ```
 */
export async function readInputBytes(path: string, stdin: Readable): Promise<Buffer> {
  if (path === STDIO) return readAll(stdin);
  // Opened without blocking: a FIFO (`<(…)`, mkfifo) would otherwise hold an I/O thread in open() until a writer
  // came, and process exit waits for that thread, so not even a signal could end the run. A FIFO or socket is read
  // on the event loop, as standard input is; a regular file as usual.
  const fd = openSync(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  let stats;
  try {
    stats = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (stats.isFIFO() || stats.isSocket()) return readAll(new Socket({ fd, readable: true, writable: false }));
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a file, or of standard input for `-`, as UTF-8 without a leading byte-order mark or trailing
 * whitespace (editors and `echo` add a final newline; no pixtext text form ends in whitespace).
 *
 * @param maxStringLength - The longest text accepted (the engine's longest string, or less).
 * @throws FileError `ERR_NOT_TEXT` for an image file (it is encoded, not read as text); PixtextError `ERR_TOO_LARGE`
 * beyond `maxStringLength`; Node system errors.
 * @example
 * ```ts
 * const text = await readInputText('photo.json', process.stdin, MAX_STRING_LENGTH);
 * ```
 */
export async function readInputText(path: string, stdin: Readable, maxStringLength: number = bufferConstants.MAX_STRING_LENGTH): Promise<string> {
  const bytes = await readInputBytes(path, stdin);
  refuseImageFile(bytes);
  return bytesToText(bytes, maxStringLength);
}

/**
 * Refuses the bytes of an image file where a text is expected, naming the format and the command that reads it.
 *
 * @throws FileError `ERR_NOT_TEXT` when `bytes` start with the signature of a format pixtext reads.
 * @example
 * ```ts
 * refuseImageFile(readFileSync('photo.png')); // throws: is a PNG image file, not text
 * ```
 */
export function refuseImageFile(bytes: Uint8Array): void {
  const format = detectFormat(bytes);
  if (format !== undefined) {
    throw new FileError('ERR_NOT_TEXT', `is a ${FORMAT_NAMES[format] ?? format} image file, not text: use pixtext encode to turn it into text`);
  }
}

/**
 * Decodes UTF-8 bytes to text as {@link readInputText} does.
 *
 * @throws PixtextError `ERR_TOO_LARGE` beyond `maxStringLength` (the engine's string limit by default).
 * @example
 * ```ts
 * bytesToText(Buffer.from('{"pixtext":1}\n')); // '{"pixtext":1}\n'
 * ```
 */
export function bytesToText(bytes: Buffer, maxStringLength: number = bufferConstants.MAX_STRING_LENGTH): string {
  if (bytes.length > maxStringLength) {
    throw new PixtextError(
      'ERR_TOO_LARGE',
      `the text is ${bytes.length} bytes, longer than the longest string this JavaScript engine holds (${maxStringLength})`,
    );
  }
  // As they are: the library drops one byte order mark and reads trailing whitespace by the rules of each text form,
  // for every reader alike (text-forms/recognise.ts).
  return bytes.toString('utf8');
}

/**
 * Writes `data` to standard output and resolves once it is handed to the OS; a closed pipe (`| head`) resolves too,
 * since the reader has all it wanted.
 *
 * @example
 * ```ts
 * await writeToStream(process.stdout, text + '\n');
 * ```
 */
export function writeToStream(stream: Writable, data: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EPIPE') resolve();
      else reject(error);
    };
    stream.once('error', onError);
    stream.write(data, (error) => {
      stream.off('error', onError);
      if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
      else resolve();
    });
  });
}

/** Where a single-file command's output goes. */
export interface OutputTarget {
  /** A path, or `-` for standard output. */
  readonly path: string;
  readonly force: boolean;
  readonly temps: TempFiles;
  readonly stdout: Writable;
}

/**
 * Writes a single-file command's output: atomically to a file (never replacing one without `force`), or to
 * standard output for `-`.
 *
 * @throws FileError `EEXIST`; Node system errors.
 * @example
 * ```ts
 * await writeOutput({ path: 'out.png', force: false, temps, stdout: process.stdout }, bytes);
 * ```
 */
export async function writeOutput(target: OutputTarget, data: FileContent): Promise<void> {
  if (target.path !== STDIO) return writeFileAtomic(target.path, data, { force: target.force, temps: target.temps });
  for (const piece of Array.isArray(data) ? data : [data]) await writeToStream(target.stdout, piece as Uint8Array | string);
}

/**
 * Refuses early, before any work, when the output file exists and `force` is off (the final write checks again).
 *
 * @throws FileError `EEXIST`
 * @example
 * ```ts
 * checkOutputFree(target);
 * ```
 */
export function checkOutputFree(target: OutputTarget): void {
  if (target.path !== STDIO) refuseExisting(target.path, target.force);
}

/**
 * The size of an input file when it is longer than `limit` bytes (so it cannot be read as one string), else
 * undefined; standard input and unreadable paths give undefined (they are reported when read).
 *
 * @example
 * ```ts
 * if (await sizeOver('huge.json', MAX_STRING_LENGTH) !== undefined) streamIt();
 * ```
 */
export async function sizeOver(path: string, limit: number): Promise<number | undefined> {
  if (path === STDIO) return undefined;
  try {
    const { size } = await stat(path);
    return size > limit ? size : undefined;
  } catch {
    return undefined;
  }
}
