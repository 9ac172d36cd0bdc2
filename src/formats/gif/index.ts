// The GIF codec: the first frame of GIF87a/GIF89a files as Pillow 9.4 opens it; one-frame GIF89a files out.
// Spec: https://www.w3.org/Graphics/GIF/spec-gif89a.txt

import type { RawImage } from '../../raw-image.js';
import type { CodecEncodeOptions, ImageCodec } from '../codec.js';
import { decodeGif, type GifHeader, readGifHeader } from './decode.js';
import { encodeGif, GIF_ENCODABLE_MODES } from './encode.js';
import { hasGifSignature } from './structure.js';

/** `ImageCodec<'gif'>` with a header that also counts frames, and an encoder that needs no options. */
export interface GifCodec extends ImageCodec<'gif'> {
  header(bytes: Uint8Array): GifHeader;
  encode(image: RawImage, options?: CodecEncodeOptions): Uint8Array;
}

/**
 * The GIF codec. Decodes the first frame to `P` (or `L`) at the logical screen size exactly as Pillow 9.4 opens it
 * (see {@link decodeGif}); the header counts the frames. Encodes `1`, `L` and `P` (see {@link encodeGif}).
 *
 * @example
 * ```ts
 * const image = gifCodec.decode(bytes, { maxPixels: 1e8 });
 * const again = gifCodec.encode(image);
 * ```
 */
export const gifCodec: GifCodec = {
  id: 'gif',
  mimeType: 'image/gif',
  extensions: ['gif'],
  sniff: hasGifSignature,
  header: readGifHeader,
  encodableModes: GIF_ENCODABLE_MODES,
  decode: decodeGif,
  // GIF has no encoder options: quality and compressionLevel do not apply to it.
  encode: (image: RawImage, _options?: CodecEncodeOptions): Uint8Array => encodeGif(image),
};

export { decodeGif, readGifHeader, type GifHeader } from './decode.js';
export { encodeGif, GIF_ENCODABLE_MODES } from './encode.js';
export { hasGifSignature } from './structure.js';
