// Lists the image files of a folder for `pixtext encode <dir> --jsonl`, in an order that does not depend on the
// file system (sorted relative paths), so the same folder always gives the same dataset.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** File name extensions (lowercase, no dot) that a folder walk picks up; other files are left out. */
export const IMAGE_EXTENSIONS = ['png', 'bmp', 'dib', 'jpg', 'jpeg', 'jpe', 'jfif', 'gif', 'webp', 'npy'] as const;

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
 * Every other file is added to `skipped` (same order), so that the caller can say what was left out.
 *
 * @throws Node system errors when a folder cannot be read.
 * @example
 * ```ts
 * listImageFiles('photos'); // [{ relPath: 'a.png', fsPath: 'photos/a.png' }, { relPath: 'cats/b.jpg', … }]
 * ```
 */
export function listImageFiles(folder: string, skipped?: FoundFile[]): FoundFile[] {
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
      if (entry.isFile() || (entry.isSymbolicLink() && isFileBehindLink(join(dir, entry.name)))) {
        (hasImageExtension(entry.name) ? found : skipped)?.push({ relPath, fsPath: join(folder, relPath) });
      }
    }
  }
  skipped?.sort(byRelPath);
  return found.sort(byRelPath);
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

const byRelPath = (a: FoundFile, b: FoundFile): number => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0);

function isFileBehindLink(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
