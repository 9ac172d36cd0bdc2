// The PNG codec: our own decoder and encoder over the zlib backend (node:zlib in Node; elsewhere our inflate and fflate's deflate).
// Spec: https://www.w3.org/TR/png-3/
import { PIXEL_MODE_NAMES } from '../../raw-image.js';
import type { ImageCodec } from '../codec.js';
import { hasPngSignature } from './chunks.js';
import { decodePng } from './decode.js';
import { DEFAULT_COMPRESSION_LEVEL } from '../codec.js';
import { encodePng } from './encode.js';
import { readPngHeader } from './header.js';
import { readPngOrientation } from '../exif/file-orientation.js';
import { withOrientation } from '../exif/write.js';

/**
 * PNG: decodes every colour type and bit depth, Adam7 and tRNS, to the native mode (grey 1-bit → `1`, grey 2/4/8 →
 * `L`, 16-bit → `L16`/`LA16`/`RGB16`/`RGBA16`, palette → `P` with an RGBA palette, colour key → an alpha channel);
 * every chunk's CRC is checked, unknown ancillary chunks are skipped and unknown critical ones are `ERR_UNSUPPORTED`.
 * Encodes every mode losslessly at `compressionLevel` 0–9 (defaults to 6).
 *
 * @example
 * ```ts
 * import { pngCodec } from 'pixtext';
 * const image = pngCodec.decode(bytes, { maxPixels: 1e8 });
 * const again = pngCodec.encode(image, { quality: 90, compressionLevel: 9 });
 * ```
 */
export const pngCodec = {
  id: 'png',
  mimeType: 'image/png',
  extensions: ['png'],
  sniff: hasPngSignature,
  header: readPngHeader,
  encodableModes: PIXEL_MODE_NAMES,
  decode: (bytes, options) => decodePng(bytes, options.maxPixels, options.maxExpansion),
  encode: (image, options) => encodePng(image, options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL),
  orientation: readPngOrientation,
  withOrientation: (bytes, orientation) => withOrientation('png', bytes, orientation),
} satisfies ImageCodec<'png'>;
