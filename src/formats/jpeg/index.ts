// The JPEG codec: our own decoder (pixels identical to libjpeg-turbo's, as Pillow gives them) and our own encoder
// (bytes identical to Pillow's), behind pixtext's codec interface.
import { readJpegOrientation } from '../exif/file-orientation.js';
import { withOrientation } from '../exif/write.js';
import type { ImageCodec } from '../codec.js';
import { decodeJpeg, readJpegHeader } from './decode.js';
import { JPEG_ENCODABLE_MODES, encodeJpeg } from './encode.js';
import { hasJpegSignature } from './markers.js';

/**
 * JPEG, our own codec. Decodes baseline, extended (8-bit) and progressive Huffman-coded files: grey → `L`,
 * YCbCr/RGB → `RGB`, CMYK/YCCK with an Adobe marker → `RGB`, with pixels identical to libjpeg-turbo 2.1.5's default
 * decode as Pillow 9.4 returns it (`convert('RGB')` for CMYK). Tolerates what libjpeg tolerates: junk between
 * segments, Motion-JPEG frames without Huffman tables, bad Huffman codes; a single-scan file may lack its EOI.
 * `draft` decodes at 1/2, 1/4 or 1/8 scale in the DCT domain, as Pillow's `draft()`.
 * Encodes `L` as one grey component, `RGB` and `BGR` as YCbCr, at `quality` 1–100 (default 90) and `subsampling`
 * '4:4:4' | '4:2:2' | '4:2:0' (libjpeg's default, 4:2:0, when left out), optionally `optimize`d or `progressive`,
 * byte for byte what Pillow writes; other modes are `ERR_UNSUPPORTED` naming the conversion.
 *
 * `maxPixels` is checked against the frame header before anything is allocated. A single-scan file is decoded one
 * MCU row at a time (memory: the output plus a few rows); a progressive or multi-scan file also keeps its DCT
 * coefficients (2 bytes per sample), committed only as far as the scan data present can fill them.
 *
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`, `ERR_TOO_LARGE`, `ERR_UNSUPPORTED` (12-bit, lossless,
 *   arithmetic-coded and hierarchical files; modes JPEG cannot hold), `ERR_INVALID_ARGUMENT` (quality, subsampling).
 *
 * @example
 * ```ts
 * import { jpegCodec } from 'pixtext';
 * const bytes = jpegCodec.encode({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0]) }, { quality: 90, compressionLevel: 6 });
 * jpegCodec.header(bytes);                          // { width: 1, height: 1, mode: 'RGB' }
 * jpegCodec.decode(bytes, { maxPixels: 1e6 }).data; // ≈ [254, 0, 0]
 * ```
 */
export const jpegCodec = {
  id: 'jpeg',
  mimeType: 'image/jpeg',
  extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
  sniff: hasJpegSignature,
  header: readJpegHeader,
  encodableModes: JPEG_ENCODABLE_MODES,
  decode: decodeJpeg,
  encode: encodeJpeg,
  orientation: readJpegOrientation,
  withOrientation: (bytes: Uint8Array, orientation: number): Uint8Array => withOrientation('jpeg', bytes, orientation),
} as const satisfies ImageCodec<'jpeg'>;
