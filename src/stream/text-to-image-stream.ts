// textToImage for an envelope arriving as a stream, for texts longer than the engine's maximum string length.
// The header (which canonically precedes `data`) sizes the payload buffer before any of it is decoded, so memory is
// the image plus a fixed buffer; `byteLength` and `crc32` are verified when the text ends.
import { PixtextError, describeValue } from '../errors.js';
import { checkEnvelopeVersion, parseEnvelopeHeader } from '../text-forms/envelope-header.js';
import type { EnvelopeHeader } from '../text-forms/envelope-header.js';
import { crc32Hex } from '../checksum/crc32.js';
import { convert } from '../pixel-modes/convert.js';
import { PIXEL_MODES, byteLengthFor, checkPixelLimit } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import { Base64Sink } from './base64-sink.js';
import type { PayloadTarget } from './base64-sink.js';
import { EnvelopeStreamParser } from './envelope-stream-parser.js';
import { resolveTextToImageStreamOptions } from './stream-options.js';
import type { ResolvedTextToImageStreamOptions, TextToImageStreamOptions } from './stream-options.js';

/**
 * What {@link textToImageStream} reads: a stream of strings, or any async iterable of strings or UTF-8 bytes.
 * @example
 * ```ts
 * const source: TextStreamSource = createReadStream('scan.json'); // a Node file stream yields Buffers
 * ```
 */
export type TextStreamSource = ReadableStream<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

const REQUIRED = ['pixtext', 'width', 'height', 'mode', 'encoding', 'byteLength', 'crc32'] as const;
// The most bytes a pixel takes in any mode (RGBA16), to bound a payload that arrives before its header.
const MAX_BYTES_PER_PIXEL = Math.max(...Object.values(PIXEL_MODES).map((m) => (m.channels * m.bitsPerSample) / 8));
const MAX_TYPED_ARRAY = 0xffff_ffff;

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Checks what the header promises before anything is allocated: size against maxPixels, encoding, byteLength. */
function checkHeader(header: EnvelopeHeader, maxPixels: number): void {
  checkPixelLimit(header.width, header.height, maxPixels, 'The envelope header', header.mode);
  if (header.encoding !== 'raw') {
    throw new PixtextError(
      'ERR_UNSUPPORTED',
      `textToImageStream reads raw envelopes; this one holds a ${header.encoding} file: read it with textToImage (its text is at most 4/3 of the file)`,
      { chunk: 'encoding' },
    );
  }
  const expected = byteLengthFor(header.mode, header.width, header.height);
  if (header.byteLength !== expected) {
    throw new PixtextError(
      'ERR_LENGTH_MISMATCH',
      `The envelope declares byteLength ${header.byteLength} but a ${header.width}×${header.height} ${header.mode} image holds ${expected} bytes`,
      { chunk: 'byteLength' },
    );
  }
}

/** Reads one envelope pushed as text pieces. */
class EnvelopeStreamReader {
  private readonly parser: EnvelopeStreamParser;
  private payload: { bytes: Uint8Array; crc: number } | undefined;

  constructor(private readonly options: ResolvedTextToImageStreamOptions) {
    this.parser = new EnvelopeStreamParser({
      openData: (fields) => new Base64Sink(this.targetFor(fields)),
      closeData: (sink) => {
        this.payload = sink.finish();
      },
    });
  }

  /** With the whole header before `data` (the canonical order), the payload goes straight into a buffer of its size. */
  private targetFor(fields: Record<string, unknown>): PayloadTarget {
    this.payload = undefined; // a repeated "data" key replaces the earlier one, as in JSON.parse
    if (REQUIRED.every((key) => hasOwn(fields, key))) {
      const header = parseEnvelopeHeader(fields);
      checkHeader(header, this.options.maxPixels);
      return { kind: 'exact', buffer: new Uint8Array(header.byteLength) };
    }
    if (hasOwn(fields, 'pixtext')) checkEnvelopeVersion(fields);
    const { maxPixels } = this.options;
    return {
      kind: 'pieces',
      limit: Math.min(MAX_TYPED_ARRAY, maxPixels * MAX_BYTES_PER_PIXEL),
      limitReason: Number.isFinite(maxPixels)
        ? `the most an image within maxPixels (${maxPixels}) can hold`
        : 'the most one typed array may hold',
    };
  }

  write(text: string): void {
    this.parser.write(text);
  }

