// Writing an EXIF orientation into the PNG and JPEG files pixtext writes, where Pillow puts it:
// - PNG: an eXIf chunk (PNG 1.5 / PNG 3rd edition §11.3.6: the TIFF block without "Exif\0\0") before the first IDAT,
//   as PngImagePlugin._save writes it after the palette and transparency chunks;
// - JPEG: an APP1 "Exif\0\0" segment right after the JFIF APP0, where libjpeg's jpeg_write_marker puts Pillow's
//   `exif` (JpegEncode.c, after jpeg_start_compress has written SOI and APP0).
// The block is the smallest TIFF that holds the tag: little-endian header, IFD0 with one SHORT entry 0x0112.

import { crc32 } from '../../checksum/crc32.js';
import { PixtextError } from '../../errors.js';

/** The TIFF block of an EXIF payload holding only Orientation = `orientation` (26 bytes). */
export function orientationTiff(orientation: number): Uint8Array {
  return Uint8Array.of(
    0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, // "II*\0", IFD0 at offset 8
    1, 0, // one entry
    0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, // tag 0x0112, type SHORT, count 1, value
    0, 0, 0, 0, // no next IFD
  );
}

const EXIF_PREFIX = [0x45, 0x78, 0x69, 0x66, 0, 0];

function pngWithExif(bytes: Uint8Array, tiff: Uint8Array): Uint8Array {
  // Walk the chunks (length, type, data, CRC) from after the 8-byte signature to the first IDAT.
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
    if (bytes[at + 4] === 0x49 && bytes[at + 5] === 0x44 && bytes[at + 6] === 0x41 && bytes[at + 7] === 0x54) break;
    at += 12 + length;
  }
  if (at + 8 > bytes.length) throw new PixtextError('ERR_CORRUPT', 'The PNG to tag holds no IDAT chunk', { offset: 8 });
  const chunk = new Uint8Array(12 + tiff.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, tiff.length);
  chunk.set([0x65, 0x58, 0x49, 0x66], 4); // "eXIf"
  chunk.set(tiff, 8);
  view.setUint32(8 + tiff.length, crc32(chunk.subarray(4, 8 + tiff.length)) >>> 0);
  const out = new Uint8Array(bytes.length + chunk.length);
  out.set(bytes.subarray(0, at));
  out.set(chunk, at);
  out.set(bytes.subarray(at), at + chunk.length);
  return out;
}

function jpegWithExif(bytes: Uint8Array, tiff: Uint8Array): Uint8Array {
  // After SOI, and after the JFIF APP0 when the file starts with one.
  let at = 2;
  if (bytes[2] === 0xff && bytes[3] === 0xe0) at = 4 + ((bytes[4]! << 8) | bytes[5]!);
  const length = 2 + EXIF_PREFIX.length + tiff.length;
  const segment = new Uint8Array(2 + length);
  segment.set([0xff, 0xe1, length >> 8, length & 0xff]);
  segment.set(EXIF_PREFIX, 4);
  segment.set(tiff, 4 + EXIF_PREFIX.length);
  const out = new Uint8Array(bytes.length + segment.length);
  out.set(bytes.subarray(0, at));
  out.set(segment, at);
  out.set(bytes.subarray(at), at + segment.length);
  return out;
}

/** Whether pixtext writes an orientation into files of `format` (PNG and JPEG). */
export const carriesOrientation = (format: string): boolean => format === 'png' || format === 'jpeg';

/**
 * A PNG or JPEG file that pixtext wrote, with EXIF Orientation `orientation` (1–8) added where Pillow writes it.
 * @throws PixtextError `ERR_UNSUPPORTED` for another format, `ERR_CORRUPT` for a PNG without IDAT
 */
export function withOrientation(format: string, bytes: Uint8Array, orientation: number): Uint8Array {
  const tiff = orientationTiff(orientation);
  if (format === 'png') return pngWithExif(bytes, tiff);
  if (format === 'jpeg') return jpegWithExif(bytes, tiff);
  throw new PixtextError('ERR_UNSUPPORTED', `pixtext writes no EXIF orientation into ${format} files`);
}
