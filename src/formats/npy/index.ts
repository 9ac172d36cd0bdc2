// The NumPy .npy codec: uint8 and uint16 image arrays in, exactly what np.save writes out.
// Spec: numpy/lib/format.py (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html)

import type { RawImage } from '../../raw-image.js';
import type { CodecEncodeOptions, ImageCodec } from '../codec.js';
import { decodeNpy } from './decode.js';
import { NPY_ENCODABLE_MODES, encodeNpy } from './encode.js';
import { hasNpySignature, readNpyImageHeader } from './header.js';

/**
 * The NumPy `.npy` codec. Decodes format versions 1.0, 2.0 and 3.0 of C-ordered uint8 (`|u1`) and uint16 (`<u2`,
 * `>u2`) arrays shaped (H, W) → `L`/`L16`, (H, W, 2) → `LA`/`LA16`, (H, W, 3) → `RGB`/`RGB16`, (H, W, 4) →
 * `RGBA`/`RGBA16`; other dtypes, shapes and Fortran order are `ERR_UNSUPPORTED`, naming them. Encodes `L`, `LA`,
 * `RGB`, `RGBA`, `BGR`, `BGRA` (channels in that order) and the 16-bit modes (as `<u2`) byte for byte as `np.save`.
 *
 * @example
 * ```ts
 * import { createPixtext, npyCodec } from 'pixtext';
 * const { imageToText, textToImage } = createPixtext({ codecs: [npyCodec] });
 * const image = textToImage(imageToText(npyBytes)); // the array's pixels
 * ```
 */
export const npyCodec = {
  id: 'npy',
  mimeType: 'application/x-npy',
  extensions: ['npy'],
  sniff: hasNpySignature,
  header: readNpyImageHeader,
  encodableModes: NPY_ENCODABLE_MODES,
  decode: decodeNpy,
  // npy has no encoder options: quality and compressionLevel do not apply to it.
  encode: (image: RawImage, _options?: CodecEncodeOptions): Uint8Array => encodeNpy(image),
} as const satisfies ImageCodec<'npy'>;

export { decodeNpy } from './decode.js';
export { encodeNpy, NPY_ENCODABLE_MODES } from './encode.js';
export { hasNpySignature, readNpyImageHeader } from './header.js';
