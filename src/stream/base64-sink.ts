// Incremental strict base64 decoding of an envelope's `data` as it arrives in pieces of any size. Digits are
// gathered up to a fixed batch, decoded a batch at a time (always holding back the last quad, so padding can only
// close the payload), written into the payload buffer and added to the running CRC-32.
// Spec: https://www.rfc-editor.org/rfc/rfc4648#section-4
import { decodeBase64 } from '../base64/base64.js';
import { crc32 } from '../checksum/crc32.js';
import { PixtextError } from '../errors.js';

/** Characters decoded per batch (a multiple of 4): 64 KiB of text, 48 KiB of bytes. */
const BATCH = 64 * 1024;

const EQUALS = 0x3d;

/**
 * Where decoded bytes go: a buffer of the declared size, or a list of pieces (at most `limit` bytes in all, with
 * `limitReason` saying why in the error) when the size is not known yet.
 * @example
 * ```ts
 * const target: PayloadTarget = { kind: 'pieces', limit: 1 << 20, limitReason: 'the most maxPixels allows' };
 * ```
 */
export type PayloadTarget = { kind: 'exact'; buffer: Uint8Array } | { kind: 'pieces'; limit: number; limitReason: string };

/**
 * Decodes the base64 characters of one `data` string, pushed in pieces, into bytes with their CRC-32.
 * @throws PixtextError from {@link Base64Sink.push} and {@link Base64Sink.finish}: `ERR_BASE64` (offset counted in
 * digits of `data`, whitespace excluded), `ERR_NOT_JSON` (a raw control character), `ERR_LENGTH_MISMATCH` (more
 * bytes than an exact target holds), `ERR_TOO_LARGE` (more than a pieces target's limit).
 * @example
 * ```ts
 * const sink = new Base64Sink({ kind: 'exact', buffer: new Uint8Array(6) });
 * sink.push('/wAA');
 * sink.push('AP8A');
 * sink.finish(); // { bytes: Uint8Array [255, 0, 0, 0, 255, 0], crc: 0xc622f71d }
 * ```
 */
export class Base64Sink {
  private pending: string[] = [];
  private pendingLength = 0;
  /** Digits decoded so far: the offset of the next one within `data`, whitespace not counted. */
  private consumed = 0;
  /** Once a batch has held a space, spaces are removed from every piece before batching. */
  private stripSpaces = false;
  private written = 0;
  private crc = 0;
  private readonly pieces: Uint8Array[] = [];
  /** Set once the payload outgrows its target; thrown by finish(). */
  private overflow: PixtextError | undefined;

  constructor(private readonly target: PayloadTarget) {}

  /** Characters of the `data` string (escapes already resolved, JSON whitespace escapes already dropped). */
  push(text: string): void {
    if (this.stripSpaces && text.indexOf(' ') !== -1) text = text.replace(/ /g, '');
    for (let at = 0; at < text.length; ) {
      const take = Math.min(text.length - at, BATCH - this.pendingLength);
      this.pending.push(take === text.length ? text : text.slice(at, at + take));
      this.pendingLength += take;
      at += take;
      if (this.pendingLength === BATCH) this.decodePending(false);
    }
  }

  /**
   * Refuses a character that arrived escaped (so it is valid JSON) but is neither a base64 digit nor whitespace.
   * @throws PixtextError `ERR_BASE64` at the offset it would have had among the digits
   */
  rejectEscaped(code: number): never {
    const at = this.consumed + this.pendingLength;
    throw this.badBase64(
      `the escaped character U+${code.toString(16).toUpperCase().padStart(4, '0')} at base64 character ${at} is not a base64 digit`,
      at,
    );
  }

  /** Decodes what is left (the final quad may be padded) and returns the bytes and their CRC-32. */
  /** Whether the payload has outgrown its target (finish() then throws). */
  get overflowed(): boolean {
    return this.overflow !== undefined;
  }

