// .npy → RawImage: the array's bytes are the image's rows already (C order, samples interleaved); 16-bit samples
// are turned little-endian. Spec: numpy/lib/format.py ("Following the header comes the array data").
import type { RawImage } from '../../raw-image.js';
import type { CodecDecodeOptions } from '../codec.js';
import { checkedNpyLayout } from './header.js';

/**
 * Decodes a .npy file of a uint8 or uint16 array shaped (H, W) or (H, W, 2|3|4), NumPy format version 1.0, 2.0 or
 * 3.0, to `L`/`LA`/`RGB`/`RGBA` or `L16`/`LA16`/`RGB16`/`RGBA16` (3 and 4 channels are read as RGB order, as Pillow's
 * `Image.fromarray` does).
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`, `ERR_UNSUPPORTED` (another dtype, shape, Fortran order or
 * version), `ERR_TOO_LARGE` (over `maxPixels`, checked before allocating)
 * @example
 * ```ts
 * decodeNpy(bytes, { maxPixels: 1e8 }); // { width: 3, height: 2, mode: 'RGB', data: Uint8Array(18) }
 * ```
 */
export function decodeNpy(bytes: Uint8Array, options: CodecDecodeOptions): RawImage {
  const { width, height, mode, bigEndian, dataOffset, dataLength } = checkedNpyLayout(bytes, options.maxPixels);
  const data = bytes.slice(dataOffset, dataOffset + dataLength);
  if (bigEndian) {
    for (let i = 0; i < data.length; i += 2) {
      const high = data[i]!;
      data[i] = data[i + 1]!;
      data[i + 1] = high;
    }
  }
  return { width, height, mode, data };
}
