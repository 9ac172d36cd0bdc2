// PNG file structure: the signature and the chunk layout (length, type, data, CRC).
// Spec: https://www.w3.org/TR/png-3/#5PNG-file-signature and https://www.w3.org/TR/png-3/#5Chunk-layout
import { crc32 } from '../../checksum/crc32.js';
import { PixtextError } from '../../errors.js';
import type { ErrorCode } from '../../errors.js';

/** The 8 bytes every PNG file starts with. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Chunk types as big-endian 32-bit numbers, so the reader compares integers, not strings. */
export const ChunkType = {
  IHDR: 0x49484452,
  PLTE: 0x504c5445,
  IDAT: 0x49444154,
  IEND: 0x49454e44,
  tRNS: 0x74524e53,
} as const;

/** The largest chunk length the spec allows (2^31 − 1). */
export const MAX_CHUNK_LENGTH = 0x7fffffff;

/** One chunk of a PNG file, located by offsets into the file's bytes (nothing is copied). */
export interface PngChunk {
  /** The type as a big-endian number (see {@link ChunkType}). */
  type: number;
  /** The type's four letters, for messages. */
  name: string;
  /** File offset of the chunk (its length field). */
  offset: number;
  /** File offset of the first data byte. */
  dataStart: number;
  /** File offset just past the data (where the CRC starts). */
  dataEnd: number;
  /** File offset of the next chunk. */
  next: number;
}

/** Reads a big-endian unsigned 32-bit integer. */
export function readU32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/** Writes a big-endian unsigned 32-bit integer. */
export function writeU32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = value >>> 16;
  bytes[offset + 2] = value >>> 8;
  bytes[offset + 3] = value;
}

/** The four letters of a chunk type number. */
export function chunkName(type: number): string {
  return String.fromCharCode(type >>> 24, (type >>> 16) & 0xff, (type >>> 8) & 0xff, type & 0xff);
}

/** Critical chunks have an uppercase first letter (bit 5 of the first byte clear). */
export function isCritical(type: number): boolean {
  return (type & 0x20000000) === 0;
}

/** True when `bytes` start with the PNG signature. Never throws. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== PNG_SIGNATURE[i]) return false;
  return true;
}

/**
 * Throws unless `bytes` start with the PNG signature. A signature whose first four bytes are right is called damaged
 * (typically by a text-mode line-ending conversion), anything else not a PNG.
 * @throws PixtextError `ERR_CORRUPT` (damaged), `ERR_UNKNOWN_FORMAT` (not a PNG), `ERR_TRUNCATED` (under 8 bytes of a PNG)
 */
export function checkSignature(bytes: Uint8Array): void {
  if (hasPngSignature(bytes)) return;
  let prefix = 0;
  while (prefix < 4 && prefix < bytes.length && bytes[prefix] === PNG_SIGNATURE[prefix]) prefix++;
  if (prefix === 4) {
    if (bytes.length < 8 && bytes.every((b, i) => b === PNG_SIGNATURE[i])) {
      throw new PixtextError('ERR_TRUNCATED', `PNG file ends after ${bytes.length} bytes, inside its signature`, { offset: bytes.length });
    }
    throw new PixtextError('ERR_CORRUPT', 'PNG signature bytes 4–7 are damaged (converted as text?)', { offset: 4, chunk: 'signature' });
  }
  throw new PixtextError('ERR_UNKNOWN_FORMAT', 'Not a PNG file (no PNG signature)', { offset: 0 });
}

/**
 * Reads the chunk at `offset` and checks its CRC (over type and data).
 * @throws PixtextError `ERR_TRUNCATED` when the chunk runs past the end of `bytes`, `ERR_CORRUPT` for a length over
 * 2^31 − 1 or a type that is not four ASCII letters, `ERR_CHECKSUM` for a CRC mismatch; each names the chunk and offset.
 */
export function readChunk(bytes: Uint8Array, offset: number, checkCrc = true): PngChunk {
  if (offset + 8 > bytes.length) {
    throw new PixtextError('ERR_TRUNCATED', `PNG file ends inside a chunk header at byte ${offset} (no IEND)`, { offset });
  }
  const length = readU32(bytes, offset);
  const type = readU32(bytes, offset + 4);
  const name = chunkName(type);
  const fail = (code: ErrorCode, what: string) => new PixtextError(code, `PNG ${name} chunk at byte ${offset} ${what}`, { offset, chunk: name });
  for (let i = 4; i < 8; i++) {
    const c = bytes[offset + i]! | 0x20;
    if (c < 0x61 || c > 0x7a) {
      throw new PixtextError('ERR_CORRUPT', `PNG chunk type at byte ${offset + 4} is not four ASCII letters`, { offset: offset + 4 });
    }
  }
  if (length > MAX_CHUNK_LENGTH) throw fail('ERR_CORRUPT', `declares length ${length}, over 2^31 − 1`);
  const dataStart = offset + 8;
  const dataEnd = dataStart + length;
  if (dataEnd + 4 > bytes.length) throw fail('ERR_TRUNCATED', 'runs past the file end');
  if (checkCrc && readU32(bytes, dataEnd) !== crc32(bytes.subarray(offset + 4, dataEnd))) throw fail('ERR_CHECKSUM', 'has a wrong CRC');
  return { type, name, offset, dataStart, dataEnd, next: dataEnd + 4 };
}

/**
 * Writes one chunk (length, type, data, CRC) at `offset` of `out` and returns the offset after it.
 * `out` must have `data.length + 12` bytes free there.
 */
export function writeChunk(out: Uint8Array, offset: number, type: number, data: Uint8Array): number {
  writeU32(out, offset, data.length);
  writeU32(out, offset + 4, type);
  out.set(data, offset + 8);
  const end = offset + 8 + data.length;
  writeU32(out, end, crc32(out.subarray(offset + 4, end)));
  return end + 4;
}
