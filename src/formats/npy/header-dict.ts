// The header of a .npy file is the text of a Python dict literal, e.g. `{'descr': '|u1', 'fortran_order': False,
// 'shape': (2, 3), }`. NumPy reads it with ast.literal_eval; this reads the small part of Python's literal syntax a
// header uses (string keys; string, True/False and tuple-of-int values), strictly, so a header means one thing or is
// refused. Spec: numpy/lib/format.py (module docstring, "Format Version 1.0", and _read_array_header).
import { PixtextError } from '../../errors.js';

/** One value of the header dict, as far as this reader tells them apart. */
export type HeaderValue =
  | { kind: 'string'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'tuple'; items: readonly string[] }
  | { kind: 'list' };

/** Where the header text sits in the file, and how its strings are encoded (latin1 for 1.0/2.0, utf8 for 3.0). */
export interface HeaderText {
  bytes: Uint8Array;
  start: number;
  end: number;
  encoding: 'latin1' | 'utf-8';
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0c]);
const QUOTES = new Set([0x27, 0x22]);
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/**
 * Parses the header dict, keys in file order. Offsets in errors are bytes into the file.
 * @throws PixtextError `ERR_CORRUPT` for anything that is not such a dict literal (with the offset),
 * `ERR_UNSUPPORTED` for valid Python this reader does not take (escapes in strings)
 * @example
 * ```ts
 * parseHeaderDict({ bytes, start: 10, end: 10 + headerLength, encoding: 'latin1' });
 * // Map { 'descr' => { kind: 'string', text: '|u1' }, 'fortran_order' => …, 'shape' => … }
 * ```
 */
export function parseHeaderDict(header: HeaderText): Map<string, HeaderValue> {
  const { bytes, end } = header;
  let i = header.start;
  const fail = (what: string, at = i): never => {
    const found = at >= end ? 'the end of the header' : describeByte(bytes[at]!);
    throw new PixtextError('ERR_CORRUPT', `The npy header is not a Python dict literal: expected ${what} at byte ${at}, found ${found}`, { offset: at });
  };
  const skipSpace = (): void => {
    while (i < end && SPACE.has(bytes[i]!)) i++;
  };
  const expect = (c: number, what: string): void => {
    skipSpace();
    if (bytes[i] !== c || i >= end) fail(what);
    i++;
  };
  const peek = (): number | undefined => {
    skipSpace();
    return i < end ? bytes[i] : undefined;
  };

  const readString = (): string => {
    const quote = bytes[i]!;
    const first = ++i;
    while (i < end && bytes[i] !== quote) {
      if (bytes[i] === 0x5c) {
        throw new PixtextError('ERR_UNSUPPORTED', `The npy header has an escape sequence in a string at byte ${i}, which this reader does not take`, { offset: i });
      }
      if (bytes[i] === 0x0a || bytes[i] === 0x0d) fail('the closing quote');
      i++;
    }
    if (i >= end) fail('the closing quote');
    const raw = bytes.subarray(first, i++);
    // Python's latin1 maps each byte to the code point of its value (TextDecoder's "latin1" is windows-1252).
    if (header.encoding === 'latin1') return latin1(raw);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return fail('UTF-8 text', first);
    }
  };

  const readInteger = (): string => {
    const first = i;
    if (bytes[i] === 0x2d) i++;
    if (!isDigit(bytes[i])) fail('an integer');
    while (isDigit(bytes[i]) && i < end) i++;
    return latin1(bytes.subarray(first, i));
  };

  const readTuple = (): HeaderValue => {
    i++;
    const items: string[] = [];
    let comma = false;
    while (peek() !== 0x29) {
      if (items.length > 0 && !comma) fail('"," or ")"');
      if (!isDigit(peek()) && bytes[i] !== 0x2d) fail('an integer or ")"');
      items.push(readInteger());
      comma = peek() === 0x2c;
      if (comma) i++;
    }
    i++;
    // In Python `(5)` is the integer 5, not a tuple: one item needs its comma.
    if (items.length === 1 && !comma) fail('"," after the only item of a tuple', i - 1);
    return { kind: 'tuple', items };
  };

  const readValue = (): HeaderValue => {
    const c = peek();
    if (c !== undefined && QUOTES.has(c)) return { kind: 'string', text: readString() };
    if (c === 0x28) return readTuple();
    // A list is a structured dtype's descr: valid, but not an image; the caller says so. Not read further.
    if (c === 0x5b) return { kind: 'list' };
    for (const [word, value] of [['True', true], ['False', false]] as const) {
      if (wordAt(bytes, i, end, word)) {
        i += word.length;
        return { kind: 'bool', value };
      }
    }
    return fail('a string, True, False or a tuple');
  };

  const entries = new Map<string, HeaderValue>();
  // ast.literal_eval strips leading spaces and tabs; the header ends in spaces and a newline.
  expect(0x7b, '"{"');
  while (peek() !== 0x7d) {
    if (entries.size > 0) {
      expect(0x2c, '"," or "}"');
      if (peek() === 0x7d) break;
    }
    const at = i;
    if (!QUOTES.has(peek() ?? -1)) fail('a string key or "}"');
    const key = readString();
    if (entries.has(key)) fail(`each key once, not a second ${JSON.stringify(key)}`, at);
    expect(0x3a, '":"');
    const value = readValue();
    entries.set(key, value);
    if (value.kind === 'list') return entries;
  }
  i++;
  skipSpace();
  if (i < end) fail('only spaces after the dict');
  return entries;
}

function wordAt(bytes: Uint8Array, i: number, end: number, word: string): boolean {
  if (i + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return false;
  // `Truex` is a name, not True.
  const next = bytes[i + word.length];
  return next === undefined || i + word.length >= end || !/[A-Za-z0-9_]/.test(String.fromCharCode(next));
}

/** Bytes as Python's latin1 reads them, in slices so a long string cannot exceed an engine's argument limit. */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let k = 0; k < bytes.length; k += 4096) text += String.fromCharCode(...bytes.subarray(k, k + 4096));
  return text;
}

function describeByte(b: number): string {
  return b >= 0x20 && b < 0x7f ? JSON.stringify(String.fromCharCode(b)) : `byte 0x${b.toString(16).padStart(2, '0')}`;
}
