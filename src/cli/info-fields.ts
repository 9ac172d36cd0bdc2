// What `pixtext info` prints of a header: one field order for every text form (and for dataset lines), as aligned
// lines with sizes in units, or as JSON. Metadata comes from untrusted text and may nest deeper than the call stack
// allows, so JSON is written by an explicit stack rather than JSON.stringify.
import { formatBytes } from './summary.js';

// Fields in the order they are printed; any other field follows, in the order the header gave it.
const FIELD_ORDER = [
  'file',
  'line',
  'form',
  'version',
  'width',
  'height',
  'mode',
  'encoding',
  'byteLength',
  'textLength',
  'crc32',
  'source',
  'mimeType',
  'paletteEntries',
  'paletteMissing',
  'metadata',
] as const;

/**
 * The header's fields as plain JSON values in the one printed order; byte arrays become `{ byteLength }`, so nothing
 * large or binary is printed.
 *
 * @example
 * ```ts
 * orderedFields({ file: 'a.json' }, inspect(text)); // { file, form, version, width, height, mode, … }
 * ```
 */
export function orderedFields(first: Record<string, unknown>, header: unknown): Record<string, unknown> {
  const all: Record<string, unknown> = { ...first };
  if (typeof header === 'object' && header !== null) {
    for (const [key, value] of Object.entries(header)) {
      if (value === undefined || typeof value === 'function') continue;
      all[key] = ArrayBuffer.isView(value) ? { byteLength: value.byteLength } : value;
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) if (Object.prototype.hasOwnProperty.call(all, key)) out[key] = all[key];
  for (const [key, value] of Object.entries(all)) if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = value;
  return out;
}

/**
 * `key: value` lines with the values aligned: byte counts with units (`2.0 KiB (2048 bytes)`), the text length in
 * characters, objects (metadata) as compact JSON.
 *
 * @example
 * ```ts
 * renderLines({ width: 2, byteLength: 2048 }); // "width:      2\nbyteLength: 2.0 KiB (2048 bytes)\n"
 * ```
 */
export function renderLines(fields: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(fields).map((key) => key.length)) + 1;
  return Object.entries(fields)
    .map(([key, value]) => `${`${key}:`.padEnd(width)} ${renderValue(key, value)}\n`)
    .join('');
}

function renderValue(key: string, value: unknown): string {
  if (typeof value === 'number' && key === 'byteLength') return value < 1024 ? `${value} bytes` : `${formatBytes(value)} (${value} bytes)`;
  if (typeof value === 'number' && key === 'textLength') return `${value} characters`;
  return typeof value === 'object' && value !== null ? toJson(value) : String(value);
}

/**
 * Compact JSON of a JSON value (what a JSON parser returns), at any nesting depth: the same text as
 * `JSON.stringify` for those values, without recursion. Byte arrays are written as `{"byteLength":n}`.
 *
 * @example
 * ```ts
 * toJson({ a: [1, { b: null }] }); // '{"a":[1,{"b":null}]}'
 * ```
 */
export function toJson(value: unknown): string {
  interface Frame {
    readonly close: string;
    readonly items: readonly (readonly [string | undefined, unknown])[];
    at: number;
  }
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (item: unknown): void => {
    if (ArrayBuffer.isView(item)) {
      out.push(`{"byteLength":${item.byteLength}}`);
    } else if (Array.isArray(item)) {
      out.push('[');
      stack.push({ close: ']', items: item.map((element) => [undefined, element] as const), at: 0 });
    } else if (typeof item === 'object' && item !== null) {
      out.push('{');
      const entries = Object.entries(item).filter(([, v]) => v !== undefined && typeof v !== 'function');
      stack.push({ close: '}', items: entries, at: 0 });
    } else {
      // Strings, numbers (NaN and infinities become null, as in JSON.stringify), booleans, null.
      out.push(JSON.stringify(item) ?? 'null');
    }
  };
  open(value);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.at === top.items.length) {
      out.push(top.close);
      stack.pop();
      continue;
    }
    const [key, item] = top.items[top.at]!;
    if (top.at > 0) out.push(',');
    top.at += 1;
    if (key !== undefined) out.push(`${JSON.stringify(key)}:`);
    open(item);
  }
  return out.join('');
}
