// decode, encode and detectFormat (docs/ARCHITECTURE.md#public-api): the file codecs behind one interface.
import { validateRawImage } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import { codecFor, toBytes } from './codec-set.js';
import type { CodecSet } from './codec-set.js';
import type { Features } from './pixtext.js';
import { inMode } from './pixtext.js';
import { encodeOriented, oriented } from './orientation.js';
import { resolveDecodeOptions, resolveEncodeOptions, resolveFormat } from './options.js';

/**
 * Decodes PNG/JPEG/BMP bytes: `decode` for one instance's features.
 * @throws PixtextError (see {@link decode})
 * @example
 * ```ts
 * decodeWith(createFeatures({ codecs: [pngCodec], convert }), pngBytes, { mode: 'RGBA' });
 * ```
 */
export function decodeWith(features: Features, input: unknown, rawOptions: unknown): RawImage {
  const options = resolveDecodeOptions(rawOptions);
  const bytes = toBytes(input, 'bytes');
  const { maxPixels, maxExpansion, draft } = options;
  const codec = codecFor(features.codecs, bytes, 'The input');
  const image = codec.decode(bytes, draft === undefined ? { maxPixels, maxExpansion } : { maxPixels, maxExpansion, draft });
  return oriented(inMode(features, image, options.mode), codec.orientation?.(bytes), options.orientation);
}

/**
 * Encodes a RawImage as a file: `encode` for one set of codecs.
 * @throws PixtextError (see {@link encode})
 * @example
 * ```ts
 * encodeWith(createCodecSet([pngCodec]), image, 'png', { compressionLevel: 9 });
 * ```
 */
export function encodeWith(codecs: CodecSet, image: unknown, format: unknown, rawOptions: unknown): Uint8Array {
  const options = resolveEncodeOptions(rawOptions);
  const id = resolveFormat(format, codecs.knows);
  return encodeOriented(codecs.get(id), validateRawImage(image), options);
}

/**
 * The format of file bytes from their magic bytes: `detectFormat` for one set of codecs.
 * @throws PixtextError (see {@link detectFormat})
 * @example
 * ```ts
 * detectFormatWith(createCodecSet([]), new Uint8Array([0x42, 0x4d])); // 'bmp'
 * ```
 */
export function detectFormatWith(codecs: CodecSet, bytes: unknown): string | undefined {
  return codecs.detect(toBytes(bytes, 'bytes'));
}
