// What a PNG's chunks say about orientation, as Pillow 9.4's PngImagePlugin.py collects it into `info` for
// Image.getexif on a freshly opened image: the EXIF block (an eXIf chunk, or a tEXt chunk keyed "exif"), the hex EXIF of a
// "Raw profile type exif" text chunk (ImageMagick), and the XMP packet of an "XML:com.adobe.xmp" text chunk.
// Text comes from tEXt, zTXt and iTXt chunks; compressed text is inflated up to Pillow's 1 MiB text limit
// (MAX_TEXT_CHUNK) by the project's own inflater, which judges streams as zlib does (malformed data and a wrong
// Adler-32 are errors, on which Pillow reads a zTXt as empty). The walk is bounded by the input and never throws.

import { PNG_SIGNATURE } from '../png/chunks.js';
import { MAX_INFLATE_RATIO, zlibDataStart } from '../../zlib/zlib-header.js';
import { inflateInto, trailerMatches } from '../../zlib/inflate.js';

const EXIF_PREFIX = [0x45, 0x78, 0x69, 0x66, 0, 0];

/** The orientation sources of a PNG, each the last of its kind, as Pillow's `info` ends up holding them. */
export interface PngOrientationSources {
  /** An EXIF payload: "Exif\0\0" + an eXIf chunk, or a tEXt "exif" value as is. */
  exif?: Uint8Array;
  /** The text of a "Raw profile type exif" chunk. */
  rawProfile?: string;
  /** The text of an "XML:com.adobe.xmp" chunk. */
  xmp?: string;
  /** The last "exif" entry was iTXt text, which Pillow's getexif cannot load (it raises). */
  exifIsText?: boolean;
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

function chunkType(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] as number, bytes[at + 1] as number, bytes[at + 2] as number, bytes[at + 3] as number);
}

/** Collects the orientation sources of a PNG; undefined when `bytes` is not a PNG. */
export function pngOrientationSources(bytes: Uint8Array): PngOrientationSources | undefined {
  if (bytes.length < 8 || !PNG_SIGNATURE.every((v, k) => bytes[k] === v)) return undefined;
  const sources: PngOrientationSources = {};
  let seenIdat = false;
  let i = 8;
  while (i + 8 <= bytes.length) {
    const length = ((bytes[i] as number) * 0x1000000 + (((bytes[i + 1] as number) << 16) | ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number)));
    const type = chunkType(bytes, i + 4);
    if (type === 'IEND' || i + 8 + length > bytes.length) break; // Pillow's reads stop at a cut-off chunk
    const data = bytes.subarray(i + 8, i + 8 + length);
    // Image.open reads the chunks before IDAT; getexif reads on past the image data (load()) only when they held
    // no "exif": so a block before IDAT hides any after it, and after IDAT the last of each kind wins.
    if (type === 'IDAT' && !seenIdat) {
      seenIdat = true;
      if (sources.exif !== undefined || sources.exifIsText) return sources;
    }
    if (type === 'eXIf') {
      const payload = new Uint8Array(6 + data.length);
      payload.set(EXIF_PREFIX);
      payload.set(data, 6);
      sources.exif = payload;
      sources.exifIsText = false;
    } else if (type === 'tEXt' || type === 'iTXt' || type === 'zTXt') {
      readText(type, data, sources);
    }
    i += 12 + length;
  }
  return sources;
}

/** Pillow's MAX_TEXT_CHUNK (ImageFile.SAFEBLOCK): inflated text beyond it makes Pillow refuse the file. */
const MAX_TEXT = 1024 * 1024;

/**
 * Inflates compressed text as zlib's decompressobj does for Pillow's `_safe_zlib_decompress`: what a cut-off stream
 * gives so far; 'corrupt' for malformed data, 'too large' for text over MAX_TEXT.
 */
function inflateText(data: Uint8Array): Uint8Array | 'corrupt' | 'too large' {
  // zlib's decompressobj gives nothing, and no error, for a stream cut inside its 2-byte header.
  if (data.length < 2) return new Uint8Array(0);
  try {
    const start = zlibDataStart(data);
    // Room for one byte past the limit tells "too large"; deflate cannot expand more than MAX_INFLATE_RATIO-fold.
    const out = new Uint8Array(Math.min(MAX_TEXT + 1, (data.length - start) * MAX_INFLATE_RATIO + 1));
    const { written, streamEnd } = inflateInto(data, start, out);
    if (written > MAX_TEXT) return 'too large';
    if (!trailerMatches(data, streamEnd, out.subarray(0, written))) return 'corrupt';
    return out.subarray(0, written);
  } catch {
    return 'corrupt'; // malformed deflate data or zlib header: zlib.error, which Pillow reads as empty text
  }
}

