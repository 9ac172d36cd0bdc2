// The .npy preamble and header: magic, version, header length, and the header dict checked into an image layout.
// Spec: numpy/lib/format.py (module docstring: "Format Version 1.0", "2.0", "3.0"; _read_array_header).
import { PixtextError } from '../../errors.js';
import { checkPixelLimit } from '../../raw-image.js';
import type { PixelMode } from '../../raw-image.js';
import type { ImageHeader } from '../codec.js';
import { parseHeaderDict } from './header-dict.js';
import type { HeaderValue } from './header-dict.js';

/** The first 6 bytes of every .npy file: `\x93NUMPY`. */
export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const;

/**
 * The versions NumPy defines: the size of the little-endian header length field after the magic and version bytes,
 * and the header's text encoding (format.py `_header_size_info`).
 */
export const NPY_VERSIONS = {
  '1.0': { lengthBytes: 2, encoding: 'latin1' },
  '2.0': { lengthBytes: 4, encoding: 'latin1' },
  '3.0': { lengthBytes: 4, encoding: 'utf-8' },
} as const;

/** The dtypes read, by their `descr`: sample size and byte order. `|u1` is what np.save writes for uint8. */
const DTYPES: Readonly<Record<string, { bytes: 1 | 2; bigEndian: boolean }>> = {
  '|u1': { bytes: 1, bigEndian: false },
  '<u1': { bytes: 1, bigEndian: false },
  '>u1': { bytes: 1, bigEndian: false },
  '<u2': { bytes: 2, bigEndian: false },
  '>u2': { bytes: 2, bigEndian: true },
};

/** Image mode by channel count (1 for a 2-D array) and sample size. */
const MODES: Readonly<Record<1 | 2, readonly PixelMode[]>> = {
  1: ['L', 'LA', 'RGB', 'RGBA'],
  2: ['L16', 'LA16', 'RGB16', 'RGBA16'],
};

/** Everything decode needs to know about a .npy file, read from its header. */
export interface NpyLayout extends ImageHeader {
  /** Bytes per sample: 1 (uint8) or 2 (uint16). */
  sampleBytes: 1 | 2;
  bigEndian: boolean;
  /** Where the array data starts, and how many bytes it takes. */
  dataOffset: number;
  dataLength: number;
}

/**
 * True when `bytes` start with the .npy magic. Never throws.
 * @example
 * ```ts
 * hasNpySignature(new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0])); // true
 * ```
 */
export function hasNpySignature(bytes: Uint8Array): boolean {
  return NPY_MAGIC.every((b, i) => bytes[i] === b);
}

const corrupt = (message: string, offset?: number) =>
  new PixtextError('ERR_CORRUPT', message, offset === undefined ? { chunk: 'header' } : { offset, chunk: 'header' });
const unsupported = (message: string) => new PixtextError('ERR_UNSUPPORTED', message, { chunk: 'header' });

