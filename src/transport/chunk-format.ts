// The chunk format of chunked transport, version 1: one JSON object per chunk, ASCII only, keys in this order:
//   {"pixtextChunk":1,"id":"<id>","index":0,"count":3,"length":2500,"crc32":"<8 hex>","chunkCrc32":"<8 hex>",
//    "data":"<slice>"}
// `length` and `crc32` describe the whole text (UTF-16 length; CRC-32 of its UTF-8), `data` is this chunk's slice.
// `chunkCrc32` covers the header fields as well as the slice, so a chunk damaged anywhere (a flipped index digit
// included) is caught on its own, before it can land in the wrong slot.
// Readers accept any valid JSON of the same object (keys in any order, whitespace, escapes) and ignore unknown keys.
import { crc32Hex } from '../checksum/crc32.js';
import { describeValue } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import { ChunkError } from './chunk-error.js';
import { TextCrc } from './text-crc.js';

/** The chunk format version written in `pixtextChunk`. */
export const CHUNK_FORMAT_VERSION = 1;

/** The most chunks one message may have: 2^20. Receivers reject a larger `count` before allocating anything. */
export const MAX_CHUNK_COUNT = 1_048_576;


/** A message id: 1 to 64 characters from `A-Z a-z 0-9 . _ ~ -`, so it never needs escaping. */
export const CHUNK_ID_PATTERN = /^[A-Za-z0-9._~-]{1,64}$/;

const HEX8 = /^[0-9a-f]{8}$/;

/** What every chunk of one message shares. @internal */
export interface MessageHeader {
  id: string;
  count: number;
  length: number;
  crc32: string;
}

/** A chunk that passed every check that can be made on it alone. @internal */
export interface ParsedChunk extends MessageHeader {
  index: number;
  data: string;
}

/** Limits a reader applies before trusting a chunk's sizes. @internal */
export interface ChunkLimits {
  maxCount: number;
  maxLength: number;
}

/** How an error names the chunk: `"chunk"` or `"chunks[3]"`, and its position in a list. @internal */
export interface ChunkRef {
  where: string;
  position?: number;
}

/** The JSON text before the escaped slice. @internal */
export function chunkPrefix(
  id: string,
  index: string,
  count: string,
  length: string,
  crc: string,
  chunkCrc: string,
): string {
  return (
    `{"pixtextChunk":${CHUNK_FORMAT_VERSION},"id":"${id}","index":${index},"count":${count},"length":${length},` +
    `"crc32":"${crc}","chunkCrc32":"${chunkCrc}","data":"`
  );
}

/** The JSON text after the escaped slice. @internal */
export const CHUNK_SUFFIX = '"}';

/** Characters of framing around the slice that do not depend on the field values. @internal */
export const FIXED_FRAMING = chunkPrefix('', '', '', '', '', '').length + CHUNK_SUFFIX.length;

/**
 * CRC-32 (8 hex digits) that `chunkCrc32` holds: over the UTF-8 of `<id>:<index>:<count>:<length>:<crc32>:<data>`.
 * @internal
 */
export function chunkCheck(header: MessageHeader, index: number, data: string): string {
  const fields = `${header.id}:${index}:${header.count}:${header.length}:${header.crc32}:`;
  return crc32Hex(new TextCrc().update(fields).update(data).digest());
}

/**
 * Parses one chunk and checks everything it can on its own: JSON, version, field types, limits (before anything
 * is allocated for them) and `chunkCrc32`.
 * @throws ChunkError `ERR_CHUNK` for a malformed or damaged chunk, `ERR_TOO_LARGE` for a count or length over `limits`.
 * @internal
 */
export function parseChunk(text: string, limits: ChunkLimits, ref: ChunkRef): ParsedChunk {
  const { where, position } = ref;
  const fail = (message: string, index?: number, code: ErrorCode = 'ERR_CHUNK'): ChunkError =>
    new ChunkError(code, `${where}${index === undefined ? '' : ` (index ${index})`} ${message}`, { index, position });

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ChunkError('ERR_CHUNK', `${where} is not JSON: ${(cause as Error).message}`, { position, cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('is not a JSON object');
  // Own keys only: a "__proto__" key in the JSON is just an unknown key.
  const fields = value as Record<string, unknown>;
  const field = (key: string): unknown => (Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined);
  const integer = (key: string, min: number): number | undefined => {
    const v = field(key);
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= min ? v : undefined;
  };
  const hex8 = (key: string): string | undefined => {
    const v = field(key);
    return typeof v === 'string' && HEX8.test(v) ? v : undefined;
  };

  const version = field('pixtextChunk');
  if (version === undefined) throw fail('is not a pixtext chunk (no "pixtextChunk" field)');
  if (version !== CHUNK_FORMAT_VERSION) {
    throw fail(`has chunk format version ${describeValue(version)}; this reader knows ${CHUNK_FORMAT_VERSION}`);
  }
  const index = integer('index', 0);
  if (index === undefined) throw fail(`has an invalid "index": ${describeValue(field('index'))}`);

  const id = field('id');
  if (typeof id !== 'string' || !CHUNK_ID_PATTERN.test(id)) {
    throw fail('has an invalid "id" (1 to 64 characters from A-Z a-z 0-9 . _ ~ - expected)', index);
  }
  // Sizes are checked against the limits before anything is allocated for them.
  const count = integer('count', 1);
  if (count === undefined) throw fail(`has an invalid "count": ${describeValue(field('count'))}`, index);
  if (count > limits.maxCount) {
    throw fail(`declares ${count} chunks, over the limit of ${limits.maxCount}`, index, 'ERR_TOO_LARGE');
  }
  const length = integer('length', 0);
  if (length === undefined) throw fail(`has an invalid "length": ${describeValue(field('length'))}`, index);
  if (length > limits.maxLength) {
    const message = `declares a text of ${length} characters, over the limit of ${limits.maxLength}`;
    throw fail(message, index, 'ERR_TOO_LARGE');
  }
  // Every chunk carries at least one character of a non-empty text, so more chunks than characters is impossible.
  if (count > Math.max(1, length)) throw fail(`declares ${count} chunks for a text of ${length} characters`, index);
  if (index >= count) throw fail(`is out of range for a message of ${count} chunks`, index);
  const crc = hex8('crc32');
  if (crc === undefined) throw fail('has an invalid "crc32" (8 lowercase hex digits expected)', index);
  const check = hex8('chunkCrc32');
  if (check === undefined) throw fail('has an invalid "chunkCrc32" (8 lowercase hex digits expected)', index);
  const data = field('data');
  if (typeof data !== 'string') throw fail('has no string "data"', index);
  if (data.length > length) throw fail(`holds ${data.length} characters of a text of ${length}`, index);

  const header: MessageHeader = { id, count, length, crc32: crc };
  const computed = chunkCheck(header, index, data);
  if (computed !== check) throw fail(`is damaged: its chunkCrc32 is ${check} but its content gives ${computed}`, index);
  return { ...header, index, data };
}