function readText(type: 'tEXt' | 'iTXt' | 'zTXt', data: Uint8Array, sources: PngOrientationSources): void {
  const zero = data.indexOf(0);
  const key = latin1(zero < 0 ? data : data.subarray(0, zero));
  if (key !== 'exif' && key !== 'Raw profile type exif' && key !== 'XML:com.adobe.xmp') return;
  let value: string;
  if (type === 'zTXt') {
    // zTXt: keyword \0 compression method (0 = zlib) compressed text (Latin-1). Pillow reads a malformed stream as
    // empty text; an unknown method or text over its limit makes it refuse the whole file (then: nothing here).
    const method = zero < 0 || zero + 1 >= data.length ? 0 : (data[zero + 1] as number);
    if (method !== 0) return;
    const text = inflateText(zero < 0 ? new Uint8Array(0) : data.subarray(zero + 2));
    if (text === 'too large') return;
    value = text === 'corrupt' ? '' : latin1(text);
    if (key === 'exif') {
      sources.exif = undefined;
      sources.exifIsText = true; // Pillow's value is text then, which its getexif cannot load
      return;
    }
  } else if (type === 'tEXt') {
    const raw = zero < 0 ? new Uint8Array(0) : data.subarray(zero + 1);
    if (key === 'exif') {
      sources.exif = raw; // Pillow keeps this one key's value as bytes
      sources.exifIsText = false;
      return;
    }
    value = latin1(raw);
  } else {
    // iTXt: keyword \0 compression flag, method, language \0 translated keyword \0 text (UTF-8).
    if (zero < 0 || zero + 3 > data.length) return;
    const compressed = data[zero + 1] !== 0;
    if (compressed && data[zero + 2] !== 0) return; // unknown method: Pillow skips the chunk
    const rest = data.subarray(zero + 3);
    const language = rest.indexOf(0);
    const translated = language < 0 ? -1 : rest.indexOf(0, language + 1);
    if (translated < 0) return;
    let text = rest.subarray(translated + 1);
    if (compressed) {
      const inflated = inflateText(text);
      if (typeof inflated === 'string') return; // Pillow skips a malformed one (and refuses a too large one)
      text = inflated;
    }
    try {
      const utf8 = new TextDecoder('utf-8', { fatal: true });
      utf8.decode(rest.subarray(0, language));
      utf8.decode(rest.subarray(language + 1, translated));
      value = utf8.decode(text);
    } catch {
      return; // Pillow skips a chunk whose language, translated keyword or text is not UTF-8
    }
  }
  if (key === 'Raw profile type exif') sources.rawProfile = value;
  else if (key === 'XML:com.adobe.xmp') sources.xmp = value;
  else {
    sources.exif = undefined;
    sources.exifIsText = true;
  }
}

const HEX_WHITESPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f']);

/**
 * The bytes of a "Raw profile type exif" text as Pillow 9.4 reads them: lines from the fourth on, joined, then
 * `bytes.fromhex` (ASCII whitespace between byte pairs allowed). Undefined where fromhex would raise.
 */
export function rawProfileBytes(text: string): Uint8Array | undefined {
  const hex = text.split('\n').slice(3).join('');
  const out: number[] = [];
  let i = 0;
  while (i < hex.length) {
    if (HEX_WHITESPACE.has(hex[i] as string)) {
      i++;
      continue;
    }
    const pair = hex.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) return undefined;
    out.push(parseInt(pair, 16));
    i += 2;
  }
  return Uint8Array.from(out);
}

/** The XMP orientation as Pillow 9.4's getexif finds it: the first `tiff:Orientation="d` or `tiff:Orientation>d`. */
export function xmpOrientation(xmp: string): number | undefined {
  const match = /tiff:Orientation(="|>)([0-9])/.exec(xmp);
  return match === null ? undefined : Number(match[2]);
}
