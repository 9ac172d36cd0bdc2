// The WebP codec: lossy (VP8), lossless (VP8L), alpha (ALPH) and the first frame of animations, read as Pillow 9.4
// (libwebp 1.2.4) reads them; lossless VP8L written. Spec: RFC 9649 (WebP), RFC 6386 (VP8).
import type { ImageCodec } from '../codec.js';
import { readWebpOrientation } from '../exif/file-orientation.js';
import { withWebpOrientation } from '../exif/write.js';
import { decodeWebp, readWebpHeader } from './decode.js';
import { encodeWebp, WEBP_ENCODABLE_MODES } from './encode.js';
import { hasWebpSignature } from './riff.js';

/**
 * The WebP codec. Decodes the first frame to `RGB`, or `RGBA` when the file has alpha, bit-identical to Pillow 9.4
 * (libwebp 1.2.4); see {@link decodeWebp}. Encodes `L`, `LA`, `RGB` and `RGBA` losslessly (VP8L); see
 * {@link encodeWebp}. Pass it to `createPixtext({ codecs: [webpCodec] })`.
 *
 * @example
 * ```ts
 * const pixtext = createPixtext({ codecs: [webpCodec] });
 * const image = pixtext.decode(webpBytes); // { width, height, mode: 'RGB' | 'RGBA', data }
 * ```
 */
export const webpCodec: ImageCodec<'webp'> = {
  id: 'webp',
  mimeType: 'image/webp',
  extensions: ['webp'],
  sniff: hasWebpSignature,
  header: readWebpHeader,
  encodableModes: WEBP_ENCODABLE_MODES,
  decode: decodeWebp,
  encode: (image) => encodeWebp(image),
  orientation: readWebpOrientation,
  withOrientation: withWebpOrientation,
};

export { decodeWebp, readWebpHeader, type WebpHeader } from './decode.js';
export { encodeWebp, WEBP_ENCODABLE_MODES } from './encode.js';
export { hasWebpSignature } from './riff.js';
