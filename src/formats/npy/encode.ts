// RawImage → .npy, byte for byte what `np.save` (NumPy 1.24) writes for the same array: the header dict as
// numpy's _write_array_header prints it (keys sorted, `repr` of each value, a trailing ", "), the spare spaces it
// adds for growing the first axis, padding to a multiple of 64 bytes ending in "\n", version 1.0 unless the header
// does not fit a 2-byte length. Spec: numpy/lib/format.py (_write_array_header, _wrap_header,
// _wrap_header_guess_version, header_data_from_array_1_0, dtype_to_descr).
import { PixtextError } from '../../errors.js';
import { MODE_TABLE } from '../../pixel-modes/mode-table.js';
import type { PixelMode, RawImage } from '../../raw-image.js';
import { NPY_MAGIC } from './header.js';

/** format.py ARRAY_ALIGN: the data starts at a multiple of this. */
const ARRAY_ALIGN = 64;
/** format.py GROWTH_AXIS_MAX_DIGITS: spaces reserved so the first dimension can grow in place, len(str(8*2**64-1)). */
const GROWTH_AXIS_MAX_DIGITS = 21;

/** Modes written: 8-bit as |u1, 16-bit as <u2; BGR and BGRA as 3 and 4 channels in that order. */
export const NPY_ENCODABLE_MODES: readonly PixelMode[] = ['L', 'LA', 'RGB', 'RGBA', 'BGR', 'BGRA', 'L16', 'LA16', 'RGB16', 'RGBA16'];

/** Python's repr of a tuple of ints: `(5,)` for one item, `(2, 3)` for more. */
const tupleRepr = (dims: readonly number[]): string => (dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`);

/**
 * The header dict text np.save writes for a C-ordered array, before padding.
 * @example
 * ```ts
 * npyHeaderText('|u1', [2, 3]); // "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }" + 20 spaces
 * ```
 */
export function npyHeaderText(descr: string, shape: readonly number[]): string {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${tupleRepr(shape)}, }`;
  return shape.length === 0 ? dict : dict + ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length);
}

/**
 * The preamble and padded header for a header text (ASCII), as format.py `_wrap_header_guess_version` makes them:
 * version 1.0 when the padded length fits 16 bits, else 2.0. The padding is 1 to 64 spaces, then "\n".
 * @example
 * ```ts
 * wrapNpyHeader(npyHeaderText('|u1', [2, 3])).length; // 128
 * ```
 */
export function wrapNpyHeader(header: string): Uint8Array {
  let lengthBytes = 2;
  let padded = paddedLength(header.length, lengthBytes);
  if (padded > 0xffff) {
    lengthBytes = 4;
    padded = paddedLength(header.length, lengthBytes);
  }
  const preamble = NPY_MAGIC.length + 2 + lengthBytes;
  const out = new Uint8Array(preamble + padded);
  out.set(NPY_MAGIC);
  out[6] = lengthBytes === 2 ? 1 : 2;
  for (let k = 0, n = padded; k < lengthBytes; k++, n = Math.floor(n / 256)) out[8 + k] = n % 256;
  for (let i = 0; i < header.length; i++) out[preamble + i] = header.charCodeAt(i);
  out.fill(0x20, preamble + header.length, out.length - 1);
  out[out.length - 1] = 0x0a;
  return out;
}

/** Header length with its padding: hlen = len + 1 ("\n"), padlen = 64 - (magic + length field + hlen) % 64. */
function paddedLength(textLength: number, lengthBytes: number): number {
  const hlen = textLength + 1;
  return hlen + ARRAY_ALIGN - ((NPY_MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN);
}

/**
 * Encodes an image as the .npy file np.save writes for the same array: shape (H, W) for one channel, (H, W, C)
 * otherwise; dtype |u1, or <u2 for 16-bit modes.
 * @throws PixtextError `ERR_UNSUPPORTED` for `1` (convert to L) and `P` (convert to RGB or RGBA)
 * @example
 * ```ts
 * encodeNpy({ width: 3, height: 2, mode: 'L', data: new Uint8Array(6) }); // 128 + 6 bytes
 * ```
 */
export function encodeNpy(image: RawImage): Uint8Array {
  const { mode, width, height, data } = image;
  if (mode === '1') {
    throw new PixtextError('ERR_UNSUPPORTED', `npy holds bytes, not bits: convert(image, 'L') first to store a mode 1 image as uint8`);
  }
  if (mode === 'P') {
    throw new PixtextError('ERR_UNSUPPORTED', `npy holds no palette: convert(image, 'RGB') (or 'RGBA' for a palette with alpha) first`);
  }
  const { samples, bitsPerSample } = MODE_TABLE[mode];
  const shape = samples.length === 1 ? [height, width] : [height, width, samples.length];
  // RawImage 16-bit samples are little-endian already, as <u2 is.
  const head = wrapNpyHeader(npyHeaderText(bitsPerSample === 16 ? '<u2' : '|u1', shape));
  const out = new Uint8Array(head.length + data.length);
  out.set(head);
  out.set(data, head.length);
  return out;
}
