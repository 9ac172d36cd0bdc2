// textToImage for an envelope arriving as a stream, for texts longer than the engine's maximum string length.
// The header (which canonically precedes `data`) sizes the payload buffer before any of it is decoded, so memory is
// the image plus a fixed buffer; `byteLength` and `crc32` are verified when the text ends.
import { PixtextError, describeValue } from '../errors.js';
import { checkEnvelopeVersion, parseEnvelopeHeader } from '../text-forms/envelope-header.js';
import type { EnvelopeHeader } from '../text-forms/envelope-header.js';
import { crc32Hex } from '../checksum/crc32.js';
import { convert } from '../pixel-modes/convert.js';
import { PIXEL_MODES, byteLengthFor, checkPaletteIndices, checkPixelLimit } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import { Base64Sink } from './base64-sink.js';
import { EnvelopeStreamParser, MAX_HEADER_CHARS } from './envelope-stream-parser.js';
import type { DataSink } from './envelope-stream-parser.js';
import { recogniseEnvelope } from '../text-forms/envelope.js';
import { recogniseText } from '../text-forms/recognise.js';
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

/**
 * The `data` sink of one envelope, holding back what goes wrong with the payload until the text has ended: a reader
 * of the whole text (textToImage) reports a text that is not JSON, not an envelope or has a bad header first, and
 * only then a bad payload (docs/ARCHITECTURE.md#the-envelope-v1), so the stream reader does too.
 */
class DeferredSink implements DataSink {
  constructor(
    private readonly sink: Base64Sink | undefined,
    private error?: unknown,
  ) {}

  push(text: string): void {
    if (this.error !== undefined || this.sink === undefined) return;
    try {
      this.sink.push(text);
    } catch (error) {
      this.error = error;
    }
  }

  rejectEscaped(code: number): void {
    if (this.error !== undefined || this.sink === undefined) return;
    try {
      this.sink.rejectEscaped(code);
    } catch (error) {
      this.error = error;
    }
  }

  /** Whether the payload is known to be bad already. */
  get failed(): boolean {
    return this.error !== undefined || this.sink === undefined || this.sink.overflowed;
  }

  finish(): { bytes: Uint8Array; crc: number } {
    if (this.error !== undefined) throw this.error;
    return this.sink!.finish();
  }
}

// How far past the first error in the payload a stream is still read, looking for an error textToImage would report
// first (JSON that is broken or cut short, a bad header field): enough for any header and metadata written after
// `data`, and a bound on what an endless or hostile stream costs once it is known to be bad.
const DEFER_CHARS = 1 << 20;

