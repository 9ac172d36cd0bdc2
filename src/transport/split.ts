// splitText: a text to self-describing chunks, each at most `maxChunkLength` characters with all framing and escaping.
import { crc32Hex } from '../checksum/crc32.js';
import { ENGINE_MAX_STRING_LENGTH } from '../engine-limits.js';
import { PixtextError, invalidArgument } from '../errors.js';
import {
  CHUNK_ID_PATTERN,
  CHUNK_SUFFIX,
  FIXED_FRAMING,
  MAX_CHUNK_COUNT,
  chunkCheck,
  chunkPrefix,
} from './chunk-format.js';
import type { MessageHeader } from './chunk-format.js';
import { MAX_UNIT_COST, SPECIAL, escapeCost, escapeJsonAscii } from './json-escape.js';
import { textCrc32 } from './text-crc.js';

/** Options of {@link splitText}. */
export interface SplitTextOptions {
  /**
   * The most characters one chunk may have, framing and escaping included. Chunks are pure ASCII, so this is also
   * their size in bytes (e.g. 1200 to fit one UDP datagram on any path). Required; the minimum depends on the id
   * and on the text's length (about 140 for a default id), and the error says what it is.
   */
  maxChunkLength: number;
  /**
   * The message id written in every chunk: 1 to 64 characters from `A-Z a-z 0-9 . _ ~ -`. Defaults to one derived
   * from the text (its CRC-32 and length), so the same text always gives the same chunks.
   */
  id?: string;
}

const digits = (n: number): number => String(n).length;

/**
 * Splits `text` into self-describing JSON chunks that {@link joinText} or a {@link Reassembler} put back together
 * in any order. Each chunk names its message (`id`), its `index` and the `count`, the whole text's `length` and
 * CRC-32, a CRC-32 of its own header and slice (`chunkCrc32`), and the slice itself (`data`). Chunks are ASCII JSON
 * (non-ASCII characters escaped as `\uXXXX`), at most `maxChunkLength` characters each, and never cut a
 * surrogate pair or an escape. Pure: the same text and options give the same chunks.
 *
 * @param text - Any string (an envelope from `imageToText` is the common case), up to {@link ENGINE_MAX_STRING_LENGTH} characters.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for a bad option, including a `maxChunkLength` too small to hold the
 *   framing or needing more than {@link MAX_CHUNK_COUNT} chunks (the message gives the minimum);
 *   `ERR_TOO_LARGE` for a text longer than {@link ENGINE_MAX_STRING_LENGTH}.
 * @example
 * ```ts
 * const chunks = splitText(imageToText(png), { maxChunkLength: 1200 });
 * for (const chunk of chunks) socket.send(chunk);
 * ```
 */
export function splitText(text: string, options: SplitTextOptions): string[] {
  if (typeof text !== 'string') throw invalidArgument('a string', 'text', text);
  if (typeof options !== 'object' || options === null) throw invalidArgument('an object', 'options', options);
  const { maxChunkLength, id: givenId } = options;
  if (!Number.isSafeInteger(maxChunkLength) || maxChunkLength <= 0) {
    throw invalidArgument('a positive integer', 'maxChunkLength', maxChunkLength);
  }
  if (givenId !== undefined && (typeof givenId !== 'string' || !CHUNK_ID_PATTERN.test(givenId))) {
    throw invalidArgument('1 to 64 characters from A-Z a-z 0-9 . _ ~ -', 'id', givenId);
  }
  const n = text.length;
  if (n > ENGINE_MAX_STRING_LENGTH) {
    const message = `A text of ${n} characters is over the chunked-transport limit of ${ENGINE_MAX_STRING_LENGTH}`;
    throw new PixtextError('ERR_TOO_LARGE', message);
  }

  const crc = crc32Hex(textCrc32(text));
  const id = givenId ?? `${crc}-${n.toString(36)}`;
  // Framing of a chunk whose index has `indexDigits` digits in a message whose count has `countDigits`.
  const baseFraming = FIXED_FRAMING + id.length + digits(n) + 16;
  const budget = (indexDigits: number, countDigits: number): number =>
    maxChunkLength - baseFraming - indexDigits - countDigits;
  const tooSmall = (countDigits: number, why = ''): PixtextError => {
    const minimum = baseFraming + 2 * countDigits + MAX_UNIT_COST;
    return invalidArgument(`an integer of at least ${minimum}${why}`, 'maxChunkLength', maxChunkLength);
  };

  const smallest = budget(1, 1);
  if (smallest < MAX_UNIT_COST) throw tooSmall(1);
  // The count's digit width changes the framing, which changes the count: start from a lower bound of the width
  // (every chunk holds at most `smallest` characters) and widen until the count fits the width it was packed for.
  let countDigits = digits(Math.max(1, Math.ceil(n / smallest)));
  let ends: number[] | undefined;
  for (;;) {
    if (budget(countDigits, countDigits) < MAX_UNIT_COST) throw tooSmall(countDigits, ` for a text of ${n} characters`);
    ends = pack(text, (index) => budget(digits(index), countDigits));
    if (ends === undefined) {
      throw invalidArgument(
        `a larger integer (this text would need more than ${MAX_CHUNK_COUNT} chunks)`,
        'maxChunkLength',
        maxChunkLength,
      );
    }
    if (digits(ends.length) <= countDigits) break;
    countDigits = digits(ends.length);
  }

  const header: MessageHeader = { id, count: ends.length, length: n, crc32: crc };
  const count = String(header.count);
  const length = String(n);
  const chunks = new Array<string>(header.count);
  for (let index = 0, start = 0; index < header.count; index++) {
    const end = ends[index]!;
    const slice = text.slice(start, end);
    const prefix = chunkPrefix(id, String(index), count, length, crc, chunkCheck(header, index, slice));
    chunks[index] = prefix + escapeJsonAscii(slice) + CHUNK_SUFFIX;
    start = end;
  }
  return chunks;
}

/**
 * Greedy packing: the end offset of each chunk's slice, given each chunk's payload budget in escaped characters.
 * Undefined when more than MAX_CHUNK_COUNT chunks would be needed. Linear: runs of characters that need no escape
 * (nearly all of an envelope) are skipped by one regex search, whose result is kept until the cursor passes it.
 */
function pack(text: string, budgetFor: (index: number) => number): number[] | undefined {
  const n = text.length;
  const special = new RegExp(SPECIAL.source, 'g');
  const nextSpecial = (from: number): number => {
    special.lastIndex = from;
    return special.exec(text)?.index ?? n;
  };
  const ends: number[] = [];
  let p = 0;
  let next = nextSpecial(0);
  do {
    if (ends.length === MAX_CHUNK_COUNT) return undefined;
    let room = budgetFor(ends.length);
    while (p < n) {
      if (next - p >= room) {
        p += room;
        break;
      }
      room -= next - p;
      p = next;
      if (p === n) break;
      const c = text.charCodeAt(p);
      let units = 1;
      let cost = escapeCost(c);
      if (c >= 0xd800 && c <= 0xdbff && p + 1 < n) {
        const d = text.charCodeAt(p + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          units = 2;
          cost = 12;
        }
      }
      if (cost > room) break;
      room -= cost;
      p += units;
      next = nextSpecial(p);
    }
    ends.push(p);
  } while (p < n);
  return ends;
}
