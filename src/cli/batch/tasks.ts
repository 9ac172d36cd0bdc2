// The work one batch item needs, run inside a worker thread: read and encode one image file, or parse and decode one
// JSONL line. Pure functions of their message (plus reading the one input file), so the pool can run them anywhere.
import { isAscii } from 'node:buffer';
import { closeSync, constants as fsConstants, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { PixtextError } from '../../index.js';
import type { FormatId, PixelMode } from '../../index.js';
import { fileToLine, textHeader, textToFileBytes, verifyText, type TextOptions } from '../library.js';
import { formatFromPath } from '../formats.js';
import { FileError, describeFailure, type FailureDescription } from '../report.js';
import { datasetPathSegments } from './safe-path.js';
import { inShard, type Shard } from './select.js';

/** Encode one image file of a folder into one JSONL line. */
export interface EncodeTask {
  readonly kind: 'encode';
  readonly fsPath: string;
  /** Recorded as `metadata.path`. */
  readonly relPath: string;
  readonly options: TextOptions;
  /** The input folder's real path: a file whose real path is outside it (through a symbolic link) is refused… */
  readonly root: string;
  /** …unless links may lead anywhere (`--follow-links`). */
  readonly followLinks: boolean;
}

/** Decode one JSONL line into the bytes of the file named by its `metadata.path`. */
export interface DecodeTask {
  readonly kind: 'decode';
  readonly line: Uint8Array;
  /** Format for paths whose extension names none. */
  readonly fallbackFormat?: FormatId | undefined;
  readonly mode?: PixelMode | undefined;
  readonly quality?: number | undefined;
  readonly compressionLevel?: number | undefined;
  readonly background?: readonly [number, number, number] | undefined;
  /** Decode only the lines of this shard (`--shard K/N`); the others come back as `otherShard`. */
  readonly shard?: Shard | undefined;
}

/** Fully check one JSONL line (base64, length, CRC-32, embedded file). */
export interface VerifyTask {
  readonly kind: 'verify';
  readonly line: Uint8Array;
}

/** Any batch task. */
export type BatchTask = EncodeTask | DecodeTask | VerifyTask;

/** The image a task handled, for progress lines. */
export interface ImageSummary {
  readonly width: number;
  readonly height: number;
  readonly mode: string;
}

/** Result of an {@link EncodeTask}: the envelope line (ending in '\n') as UTF-8. */
export interface EncodeResult extends ImageSummary {
  readonly line: Uint8Array;
  readonly bytesIn: number;
}

/** Result of a {@link DecodeTask}: where the file goes and its bytes (none for a line of another shard). */
export interface DecodeResult extends ImageSummary {
  readonly relPath: string;
  readonly bytes: Uint8Array;
  readonly otherShard?: true;
}

/** Result of a {@link VerifyTask}. */
export interface VerifyResult extends ImageSummary {
  readonly relPath: string | undefined;
}

/** A failed task's description, with the dataset path when the line got far enough to name one. */
export interface TaskFailure extends FailureDescription {
  readonly relPath?: string | undefined;
}

/** A task's result value and the buffers to transfer with it. */
export interface TaskOutput {
  readonly value: EncodeResult | DecodeResult | VerifyResult;
  readonly transfer: ArrayBuffer[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Runs one task.
 *
 * @throws a {@link TaskFailure}-shaped object (not an Error: it crosses the thread boundary as is).
 * @example
 * ```ts
 * const { value } = runTask({ kind: 'verify', line: new TextEncoder().encode(envelopeText) });
 * ```
 */
export function runTask(task: BatchTask): TaskOutput {
  let relPath: string | undefined;
  try {
    switch (task.kind) {
      case 'encode': {
        relPath = task.relPath;
        const bytes = readRegularFile(task.followLinks ? task.fsPath : pathInside(task.root, task.fsPath));
        const { line, width, height, mode } = fileToLine(bytes, task.options, { path: task.relPath });
        return { value: { line, bytesIn: bytes.length, width, height, mode }, transfer: [line.buffer as ArrayBuffer] };
      }
      case 'decode': {
        const text = lineText(task.line);
        const header = textHeader(text);
        relPath = pathOf(header);
        if (relPath === undefined) {
          throw new PixtextError('ERR_ENVELOPE', 'the line has no metadata.path string, so it names no file to write', { chunk: 'metadata' });
        }
        const segments = datasetPathSegments(relPath);
        // Only the header is read for a line of another shard: its payload is neither decoded nor checked here.
        if (!inShard(segments.join('/'), task.shard)) return { value: { relPath, bytes: new Uint8Array(0), otherShard: true, ...summaryOf(header) }, transfer: [] };
        const format = formatFromPath(segments[segments.length - 1]!) ?? task.fallbackFormat;
        if (format === undefined) {
          throw new FileError(
            'ERR_UNKNOWN_FORMAT',
            `metadata.path ${JSON.stringify(relPath)} does not end in .png, .jpg, .jpeg or .bmp; give --format to choose one`,
          );
        }
        const bytes = ownBuffer(textToFileBytes(text, { format, mode: task.mode, quality: task.quality, compressionLevel: task.compressionLevel, background: task.background }));
        return { value: { relPath, bytes, ...summaryOf(header) }, transfer: [bytes.buffer as ArrayBuffer] };
      }
      case 'verify': {
        const text = lineText(task.line);
        relPath = pathOf(textHeader(text));
        const image = verifyText(text);
        return { value: { relPath, width: image.width, height: image.height, mode: image.mode }, transfer: [] };
      }
    }
  } catch (error) {
    const failure: TaskFailure = { ...describeFailure(error), relPath };
    throw failure;
  }
}

/**
 * The real path of `path` when it lies inside `root`: what is opened, so a link changed after this check cannot lead
 * the read elsewhere.
 *
 * @throws FileError `ERR_UNSAFE_PATH` for a symbolic link leading outside the input folder.
 */
function pathInside(root: string, path: string): string {
  const real = realpathSync(path);
  const rel = relative(root, real);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new FileError('ERR_UNSAFE_PATH', 'is a symbolic link leading outside the input folder, so it is not read (--follow-links allows it)');
  }
  return real;
}

/**
 * The bytes of a file listed by the folder walk. It may have been replaced since (by a FIFO, which would block a plain
 * open() until a writer appears, and the worker with it): opened without blocking, and read only if still a regular
 * file.
 *
 * @throws FileError `ERR_NOT_FILE` for anything but a regular file; Node system errors.
 */
function readRegularFile(path: string): Buffer {
  const fd = openSync(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw new FileError('ERR_NOT_FILE', 'is not a regular file (a FIFO, device or socket), so it is not read');
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A line's text; pure ASCII (every canonical envelope) takes the fast latin1 path, anything else strict UTF-8.
 *
 * @throws PixtextError `ERR_NOT_JSON` for bytes that are not UTF-8.
 * @example
 * ```ts
 * lineText(new TextEncoder().encode('{"pixtext":1}')); // '{"pixtext":1}'
 * ```
 */
export function lineText(line: Uint8Array): string {
  if (isAscii(line)) return Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('latin1');
  try {
    return utf8.decode(line);
  } catch {
    throw new PixtextError('ERR_NOT_JSON', 'the line is not valid UTF-8 text');
  }
}

/** `metadata.path` of a header, if it has a string one. */
function pathOf(header: unknown): string | undefined {
  const metadata = (header as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const path = Object.prototype.hasOwnProperty.call(metadata, 'path') ? (metadata as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? path : undefined;
}

function summaryOf(header: unknown): ImageSummary {
  const { width, height, mode } = header as Partial<ImageSummary>;
  return { width: Number(width), height: Number(height), mode: String(mode) };
}

/** `bytes` itself when it owns its whole ArrayBuffer (so it can be transferred), else a copy that does. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
}
