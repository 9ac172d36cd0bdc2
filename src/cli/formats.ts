// Which image format a file name asks for. Only names decide output formats; inputs are always sniffed from bytes.
import { extname } from 'node:path';
import type { FormatId } from '../index.js';

/** Output file name extensions (lowercase, no dot) and the format each one means. */
export const EXTENSION_FORMATS: Readonly<Record<string, FormatId>> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  bmp: 'bmp',
  dib: 'bmp',
  gif: 'gif',
  webp: 'webp',
  npy: 'npy',
};

/** How messages name each format: `WebP`, not `WEBP`. */
export const FORMAT_NAMES: Readonly<Record<string, string>> = { png: 'PNG', jpeg: 'JPEG', bmp: 'BMP', gif: 'GIF', webp: 'WebP', npy: 'npy' };

/**
 * The format a file name's extension names, case-insensitive, or undefined.
 *
 * @example
 * ```ts
 * formatFromPath('out/photo.JPG'); // 'jpeg'
 * formatFromPath('notes.txt');     // undefined
 * ```
 */
export function formatFromPath(path: string): FormatId | undefined {
  const ext = extname(path).slice(1).toLowerCase();
  return Object.prototype.hasOwnProperty.call(EXTENSION_FORMATS, ext) ? EXTENSION_FORMATS[ext] : undefined;
}

/**
 * True when `name` is one of the JSONL extensions `.jsonl` / `.ndjson` (case-insensitive), which make `decode`
 * and `verify` treat the input as a dataset, one envelope per line.
 *
 * @example
 * ```ts
 * isJsonlName('dataset.jsonl'); // true
 * ```
 */
export function isJsonlName(name: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(name);
}

/**
 * True when `name` ends in `.parquet` (case-insensitive), which makes `decode` read the input as a Parquet file.
 *
 * @example
 * ```ts
 * isParquetName('train-00000-of-00001.parquet'); // true
 * ```
 */
export function isParquetName(name: string): boolean {
  return /\.parquet$/i.test(name);
}
