// The codecs one pixtext instance works with. Passed in, never registered globally, so a bundle contains exactly
// the codecs its code names.
import { PixtextError, invalidArgument } from '../errors.js';
import { FORMAT_IDS, PLUGIN_ID_PATTERN } from '../formats/codec.js';
import type { FormatId, ImageCodec } from '../formats/codec.js';
import { containerName } from '../formats/containers.js';

/** The codecs of one instance, with look-ups. Format ids are the built-in ones and the plug-in codecs' own. */
export interface CodecSet {
  /** The format of `bytes` by magic bytes, also for built-in formats without a codec here (to name them in errors). */
  detect(bytes: Uint8Array): string | undefined;
  /** The codec for `format`. @throws PixtextError `ERR_UNSUPPORTED` naming the codec to pass in, when this instance has none. */
  get(format: string): ImageCodec<string>;
  /** Whether `format` is a format of this instance: built in (codec or not), or a plug-in codec's id. */
  knows(format: string): boolean;
}

// Magic bytes of each built-in format (null: any byte), only to name a format whose codec was not given (a bundle
// with no codecs can still say "this is a WebP file, and no WebP codec is configured"). Given codecs decide with
// their own `sniff`.
const SIGNATURES: Record<FormatId, readonly (number | null)[]> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff],
  bmp: [0x42, 0x4d],
  gif: [0x47, 0x49, 0x46, 0x38], // "GIF8" (GIF87a, GIF89a)
  webp: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50], // "RIFF" size "WEBP"
  npy: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], // "\x93NUMPY"
};

// How messages name each format; a format not listed is named by its id in capitals.
const FORMAT_NAMES: Partial<Record<string, string>> = { webp: 'WebP' };
/** The name of a format in messages: `PNG`, `WebP`, `TIFF`. */
export const formatName = (format: string): string => FORMAT_NAMES[format] ?? format.toUpperCase();

const CODEC_FUNCTIONS = ['sniff', 'header', 'decode', 'encode'] as const;
const RESERVED_IDS: readonly string[] = ['raw', 'original'];

const isBuiltIn = (id: unknown): id is FormatId => (FORMAT_IDS as readonly unknown[]).includes(id);
const isCodecId = (id: unknown): id is string =>
  typeof id === 'string' && (isBuiltIn(id) || (PLUGIN_ID_PATTERN.test(id) && !RESERVED_IDS.includes(id)));

/**
 * Builds the look-ups for a list of codecs: pixtext's own and plug-in codecs (with an id of their own).
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for something that is not a codec, an id that is not a format id, or
 * two codecs with the same id.
 * @example
 * ```ts
 * const codecs = createCodecSet([pngCodec, bmpCodec]);
 * codecs.get('png') === pngCodec;
 * ```
 */
export function createCodecSet(codecs: unknown): CodecSet {
  if (!Array.isArray(codecs)) throw invalidArgument('an array of codecs', 'codecs', codecs);
  const byId = new Map<string, ImageCodec<string>>();
  codecs.forEach((codec: Partial<ImageCodec<string>> | null, index) => {
    const ok =
      typeof codec === 'object' &&
      codec !== null &&
      isCodecId(codec.id) &&
      typeof codec.mimeType === 'string' &&
      CODEC_FUNCTIONS.every((name) => typeof codec[name] === 'function');
    if (!ok || byId.has(codec.id!)) {
      throw invalidArgument('one ImageCodec per format, its id a built-in format or lowercase letters and digits', `codecs[${index}]`, codec);
    }
    byId.set(codec.id!, codec as ImageCodec<string>);
  });
  const plugins = [...byId.values()].filter((codec) => !isBuiltIn(codec.id));
  return {
    detect(bytes) {
      const builtIn = FORMAT_IDS.find((id) => {
        const codec = byId.get(id);
        return codec === undefined ? SIGNATURES[id].every((b, i) => i < bytes.length && (b === null || bytes[i] === b)) : codec.sniff(bytes);
      });
      return builtIn ?? plugins.find((codec) => codec.sniff(bytes))?.id;
    },
    get(format) {
      const codec = byId.get(format);
      if (codec === undefined) {
        const name = formatName(format);
        throw new PixtextError('ERR_UNSUPPORTED', `No ${name} codec is configured: pass createPixtext({ codecs: [${format}Codec] })`);
      }
      return codec;
    },
    knows: (format) => isBuiltIn(format) || byId.has(format),
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
 * The codec for `bytes`, whose format must be one this instance can read.
 * @throws PixtextError `ERR_UNKNOWN_FORMAT` (no format of this instance; a recognised container such as TIFF or
 * HEIC is named), `ERR_UNSUPPORTED` (a built-in format, such as WebP, whose codec this instance lacks)
 * @example
 * ```ts
 * codecFor(createCodecSet([pngCodec]), pngBytes, 'The input') === pngCodec;
 * ```
 */
export function codecFor(set: CodecSet, bytes: Uint8Array, what: string): ImageCodec<string> {
  const format = set.detect(bytes);
  if (format === undefined) {
    const container = containerName(bytes);
    if (container !== undefined) {
      throw new PixtextError(
        'ERR_UNKNOWN_FORMAT',
        `${what} is a ${container} file, a format pixtext does not read (a plug-in codec can add it: createPixtext({ codecs }))`,
      );
    }
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new PixtextError(
      'ERR_UNKNOWN_FORMAT',
      `${what} is not an image file pixtext knows (first bytes: ${bytes.length === 0 ? 'none, it is empty' : head})`,
    );
  }
  try {
    return set.get(format);
  } catch (cause) {
    const name = formatName(format);
    throw new PixtextError('ERR_UNSUPPORTED', `${what} is a ${name} file, and no ${name} codec is configured: pass createPixtext({ codecs: [${format}Codec] })`, { cause });
  }
}
