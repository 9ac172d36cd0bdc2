// The orientation ImageOps.exif_transpose acts on, read from a JPEG, PNG or WebP file as Pillow 9.4's
// Image.getexif() finds it:
// - JPEG: the first APP1 "Exif" segment; WebP: the EXIF chunk;
// - PNG: the EXIF block (eXIf chunk or tEXt "exif"), else the hex of a "Raw profile type exif" text chunk; and when
//   that block holds no Orientation entry at all, the XMP packet's `tiff:Orientation` (PNG only, as in 9.4).
// An EXIF block Pillow cannot load (where getexif raises) gives no orientation. Never throws.

import { findJpegExif, findWebpExif } from './find.js';
import { readOrientationEntry } from './orientation.js';
import { pngOrientationSources, rawProfileBytes, xmpOrientation } from './png-text.js';

const inRange = (value: number | undefined): number | undefined =>
  value !== undefined && value >= 1 && value <= 8 ? value : undefined;

/** The orientation (1–8) of a JPEG, PNG or WebP file, or undefined: none, unreadable, or another format. */
export function readFileOrientation(bytes: Uint8Array): number | undefined {
  return pngOrientationSources(bytes) === undefined ? readJpegOrientation(bytes) ?? readWebpOrientation(bytes) : readPngOrientation(bytes);
}

/** The orientation of a JPEG file (its first APP1 Exif segment), or undefined. Never throws. */
export function readJpegOrientation(bytes: Uint8Array): number | undefined {
  const payload = findJpegExif(bytes);
  return payload === undefined ? undefined : readOrientationEntry(payload).orientation;
}

/** The orientation of a WebP file (its EXIF chunk), or undefined. Never throws. */
export function readWebpOrientation(bytes: Uint8Array): number | undefined {
  const payload = findWebpExif(bytes);
  return payload === undefined ? undefined : readOrientationEntry(payload).orientation;
}

/** The orientation of a PNG file (eXIf, the EXIF text chunks, XMP as Pillow 9.4 reads them), or undefined. Never throws. */
export function readPngOrientation(bytes: Uint8Array): number | undefined {
  const png = pngOrientationSources(bytes);
  if (png === undefined) return undefined;
  if (png.exifIsText) return undefined;
  let payload = png.exif;
  if (payload === undefined && png.rawProfile !== undefined) {
    payload = rawProfileBytes(png.rawProfile);
    if (payload === undefined) return undefined; // bytes.fromhex raises
  }
  if (payload === undefined) return png.xmp === undefined ? undefined : inRange(xmpOrientation(png.xmp));
  const entry = readOrientationEntry(payload);
  if (!entry.loadable) return undefined; // Pillow's getexif raises
  if (entry.present) return entry.orientation;
  return png.xmp === undefined ? undefined : inRange(xmpOrientation(png.xmp));
}