  finish(): RawImage {
    this.parser.end();
    const fields = this.parser.fields;
    const header = parseEnvelopeHeader(fields);
    checkHeader(header, this.options.maxPixels);
    if (hasOwn(fields, 'data') || this.payload === undefined) {
      const data = hasOwn(fields, 'data') ? fields['data'] : undefined;
      throw new PixtextError(
        'ERR_ENVELOPE',
        data === undefined ? 'Envelope field "data" is missing' : `Envelope field "data" must be a base64 string but is ${describeValue(data)}`,
        { chunk: 'data' },
      );
    }
    const { bytes, crc } = this.payload;
    if (bytes.length !== header.byteLength) {
      throw new PixtextError(
        'ERR_LENGTH_MISMATCH',
        `The envelope's data decodes to ${bytes.length} bytes but its byteLength says ${header.byteLength}`,
        { chunk: 'data' },
      );
    }
    if (crc32Hex(crc) !== header.crc32) {
      throw new PixtextError(
        'ERR_CHECKSUM',
        `The envelope's data has CRC-32 ${crc32Hex(crc)} but its crc32 field says ${header.crc32}: the data is corrupt`,
        { chunk: 'crc32' },
      );
    }
    const image: RawImage = { width: header.width, height: header.height, mode: header.mode, data: bytes };
    if (header.palette !== undefined) image.palette = header.palette;
    const mode = this.options.mode;
    return mode === undefined || mode === image.mode ? image : convert(image, mode);
  }
}

function isReadableStream(value: unknown): value is ReadableStream<string | Uint8Array> {
  return typeof value === 'object' && value !== null && typeof (value as ReadableStream).getReader === 'function';
}

/** Iterates a ReadableStream with a reader (async iteration of streams is missing in some browsers). */
async function* readStream(stream: ReadableStream<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (an error in the envelope): tell the source, so a file or socket is released.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * Reads an envelope v1 text that arrives as a stream, for texts longer than the engine's maximum string length
 * (536,870,888 characters in V8). Same result and checks as `textToImage` on the whole text, for envelopes with
 * `encoding: 'raw'` (encoded payloads are at most 4/3 of their file and fit `textToImage`).
 *
 * Any valid JSON of the envelope is read: keys in any order, whitespace, escapes in `data`. Memory is the image plus
 * a fixed buffer when the header comes before `data`, as every pixtext writer puts it; when `data` comes first, its
 * bytes are held in pieces until the header arrives, then joined (twice the image at the peak).
 *
 * @param source - A `ReadableStream` or async iterable of strings, or of UTF-8 bytes (`Uint8Array`, e.g. a Node
 *   file stream); pieces may be cut anywhere, also inside an escape or a multi-byte character.
 * @param options - `maxPixels` (checked from the header before the payload is allocated), `mode` (convert on the
 *   way out).
 * @returns The image, verified against `byteLength` and `crc32`.
 * @throws PixtextError `ERR_NOT_JSON` (not JSON, not an object, invalid UTF-8), `ERR_TRUNCATED` (the stream ends
 * early), `ERR_ENVELOPE_VERSION`, `ERR_ENVELOPE`, `ERR_TOO_LARGE` (over `maxPixels`, or header fields over 16 MiB),
 * `ERR_UNSUPPORTED` (an encoded payload), `ERR_BASE64` (with `offset` counting base64 digits of `data`, whitespace
 * excluded), `ERR_LENGTH_MISMATCH`, `ERR_CHECKSUM`; `ERR_INVALID_ARGUMENT` for a source or piece of the wrong type.
 * @example
 * ```ts
 * import { textToImageStream } from 'pixtext';
 * const response = await fetch('/big-image.json');
 * const image = await textToImageStream(response.body!);
 * ```
 */
export async function textToImageStream(source: TextStreamSource, options?: TextToImageStreamOptions): Promise<RawImage> {
  const o = resolveTextToImageStreamOptions(options);
  let pieces: AsyncIterable<string | Uint8Array>;
  if (isReadableStream(source)) pieces = readStream(source);
  else if (typeof source === 'object' && source !== null && typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    pieces = source;
  } else {
    throw new PixtextError(
      'ERR_INVALID_ARGUMENT',
      `Expected a ReadableStream or an async iterable of strings or bytes for source but received ${describeValue(source)}`,
    );
  }
  const reader = new EnvelopeStreamReader(o);
  let utf8: TextDecoder | undefined;
  const decodeUtf8 = (bytes?: Uint8Array): string => {
    utf8 ??= new TextDecoder('utf-8', { fatal: true });
    try {
      return bytes === undefined ? utf8.decode() : utf8.decode(bytes, { stream: true });
    } catch (cause) {
      if (bytes === undefined) throw new PixtextError('ERR_TRUNCATED', 'The text ends inside a UTF-8 character', { cause });
      throw new PixtextError('ERR_NOT_JSON', 'The text is not valid UTF-8', { cause });
    }
  };
  for await (const piece of pieces) {
    if (typeof piece === 'string') reader.write(piece);
    else if (piece instanceof Uint8Array) reader.write(decodeUtf8(piece));
    else throw new PixtextError('ERR_INVALID_ARGUMENT', `Expected a string or a Uint8Array for a piece of source but received ${describeValue(piece)}`);
  }
  if (utf8 !== undefined) reader.write(decodeUtf8());
  return reader.finish();
}
