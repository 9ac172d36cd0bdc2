// Helpers for the .npy tests: the NumPy-made vectors (tests/fixtures/npy, written by scripts/gen-npy-fixtures.py)
// and a builder of .npy bytes from a header text, for the hand-made corners.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PixelMode } from '../../../src/raw-image.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/npy/', import.meta.url));

/** What NumPy reads from a vector's header. */
export interface NumpyHeader {
  version: string;
  descr: string | unknown[];
  shape: number[];
  fortran_order: boolean;
}

/** One vector: the pixels pixtext must return, or the error it must give. */
export interface NpyVector {
  file: string;
  numpy: NumpyHeader;
  mode?: PixelMode;
  width?: number;
  height?: number;
  /** Base64 of the RawImage data (16-bit samples little-endian), made by numpy. */
  pixels?: string;
  /** True when np.save wrote the file from these pixels, so encoding them must give the file back. */
  encodes?: boolean;
  error?: string;
  /** A word the error message must contain (the dtype, shape or "Fortran"). */
  mentions?: string;
}

/** What numpy's _wrap_header_guess_version made of a header text of a given length. */
export interface WrapVector {
  textLength: number;
  prefix: number[];
  totalLength: number;
  padding: number;
}

export function npyManifest(): { numpy: string; files: NpyVector[]; wrap: WrapVector[] } {
  return JSON.parse(readFileSync(FIXTURES + 'manifest.json', 'utf8')) as { numpy: string; files: NpyVector[]; wrap: WrapVector[] };
}

export function readNpyFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + 'files/' + name));
}

/**
 * A .npy file: magic, version, the little-endian header length (2 bytes for 1.0, else 4), the header text as
 * latin1 or UTF-8 bytes (unpadded unless the text has padding), then `data`.
 */
export function npyBytes(header: string | Uint8Array, data: ArrayLike<number> = [], version: [number, number] = [1, 0]): Uint8Array {
  const text = typeof header === 'string' ? new TextEncoder().encode(header) : header;
  const lengthBytes = version[0] === 1 ? 2 : 4;
  if (lengthBytes === 2 && text.length > 0xffff) throw new Error('a version 1.0 header holds at most 65,535 bytes');
  const out = new Uint8Array(8 + lengthBytes + text.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version[0], version[1]]);
  for (let k = 0, n = text.length; k < lengthBytes; k++, n = Math.floor(n / 256)) out[8 + k] = n % 256;
  out.set(text, 8 + lengthBytes);
  out.set(Array.from(data), 8 + lengthBytes + text.length);
  return out;
}
