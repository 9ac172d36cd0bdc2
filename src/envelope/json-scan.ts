// Tells, after JSON.parse has failed, whether the text is JSON cut short (a truncated envelope) or not JSON at all,
// and where. Engines word their SyntaxError messages differently, so this is decided here by a small scanner of the
// JSON grammar. It runs only on the error path; strings are skipped with indexOf, so a long base64 field is cheap.
// Spec: https://www.rfc-editor.org/rfc/rfc8259
import { ErrorCode, PixtextError } from '../errors.js';

/** Outcome of {@link scanJson}. */
export type JsonScan =
  | { status: 'complete' }
  | { status: 'truncated' }
  | { status: 'invalid'; offset: number; reason: string };

class Invalid {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}
class Truncated {}
const TRUNCATED = new Truncated();

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** A character for an error message. */
function show(text: string, i: number): string {
  const c = text.charCodeAt(i);
  return c >= 0x20 && c < 0x7f ? JSON.stringify(text[i]) : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

class Scanner {
  private i = 0;
  // Position of the next backslash at or after the current string position, cached so strings scan in linear time.
  private nextBackslash = -1;

  constructor(private readonly text: string) {}

  run(): JsonScan {
    try {
      this.skipWs();
      if (this.i >= this.text.length) return { status: 'invalid', offset: 0, reason: 'the text is empty' };
      this.value();
      this.skipWs();
      if (this.i < this.text.length) throw new Invalid(this.i, `unexpected ${show(this.text, this.i)} after the JSON value`);
      return { status: 'complete' };
    } catch (e) {
      if (e === TRUNCATED) return { status: 'truncated' };
      if (e instanceof Invalid) return { status: 'invalid', offset: e.offset, reason: e.reason };
      throw e;
    }
  }

  private peek(): number {
    if (this.i >= this.text.length) throw TRUNCATED;
    return this.text.charCodeAt(this.i);
  }

  private skipWs(): void {
    while (this.i < this.text.length && isWs(this.text.charCodeAt(this.i))) this.i++;
  }

  private expect(c: number, what: string): void {
    this.skipWs();
    if (this.peek() !== c) throw new Invalid(this.i, `expected ${what} but found ${show(this.text, this.i)}`);
    this.i++;
  }

  // Containers are handled iteratively with an explicit stack, so deep nesting cannot overflow the call stack.
  private value(): void {
    const stack: number[] = []; // 0x7b '{' or 0x5b '['
    for (;;) {
      this.skipWs();
      const c = this.peek();
      if (c === 0x7b || c === 0x5b) {
        this.i++;
        this.skipWs();
        const close = c === 0x7b ? 0x7d : 0x5d;
        if (this.peek() === close) {
          this.i++;
        } else {
          stack.push(c);
          if (c === 0x7b) this.key();
          continue;
        }
      } else if (c === 0x22) {
        this.string();
      } else if (c === 0x2d || isDigit(c)) {
        this.number();
      } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
        this.literal(c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null');
      } else {
        throw new Invalid(this.i, `unexpected ${show(this.text, this.i)} where a value should start`);
      }
      // A value is complete: continue or close the enclosing containers.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) return;
        this.skipWs();
        const d = this.peek();
        if (d === 0x2c) {
          this.i++;
          if (top === 0x7b) this.key();
          break;
        }
        if (d !== (top === 0x7b ? 0x7d : 0x5d)) {
          throw new Invalid(this.i, `expected "," or "${top === 0x7b ? '}' : ']'}" but found ${show(this.text, this.i)}`);
        }
        this.i++;
        stack.pop();
      }
    }
  }

  private key(): void {
    this.skipWs();
    if (this.peek() !== 0x22) throw new Invalid(this.i, `expected a string key but found ${show(this.text, this.i)}`);
    this.string();
    this.expect(0x3a, '":"');
  }

  private string(): void {
    const text = this.text;
    let j = this.i + 1;
    for (;;) {
      const quote = text.indexOf('"', j);
      if (this.nextBackslash < j) {
        this.nextBackslash = text.indexOf('\\', j);
        if (this.nextBackslash === -1) this.nextBackslash = text.length;
      }
      if (quote === -1 && this.nextBackslash >= text.length) throw TRUNCATED;
      if (quote !== -1 && quote < this.nextBackslash) {
        this.i = quote + 1;
        return;
      }
      // An escape comes first.
      const b = this.nextBackslash;
      if (b + 1 >= text.length) throw TRUNCATED;
      const e = text.charCodeAt(b + 1);
      if (e === 0x75) {
        for (let k = b + 2; k < b + 6; k++) {
          if (k >= text.length) throw TRUNCATED;
          if (!isHex(text.charCodeAt(k))) throw new Invalid(k, `bad \\u escape: ${show(text, k)} is not a hex digit`);
        }
        j = b + 6;
      } else if ('"\\/bfnrt'.includes(text[b + 1]!)) {
        j = b + 2;
      } else {
        throw new Invalid(b, `bad escape \\${text[b + 1]}`);
      }
    }
  }

  private digits(): number {
    let n = 0;
    while (this.i < this.text.length && isDigit(this.text.charCodeAt(this.i))) {
      this.i++;
      n++;
    }
    if (n === 0) {
      if (this.i >= this.text.length) throw TRUNCATED;
      throw new Invalid(this.i, `expected a digit but found ${show(this.text, this.i)}`);
    }
    return n;
  }

  private number(): void {
    const start = this.i;
    if (this.text.charCodeAt(this.i) === 0x2d) this.i++;
    if (this.peek() === 0x30) this.i++;
    else this.digits();
    if (this.i < this.text.length && this.text.charCodeAt(this.i) === 0x2e) {
      this.i++;
      this.digits();
    }
    if (this.i < this.text.length && (this.text.charCodeAt(this.i) | 0x20) === 0x65) {
      this.i++;
      const s = this.peek();
      if (s === 0x2b || s === 0x2d) this.i++;
      this.digits();
    }
    if (this.i === start) throw new Invalid(start, 'bad number');
  }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++) {
      if (this.i >= this.text.length) throw TRUNCATED;
      if (this.text.charCodeAt(this.i) !== word.charCodeAt(k)) {
        throw new Invalid(this.i, `unexpected ${show(this.text, this.i)} in ${JSON.stringify(word)}`);
      }
      this.i++;
    }
  }
}

