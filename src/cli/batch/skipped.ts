// Why a folder encode left a file out: the walk picks files by extension, and every other file is reported with
// what its first bytes say it is, so nothing is dropped silently.
import { closeSync, openSync, readSync } from 'node:fs';
import { detectFormat } from '../../index.js';
import { containerName } from '../../internal.js';
import { FORMAT_NAMES } from '../formats.js';
import { IMAGE_EXTENSIONS, type FoundFile } from './walk.js';

/** A file the walk left out, and why. */
export interface SkippedFile extends FoundFile {
  /** What the file is: `TIFF`, `HEIC`, `WebP`, `PNG without an image extension`, `not an image`, `unreadable`. */
  readonly reason: string;
}


/** The first bytes of a file (fewer when it is shorter), or undefined when it cannot be read. */
function head(fsPath: string): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(fsPath, 'r');
    const bytes = new Uint8Array(64);
    return bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Why `file` is not encoded, from its first bytes.
 *
 * @example
 * ```ts
 * skipReason({ relPath: 'scan.tif', fsPath: 'photos/scan.tif' }); // { …, reason: 'TIFF' }
 * ```
 */
export function skipReason(file: FoundFile): SkippedFile {
  const bytes = head(file.fsPath);
  if (bytes === undefined) return { ...file, reason: 'unreadable' };
  const container = containerName(bytes);
  if (container !== undefined) return { ...file, reason: container };
  const format = detectFormat(bytes);
  if (format !== undefined) return { ...file, reason: `${FORMAT_NAMES[format] ?? format} without an image extension` };
  return { ...file, reason: 'not an image' };
}

/**
 * What to tell the user about skipped files: one line each, then how to include or exclude them.
 *
 * @example
 * ```ts
 * skippedReport([{ relPath: 'a.tif', fsPath: 'p/a.tif', reason: 'TIFF' }], 'p');
 * ```
 */
export function skippedReport(skipped: readonly SkippedFile[], folder: string): string {
  if (skipped.length === 0) return '';
  const lines = skipped.map((f) => `pixtext encode: skipped ${f.relPath}: ${f.reason}\n`);
  lines.push(
    `pixtext encode: the ${skipped.length} skipped file${skipped.length === 1 ? ' is' : 's are'} not in the output. ` +
      `Only files named ${IMAGE_EXTENSIONS.map((e) => `.${e}`).join(' ')} in ${folder} are encoded: to include a skipped file, ` +
      'convert it to one of these formats (or give a PNG, JPEG, BMP, GIF, WebP or npy file its extension); to exclude it quietly, move it out of the folder.\n',
  );
  return lines.join('');
}
