// A push parser for one JSON object arriving in pieces of any size: the envelope read as a stream. Members other
// than `data` are collected as text (bounded) and handed to JSON.parse one value at a time; the `data` string is
// passed on, escapes resolved, to a base64 sink without ever being held whole. So any valid JSON of the envelope
// object is read (keys in any order, whitespace between tokens, escapes such as `\/`, `\n` or `\u0041` in `data`),
// with memory bounded by the payload and a fixed buffer.
// Spec: https://www.rfc-editor.org/rfc/rfc8259 (JSON), §7 for string escapes.
import { PixtextError } from '../errors.js';
import { scanJson } from '../text-forms/json-scan.js';

/**
 * Characters of member names and non-`data` values together, at most: 16 MiB of header and metadata. Longer is
 * `ERR_TOO_LARGE`, so a stream of endless metadata cannot exhaust memory.
 * @example
 * ```ts
 * MAX_HEADER_CHARS === 16_777_216;
 * ```
 */
export const MAX_HEADER_CHARS = 16 * 1024 * 1024;

const State = {
  Start: 0,
  FirstKey: 1,
  NextKey: 2,
  InKey: 3,
  Colon: 4,
  Value: 5,
  InValue: 6,
  InData: 7,
  DataEscape: 8,
  DataUnicode: 9,
  AfterValue: 10,
  End: 11,
} as const;
type State = (typeof State)[keyof typeof State];

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isJsonWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
// Escaped characters the base64 reader skips as whitespace (line breaks and spaces in `data`:
// docs/ARCHITECTURE.md#the-envelope-v1).
const isDataWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c;

