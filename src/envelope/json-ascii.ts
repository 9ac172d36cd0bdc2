// Serialises a user-supplied JSON object (an envelope's `metadata`) as compact ASCII-only JSON, checking on the way
// that it is plain JSON: the envelope must stay ASCII and must read back as the same value.
// Spec: https://www.rfc-editor.org/rfc/rfc8259 (JSON), §7 for string escapes.
import { ErrorCode, PixtextError } from '../errors.js';

// Deep enough for any real metadata, shallow enough that a hostile object cannot exhaust the stack.
const MAX_DEPTH = 256;

function notJson(path: string, why: string): PixtextError {
  return new PixtextError(
    ErrorCode.INVALID_ARGUMENT,
    `Expected a plain JSON value for ${path} but received ${why}`,
  );
}

/**
 * `JSON.stringify` of a string with every non-ASCII UTF-16 code unit escaped as `\uXXXX` (lowercase hex).
 * @example
 * ```ts
 * asciiJsonString('café') === '"caf\\u00e9"';
 * ```
 */
export function asciiJsonString(value: string): string {
  const json = JSON.stringify(value);
  return /[^\x00-\x7f]/.test(json)
    ? json.replace(/[^\x00-\x7f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
    : json;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, path: string, depth: number, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return asciiJsonString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw notJson(path, String(value));
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw notJson(path, `a ${typeof value}`);
  }
  const object = value as object;
  if (depth >= MAX_DEPTH) throw notJson(path, `nesting deeper than ${MAX_DEPTH} levels`);
  if (seen.has(object)) throw notJson(path, 'a circular reference');
  seen.add(object);
  let out: string;
  if (Array.isArray(object)) {
    const items: string[] = [];
    for (let i = 0; i < object.length; i++) items.push(write(object[i], `${path}[${i}]`, depth + 1, seen));
    out = '[' + items.join(',') + ']';
  } else {
    if (!isPlainObject(object)) throw notJson(path, `an instance of ${object.constructor?.name ?? 'a class'}`);
    const members: string[] = [];
    for (const key of Object.keys(object)) {
      const member = (object as Record<string, unknown>)[key];
      members.push(asciiJsonString(key) + ':' + write(member, `${path}.${key}`, depth + 1, seen));
    }
    out = '{' + members.join(',') + '}';
  }
  seen.delete(object);
  return out;
}

/**
 * Compact JSON of `value`, a plain JSON object, with all non-ASCII characters escaped. Keys keep their order.
 *
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for anything that would not read back as the same value: `undefined`,
 * functions, symbols, bigints, non-finite numbers, class instances (Date, Map, typed arrays), cycles, very deep nesting.
 * @example
 * ```ts
 * toAsciiJsonObject({ path: 'café.png' }, 'metadata') === '{"path":"caf\\u00e9.png"}';
 * ```
 */
export function toAsciiJsonObject(value: unknown, option: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw notJson(option, `${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`} (it must be an object)`);
  }
  return write(value, option, 0, new Set());
}
