// Shared byte builders for tests: hand-made files (hostile ones for the limit tests), base64 and CRC-32 by Node, built
// with node:zlib and plain byte writes so nothing here depends on the code under test. Spec: https://www.w3.org/TR/png-3/#5Chunk-layout,
// https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapinfoheader, ITU-T T.81 B.2.
import { Buffer } from 'node:buffer';
import { crc32, deflateSync } from 'node:zlib';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Base64 by Node's Buffer (an oracle, not the code under test). */
export const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** CRC-32 as 8 lowercase hex digits, by node:zlib. */
export const crcHex = (bytes: Uint8Array): string => (crc32(bytes) >>> 0).toString(16).padStart(8, '0');

// ------------------------------------------------------------------------------------------------------------- PNG

/** One PNG chunk; `declaredLength` overrides the length field (the CRC still covers the real data). */
export function pngChunk(type: string, data: Uint8Array | number[] = [], declaredLength?: number): Uint8Array {
  const body = Uint8Array.from(data);
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, declaredLength ?? body.length);
  out.set(ascii(type), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)) >>> 0);
  return out;
}

export function ihdr(width: number, height: number, bitDepth: number, colorType: number, interlace = 0): Uint8Array {
  const out = new Uint8Array(13);
  const view = new DataView(out.buffer);
  view.setUint32(0, width >>> 0);
  view.setUint32(4, height >>> 0);
  out.set([bitDepth, colorType, 0, 0, interlace], 8);
  return out;
}

/** A PNG from chunks (signature added). */
export function png(...chunks: Uint8Array[]): Uint8Array {
  return concat(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), ...chunks);
}

/** A complete PNG with the given header and filtered image data (deflated by node:zlib). */
export function pngWith(header: Uint8Array, filtered: Uint8Array, ...before: Uint8Array[]): Uint8Array {
  return png(pngChunk('IHDR', header), ...before, pngChunk('IDAT', deflateSync(filtered)), pngChunk('IEND'));
}

// ------------------------------------------------------------------------------------------------------------- BMP

export interface BmpParts {
  width: number;
  /** Stored as is: negative for top-down. */
  height: number;
  bitsPerPixel: number;
  compression?: number;
  /** biClrUsed. */
  colorsUsed?: number;
  /** Palette bytes (B, G, R, 0 per entry). */
  palette?: Uint8Array;
  data?: Uint8Array;
  /** bfOffBits, when not right after the palette. */
  dataOffset?: number;
}

/** A BMP with a 40-byte BITMAPINFOHEADER. */
export function bmp(parts: BmpParts): Uint8Array {
  const palette = parts.palette ?? new Uint8Array(0);
  const data = parts.data ?? new Uint8Array(0);
  const header = new Uint8Array(54);
  const view = new DataView(header.buffer);
  header[0] = 0x42;
  header[1] = 0x4d;
  view.setUint32(2, 54 + palette.length + data.length, true);
  view.setUint32(10, parts.dataOffset ?? 54 + palette.length, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, parts.width | 0, true);
  view.setInt32(22, parts.height | 0, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, parts.bitsPerPixel, true);
  view.setUint32(30, parts.compression ?? 0, true);
  view.setUint32(46, (parts.colorsUsed ?? 0) >>> 0, true);
  return concat(header, palette, data);
}

/** `entries` palette entries of grey levels 0, 1, 2, … (B, G, R, 0). */
export function greyPalette(entries: number): Uint8Array {
  const out = new Uint8Array(entries * 4);
  for (let i = 0; i < entries; i++) out.set([i & 255, i & 255, i & 255, 0], i * 4);
  return out;
}

// ------------------------------------------------------------------------------------------------------------ JPEG

function segment(marker: number, body: number[] | Uint8Array): Uint8Array {
  const b = Uint8Array.from(body);
  const out = new Uint8Array(4 + b.length);
  out[0] = 0xff;
  out[1] = marker;
  out[2] = (b.length + 2) >> 8;
  out[3] = (b.length + 2) & 255;
  out.set(b, 4);
  return out;
}

/** A frame header: `components` entries of [id, sampling (H<<4|V), table]. */
export function sof(width: number, height: number, components: Array<[number, number, number]>, marker = 0xc0, precision = 8): Uint8Array {
  return segment(marker, [precision, height >> 8, height & 255, width >> 8, width & 255, components.length, ...components.flat()]);
}

/** A quantisation table of ones. */
export const dqt = (): Uint8Array => segment(0xdb, [0, ...new Array(64).fill(1)]);

/** One Huffman table with a single 1-bit code for symbol 0 (class 0 = DC, 1 = AC). */
export const dht = (tableClass: number, id = 0): Uint8Array => segment(0xc4, [(tableClass << 4) | id, 1, ...new Array(15).fill(0), 0]);

/** A scan header over the given component ids (tables 0/0), full spectrum. */
export function sos(ids: number[]): Uint8Array {
  return segment(0xda, [ids.length, ...ids.flatMap((id) => [id, 0]), 0, 63, 0]);
}

/** SOI + segments + EOI. */
export function jpeg(...parts: Uint8Array[]): Uint8Array {
  return concat(Uint8Array.of(0xff, 0xd8), ...parts, Uint8Array.of(0xff, 0xd9));
}
