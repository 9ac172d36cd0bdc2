// Finding the EXIF payload in an image file without decoding it, where Pillow 9.4 finds it:
// - JPEG: the first APP1 segment starting "Exif\0" before the first SOS (JpegImagePlugin.py APP handler);
// - PNG: the eXIf chunk (PNG Extensions §eXIf); Pillow prefixes it with "Exif\0\0" (see png-text.ts);
// - WebP: the EXIF chunk of the RIFF container (WebP Container Specification), as the chunk holds it.
// Every walk is bounded by the input length and never throws: a broken structure just means no EXIF.

import { pngOrientationSources } from './png-text.js';

const EXIF = [0x45, 0x78, 0x69, 0x66, 0, 0];

function at4(bytes: Uint8Array, i: number, text: string): boolean {
  if (i + 4 > bytes.length) return false;
  for (let k = 0; k < 4; k++) if (bytes[i + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** The first APP1 "Exif\0" payload of a JPEG (with its "Exif\0\0" prefix), or undefined. */
export function findJpegExif(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1] as number;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // scan data or end: no EXIF before it
    const length = ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number);
    if (length < 2) return undefined;
    const start = i + 4;
    const end = Math.min(bytes.length, i + 2 + length);
    if (marker === 0xe1 && end - start >= 5 && EXIF.slice(0, 5).every((v, k) => bytes[start + k] === v)) {
      return bytes.subarray(start, end);
    }
    i += 2 + length;
  }
  return undefined;
}

/**
 * The EXIF block of a PNG as Pillow hands it to its EXIF reader: "Exif\0\0" + the eXIf chunk (or a tEXt "exif"
 * value), the one before IDAT if any, else the last; undefined when none. Text-chunk forms: readFileOrientation.
 */
export function findPngExif(bytes: Uint8Array): Uint8Array | undefined {
  return pngOrientationSources(bytes)?.exif;
}

/** The EXIF chunk of a WebP (RIFF) file as stored, or undefined. */
export function findWebpExif(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 12 || !at4(bytes, 0, 'RIFF') || !at4(bytes, 8, 'WEBP')) return undefined;
  let i = 12;
  while (i + 8 <= bytes.length) {
    const size = ((bytes[i + 4] as number) | ((bytes[i + 5] as number) << 8) | ((bytes[i + 6] as number) << 16) | ((bytes[i + 7] as number) << 24)) >>> 0;
    if (at4(bytes, i, 'EXIF')) {
      if (i + 8 + size > bytes.length) return undefined;
      return bytes.subarray(i + 8, i + 8 + size);
    }
    i += 8 + size + (size & 1); // chunks are padded to an even size
  }
  return undefined;
}

/** The EXIF payload of a JPEG, PNG or WebP file, by its magic bytes; undefined for other formats or none. */
export function findExif(bytes: Uint8Array): Uint8Array | undefined {
  return findJpegExif(bytes) ?? findPngExif(bytes) ?? findWebpExif(bytes);
}
