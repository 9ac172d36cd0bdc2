// Escaping a text slice into a JSON string that is pure ASCII, so a chunk's length in characters is also its
// length in bytes (UTF-8 or Latin-1): what a datagram budget is counted in.
// Spec: https://www.rfc-editor.org/rfc/rfc8259#section-7

/**
 * Code units that cannot stand for themselves in an ASCII JSON string: all but 0x20-0x7F, and `"` and `\`.
 * @internal
 */
export const SPECIAL = /[^\x20\x21\x23-\x5b\x5d-\x7f]/g;

/** The largest escaped form of one unsplittable unit: a surrogate pair as two `\uXXXX` escapes. @internal */
export const MAX_UNIT_COST = 12;

const SHORT: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
};

/** Characters the escaped form of code unit `c` takes (for a code unit SPECIAL matches). @internal */
export function escapeCost(c: number): number {
  return SHORT[c] === undefined ? 6 : 2;
}

function escapeUnit(unit: string): string {
  const c = unit.charCodeAt(0);
  return SHORT[c] ?? `\\u${c.toString(16).padStart(4, '0')}`;
}

/** `text` as the body of an ASCII JSON string (without the quotes). @internal */
export function escapeJsonAscii(text: string): string {
  return text.replace(SPECIAL, escapeUnit);
}
