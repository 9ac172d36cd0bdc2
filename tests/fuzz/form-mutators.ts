// Mutations of the text forms: the pixtext envelope, the Pillow dump JSON, data URLs and bare base64. Besides blind
// text edits, each form is rebuilt from changed parts with its checks kept right (CRC-32, byteLength, base64), so
// the readers' deeper checks and the decoders behind them are reached, not only the first checksum.
import { base64 as b64, crcHex } from '../support/bytes.js';
import { mutateBytes, randomBytes } from './byte-mutators.js';
import type { Rng } from './rng.js';
import { deepNesting, mutateMembers, mutateText, someNumberText, writeObject } from './text-mutators.js';
import type { Member } from './text-mutators.js';

/** The file formats a text can carry. */
export type FileFormat = 'png' | 'bmp' | 'jpeg';

/** A seed text and its parts. */
export interface TextSeed {
  form: 'envelope' | 'pil' | 'data-url' | 'base64';
  text: string;
  /** Top-level members of a JSON form, in order. */
  members?: Member[];
  /** `img_info` members of a Pillow dump. */
  info?: Member[];
  /** The decoded `data` / `img_data` of a JSON form. */
  payload?: Uint8Array;
  /** The encoded file a text carries (envelope with a file encoding, data URL, base64). */
  file?: { format: FileFormat; bytes: Uint8Array };
}

/** Mutates a file of a format with that format's mutator (its seed parsed once by the caller). */
export type FileMutator = (rng: Rng, format: FileFormat, bytes: Uint8Array) => Uint8Array;

const str = (s: string) => JSON.stringify(s);

const MODES = ['1', 'L', 'LA', 'P', 'RGB', 'RGBA', 'BGR', 'BGRA', 'L16', 'LA16', 'RGB16', 'RGBA16'];
const BYTES_PER_PIXEL: Record<string, number> = { L: 1, LA: 2, P: 1, RGB: 3, RGBA: 4, BGR: 3, BGRA: 4, L16: 2, LA16: 4, RGB16: 6, RGBA16: 8 };

/** Bytes of a raw image (independent of the code under test). */
export function rawLength(mode: string, width: number, height: number): number {
  return mode === '1' ? Math.ceil(width / 8) * height : (BYTES_PER_PIXEL[mode] ?? 1) * width * height;
}

/** A small size; sometimes empty, and then sometimes with a huge other side (no pixels, but 2^32 rows). */
function someSize(rng: Rng): [number, number] {
  const side = () => rng.int(1, 48);
  if (rng.chance(0.9)) return [side(), side()];
  const other = rng.chance(0.5) ? side() : rng.pick([2 ** 31 - 1, 2 ** 32, 2 ** 40, Number.MAX_SAFE_INTEGER]);
  return rng.chance(0.5) ? [0, other] : [other, 0];
}

