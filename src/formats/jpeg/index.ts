// The JPEG codec: decoding and encoding through jpeg-js, behind pixtext's codec interface.
import type { ImageCodec } from '../codec.js';
import { decodeJpeg, readJpegHeader } from './decode.js';
import { JPEG_ENCODABLE_MODES, encodeJpeg } from './encode.js';
import { hasJpegSignature } from './structure.js';

/**
 * JPEG through jpeg-js. Decodes baseline, extended (8-bit) and progressive Huffman-coded files: grey → `L`,
 * YCbCr/RGB → `RGB` (chroma upsampled and converted as libjpeg does), CMYK/YCCK with an Adobe marker → `RGB`.
 * Tolerates what libjpeg tolerates: junk between segments, Motion-JPEG frames without Huffman tables, a missing EOI.
 * Encodes with pixtext's own baseline encoder: `L` as one grey component, `RGB` and `BGR` as YCbCr, at `quality`
 * 1–100 and `subsampling` '4:4:4' | '4:2:2' | '4:2:0' (libjpeg's default when left out), byte for byte what Pillow
 * writes; other modes are `ERR_UNSUPPORTED` naming the conversion.
 *
 * `maxPixels` is checked against the frame header before anything is allocated. jpeg-js itself keeps every DCT block
 * of the image in memory (about 4 bytes per sample plus object overhead), so size `maxPixels` accordingly.
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
} as const satisfies ImageCodec<'jpeg'>;
