// Tells, after JSON.parse has failed, whether the text is JSON cut short (a truncated envelope) or not JSON at all,
// and where. Engines word their SyntaxError messages differently, so this is decided here by a small scanner of the
// JSON grammar. It runs only on the error path; strings are skipped with indexOf, so a long base64 field is cheap.
// Spec: https://www.rfc-editor.org/rfc/rfc8259
import { PixtextError, describeChar } from '../errors.js';

/** Outcome of {@link scanJson}. */
export type JsonScan =
  | { status: 'complete' }
  | { status: 'truncated' }
  | { status: 'invalid'; offset: number; reason: string };

// Thrown inside the scanner only: the text ended where more JSON had to follow.
const TRUNCATED = { status: 'truncated' } as const;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

// A character JSON forbids raw inside a string (RFC 8259 §7).
const CONTROL = /[\x00-\x1f]/g;

/**
 * Scans `text` against the JSON grammar, raw control characters inside strings included. An error at the end of the
 * text means the JSON was cut short; anywhere else, `offset` is the first character that cannot continue it. Never
 * throws; iterative, so hostile nesting cannot exhaust the stack. `onTopKey` is called with the start and end of
 * each member name of the top-level object (quotes included), in order.
 *
 * @example
 * ```ts
 * scanJson('{"a":[1,2'); // { status: 'truncated' }
 * scanJson('{"a":1,}'); // { status: 'invalid', offset: 7, reason: 'unexpected "}"' }
 * ```
 */
export function scanJson(text: string, onTopKey?: (start: number, end: number) => void): JsonScan {
  const n = text.length;
  let i = 0;
  // Positions of the next backslash and control character at or after the current string position, kept so strings
  // scan in linear time.
  let nextBackslash = -1;
  let nextControl = -1;
  const at = (k: number): number => text.charCodeAt(k); // NaN past the end, which matches nothing below
  const fail = (k = i): never => {
    throw k >= n ? TRUNCATED : { status: 'invalid', offset: k, reason: `unexpected ${describeChar(text, k)}` };
  };
  const skipWs = (): void => {
    while (at(i) === 0x20 || at(i) === 0x0a || at(i) === 0x0d || at(i) === 0x09) i++;
  };
  // Skips whitespace, then requires the character `c`.
  const take = (c: number): void => {
    skipWs();
    if (at(i) !== c) fail();
    i++;
  };
  const digits = (): void => {
    const start = i;
    while (isDigit(at(i))) i++;
    if (i === start) fail();
  };
  // From the opening quote at i to just after the closing one.
  const string = (): void => {
    let j = i + 1;
    for (;;) {
      const quote = text.indexOf('"', j);
      if (nextBackslash < j) {
        nextBackslash = text.indexOf('\\', j);
        if (nextBackslash === -1) nextBackslash = n;
      }
      if (nextControl < j) {
        CONTROL.lastIndex = j;
        nextControl = CONTROL.exec(text)?.index ?? n;
      }
      if (nextControl < n && nextControl < nextBackslash && (quote === -1 || nextControl < quote)) fail(nextControl);
      if (quote !== -1 && quote < nextBackslash) {
        i = quote + 1;
        return;
      }
      if (nextBackslash === n) fail(n);
      // An escape comes first: \uXXXX, or one of the single-character escapes.
      j = nextBackslash + 2;
      const e = at(j - 1);
      if (e === 0x75) {
        for (; j < nextBackslash + 6; j++) if (!/[0-9a-fA-F]/.test(text[j] ?? '')) fail(j);
      } else if (!'"\\/bfnrt'.includes(text[j - 1] ?? '')) {
        // (past the end, '' is "included": the next turn finds the text cut short)
        fail(nextBackslash);
      }
    }
  };
  const key = (top: boolean): void => {
    skipWs();
    if (at(i) !== 0x22) fail();
    const start = i;
    string();
    if (top) onTopKey?.(start, i);
    take(0x3a);
  };

  try {
    skipWs();
    if (i === n) return { status: 'invalid', offset: 0, reason: 'the text is empty' };
    // Containers are handled with an explicit stack of closing brackets, so deep nesting cannot overflow the call stack.
    const stack: number[] = [];
    for (;;) {
      skipWs();
      const c = at(i);
      if (c === 0x7b || c === 0x5b) {
        const close = c + 2; // '{' + 2 is '}', '[' + 2 is ']'
        i++;
        skipWs();
        if (at(i) !== close) {
          stack.push(close);
          if (c === 0x7b) key(stack.length === 1);
          continue;
        }
        i++;
      } else if (c === 0x22) {
        string();
      } else if (c === 0x2d || isDigit(c)) {
        if (c === 0x2d) i++;
        if (at(i) === 0x30) i++;
        else digits();
        if (at(i) === 0x2e) i++, digits();
        if ((at(i) | 0x20) === 0x65) {
          i++;
          if (at(i) === 0x2b || at(i) === 0x2d) i++;
          digits();
        }
      } else {
        // Anything else must be a literal; a character no literal starts with fails on the first letter of "null".
        const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
        for (let k = 0; k < word.length; k++, i++) if (at(i) !== word.charCodeAt(k)) fail();
      }
      // A value is complete: continue or close the enclosing containers.
      for (;;) {
        const close = stack[stack.length - 1];
        skipWs();
        if (close === undefined) {
          if (i < n) fail();
          return { status: 'complete' };
        }
        if (at(i) === 0x2c) {
          i++;
          if (close === 0x7d) key(stack.length === 1);
          break;
        }
        take(close);
        stack.pop();
      }
    }
  } catch (outcome) {
    if ((outcome as Partial<JsonScan>).status === undefined) throw outcome;
    return outcome as JsonScan;
  }
}