function show(c: number): string {
  return c >= 0x20 && c < 0x7f ? JSON.stringify(String.fromCharCode(c)) : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Where the characters of the `data` string go (escapes resolved, escaped whitespace dropped). */
export interface DataSink {
  push(text: string): void;
  /** A character that arrived escaped (valid JSON) but is neither a base64 digit nor whitespace. */
  rejectEscaped(code: number): void;
}

// A character JSON forbids raw inside a string (RFC 8259 §7).
const CONTROL = /[\x00-\x1f]/g;

/**
 * What the parser reports to its owner.
 * @example
 * ```ts
 * const events: EnvelopeStreamEvents = {
 *   openData: () => new Base64Sink({ kind: 'exact', buffer: new Uint8Array(6) }),
 *   closeData: (sink) => console.log(sink.finish()),
 * };
 * ```
 */
export interface EnvelopeStreamEvents {
  /** The `data` member starts; `fields` holds the members read so far. Returns the sink for its characters. */
  openData(fields: Record<string, unknown>): DataSink;
  /** The `data` string is closed. */
  closeData(sink: DataSink): void;
}

/**
 * Parses one JSON object pushed in pieces, sending the `data` string to a sink and keeping the other members.
 * @throws PixtextError from `write` and `end`: `ERR_NOT_JSON` (with the offset in the text), `ERR_TRUNCATED`,
 * `ERR_TOO_LARGE` (header over {@link MAX_HEADER_CHARS}), and whatever the sink throws.
 * @example
 * ```ts
 * const parser = new EnvelopeStreamParser(events);
 * parser.write('{"pixtext":1,"da');
 * parser.write('ta":"/wAAAP8A"}');
 * parser.end();
 * parser.fields.pixtext; // 1
 * ```
 */
export class EnvelopeStreamParser {
  /** Members other than `data`, on an object without a prototype, so `__proto__` is just a key. */
  readonly fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  private state: State = State.Start;
  /** Characters consumed before the current piece. */
  private offset = 0;
  private headerChars = 0;
  private raw = '';
  private key = '';
  private rawStart = 0;
  private escaped = false;
  private inString = false;
  private depth = 0;
  private unicode = '';
  private sink: DataSink | undefined;
  private sawData = false;
  private readonly names = new Set<string>();
  private firstRepeated: string | undefined;
  // Next quote and backslash at or after the scan position in the current piece, found once per piece and
  // advanced only when passed, so a `data` string full of escapes (PHP writes every "/" as "\/") scans in linear time.
  private piece = 0;
  private scannedPiece = -1;
  private nextQuote = -1;
  private nextBackslash = -1;
  private nextControl = -1;

  constructor(private readonly events: EnvelopeStreamEvents) {}

  /** True once a `data` member has been read. */
  get hasData(): boolean {
    return this.sawData;
  }

  /** The first member name met twice, if any (the text forms refuse such an object: json-scan.ts). */
  get repeated(): string | undefined {
    return this.firstRepeated;
  }

  private notJson(at: number, reason: string): PixtextError {
    return new PixtextError('ERR_NOT_JSON', `The text is not a valid JSON envelope: ${reason} at offset ${at}`, { offset: at });
  }

  private collect(text: string): void {
    this.headerChars += text.length;
    if (this.headerChars > MAX_HEADER_CHARS) {
      throw new PixtextError(
        'ERR_TOO_LARGE',
        `The envelope's fields other than "data" are longer than ${MAX_HEADER_CHARS} characters, more than a streamed envelope may hold`,
        { offset: this.offset },
      );
    }
    this.raw += text;
  }

  /** Parses the collected text of a key or value as JSON. */
  private parseRaw(what: string): unknown {
    try {
      return JSON.parse(this.raw);
    } catch {
      const scan = scanJson(this.raw);
      const at = this.rawStart + (scan.status === 'invalid' ? scan.offset : 0);
      throw this.notJson(at, scan.status === 'invalid' ? `${scan.reason} in ${what}` : `${what} is incomplete`);
    }
  }

  /** Pushes the next piece of text. @throws PixtextError for anything that is not the envelope object */
  write(s: string): void {
    const n = s.length;
    this.piece++;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case State.Start:
        case State.FirstKey:
        case State.NextKey:
        case State.Colon:
        case State.AfterValue:
        case State.End:
        case State.Value: {
          while (i < n && isJsonWs(s.charCodeAt(i))) i++;
          if (i < n) i = this.token(s, i);
          break;
        }
        case State.InKey:
        case State.InValue:
          i = this.scanRaw(s, i);
          break;
        case State.InData:
          i = this.scanData(s, i);
          break;
        case State.DataEscape:
          i = this.dataEscape(s, i);
          break;
        case State.DataUnicode:
          i = this.dataUnicode(s, i);
          break;
      }
    }
    this.offset += n;
  }

  /**
   * Ends the text. A member name or value cut short is scanned as JSON first, so that a character it holds that JSON
   * forbids is reported as textToImage reports it (not JSON, rather than cut short).
   * @throws PixtextError `ERR_NOT_JSON` (empty, or a bad character in the last name or value), `ERR_TRUNCATED`
   */
  end(): void {
    if (this.state === State.End) return;
    if (this.state === State.Start) throw this.notJson(this.offset, 'the text is empty');
    if (this.state === State.InKey || this.state === State.InValue) {
      const scan = scanJson(this.raw);
      if (scan.status === 'invalid') throw this.notJson(this.rawStart + scan.offset, scan.reason);
    }
    throw new PixtextError(
      'ERR_TRUNCATED',
      `The envelope is cut off after ${this.offset} characters (${this.sawData || this.sink !== undefined ? 'inside or after "data"' : 'before "data"'})`,
      { offset: this.offset },
    );
  }

  /** Handles the one structural character at s[i] (whitespace already skipped). */
  private token(s: string, i: number): number {
    const c = s.charCodeAt(i);
    const at = this.offset + i;
    switch (this.state) {
      case State.Start:
        if (c !== 0x7b) throw this.notJson(at, `expected "{" to open the envelope object but found ${show(c)}`);
        this.state = State.FirstKey;
        return i + 1;
      case State.FirstKey:
      case State.NextKey:
        if (c === 0x7d && this.state === State.FirstKey) {
          this.state = State.End;
          return i + 1;
        }
        if (c !== QUOTE) throw this.notJson(at, `expected a member name but found ${show(c)}`);
        this.startRaw(at, true);
        this.raw = '"';
        this.state = State.InKey;
        return i + 1;
      case State.Colon:
        if (c !== 0x3a) throw this.notJson(at, `expected ":" but found ${show(c)}`);
        this.state = State.Value;
        return i + 1;
      case State.Value:
        if (this.key === 'data' && c === QUOTE) {
          this.sink = this.events.openData(this.fields);
          this.state = State.InData;
          return i + 1;
        }
        this.startRaw(at, false);
        this.state = State.InValue;
        return i;
      case State.AfterValue:
        if (c === 0x2c) this.state = State.NextKey;
        else if (c === 0x7d) this.state = State.End;
        else throw this.notJson(at, `expected "," or "}" after a member but found ${show(c)}`);
        return i + 1;
      default:
        throw this.notJson(at, `unexpected ${show(c)} after the envelope object`);
    }
  }

  private startRaw(at: number, inString: boolean): void {
    this.raw = '';
    this.rawStart = at;
    this.inString = inString;
    this.escaped = false;
    this.depth = 0;
  }

  /** Scans a member name or a non-`data` value, collecting its text until it ends. */
  private scanRaw(s: string, i: number): number {
    const n = s.length;
    const start = i;
    let end = -1; // index just past the value, when it ends in this piece
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.depth === 0) {
            end = i + 1;
            break;
          }
        }
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (this.depth === 0) {
          end = i;
          break;
        }
        if (--this.depth === 0) {
          end = i + 1;
          break;
        }
      } else if (this.depth === 0 && (c === 0x2c || isJsonWs(c))) {
        end = i;
        break;
      }
    }
    this.collect(s.slice(start, end === -1 ? n : end));
    if (end === -1) return n;
    if (this.state === State.InKey) {
      this.key = this.parseRaw('a member name') as string;
      if (this.names.has(this.key)) this.firstRepeated ??= this.key;
      this.names.add(this.key);
      this.state = State.Colon;
    } else {
      if (this.raw.length === 0) throw this.notJson(this.rawStart, `expected a value for "${this.key}"`);
      this.fields[this.key] = this.parseRaw(`the value of "${this.key}"`);
      this.state = State.AfterValue;
    }
    this.raw = '';
    return end;
  }

  /** Passes the characters of `data` to the sink up to its closing quote or the next escape. */
  private scanData(s: string, i: number): number {
    if (this.scannedPiece !== this.piece) {
      this.scannedPiece = this.piece;
      this.nextQuote = -1;
      this.nextBackslash = -1;
      this.nextControl = -1;
    }
    if (this.nextQuote !== s.length && this.nextQuote < i) {
      this.nextQuote = s.indexOf('"', i);
      if (this.nextQuote === -1) this.nextQuote = s.length;
    }
    if (this.nextBackslash !== s.length && this.nextBackslash < i) {
      this.nextBackslash = s.indexOf('\\', i);
      if (this.nextBackslash === -1) this.nextBackslash = s.length;
    }
    if (this.nextControl !== s.length && this.nextControl < i) {
      CONTROL.lastIndex = i;
      this.nextControl = CONTROL.exec(s)?.index ?? s.length;
    }
    const limit = this.nextQuote;
    const backslash = this.nextBackslash;
    const stop = backslash < limit ? backslash : limit;
    if (this.nextControl < stop) {
      const c = s.charCodeAt(this.nextControl);
      throw this.notJson(this.offset + this.nextControl, `the raw control character ${show(c)} in the "data" string (line breaks must be escaped as \\n)`);
    }
    if (stop > i) this.sink!.push(i === 0 && stop === s.length ? s : s.slice(i, stop));
    if (stop === s.length) return stop;
    if (stop === backslash) {
      this.state = State.DataEscape;
      return stop + 1;
    }
    this.events.closeData(this.sink!);
    this.sink = undefined;
    this.sawData = true;
    this.state = State.AfterValue;
    return stop + 1;
  }

  private dataEscape(s: string, i: number): number {
    const c = s.charCodeAt(i);
    this.state = State.InData;
    switch (c) {
      case 0x22: // \"
      case 0x5c: // \\
      case 0x2f: // \/
        this.sink!.push(String.fromCharCode(c));
        break;
      case 0x62: // \b: valid JSON, but no base64 digit
        this.sink!.rejectEscaped(0x08);
        break;
      case 0x66: // \f \n \r \t: whitespace, skipped
      case 0x6e:
      case 0x72:
      case 0x74:
        break;
      case 0x75: // \uXXXX
        this.unicode = '';
        this.state = State.DataUnicode;
        break;
      default:
        throw this.notJson(this.offset + i, `invalid escape "\\${String.fromCharCode(c)}" in the "data" string`);
    }
    return i + 1;
  }

  private dataUnicode(s: string, i: number): number {
    while (i < s.length && this.unicode.length < 4) {
      const c = s.charCodeAt(i);
      const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
      if (!hex) throw this.notJson(this.offset + i, `invalid \\u escape (${show(c)} is not a hex digit) in the "data" string`);
      this.unicode += s[i];
      i++;
    }
    if (this.unicode.length === 4) {
      const code = parseInt(this.unicode, 16);
      if (code < 0x20 && !isDataWs(code)) this.sink!.rejectEscaped(code);
      if (!isDataWs(code)) this.sink!.push(String.fromCharCode(code));
      this.state = State.InData;
    }
    return i;
  }
}