/** A header value as Python prints it, cut short when long (a header is file content, messages stay readable). */
function describeValue(value: HeaderValue): string {
  let text = 'a list';
  if (value.kind === 'string') text = `'${value.text}'`;
  if (value.kind === 'bool') text = value.value ? 'True' : 'False';
  if (value.kind === 'tuple') text = value.items.length === 1 ? `(${value.items[0]},)` : `(${value.items.slice(0, 9).join(', ')})`;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Reads and checks the preamble and header of a .npy file: a C-ordered uint8 or uint16 array shaped (H, W) or
 * (H, W, 2|3|4). Does not look at the data.
 * @throws PixtextError `ERR_CORRUPT` (no magic, bad header), `ERR_TRUNCATED` (the file ends inside the header),
 * `ERR_UNSUPPORTED` (another version, dtype, shape or Fortran order, each named), `ERR_TOO_LARGE` (a dimension
 * beyond what an engine can hold)
 * @example
 * ```ts
 * readNpyLayout(bytes); // { width: 3, height: 2, mode: 'RGB', sampleBytes: 1, bigEndian: false, dataOffset: 128, dataLength: 18 }
 * ```
 */
export function readNpyLayout(bytes: Uint8Array): NpyLayout {
  if (!hasNpySignature(bytes)) throw corrupt('Not an npy file: it does not start with "\\x93NUMPY"', 0);
  if (bytes.length < 8) throw new PixtextError('ERR_TRUNCATED', 'The npy file ends inside its version bytes', { offset: bytes.length });
  const version = `${bytes[6]}.${bytes[7]}`;
  if (!Object.hasOwn(NPY_VERSIONS, version)) {
    throw unsupported(`npy format version ${version} is not supported (1.0, 2.0 and 3.0 are)`);
  }
  const { lengthBytes, encoding } = NPY_VERSIONS[version as keyof typeof NPY_VERSIONS];
  const start = 8 + lengthBytes;
  if (bytes.length < start) throw new PixtextError('ERR_TRUNCATED', 'The npy file ends inside its header length', { offset: bytes.length });
  let headerLength = 0;
  for (let k = lengthBytes - 1; k >= 0; k--) headerLength = headerLength * 256 + bytes[8 + k]!;
  const end = start + headerLength;
  if (bytes.length < end) {
    throw new PixtextError('ERR_TRUNCATED', `The npy header declares ${headerLength} bytes but the file ends after ${bytes.length - start}`, { offset: bytes.length });
  }
  const dict = parseHeaderDict({ bytes, start, end, encoding });
  return layoutOf(dict, end);
}

function layoutOf(dict: Map<string, HeaderValue>, dataOffset: number): NpyLayout {
  const descr = dict.get('descr');
  if (descr?.kind === 'list') throw unsupported('The npy array has a structured dtype; only uint8 (|u1) and uint16 (<u2, >u2) are read');
  const keys = [...dict.keys()];
  const expected = ['descr', 'fortran_order', 'shape'];
  if (keys.length !== 3 || !expected.every((key) => dict.has(key))) {
    const found = keys.map((key) => describeValue({ kind: 'string', text: key })).join(', ');
    throw corrupt(`The npy header must have exactly the keys 'descr', 'fortran_order', 'shape', not ${found || 'none'}`);
  }
  const fortran = dict.get('fortran_order')!;
  const shape = dict.get('shape')!;
  if (descr!.kind !== 'string') throw corrupt(`The npy header's 'descr' must be a string, not ${describeValue(descr!)}`);
  if (fortran.kind !== 'bool') throw corrupt(`The npy header's 'fortran_order' must be True or False, not ${describeValue(fortran)}`);
  if (shape.kind !== 'tuple') throw corrupt(`The npy header's 'shape' must be a tuple of integers, not ${describeValue(shape)}`);
  const dims = shape.items.map(Number);
  const negative = shape.items.find((item) => item.startsWith('-'));
  if (negative !== undefined) throw corrupt(`The npy header's 'shape' ${describeValue(shape)} has a negative dimension`);

  const dtype = Object.hasOwn(DTYPES, descr!.text) ? DTYPES[descr!.text]! : undefined;
  if (dtype === undefined) {
    throw unsupported(`The npy array's dtype ${describeValue(descr!)} is not an image dtype: only uint8 (|u1) and uint16 (<u2, >u2) are read`);
  }
  const channels = dims.length === 2 ? 1 : dims[2]!;
  if (dims.length < 2 || dims.length > 3 || (dims.length === 3 && !(channels >= 2 && channels <= 4))) {
    const squeeze = dims.length === 3 && channels === 1 ? ' (squeeze the last axis to store grey as (H, W))' : '';
    throw unsupported(`The npy array's shape ${describeValue(shape)} is not an image: (H, W) or (H, W, 2|3|4) are read${squeeze}`);
  }
  if (fortran.value) {
    throw unsupported('The npy array is stored in Fortran order; save it in C order (np.ascontiguousarray) to read it');
  }
  const [height, width] = dims as [number, number];
  if (!Number.isSafeInteger(height) || !Number.isSafeInteger(width)) {
    throw new PixtextError('ERR_TOO_LARGE', `The npy header declares shape ${describeValue(shape)}, too large to hold`);
  }
  const mode = MODES[dtype.bytes][channels - 1]!;
  // The length only matters once the size is known to be within limits; here it may be inexact for huge shapes,
  // which checkPixelLimit refuses first.
  const dataLength = height * width * channels * dtype.bytes;
  return { width, height, mode, sampleBytes: dtype.bytes, bigEndian: dtype.bigEndian, dataOffset, dataLength };
}

/**
 * The image header of a .npy file: width, height, mode.
 * @throws PixtextError as {@link readNpyLayout}
 * @example
 * ```ts
 * readNpyImageHeader(bytes); // { width: 3, height: 2, mode: 'RGB' }
 * ```
 */
export function readNpyImageHeader(bytes: Uint8Array): ImageHeader {
  const { width, height, mode } = readNpyLayout(bytes);
  return { width, height, mode };
}

/**
 * The layout, with the size checked against `maxPixels` and the data's length against the file's.
 * @throws PixtextError as {@link readNpyLayout}, and `ERR_TOO_LARGE`, `ERR_TRUNCATED` (less data than the shape
 * needs), `ERR_CORRUPT` (bytes after the data: another array saved to the same file, read as one it would be lost)
 * @example
 * ```ts
 * checkedNpyLayout(bytes, 1e6).dataLength; // 18 for a 2×3 RGB array
 * ```
 */
export function checkedNpyLayout(bytes: Uint8Array, maxPixels: number): NpyLayout {
  const layout = readNpyLayout(bytes);
  checkPixelLimit(layout.width, layout.height, maxPixels, 'The npy header', layout.mode);
  const available = bytes.length - layout.dataOffset;
  if (available < layout.dataLength) {
    throw new PixtextError('ERR_TRUNCATED', `The npy data is ${available} bytes, but a ${layout.height}×${layout.width} ${layout.mode} array needs ${layout.dataLength}`, { offset: bytes.length });
  }
  if (available > layout.dataLength) {
    throw new PixtextError('ERR_CORRUPT', `The npy file has ${available - layout.dataLength} bytes after its array data (another array saved to the same file?)`, { offset: layout.dataOffset + layout.dataLength });
  }
  return layout;
}