/**
 * Scans `text` against the JSON grammar (raw control characters inside strings are not checked: JSON.parse
 * reports those). Never throws; iterative, so hostile nesting cannot exhaust the stack.
 *
 * @example
 * ```ts
 * scanJson('{"a":[1,2'); // { status: 'truncated' }
 * ```
 */
export function scanJson(text: string): JsonScan {
  return new Scanner(text).run();
}

/**
 * Parses text that must be one JSON object.
 *
 * @throws PixtextError `ERR_TRUNCATED` when the text ends inside the JSON, `ERR_NOT_JSON` (with `offset`) when it is
 * not JSON or is JSON but not an object.
 * @example
 * ```ts
 * parseJsonObject('{"a":1}'); // { a: 1 }
 * ```
 */
export function parseJsonObject(text: string, what = 'The text'): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const scan = scanJson(text);
    if (scan.status === 'truncated') {
      throw new PixtextError(ErrorCode.TRUNCATED, `${what} ends before its JSON is complete: it was cut short`, {
        offset: text.length,
        cause,
      });
    }
    if (scan.status === 'invalid') {
      throw new PixtextError(ErrorCode.NOT_JSON, `${what} is not JSON: ${scan.reason} at offset ${scan.offset}`, {
        offset: scan.offset,
        cause,
      });
    }
    throw new PixtextError(ErrorCode.NOT_JSON, `${what} is not JSON: ${(cause as Error).message}`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new PixtextError(ErrorCode.NOT_JSON, `${what} is JSON but ${kind}, not an object`);
  }
  return value as Record<string, unknown>;
}
