// The BMP codec: Windows and OS/2 bitmaps in, uncompressed V3/V5 bitmaps out.
// Spec: https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv5header

import type { RawImage } from '../../raw-image.js';
import type { CodecEncodeOptions, ImageCodec } from '../codec.js';
import { decodeBmp, readBmpImageHeader } from './decode.js';
import { BMP_ENCODABLE_MODES, encodeBmp } from './encode.js';
import { hasBmpSignature } from './header.js';

/**
 * The BMP codec. Decodes 1/2/4/8/16/24/32-bit BMPs, RLE4/RLE8, BI_BITFIELDS and BI_ALPHABITFIELDS with any
 * contiguous masks, top-down rows, OS/2 1.x/2.x and V3/V4/V5 headers, to the native mode (see {@link decodeBmp}).
 * Encodes `1`, `L`, `P` (opaque palette), `RGB`, `BGR`, `RGBA` and `BGRA` exactly (see {@link encodeBmp}).
 *
 * @example
 * ```ts
 * import { bmpCodec } from 'pixtext';
 * const image = bmpCodec.decode(bytes, { maxPixels: 1e8 });
 * const again = bmpCodec.encode(image, { quality: 90, compressionLevel: 6 });
 * ```
 */
export const bmpCodec = {
  id: 'bmp',
  mimeType: 'image/bmp',
  extensions: ['bmp', 'dib'],
  sniff: hasBmpSignature,
  header: readBmpImageHeader,
  encodableModes: BMP_ENCODABLE_MODES,
  decode: decodeBmp,
  // BMP has no encoder options: quality and compressionLevel do not apply to it.
  encode: (image: RawImage, _options?: CodecEncodeOptions): Uint8Array => encodeBmp(image),
} as const satisfies ImageCodec<'bmp'>;

export { decodeBmp, readBmpImageHeader } from './decode.js';
export { encodeBmp, BMP_ENCODABLE_MODES } from './encode.js';