// The text's first character that is not whitespace decides: `{` is read as an envelope as it arrives; anything
// else is no envelope, and is refused with the error textToRawImage gives it (kept whole for that if it may be JSON).
const ENVELOPE_LADDER = [{ id: 'envelope', recognise: recogniseEnvelope }] as const;
const NON_SPACE = /[^ \t\n\r\f]/g;
const MAY_START_JSON = /[[{"\-0-9tfn]/;

/** Reads one envelope pushed as text pieces. */
class EnvelopeStreamReader {
  private readonly parser: EnvelopeStreamParser;
  private sink: DeferredSink | undefined;
  /** `start` until the first character that is not whitespace, then `object` or `other`. */
  private lead: 'start' | 'object' | 'other' = 'start';
  private begun = false;
  private bom = false;
  /** Characters handed to the parser, and how many had been when the payload was first known to be bad. */
  private read = 0;
  private failedAt: number | undefined;
  /** The text until its first character that is not whitespace; all of it when that is not `{`. */
  private head = '';

  constructor(private readonly options: ResolvedTextToImageStreamOptions) {
    this.parser = new EnvelopeStreamParser({
      openData: (fields) => (this.sink = this.targetFor(fields)),
      closeData: () => undefined,
    });
  }

  /** With the whole header before `data` (the canonical order), the payload goes straight into a buffer of its size. */
  private targetFor(fields: Record<string, unknown>): DeferredSink {
    try {
      if (REQUIRED.every((key) => hasOwn(fields, key))) {
        const header = parseEnvelopeHeader(fields);
        checkHeader(header, this.options.maxPixels);
        return new DeferredSink(new Base64Sink({ kind: 'exact', buffer: new Uint8Array(header.byteLength) }));
      }
      if (hasOwn(fields, 'pixtext')) checkEnvelopeVersion(fields);
    } catch (error) {
      // Reported when the text has ended (finish() reads the header again), after any JSON error further on.
      return new DeferredSink(undefined, error);
    }
    const { maxPixels } = this.options;
    return new DeferredSink(
      new Base64Sink({
        kind: 'pieces',
        limit: Math.min(MAX_TYPED_ARRAY, maxPixels * MAX_BYTES_PER_PIXEL),
        limitReason: Number.isFinite(maxPixels)
          ? `the most an image within maxPixels (${maxPixels}) can hold`
          : 'the most one typed array may hold',
      }),
    );
  }

  write(text: string): void {
    if (this.lead === 'object') {
      this.parser.write(text);
      this.read += text.length;
      if (this.sink?.failed === true) {
        this.failedAt ??= this.read;
        if (this.read - this.failedAt > DEFER_CHARS) this.sink.finish(); // throws the payload's error
      }
      return;
    }
    if (this.head.length + text.length > MAX_HEADER_CHARS) {
      throw new PixtextError('ERR_TOO_LARGE', `The text does not start as an envelope within ${MAX_HEADER_CHARS} characters`);
    }
    // One leading byte order mark is dropped, as textToImage drops it (prepareText in text-forms/recognise.ts).
    let from = 0;
    if (!this.begun && text.length > 0) {
      this.begun = true;
      this.bom = text.charCodeAt(0) === 0xfeff;
      from = this.bom ? 1 : 0;
    }
    this.head += text;
    if (this.lead === 'other') return;
    NON_SPACE.lastIndex = from;
    const first = NON_SPACE.exec(text);
    if (first === null) return;
    const c = text[first.index]!;
    if (c === '{') {
      this.lead = 'object';
      const head = this.bom ? this.head.slice(1) : this.head;
      this.head = '';
      this.parser.write(head);
      return;
    }
    this.lead = 'other';
    // No JSON value starts so: refused now, as textToRawImage refuses it.
    if (!MAY_START_JSON.test(c)) this.refuseOther();
  }

  /** The error of a text that does not start as an object, from the one recognition. */
  private refuseOther(): never {
    recogniseText(this.head, ENVELOPE_LADDER, undefined, 'an envelope');
    throw new Error('pixtext internal error: a text that does not start with "{" was recognised as an envelope');
  }

  finish(): RawImage {
    if (this.lead !== 'object') this.refuseOther();
    this.parser.end();
    const fields = this.parser.fields;
    if (!hasOwn(fields, 'pixtext')) {
      throw new PixtextError('ERR_UNRECOGNIZED_TEXT', 'The text is not an envelope: its object has no "pixtext" member');
    }
    const repeated = this.parser.repeated;
    if (repeated !== undefined) {
      throw new PixtextError('ERR_ENVELOPE', `Envelope member "${repeated}" appears more than once: which one counts would be a guess`, { chunk: repeated });
    }
    const header = parseEnvelopeHeader(fields);
    checkHeader(header, this.options.maxPixels);
    if (hasOwn(fields, 'data') || this.sink === undefined) {
      const data = hasOwn(fields, 'data') ? fields['data'] : undefined;
      throw new PixtextError(
        'ERR_ENVELOPE',
        data === undefined ? 'Envelope field "data" is missing' : `Envelope field "data" must be a base64 string but is ${describeValue(data)}`,
        { chunk: 'data' },
      );
    }
    const { bytes, crc } = this.sink.finish();
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
    checkPaletteIndices(image, 'envelope image');
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
    // The byte order mark is kept (ignoreBOM), so the one rule for it in write() applies to bytes and strings alike.
    utf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
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