  finish(): { bytes: Uint8Array; crc: number } {
    this.decodePending(true);
    if (this.overflow !== undefined) throw this.overflow;
    if (this.target.kind === 'exact') return { bytes: this.target.buffer.subarray(0, this.written), crc: this.crc };
    if (this.pieces.length === 1) return { bytes: this.pieces[0]!, crc: this.crc };
    const bytes = new Uint8Array(this.written);
    let at = 0;
    for (const piece of this.pieces) {
      bytes.set(piece, at);
      at += piece.length;
    }
    this.pieces.length = 0;
    return { bytes, crc: this.crc };
  }

  private decodePending(final: boolean): void {
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    // Hold back the last quad, complete or not: only the very end of `data` may be padded or short.
    const keep = final ? 0 : text.length % 4 || Math.min(4, text.length);
    const body = keep === 0 ? text : text.slice(0, text.length - keep);
    if (!final && body.length > 0 && body.charCodeAt(body.length - 1) === EQUALS) {
      // As the base64 decoder does, point at the first digit after the padding.
      const next = this.consumed + body.length;
      throw this.badBase64(`padding "=" is followed by more data at base64 character ${next}`, next);
    }
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(body, { offsetBase: this.consumed });
    } catch (cause) {
      if (!(cause instanceof PixtextError) || cause.code !== 'ERR_BASE64') throw cause;
      const at = cause.offset === undefined ? -1 : cause.offset - this.consumed;
      const c = at >= 0 ? body.charCodeAt(at) : NaN;
      if (c < 0x20) {
        // A raw control character (a line break, say) cannot be in a JSON string at all: not JSON, as for textToImage.
        throw new PixtextError(
          'ERR_NOT_JSON',
          `The text is not valid JSON: the "data" string holds the raw control character U+${c.toString(16).toUpperCase().padStart(4, '0')} at base64 character ${cause.offset} (line breaks must be escaped as \\n)`,
          { chunk: 'data', ...(cause.offset === undefined ? {} : { offset: cause.offset }) },
        );
      }
      if (this.stripSpaces || body.indexOf(' ') === -1) throw this.wrap(cause);
      // Spaces are allowed in `data` (docs/ARCHITECTURE.md#the-envelope-v1): from now on they are removed before batching.
      this.stripSpaces = true;
      this.push(text);
      if (final) this.decodePending(true);
      return;
    }
    this.consumed += body.length;
    if (keep > 0) {
      this.pending.push(text.slice(text.length - keep));
      this.pendingLength = keep;
    }
    this.store(bytes);
  }

  private store(bytes: Uint8Array): void {
    const target = this.target;
    // Past the bytes the target holds: stop storing, but go on checking the digits, so that a bad digit further on
    // is reported first, as textToImage reports it (base64 before length); the overflow is reported by finish().
    if (this.overflow === undefined) {
      if (target.kind === 'exact' && this.written + bytes.length > target.buffer.length) {
        this.overflow = new PixtextError(
          'ERR_LENGTH_MISMATCH',
          `The envelope's data decodes to more than the ${target.buffer.length} bytes its byteLength says`,
          { chunk: 'data' },
        );
      } else if (target.kind === 'pieces' && this.written + bytes.length > target.limit) {
        this.overflow = new PixtextError('ERR_TOO_LARGE', `The envelope's data decodes to more than ${target.limit} bytes, ${target.limitReason}`, {
          chunk: 'data',
        });
        this.pieces.length = 0;
      } else if (target.kind === 'exact') {
        target.buffer.set(bytes, this.written);
      } else {
        this.pieces.push(bytes);
      }
    }
    this.written += bytes.length;
    if (this.overflow === undefined) this.crc = crc32(bytes, this.crc);
  }

  private badBase64(detail: string, offset: number): PixtextError {
    return new PixtextError('ERR_BASE64', `Envelope field "data": ${detail}`, { chunk: 'data', offset });
  }

  private wrap(cause: PixtextError): PixtextError {
    return new PixtextError(cause.code, `Envelope field "data": ${cause.message}`, {
      chunk: 'data',
      ...(cause.offset === undefined ? {} : { offset: cause.offset }),
      cause,
    });
  }
}
