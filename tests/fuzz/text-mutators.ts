// Format-blind mutations of text, and a JSON writer that can put any member, in any order and spacing, with
// duplicate keys and raw number tokens: what a hostile or merely unusual writer sends.
import type { Rng } from './rng.js';

/** Characters that matter to the readers: JSON punctuation, base64 and its URL-safe cousins, spaces, non-ASCII. */
const CHARS = [
  '{', '}', '[', ']', '"', ',', ':', '\\', '/', '+', '=', '-', '_', '%', '#', ';', ' ', '\n', '\r', '\t', '\f', '\0',
  'A', 'Q', 'g', 'w', '0', '9', 'e', 'E', '.', 'é', '\u2028', '\ud800', '\udc00', '\ufeff', '😀',
];

/** Tokens worth inserting whole. */
const TOKENS = [
  'null', 'true', '-1', '0', '1e309', '-0', '1.5', '2147483648', '9007199254740993', '""', '{}', '[]', '"data":"',
  '"pixtext":1,', '"__proto__":{"width":1},', '\\u0041', '\\/', '\\n', '\\"', '\\ud800', '===', '    ', '\r\n',
  'data:', ';base64,', '%2B', '%2f', '%3D', '%zz', 'iVBORw0KGgo', 'Qk0', '/9j/',
];

/** One to three random text mutations. */
export function mutateText(rng: Rng, text: string): string {
  let out = text;
  for (let n = rng.small(3); n > 0; n--) {
    const at = rng.below(out.length + 1);
    switch (rng.below(7)) {
      case 0:
        out = out.slice(0, at) + rng.pick(CHARS) + out.slice(at + 1);
        break;
      case 1:
        out = out.slice(0, at) + rng.pick(CHARS) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + rng.pick(TOKENS) + out.slice(at);
        break;
      case 3:
        out = rng.chance(0.5) ? out.slice(0, at) : out.slice(0, Math.max(0, out.length - rng.int(1, 12)));
        break;
      case 4:
        out = out.slice(0, at) + out.slice(at + rng.small(6) * rng.int(1, 8));
        break;
      case 5: {
        const from = rng.below(out.length + 1);
        out = out.slice(0, at) + out.slice(from, from + rng.int(1, 40)) + out.slice(at);
        break;
      }
      default:
        out = out.slice(0, at) + out.slice(at, at + 1).toUpperCase() + out.slice(at + 1);
    }
  }
  return out;
}

/** A JSON member as written: the key, and the value's raw text. */
export type Member = [key: string, raw: string];

/** Writes members as one JSON object, with random spacing when `rng` is given. */
export function writeObject(members: readonly Member[], rng?: Rng): string {
  const ws = () => (rng !== undefined && rng.chance(0.15) ? rng.pick([' ', '\n', '\t', '\r\n  ']) : '');
  return `{${ws()}${members.map(([k, v]) => `${JSON.stringify(k)}${ws()}:${ws()}${v}`).join(`,${ws()}`)}${ws()}}`;
}

/** A hostile replacement for a number field: edges, fractions, huge, negative, or the wrong type. */
export function someNumberText(rng: Rng, near?: number): string {
  const choice = rng.below(5);
  if (choice === 0 && near !== undefined) return String(Math.max(0, near + rng.int(-3, 3)));
  if (choice === 1 && near !== undefined) return String(near * rng.pick([2, 3, 4, 256, 65536]));
  return rng.pick([
    '0', '1', '2', '-1', '1.5', '1e3', '1E1', '2147483647', '2147483648', '4294967295', '4294967296', '65535', '65536',
    '268402689', '9007199254740991', '9007199254740993', '1e308', '1e309', '-0', '0.0', '"2"', 'null', 'true', '[]', '{}',
  ]);
}

/** Mutations of a members list: a value replaced, a member dropped, duplicated, moved, or an unknown one added. */
export function mutateMembers(rng: Rng, members: Member[], replaceValue: (key: string, raw: string) => string): Member[] {
  const out = members.map((m) => [...m] as Member);
  const i = rng.below(Math.max(1, out.length));
  switch (rng.below(8)) {
    case 0:
      out.splice(i, 1);
      break;
    case 1:
      if (out[i] !== undefined) out.splice(rng.below(out.length + 1), 0, [out[i]![0], replaceValue(out[i]![0], out[i]![1])]);
      break;
    case 2:
      out.splice(rng.below(out.length), 0, ...out.splice(i, 1));
      break;
    case 3:
      out.splice(rng.below(out.length + 1), 0, [rng.pick(['__proto__', 'constructor', 'extra', 'Data', 'data ', '']), rng.pick(['1', '{"mode":"L"}', '"x"', 'null', '[]'])]);
      break;
    default:
      if (out[i] !== undefined) out[i]![1] = replaceValue(out[i]![0], out[i]![1]);
  }
  return out;
}

/** Nested arrays `depth` deep: a stack-depth probe for JSON readers. */
export function deepNesting(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}
