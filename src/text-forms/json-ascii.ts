// Serialises a user-supplied JSON object (an envelope's `metadata`) as compact ASCII-only JSON, checking on the way
// that it is plain JSON: the envelope must stay ASCII and must read back as the same value. JSON.stringify writes
// it; its replacer sees every value first and refuses what would not read back the same.
// Spec: https://www.rfc-editor.org/rfc/rfc8259 (JSON), §7 for string escapes.
import { PixtextError } from '../errors.js';

// Deep enough for any real metadata, shallow enough that a hostile object cannot exhaust the stack.
const MAX_DEPTH = 256;

const escapeNonAscii = (json: string): string =>
  json.replace(/[^\x00-\x7f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));

/**
 * `JSON.stringify` of a string with every non-ASCII UTF-16 code unit escaped as `\uXXXX` (lowercase hex).
 * @example
 * ```ts
 * asciiJsonString('café') === '"caf\\u00e9"';
 * ```
 */
export function asciiJsonString(value: string): string {
  return escapeNonAscii(JSON.stringify(value));
}

/**
 * Compact JSON of `value`, a plain JSON object, with all non-ASCII characters escaped. Keys keep their order.
 *
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for anything but an object at the top, and anything that would not read
 * back as the same value: `undefined`, functions, symbols, bigints, non-finite numbers, class instances (Date, Map,
 * typed arrays), a `toJSON` method, cycles, nesting deeper than 256 levels. The message gives the path to it.
 * @example
 * ```ts
 * toAsciiJsonObject({ path: 'café.png' }, 'metadata') === '{"path":"caf\\u00e9.png"}';
 * ```
 */
export function toAsciiJsonObject(value: unknown, option: string): string {
  // The objects being written, outermost first, with their paths: JSON.stringify calls the replacer depth first,
  // with `this` the object holding the value, so the stack is cut back to it on each call.
  const open: [object, string][] = [];
  return escapeNonAscii(
    JSON.stringify(value, function (this: Record<string, unknown>, key: string, written: unknown): unknown {
      while (open.length > 0 && open[open.length - 1]![0] !== this) open.pop();
      const parent = open[open.length - 1];
      const path = parent === undefined ? option : Array.isArray(this) ? `${parent[1]}[${key}]` : `${parent[1]}.${key}`;
      // The value as it is in the object: JSON.stringify hands the replacer what toJSON made of it.
      const own = this[key];
      let why: string | undefined;
      if (typeof own === 'object' && own !== null) {
        const proto = Object.getPrototypeOf(own) as { constructor?: { name?: string } } | null;
        if (Array.isArray(own) ? parent === undefined : proto !== Object.prototype && proto !== null) {
          why = Array.isArray(own) ? 'an array' : `an instance of ${proto?.constructor?.name ?? 'a class'}`;
        } else if (open.some(([o]) => o === own)) {
          why = 'a circular reference';
        } else if (open.length >= MAX_DEPTH) {
          why = `nesting deeper than ${MAX_DEPTH} levels`;
        }
        open.push([own, path]);
      } else if (parent === undefined || !(own === null || typeof own === 'string' || typeof own === 'boolean' || Number.isFinite(own))) {
        why = typeof own === 'number' ? String(own) : own === null ? 'null' : `a ${typeof own}`;
      }
      if (why === undefined && !Object.is(own, written)) why = 'a value with a toJSON method';
      if (why !== undefined) {
        throw new PixtextError('ERR_INVALID_ARGUMENT', `Expected ${parent === undefined ? 'a plain JSON object' : 'plain JSON'} for ${path} but received ${why}`);
      }
      return written;
    }),
  );
}
