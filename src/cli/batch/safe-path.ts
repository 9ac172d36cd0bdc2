// Paths stored in a dataset (`metadata.path`) are untrusted: a JSONL file may come from anywhere. A path is accepted
// only as a plain relative path with '/' separators, and folders are created one level at a time so that a symbolic
// link inside the output folder cannot lead a write outside it.
import { existsSync, lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { describeValue } from '../../internal.js';
import { FileError } from '../report.js';

/** Longest `metadata.path` accepted, in characters (PATH_MAX on Linux). */
export const MAX_DATASET_PATH_LENGTH = 4096;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters in a name break every line-oriented listing and log of the output (a newline most of all).
const CONTROL = /[\u0001-\u001f\u007f]/;

/**
 * The form two paths share when they name one file on a file system that normalises Unicode (macOS): NFC.
 * Collisions are found on it, so `é` written precomposed and decomposed cannot replace each other's file.
 *
 * @example
 * ```ts
 * pathKey(['caf\u0065\u0301.png']) === pathKey(['caf\u00e9.png']); // true
 * ```
 */
export function pathKey(segments: readonly string[]): string {
  return segments.join('/').normalize('NFC');
}

/**
 * Checks a dataset path and returns its segments: a non-empty relative path of '/'-separated names, with no empty,
 * `.` or `..` segment, no backslash, NUL or other control character, no lone surrogate, no drive letter or leading '/'.
 *
 * @throws FileError `ERR_UNSAFE_PATH` naming what is wrong.
 * @example
 * ```ts
 * datasetPathSegments('cats/tabby.png'); // ['cats', 'tabby.png']
 * datasetPathSegments('../etc/passwd');  // throws ERR_UNSAFE_PATH
 * ```
 */
export function datasetPathSegments(path: unknown, field = 'metadata.path'): string[] {
  const refuse = (why: string): never => {
    throw new FileError('ERR_UNSAFE_PATH', `${field} ${describeValue(path)} ${why}`);
  };
  if (typeof path !== 'string') return refuse('is not a string');
  if (path.length === 0) return refuse('is empty');
  if (path.length > MAX_DATASET_PATH_LENGTH) return refuse(`is longer than ${MAX_DATASET_PATH_LENGTH} characters`);
  if (path.includes('\0')) return refuse('contains a NUL character');
  // File names are written as UTF-8: a lone surrogate would become U+FFFD, so distinct paths would name one file.
  if (LONE_SURROGATE.test(path)) return refuse('is not well-formed Unicode (it holds a lone surrogate)');
  if (CONTROL.test(path)) return refuse('contains a control character (a line break, tab…)');
  if (path.includes('\\')) return refuse("contains a backslash (paths use '/' separators)");
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return refuse('is absolute, not relative to the output folder');
  const segments = path.split('/');
  for (const segment of segments) {
    if (segment === '') return refuse('has an empty segment');
    if (segment === '.' || segment === '..') return refuse(`has a "${segment}" segment, which could leave the output folder`);
  }
  return segments;
}

/**
 * Resolves dataset paths under one output folder, creating sub-folders as needed and refusing any that is (or goes
 * through) a symbolic link leading outside the folder.
 *
 * @example
 * ```ts
 * const out = new OutputFolder('restored');
 * const target = out.prepare(datasetPathSegments('cats/tabby.png')); // "<abs>/restored/cats/tabby.png"
 * ```
 */
export class OutputFolder {
  /** The folder's real path (symbolic links resolved). */
  readonly root: string;
  private readonly known = new Set<string>();

  /** Creates the folder (and its parents) when missing. @throws Node system errors (ENOTDIR, EACCES…) */
  constructor(folder: string) {
    if (existsSync(folder) && !statSync(folder).isDirectory()) throw new FileError('ENOTDIR', 'exists and is not a folder');
    mkdirSync(folder, { recursive: true });
    this.root = realpathSync(folder);
  }

  /**
   * Makes sure the folders leading to `segments` exist inside the root and returns the target file path.
   *
   * @throws FileError `ERR_UNSAFE_PATH` when a folder on the way resolves outside the root; Node system errors.
   */
  prepare(segments: readonly string[]): string {
    let current = this.root;
    for (let i = 0; i < segments.length - 1; i += 1) {
      current = join(current, segments[i]!);
      if (this.known.has(current)) continue;
      let stats;
      try {
        stats = lstatSync(current);
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
        mkdirSync(current);
        this.known.add(current);
        continue;
      }
      const name = describeValue(segments.slice(0, i + 1).join('/'));
      if (stats.isSymbolicLink()) {
        const real = realpathSync(current);
        if (!this.inside(real)) throw new FileError('ERR_UNSAFE_PATH', `folder ${name} is a symbolic link leading outside the output folder`);
        stats = lstatSync(real);
      }
      if (!stats.isDirectory()) throw new FileError('ENOTDIR', `${name} exists and is not a folder`);
      this.known.add(current);
    }
    return join(current, segments[segments.length - 1]!);
  }

  private inside(real: string): boolean {
    const rel = relative(this.root, real);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
  }
}
