// The Pillow dump JSON of the original "Image-to-Binary" app (docs/ARCHITECTURE.md#other-text-forms):
//   {"img_info": {"format": "PNG", "size": [w, h], "mode": "RGB"}, "img_data": "<base64 of im.tobytes()>"}
// Spec: Pillow `Image.tobytes()` / `Image.frombytes()` (https://pillow.readthedocs.io/en/stable/reference/Image.html),
// Python `json.dumps` defaults (https://docs.python.org/3/library/json.html#json.dumps).
import { decodeBase64, encodeBase64 } from '../base64/base64.js';
import { PixtextError, describeValue, invalidArgument } from '../errors.js';
import { checkPaletteIndices, checkPixelLimit, validateRawImage } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import type { PilDumpForm, TextInfo, TextSample, TextSubject } from './form.js';
import { asciiJsonString } from './json-ascii.js';
import { isJsonObject, refuseRepeatedMembers } from './json-scan.js';
import { PIL_MODE_FOR, PIL_READ_MODES, fromPilBytes, isPilDumpMode, pilRowBytes, swapRedBlue } from './pil-dump-modes.js';
import type { PilDumpMode } from './pil-dump-modes.js';

/** Options for {@link readPilDump}. */
export interface ReadPilDumpOptions {
  /** Largest width × height to accept, checked before the base64 is decoded. `Infinity` disables. */
  maxPixels: number;
}

/** Options for {@link writePilDump}. */
export interface WritePilDumpOptions {
  /** What goes in `img_info.format`, e.g. `"PNG"` (Pillow's `im.format`). Defaults to `null`. */
  format?: string;
}

/** A JSON string as Python's `json.dumps` (ensure_ascii) writes it: everything outside U+0020–U+007E escaped. */
const pythonJsonString = (value: string) => asciiJsonString(value).replace(/\x7f/g, '\\u007f');

const has = Object.hasOwn;
/** `object[key]` when it is an own property, else undefined: inherited keys such as `__proto__` never count. */
const own = (object: object, key: string): unknown => (has(object, key) ? (object as Record<string, unknown>)[key] : undefined);

/** A float image's values rounded and clipped to 16 bits, as Python code (Pillow reads the result as I;16). */
const F_TO_16 = "Image.fromarray(numpy.clip(numpy.asarray(im).round(), 0, 65535).astype('uint16'))";

const malformed = (field: string, what: string, value: unknown) =>
  new PixtextError('ERR_ENVELOPE', `Pillow dump: expected ${what} for ${field} but received ${describeValue(value)}`, { chunk: field });

/**
 * True when `value` (parsed JSON) looks like a Pillow dump: an object with its own `img_info` or `img_data` key.
 * Only the keys are looked at; {@link readPilDump} checks the rest.
 *
 * @example
 * ```ts
 * isPilDump(JSON.parse('{"img_info": {"size": [1, 1], "mode": "L"}, "img_data": "AA=="}')); // true
 * ```
 */
export function isPilDump(value: unknown): boolean {
  return isJsonObject(value) && (has(value, 'img_info') || has(value, 'img_data'));
}

/** What a Pillow dump's `img_info` declares, checked: the image's size, its Pillow and pixtext modes. */
export interface PilDumpHeader {
  width: number;
  height: number;
  /** The pixtext mode the pixels are read into. */
  mode: RawImage['mode'];
  pilMode: PilDumpMode;
  /** Bytes of `img_data` once decoded. */
  byteLength: number;
  info: Record<string, unknown>;
}

/**
 * Reads and checks a parsed Pillow dump's `img_info` (size and mode), without looking at `img_data`.
 * @throws PixtextError `ERR_ENVELOPE` (missing or ill-typed field), `ERR_UNSUPPORTED` (another Pillow mode)
 * @example
 * ```ts
 * readPilDumpHeader({ img_info: { size: [2, 1], mode: 'RGBX' } }); // { width: 2, height: 1, mode: 'RGB', pilMode: 'RGBX', byteLength: 8, … }
 * ```
 */
