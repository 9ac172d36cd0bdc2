// Writing an EXIF orientation into the PNG, JPEG and WebP files pixtext writes, where Pillow puts it:
// - PNG: an eXIf chunk (PNG 1.5 / PNG 3rd edition §11.3.6: the TIFF block without "Exif\0\0") before the first IDAT,
//   as PngImagePlugin._save writes it after the palette and transparency chunks;
// - JPEG: an APP1 "Exif\0\0" segment right after the JFIF APP0, where libjpeg's jpeg_write_marker puts Pillow's
//   `exif` (JpegEncode.c, after jpeg_start_compress has written SOI and APP0);
// - WebP: an EXIF chunk after the image (RFC 9649 §2.7 chunk order), the bare TIFF block as Pillow's WebP writer
//   stores it (it strips "Exif\0\0"), which needs the extended layout: a VP8X chunk flagging EXIF (and alpha when the
//   VP8L header says the image uses it, as libwebp's muxer does) before the simple file's one VP8L chunk.
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

// VP8X layout (RFC 9649 §2.7): flags byte, 3 reserved bytes, canvas width - 1 and height - 1 as 24-bit little-endian.
const VP8X_PAYLOAD_SIZE = 10;
const VP8X_FLAG_EXIF = 0x08;
const VP8X_FLAG_ALPHA = 0x10;
const RIFF_HEADER_SIZE = 12;
const CHUNK_HEADER_SIZE = 8;
const VP8L_SIGNATURE = 0x2f;

const fourcc = (bytes: Uint8Array, at: number): string => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);

function chunk(tag: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(CHUNK_HEADER_SIZE + payload.length + (payload.length & 1));
  for (let i = 0; i < 4; i++) out[i] = tag.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, payload.length, true);
  out.set(payload, CHUNK_HEADER_SIZE);
  return out;
}

/**
 * A lossless WebP file pixtext wrote (RIFF, WEBP, one VP8L chunk), with EXIF Orientation `orientation` (1–8) added
 * as Pillow writes it. Apart from {@link withOrientation} so the WebP codec brings no PNG or JPEG writer with it.
 * @throws PixtextError `ERR_UNSUPPORTED` for bytes not in that layout
 * @example
 * ```ts
 * withWebpOrientation(encodeWebp(image), 6); // VP8X (EXIF flag), the VP8L chunk, EXIF
 * ```
 */
export function withWebpOrientation(bytes: Uint8Array, orientation: number): Uint8Array {
  return webpWithExif(bytes, orientationTiff(orientation));
}

function webpWithExif(bytes: Uint8Array, tiff: Uint8Array): Uint8Array {
  // pixtext's WebP writer makes the simple lossless layout: RIFF, WEBP, one VP8L chunk.
  const at = RIFF_HEADER_SIZE;
  if (bytes.length < at + CHUNK_HEADER_SIZE + 5 || fourcc(bytes, 0) !== 'RIFF' || fourcc(bytes, 8) !== 'WEBP' || fourcc(bytes, at) !== 'VP8L' || bytes[at + CHUNK_HEADER_SIZE] !== VP8L_SIGNATURE) {
    throw new PixtextError('ERR_UNSUPPORTED', 'pixtext writes an EXIF orientation only into the simple lossless WebP files it writes (RIFF, WEBP, one VP8L chunk)');
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset + at + CHUNK_HEADER_SIZE + 1, 4).getUint32(0, true);
  const width = (header & 0x3fff) + 1;
  const height = ((header >>> 14) & 0x3fff) + 1;
  const alphaUsed = ((header >>> 28) & 1) === 1;
  const vp8x = new Uint8Array(VP8X_PAYLOAD_SIZE);
  vp8x[0] = VP8X_FLAG_EXIF | (alphaUsed ? VP8X_FLAG_ALPHA : 0);
  vp8x.set([(width - 1) & 0xff, ((width - 1) >> 8) & 0xff, (width - 1) >> 16, (height - 1) & 0xff, ((height - 1) >> 8) & 0xff, (height - 1) >> 16], 4);
  const parts = [chunk('VP8X', vp8x), bytes.subarray(at), chunk('EXIF', tiff)];
  const size = parts.reduce((sum, part) => sum + part.length, RIFF_HEADER_SIZE);
  const out = new Uint8Array(size);
  out.set(bytes.subarray(0, RIFF_HEADER_SIZE));
  new DataView(out.buffer).setUint32(4, size - CHUNK_HEADER_SIZE, true);
  let pos = RIFF_HEADER_SIZE;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

/** Whether pixtext writes an orientation into files of `format` (PNG, JPEG and WebP). */
export const carriesOrientation = (format: string): boolean => format === 'png' || format === 'jpeg' || format === 'webp';

/**
 * A PNG, JPEG or WebP file that pixtext wrote, with EXIF Orientation `orientation` (1–8) added where Pillow writes it.
 * @throws PixtextError `ERR_UNSUPPORTED` for another format (or a WebP file not in pixtext's lossless layout),
 * `ERR_CORRUPT` for a PNG without IDAT
 */
export function withOrientation(format: string, bytes: Uint8Array, orientation: number): Uint8Array {
  const tiff = orientationTiff(orientation);
  if (format === 'png') return pngWithExif(bytes, tiff);
  if (format === 'jpeg') return jpegWithExif(bytes, tiff);
  if (format === 'webp') return webpWithExif(bytes, tiff);
  throw new PixtextError('ERR_UNSUPPORTED', `pixtext writes no EXIF orientation into ${format} files`);
}
