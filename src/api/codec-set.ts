// The codecs one pixtext instance works with. Passed in, never registered globally, so a bundle contains exactly
// the codecs its code names.
import { PixtextError, invalidArgument } from '../errors.js';
import { FORMAT_IDS } from '../formats/codec.js';
import type { FormatId, ImageCodec } from '../formats/codec.js';
import { notConfigured } from '../errors.js';

/** The codecs of one instance, with look-ups. */
export interface CodecSet {
  /** The format of `bytes` by magic bytes, also for formats without a codec here (to name them in errors). */
  detect(bytes: Uint8Array): FormatId | undefined;
  /** The codec for `format`. @throws PixtextError `ERR_UNSUPPORTED` naming the codec to pass in, when this instance has none. */
  get(format: FormatId): ImageCodec;
}

// Magic bytes of each format, only to name a format whose codec was not given (a bundle with no codecs can still
// say "this is a PNG, and no PNG codec is configured"). Given codecs decide with their own `sniff`.
const SIGNATURES: Record<FormatId, readonly number[]> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff],
  bmp: [0x42, 0x4d],
  npy: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], // "\x93NUMPY"
};

const CODEC_FUNCTIONS = ['sniff', 'header', 'decode', 'encode'] as const;

/**
 * Builds the look-ups for a list of codecs.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for something that is not a codec, or two codecs with the same id.
 * @example
 * ```ts
 * const codecs = createCodecSet([pngCodec, bmpCodec]);
 * codecs.get('png') === pngCodec;
 * ```
 */
export function createCodecSet(codecs: unknown): CodecSet {
  if (!Array.isArray(codecs)) throw invalidArgument('an array of codecs', 'codecs', codecs);
  const byId = new Map<FormatId, ImageCodec>();
  codecs.forEach((codec: Partial<ImageCodec> | null, index) => {
    const ok =
      typeof codec === 'object' &&
      codec !== null &&
      FORMAT_IDS.includes(codec.id!) &&
      typeof codec.mimeType === 'string' &&
      CODEC_FUNCTIONS.every((name) => typeof codec[name] === 'function');
    if (!ok || byId.has(codec.id!)) {
      throw invalidArgument('one ImageCodec per format', `codecs[${index}]`, codec);
    }
    byId.set(codec.id!, codec as ImageCodec);
  });
  return {
    detect: (bytes) =>
      FORMAT_IDS.find((id) => {
        const codec = byId.get(id);
        return codec === undefined ? SIGNATURES[id].every((b, i) => bytes[i] === b) : codec.sniff(bytes);
      }),
    get(format) {
      const codec = byId.get(format);
      if (codec === undefined) throw notConfigured(`The ${format} codec`, `{ codecs: [${format}Codec] }`);
      return codec;
    },
  };
}

/**
 * Accepts `Uint8Array` (any view) or `ArrayBuffer` as file bytes.
 * @throws PixtextError `ERR_INVALID_ARGUMENT`
 * @example
 * ```ts
 * toBytes(arrayBuffer, 'bytes'); // a Uint8Array over the whole buffer
 * ```
 */
export function toBytes(value: unknown, option: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw invalidArgument('a Uint8Array or an ArrayBuffer', option, value);
}

/**
 * The format of `bytes`, which must be one this instance can handle.
 * @throws PixtextError `ERR_UNKNOWN_FORMAT` (not PNG, JPEG or BMP), `ERR_UNSUPPORTED` (no codec configured for it)
 * @example
 * ```ts
 * codecFor(createCodecSet([pngCodec]), pngBytes, 'The input') === pngCodec;
 * ```
 */
export function codecFor(set: CodecSet, bytes: Uint8Array, what: string): ImageCodec {
  const format = set.detect(bytes);
  if (format === undefined) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new PixtextError(
      'ERR_UNKNOWN_FORMAT',
      `${what} is not a PNG, JPEG or BMP file (first bytes: ${bytes.length === 0 ? 'none, it is empty' : head})`,
    );
  }
  return set.get(format);
}