/**
 * The first member name that appears twice in the top-level object of `text` (valid JSON), or undefined. JSON.parse
 * keeps the last of repeated names silently; the text forms refuse them instead (docs/ARCHITECTURE.md#the-envelope-v1).
 * @example
 * ```ts
 * repeatedMember('{"data":"AA==","a":{"data":1},"data":"/w=="}') === 'data';
 * ```
 */
export function repeatedMember(text: string): string | undefined {
  const seen = new Set<string>();
  let repeated: string | undefined;
  scanJson(text, (start, end) => {
    const name = JSON.parse(text.slice(start, end)) as string;
    if (seen.has(name)) repeated ??= name;
    seen.add(name);
  });
  return repeated;
}

/**
 * Refuses a JSON text form whose top-level object repeats a member name: which of the two counts would be a guess
 * (JSON.parse keeps the last silently, a streaming reader meets the first), so no reader takes either. `sample` is a
 * text the form has recognised: valid JSON, or cut as the canonical envelope (its `sliced.repeated` then says).
 * @throws PixtextError `ERR_ENVELOPE` naming the member
 * @example
 * ```ts
 * refuseRepeatedMembers(prepareText('{"pixtext":1,"data":"","data":"AA=="}'), 'Envelope'); // throws
 * ```
 */
export function refuseRepeatedMembers(sample: { text: string; sliced: { repeated: string | undefined } | undefined }, what: string): void {
  const name = sample.sliced !== undefined ? sample.sliced.repeated : repeatedMember(sample.text);
  if (name !== undefined) {
    throw new PixtextError('ERR_ENVELOPE', `${what} member "${name}" appears more than once: which one counts would be a guess`, { chunk: name });
  }
}

/**
 * Whether a parsed JSON value is an object (not null, not an array).
 * @example
 * ```ts
 * isJsonObject(JSON.parse('[1]')) === false;
 * ```
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `text` is JSON or tries to be: its first character that is not whitespace (at `start`) is `{`, `[` or `"`,
 * or it is a whole number, `true`, `false` or `null`. Such text is read as JSON, so that its error says what is
 * wrong with it as JSON.
 * @example
 * ```ts
 * looksLikeJson(' [1, 2', 1) === true; looksLikeJson('42', 0) === true; looksLikeJson('iVBORw0KGgo=', 0) === false;
 * ```
 */
export function looksLikeJson(text: string, start: number): boolean {
  if (/[[{"]/.test(text.charAt(start))) return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
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
      throw new PixtextError('ERR_TRUNCATED', `${what} ends inside its JSON`, { offset: text.length, cause });
    }
    const [reason, offset] = scan.status === 'invalid' ? [`${scan.reason} at offset ${scan.offset}`, scan.offset] : [(cause as Error).message];
    throw new PixtextError('ERR_NOT_JSON', `${what} is not JSON: ${reason}`, { offset, cause });
  }
  if (!isJsonObject(value)) throw new PixtextError('ERR_NOT_JSON', `${what} is JSON but not an object`);
  return value;
}