export function readPilDumpHeader(value: Record<string, unknown>): PilDumpHeader {
  const info = own(value, 'img_info');
  if (typeof info !== 'object' || info === null || Array.isArray(info)) throw malformed('img_info', 'an object', info);
  const size = own(info, 'size');
  const validSide = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (!Array.isArray(size) || size.length !== 2 || !validSide(size[0]) || !validSide(size[1])) {
    throw malformed('img_info.size', '[width, height] of non-negative integers', size);
  }
  const [width, height] = size as [number, number];
  const pilMode = own(info, 'mode');
  if (typeof pilMode !== 'string') throw malformed('img_info.mode', 'a Pillow mode string', pilMode);
  if (!isPilDumpMode(pilMode)) {
    // F (32-bit float, e.g. a depth map) has no exact pixtext mode: say which conversion to make before dumping.
    const hint = pilMode === 'F' ? `: convert it in Python first, to 8 bits with im.convert('L') or to 16 bits with ${F_TO_16}` : '';
    throw new PixtextError('ERR_UNSUPPORTED', `Pillow dump mode ${JSON.stringify(pilMode)} is not supported (only ${Object.keys(PIL_READ_MODES).join(', ')})${hint}`, { chunk: 'img_info.mode' });
  }
  const mode = PIL_READ_MODES[pilMode];
  return { width, height, mode, pilMode, byteLength: pilRowBytes(pilMode, width) * height, info: info as Record<string, unknown> };
}

/**
 * Reads a parsed Pillow dump into a {@link RawImage}. Modes `1`, `L`, `LA`, `P`, `RGB`, `RGBA` keep their layout;
 * `RGBX` and `CMYK` become `RGB` with Pillow's own conversions; `I;16` and `I;16B` become `L16` (little-endian).
 * `P` has no palette in the format, so it reads as indices without one (grey, as Pillow shows it), unless
 * `img_info.palette` (base64 RGBA entries, written by {@link writePilDump}) is present. `img_info.format` is ignored.
 *
 * @throws PixtextError `ERR_ENVELOPE` (missing or ill-typed field), `ERR_UNSUPPORTED` (another Pillow mode),
 *   `ERR_TOO_LARGE` (over `maxPixels`, before decoding), `ERR_BASE64`, `ERR_LENGTH_MISMATCH` (data not the size
 *   `size` and `mode` imply).
 * @example
 * ```ts
 * readPilDump({ img_info: { format: null, size: [2, 1], mode: 'L' }, img_data: 'AP8=' }, { maxPixels: 1e6 });
 * // { width: 2, height: 1, mode: 'L', data: Uint8Array [0, 255] }
 * ```
 */
export function readPilDump(value: Record<string, unknown>, options: ReadPilDumpOptions): RawImage {
  const { width, height, mode, pilMode, byteLength: expected, info } = readPilDumpHeader(value);
  checkPixelLimit(width, height, options.maxPixels, 'Pillow dump img_info.size', mode);

  const palette = readPalette(info, pilMode);
  const text = own(value, 'img_data');
  if (typeof text !== 'string') throw malformed('img_data', 'a base64 string', text);
  // Whitespace aside, base64 of n bytes has 4·ceil(n/3) characters: refuse an obviously wrong size before decoding.
  if (Math.floor((text.length * 3) / 4) < expected) throw lengthMismatch(pilMode, width, height, expected, undefined);
  const bytes = decodeBase64(text, { allowWhitespace: true });
  if (bytes.length !== expected) throw lengthMismatch(pilMode, width, height, expected, bytes.length);
  const image: RawImage = { width, height, mode, data: fromPilBytes(pilMode, bytes, width * height) };
  if (palette !== undefined) image.palette = palette;
  checkPaletteIndices(image, 'Pillow dump image');
  return image;
}

function lengthMismatch(pilMode: string, width: number, height: number, expected: number, actual: number | undefined) {
  const got = actual === undefined ? 'less' : `${actual} bytes`;
  return new PixtextError('ERR_LENGTH_MISMATCH', `Pillow dump: img_data holds ${got} but a ${width}×${height} ${pilMode} image needs ${expected}`, { chunk: 'img_data' });
}

/** `img_info.palette`: our writer's extension for `P` (base64 of up to 256 RGBA entries); Pillow ignores it. */
function readPalette(info: Record<string, unknown>, pilMode: string): Uint8Array | undefined {
  if (!has(info, 'palette') || info['palette'] === null) return undefined;
  const text = info['palette'];
  if (pilMode !== 'P') throw malformed('img_info.palette', 'no palette unless mode is P', text);
  if (typeof text !== 'string' || text.length > 1368) throw malformed('img_info.palette', 'up to 256 RGBA entries', text);
  const palette = decodeBase64(text, { allowWhitespace: true });
  if (palette.length % 4 !== 0 || palette.length > 1024) throw malformed('img_info.palette', 'up to 256 RGBA entries', `${palette.length} bytes`);
  return palette;
}