/** Base64 text of `bytes`, reformatted: wrapped, spaced, escaped as JSON may, padding dropped, or a stray character. */
function formatBase64(rng: Rng, bytes: Uint8Array, inJson: boolean): string {
  let text = b64(bytes);
  const choice = rng.below(10);
  if (choice === 0) text = text.replace(/.{1,76}/g, (line) => line + rng.pick(['\n', '\r\n', ' ']));
  else if (choice === 1) text = text.replace(/=+$/, '');
  else if (choice === 2 && inJson) text = text.replace(/\//g, '\\/').replace(/A/, '\\u0041');
  else if (choice === 3) {
    const at = rng.below(text.length + 1);
    text = text.slice(0, at) + rng.pick(['-', '_', '=', '==', '*', '\\n', ' ', '\t', '.', 'é']) + text.slice(at);
  } else if (choice === 4) text = text.replace(/\+/g, '-').replace(/\//g, '_');
  return text;
}

/** A base64 value for a JSON field: well formed or not. */
function jsonBase64(rng: Rng, bytes: Uint8Array): string {
  return `"${formatBase64(rng, bytes, true)}"`;
}

function envelopeValue(rng: Rng, key: string, raw: string): string {
  switch (key) {
    case 'width':
    case 'height':
    case 'byteLength':
    case 'pixtext': {
      const n = Number(raw);
      return someNumberText(rng, Number.isFinite(n) ? n : undefined);
    }
    case 'mode':
      return rng.chance(0.8) ? str(rng.pick(MODES)) : rng.pick(['""', '"rgb"', '"CMYK"', '"I;16"', '1', 'null', '["L"]', '"__proto__"']);
    case 'encoding':
      return rng.pick(['"raw"', '"png"', '"jpeg"', '"bmp"', '"original"', '"gif"', '""', 'null', '0', '"RAW"']);
    case 'crc32':
      return rng.pick(['"00000000"', '"ffffffff"', '"FFFFFFFF"', '"0"', '"123456789"', '"zzzzzzzz"', '0', 'null', `"${rng.u32().toString(16).padStart(8, '0')}"`]);
    case 'palette':
      return rng.chance(0.7) ? jsonBase64(rng, randomBytes(rng, rng.pick([0, 1, 3, 4, 8, 1020, 1024, 1028, rng.int(0, 64)]))) : rng.pick(['null', '1', '[]', '"*"']);
    case 'metadata':
      return rng.pick(['{}', '{"data":"AAAA"}', '{"a":[1,2,{"b":null}]}', 'null', '"x"', '[]', deepNesting(rng.int(10, 20000)), `{"k":${deepNesting(rng.int(10, 5000))}}`]);
    case 'source':
      return rng.pick(['"png"', '"gif"', '1', 'null', '""']);
    case 'data':
      // `raw` may already be mutated out of being a JSON string: then its text is mutated as it stands.
      return rng.chance(0.6) ? `"${mutateText(rng, raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw)}"` : rng.pick(['""', 'null', '1', '[]', '"===="', '"AA=="']);
    default:
      return someNumberText(rng);
  }
}

/** Sets a member's raw value (appending the member when absent). */
function setMember(members: Member[], key: string, raw: string): void {
  const hit = members.find((m) => m[0] === key);
  if (hit !== undefined) hit[1] = raw;
  else members.push([key, raw]);
}

/** One envelope mutation. */
export function mutateEnvelope(rng: Rng, seed: TextSeed, mutateFile: FileMutator): string {
  const members = seed.members!;
  const kind = rng.below(100);
  if (kind < 18) return mutateText(rng, seed.text);
  if (kind < 48) {
    let out = mutateMembers(rng, members, (k, v) => envelopeValue(rng, k, v));
    if (rng.chance(0.3)) out = mutateMembers(rng, out, (k, v) => envelopeValue(rng, k, v));
    return writeObject(out, rng);
  }
  const out = members.map((m) => [...m] as Member);
  if (kind < 80) {
    // A changed payload with byteLength and crc32 made right for it: the file (or pixels) behind the checks.
    const payload = seed.file !== undefined ? mutateFile(rng, seed.file.format, seed.file.bytes) : mutateBytes(rng, seed.payload!);
    setMember(out, 'byteLength', String(payload.length));
    setMember(out, 'crc32', str(crcHex(payload)));
    setMember(out, 'data', rng.chance(0.85) ? `"${b64(payload)}"` : jsonBase64(rng, payload));
    if (rng.chance(0.15)) setMember(out, 'mode', str(rng.pick(MODES)));
    return writeObject(out, rng);
  }
  if (kind < 92) {
    // A consistent raw envelope of another size and mode with random pixels (and a palette for P, sometimes).
    const mode = rng.pick(MODES);
    const [width, height] = someSize(rng);
    const payload = randomBytes(rng, rawLength(mode, width, height));
    const fresh: Member[] = [['pixtext', '1'], ['width', String(width)], ['height', String(height)], ['mode', str(mode)], ['encoding', '"raw"']];
    if (mode === 'P' && rng.chance(0.6)) fresh.push(['palette', `"${b64(randomBytes(rng, 4 * rng.int(rng.chance(0.1) ? 0 : 1, 256)))}"`]);
    fresh.push(['byteLength', String(payload.length)], ['crc32', str(crcHex(payload))], ['data', `"${b64(payload)}"`]);
    return writeObject(fresh, rng.chance(0.5) ? rng : undefined);
  }
  // The same data, reformatted as other writers (or broken ones) would.
  setMember(out, 'data', jsonBase64(rng, seed.payload!));
  return writeObject(out, rng);
}

const PIL_MODES = ['1', 'L', 'LA', 'P', 'RGB', 'RGBA', 'RGBX', 'CMYK', 'I;16', 'I;16B'];
const PIL_ROW_BYTES: Record<string, (w: number) => number> = {
  '1': (w) => Math.ceil(w / 8),
  L: (w) => w,
  P: (w) => w,
  LA: (w) => 2 * w,
  'I;16': (w) => 2 * w,
  'I;16B': (w) => 2 * w,
  RGB: (w) => 3 * w,
  RGBA: (w) => 4 * w,
  RGBX: (w) => 4 * w,
  CMYK: (w) => 4 * w,
};

function pilInfoValue(rng: Rng, key: string, raw: string): string {
  if (key === 'size') {
    return rng.pick([
      `[${someNumberText(rng)}, ${someNumberText(rng)}]`, '[1]', '[1, 1, 1]', '[]', 'null', '"1x1"', '{"0":1,"1":1}',
      raw.replace(/\d+/, (d) => someNumberText(rng, Number(d))),
    ]);
  }
  if (key === 'mode') return rng.chance(0.8) ? str(rng.pick(PIL_MODES)) : rng.pick(['"F"', '"I"', '"YCbCr"', '""', 'null', '1', '"I;16L"']);
  if (key === 'palette') return rng.chance(0.6) ? jsonBase64(rng, randomBytes(rng, rng.pick([0, 4, 3, 1024, 1028]))) : rng.pick(['null', '1', '"*"']);
  return rng.pick(['"PNG"', 'null', '1', '"\\u00e9"', '{}']);
}

/** One Pillow dump mutation. */
export function mutatePilDump(rng: Rng, seed: TextSeed): string {
  const info = seed.info!;
  const writeDump = (infoMembers: Member[], data: string) =>
    writeObject([['img_info', writeObject(infoMembers, rng)], ['img_data', data]], rng.chance(0.5) ? rng : undefined);
  const kind = rng.below(100);
  if (kind < 18) return mutateText(rng, seed.text);
  if (kind < 36) {
    return writeObject(
      mutateMembers(rng, seed.members!, (k) => (k === 'img_info' ? rng.pick(['null', '[]', '"x"', '{}', '{"size":[1,1]}']) : rng.pick(['""', 'null', '1', '"AA"']))),
      rng,
    );
  }
  if (kind < 66) return writeDump(mutateMembers(rng, info, (k, v) => pilInfoValue(rng, k, v)), `"${b64(seed.payload!)}"`);
  if (kind < 84) return writeDump(info, rng.chance(0.5) ? `"${b64(mutateBytes(rng, seed.payload!))}"` : jsonBase64(rng, seed.payload!));
  // A consistent dump of another mode and size with random bytes.
  const mode = rng.pick(PIL_MODES);
  const [width, height] = someSize(rng);
  const fresh: Member[] = [['format', 'null'], ['size', `[${width}, ${height}]`], ['mode', str(mode)]];
  if (mode === 'P' && rng.chance(0.4)) fresh.push(['palette', `"${b64(randomBytes(rng, 4 * rng.int(1, 256)))}"`]);
  return writeDump(fresh, `"${b64(randomBytes(rng, PIL_ROW_BYTES[mode]!(width) * height))}"`);
}

const DATA_URL_HEADERS = [
  'data:image/png;base64,', 'data:image/bmp;base64,', 'data:image/jpeg;base64,', 'DATA:IMAGE/PNG;BASE64,', ' \t data:image/png;base64,',
  'data:;base64,', 'data:image/png,', 'data:image/png;charset=utf-8;base64,', 'data:image/png; base64,', 'data:image/png;base64 ,',
  'data:image/png;base64', 'data:image/png;base6,', 'data:text/plain;base64,', 'data:image/png;base64;base64,', 'data:,', 'data:\n image/png;ba\tse64,',
];

/** One data URL mutation. */
export function mutateDataUrl(rng: Rng, seed: TextSeed, mutateFile: FileMutator): string {
  const file = seed.file!;
  const header = seed.text.slice(0, seed.text.indexOf(',') + 1);
  const kind = rng.below(100);
  if (kind < 18) return mutateText(rng, seed.text);
  if (kind < 40) return rng.pick(DATA_URL_HEADERS) + b64(file.bytes);
  if (kind < 75) return header + formatBase64(rng, mutateFile(rng, file.format, file.bytes), false);
  // The body reformatted as URLs allow or forbid: whitespace, percent-escapes, a fragment, URL-safe characters.
  let body = b64(file.bytes);
  const choice = rng.below(5);
  if (choice === 0) body = body.replace(/.{1,60}/g, (l) => l + rng.pick(['\n', ' ', '\t', '\r\n', '\f']));
  else if (choice === 1) body = body.replace(/[+/=]/g, (c) => (rng.chance(0.5) ? `%${c.charCodeAt(0).toString(16)}` : c));
  else if (choice === 2) body = body + rng.pick(['#frag', '#', '%', '%4', '%GG', '  ', '\u00a0']);
  else if (choice === 3) body = body.replace(/=+$/, '').replace(/[+/]/, (c) => (c === '+' ? '-' : '_'));
  else body = formatBase64(rng, file.bytes, false);
  return header + body;
}

/** One bare base64 mutation. */
export function mutateBareBase64(rng: Rng, seed: TextSeed, mutateFile: FileMutator): string {
  const file = seed.file!;
  const kind = rng.below(100);
  if (kind < 25) return mutateText(rng, seed.text);
  const bytes = kind < 80 ? mutateFile(rng, file.format, file.bytes) : file.bytes;
  let text = formatBase64(rng, bytes, false);
  if (rng.chance(0.2)) text = rng.pick([' ', '\n', '\r\n\t']) + text + rng.pick([' ', '\n', '']);
  return text;
}
