// Lists the image files of a folder for `pixtext encode <dir> --jsonl`, in an order that does not depend on the
// file system (sorted relative paths), so the same folder always gives the same dataset.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** File name extensions (lowercase, no dot) that a folder walk picks up; other files are left out. */
export const IMAGE_EXTENSIONS = ['png', 'bmp', 'dib', 'jpg', 'jpeg', 'jpe', 'jfif', 'npy'] as const;

/** One image file found by {@link listImageFiles}. */
export interface FoundFile {
  /** Path relative to the folder, '/' separators (what `metadata.path` records). */
  readonly relPath: string;
  /** Path to open (the folder joined with relPath, in this platform's form). */
  readonly fsPath: string;
}

/**
 * Returns the image files under `folder` (by extension, case-insensitive), sorted by relative path in code-unit
 * order. Symbolic links to files are followed; symbolic links to folders are not (no cycles, no leaving the tree).
 *
 * @throws Node system errors when a folder cannot be read.
 * @example
 * ```ts
 * listImageFiles('photos'); // [{ relPath: 'a.png', fsPath: 'photos/a.png' }, { relPath: 'cats/b.jpg', … }]
 * ```
 */
export function listImageFiles(folder: string): FoundFile[] {
  const found: FoundFile[] = [];
  const pending: string[] = [''];
  for (let rel = pending.pop(); rel !== undefined; rel = pending.pop()) {
    const dir = rel === '' ? folder : join(folder, rel);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        pending.push(relPath);
        continue;
      }
      if (!hasImageExtension(entry.name)) continue;
      if (entry.isFile() || (entry.isSymbolicLink() && isFileBehindLink(join(dir, entry.name)))) {
        found.push({ relPath, fsPath: join(folder, relPath) });
      }
    }
  }
  return found.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

/**
 * True when `name` ends in one of {@link IMAGE_EXTENSIONS}.
 *
 * @example
 * ```ts
 * hasImageExtension('Photo.JPG'); // true
 * ```
 */
export function hasImageExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && (IMAGE_EXTENSIONS as readonly string[]).includes(name.slice(dot + 1).toLowerCase());
}

function isFileBehindLink(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