/**
 * Writes `image` as the Pillow dump JSON, exactly as Python's `json.dumps` with default settings writes it:
 * `{"img_info": {"format": "PNG", "size": [2, 1], "mode": "RGB"}, "img_data": "..."}` (`", "` and `": "`
 * separators, ASCII only), so `Image.frombytes(mode, size, b64decode(img_data))` in Pillow gives the same pixels.
 * Modes `1`, `L`, `LA`, `P`, `RGB`, `RGBA` are written as they are, `L16` as `I;16`, `BGR`/`BGRA` as `RGB`/`RGBA`
 * (channels reordered). `P` with a palette adds `"palette": "<base64 RGBA entries>"` after `mode` (Pillow ignores it).
 *
 * @throws PixtextError `ERR_UNSUPPORTED` for `LA16`, `RGB16`, `RGBA16` (Pillow has no such raw mode; the message
 *   names the conversion), `ERR_INVALID_IMAGE`, `ERR_INVALID_ARGUMENT` (format not a string).
 * @example
 * ```ts
 * writePilDump({ width: 2, height: 1, mode: 'L', data: new Uint8Array([0, 255]) }, { format: 'PNG' });
 * // '{"img_info": {"format": "PNG", "size": [2, 1], "mode": "L"}, "img_data": "AP8="}'
 * ```
 */
export function writePilDump(image: RawImage, options: WritePilDumpOptions = {}): string {
  const { width, height, mode, data, palette } = validateRawImage(image);
  const format = options.format;
  if (format !== undefined && typeof format !== 'string') throw invalidArgument('a string', 'format', format);
  const target = PIL_MODE_FOR[mode];
  if (target === undefined) {
    // LA16, RGB16 or RGBA16: the same channels at 8 bits are a Pillow mode.
    throw new PixtextError('ERR_UNSUPPORTED', `Pillow dump has no raw mode for ${mode}: convert(image, '${mode.slice(0, -2)}') first (keeps each sample's high byte)`);
  }
  const bytes = target.swapRedBlue !== undefined ? swapRedBlue(data, target.swapRedBlue) : data;
  let infoText = `{"format": ${format === undefined ? 'null' : pythonJsonString(format)}, "size": [${width}, ${height}], "mode": "${target.pil}"`;
  if (mode === 'P' && palette !== undefined) infoText += `, "palette": "${encodeBase64(palette)}"`;
  return `{"img_info": ${infoText}}, "img_data": "${encodeBase64(bytes)}"}`;
}

/**
 * Whether a text is a Pillow dump: a JSON object with its own `img_info` or `img_data` key.
 * @throws PixtextError `ERR_NOT_JSON`, `ERR_TRUNCATED` for a text that starts as a JSON object but is not one
 * @example
 * ```ts
 * recognisePilDump(prepareText('{"img_info": {}}')) === true;
 * ```
 */
export function recognisePilDump(sample: TextSample): boolean {
  return sample.text.charCodeAt(sample.start) === 0x7b && isPilDump(sample.object());
}

/**
 * The Pillow dump JSON of the original Image-to-Binary app, `{"img_info": {...}, "img_data": "<base64>"}`: pass it
 * to `createPixtext({ forms })` to read such text in `textToImage`/`inspect` and write it with `as: 'pil'`. The
 * default functions have it.
 * @example
 * ```ts
 * import { createPixtext, pilDumpForm } from 'pixtext';
 * const { imageToText } = createPixtext({ forms: [pilDumpForm] });
 * imageToText({ width: 1, height: 1, mode: 'L', data: new Uint8Array([7]) }, { as: 'pil' });
 * // '{"img_info": {"format": null, "size": [1, 1], "mode": "L"}, "img_data": "Bw=="}'
 * ```
 */
export const pilDumpForm: PilDumpForm = {
  id: 'pil',
  recognise: recognisePilDump,
  read(sample, { maxPixels }) {
    const value = sample.object();
    refuseRepeatedMembers(sample, 'Pillow dump');
    return { kind: 'pixels', image: readPilDump(value, { maxPixels }) };
  },
  // imageToText hands the Pillow dump raw pixels only (checked with the options, before any work).
  write: (subject) =>
    writePilDump((subject as Extract<TextSubject, { kind: 'pixels' }>).image, subject.source === undefined ? {} : { format: subject.source.toUpperCase() }),
  inspect(sample) {
    const value = sample.object();
    refuseRepeatedMembers(sample, 'Pillow dump');
    const { width, height, mode, byteLength, info } = readPilDumpHeader(value);
    const result: TextInfo = { form: 'pil', width, height, mode, encoding: 'raw', byteLength, textLength: sample.text.length };
    // Pillow's dumps never carry the palette: the indices read as its greyscale ramp, which inspect says.
    if (mode === 'P' && (own(info, 'palette') ?? null) === null) result.paletteMissing = true;
    return result;
  },
};
