// The VP8L lossless bitstream (RFC 9649 §3; libwebp 1.2.4 src/dec/vp8l_dec.c): transforms, colour cache, meta
// Huffman codes, LZ77 backward references with the distance map. Decodes to ARGB words (0xAARRGGBB), exact by
// construction.
import { PixtextError } from '../../../errors.js';
import { peek, Vp8lBitReader } from './bit-reader.js';
import { readHuffmanCode } from './code-lengths.js';
import { LENGTHS_TABLE_BITS } from './huffman.js';
import { decodeSubImageData } from './sub-image.js';
import {
  CACHE_CODES_START,
  cacheUpTo,
  extraBits,
  HASH_MUL,
  lookup,
  NUM_DISTANCE_CODES,
  NUM_LENGTH_CODES,
  NUM_LITERAL_CODES,
  planeDistance,
  prefixValue,
} from './symbols.js';
import { applyInverseTransforms, type Vp8lRowSink, type Vp8lTransform } from './transforms.js';

const MAX_CACHE_BITS = 11;
/** Alphabet sizes of the five codes of a group: green + lengths (+ cache), red, blue, alpha, distance. */
const ALPHABET_SIZE = [NUM_LITERAL_CODES + NUM_LENGTH_CODES, NUM_LITERAL_CODES, NUM_LITERAL_CODES, NUM_LITERAL_CODES, NUM_DISTANCE_CODES];
/** Entries a group's five tables may need, by colour cache bits (vp8l_dec.c kTableSize). */
const FIXED_TABLE_SIZE = 630 * 3 + 410;
const TABLE_SIZE = [654, 656, 658, 662, 670, 686, 718, 782, 912, 1168, 1680, 2704].map((n) => FIXED_TABLE_SIZE + n);
/** Bit position past which a row of the pixel loop starts with its view moved on: every 8 KiB, so every file over that exercises it. */
const REBASE_BITS = 1 << 16;

/** The Huffman codes of one image level: groups of five tables and the entropy image that picks a group. */
interface HuffmanCodes {
  tables: Int32Array;
  /** Start of each group's five tables in `tables`: groupStarts[5 × g + k]. */
  groupStarts: Int32Array;
  /** Group index per entropy-image pixel, or null for one group. */
  image: Int32Array | null;
  bits: number;
  xsize: number;
}

function bad(message: string, reader: Vp8lBitReader, base: number): PixtextError {
  if (reader.eos()) return new PixtextError('ERR_TRUNCATED', `WebP: the VP8L data ends early (${message})`, { offset: base + reader.end, chunk: 'VP8L' });
  return new PixtextError('ERR_CORRUPT', `WebP: VP8L ${message}`, { offset: base + Math.min(reader.pos, reader.end), chunk: 'VP8L' });
}

/** Where group `g`'s five table offsets start in groupStarts (5 × g) for pixel (c, r). */
const groupAt = (image: Int32Array | null, bits: number, perRow: number, c: number, r: number): number =>
  image === null ? 0 : image[(r >> bits) * perRow + (c >> bits)]! * 5;

const subSample = (size: number, bits: number): number => (size + (1 << bits) - 1) >> bits;

/**
 * Where the level-0 pixel loop stands between two rows: the next pixel, and the bit reader's position as the loop
 * keeps it (bit `at` of a view starting at byte `byte`; every code is read with one 32-bit peek, bit-reader.ts).
 * The view moves on now and then so that `at` stays a small integer on streams over 256 MiB.
 */
class PixelCursor {
  pos = 0;
  byte: number;
  at: number;
  view: DataView;
  /** Bits from `byte` to the end of the data. */
  endBits: number;
  /** Pixels before this one are in the colour cache. */
  lastCached = 0;
  /** The value of the last pixel written, data[pos - 1]. */
  last = 0;

  constructor(br: Vp8lBitReader) {
    const start = br.bitPosition();
    this.byte = Math.floor(start / 8);
    this.at = start - this.byte * 8;
    this.view = br.viewFrom(this.byte);
    this.endBits = (br.end - this.byte) * 8;
  }
}

/** Decoder state over one VP8L bitstream (one image and its sub-images). */
class Vp8lDecoder {
  readonly codeLengths = new Int32Array(NUM_LITERAL_CODES + NUM_LENGTH_CODES + (1 << MAX_CACHE_BITS));
  readonly lengthsTable = new Int32Array(1 << LENGTHS_TABLE_BITS);

  constructor(
    readonly br: Vp8lBitReader,
    /** Offset of the bitstream in the file, for error offsets. */
    readonly base: number,
  ) {}

  fail(message: string): PixtextError {
    return bad(message, this.br, this.base);
  }

  /** Reads one code's lengths and builds its table at `at` (or only checks it when `table` is null). */
  readHuffmanCode(alphabetSize: number, table: Int32Array | null, at: number): number {
    return readHuffmanCode(this.br, this.codeLengths, this.lengthsTable, alphabetSize, table, at, (m) => this.fail(m));
  }

  /** The Huffman codes of an image level (vp8l_dec.c ReadHuffmanCodes). */
  readHuffmanCodes(xsize: number, ysize: number, cacheBits: number, allowMeta: boolean): HuffmanCodes {
    const br = this.br;
    let image: Int32Array | null = null;
    let bits = 0;
    let numGroups = 1;
    let numGroupsMax = 1;
    let mapping: Int32Array | null = null;
    if (allowMeta && br.read(1) === 1) {
      bits = br.read(3) + 2;
      const hx = subSample(xsize, bits);
      const hy = subSample(ysize, bits);
      image = this.decodeImageStream(hx, hy, false);
      for (let i = 0; i < image.length; i++) {
        const group = (image[i]! >> 8) & 0xffff;
        image[i] = group;
        if (group >= numGroupsMax) numGroupsMax = group + 1;
      }
      // Many declared groups: number the used ones densely, as libwebp does to bound memory.
      if (numGroupsMax > 1000 || numGroupsMax > xsize * ysize) {
        mapping = new Int32Array(numGroupsMax).fill(-1);
        numGroups = 0;
        for (let i = 0; i < image.length; i++) {
          let mapped = mapping[image[i]!]!;
          if (mapped === -1) mapped = mapping[image[i]!] = numGroups++;
          image[i] = mapped;
        }
      } else {
        numGroups = numGroupsMax;
      }
    }
    if (br.eos()) throw this.fail('entropy image');
    const tableSize = TABLE_SIZE[cacheBits]!;
    const tables = new Int32Array(numGroups * tableSize);
    const groupStarts = new Int32Array(numGroups * 5);
    let at = 0;
    for (let i = 0; i < numGroupsMax; i++) {
      const unused = mapping !== null && mapping[i] === -1;
      const group = mapping === null ? i : mapping[i]!;
      for (let j = 0; j < 5; j++) {
        const alphabetSize = ALPHABET_SIZE[j]! + (j === 0 && cacheBits > 0 ? 1 << cacheBits : 0);
        if (unused) {
          this.readHuffmanCode(alphabetSize, null, 0);
        } else {
          groupStarts[group * 5 + j] = at;
          at += this.readHuffmanCode(alphabetSize, tables, at);
        }
      }
    }
    return { tables, groupStarts, image, bits, xsize: subSample(xsize, bits) };
  }

  /**
   * One image stream (vp8l_dec.c DecodeImageStream): at level 0 with its transforms, else a sub-image (entropy
   * image, transform data). Returns the ARGB words at the coded width (after colour indexing's packing).
   */
  decodeImageStream(xsize: number, ysize: number, isLevel0: boolean, transforms?: Vp8lTransform[], into?: Int32Array): Int32Array {
    const br = this.br;
    let codedWidth = xsize;
    if (isLevel0) {
      let seen = 0;
      while (br.read(1) === 1) {
        const type = br.read(2);
        if (seen & (1 << type)) throw this.fail(`transform ${type} appears twice`);
        seen |= 1 << type;
        transforms!.push(this.readTransform(type, codedWidth, ysize));
        if (type === 3) codedWidth = subSample(codedWidth, transforms![transforms!.length - 1]!.bits);
        if (br.eos()) throw this.fail('transform');
      }
    }
    let cacheBits = 0;
    if (br.read(1) === 1) {
      cacheBits = br.read(4);
      if (cacheBits < 1 || cacheBits > MAX_CACHE_BITS) throw this.fail(`colour cache bits ${cacheBits} not in 1..11`);
    }
    const codes = this.readHuffmanCodes(codedWidth, ysize, cacheBits, isLevel0);
    const data = into !== undefined ? into.subarray(0, codedWidth * ysize) : new Int32Array(codedWidth * ysize);
    if (isLevel0) this.decodeImageData(data, codedWidth, ysize, codes, cacheBits);
    else decodeSubImageData(br, data, codedWidth, codes.tables, codes.groupStarts, cacheBits, (m) => this.fail(m));
    if (br.eos()) throw this.fail('pixel data');
    return data;
  }

  readTransform(type: number, xsize: number, ysize: number): Vp8lTransform {
    const br = this.br;
    if (type === 0 || type === 1) {
      const bits = br.read(3) + 2;
      const data = this.decodeImageStream(subSample(xsize, bits), subSample(ysize, bits), false);
      return { type, bits, xsize, ysize, data };
    }
    if (type === 3) {
      const numColors = br.read(8) + 1;
      const bits = numColors > 16 ? 0 : numColors > 4 ? 1 : numColors > 2 ? 2 : 3;
      const coded = this.decodeImageStream(numColors, 1, false);
      // The palette is delta-coded; entries past it read as transparent black (vp8l_dec.c ExpandColorMap).
      const palette = new Int32Array(1 << (8 >> bits));
      palette[0] = coded[0]!;
      for (let i = 1; i < numColors; i++) {
        const a = coded[i]!;
        const b = palette[i - 1]!;
        palette[i] = (((a & 0xff00ff00) + (b & 0xff00ff00)) & 0xff00ff00) | (((a & 0x00ff00ff) + (b & 0x00ff00ff)) & 0x00ff00ff);
      }
      return { type, bits, xsize, ysize, data: palette };
    }
    return { type, bits: 0, xsize, ysize, data: new Int32Array(0) };
  }

  /**
   * The entropy-coded pixels of the level-0 image (vp8l_dec.c DecodeImageData; sub-images: sub-image.ts), one row
   * per call of decodeRow: V8 then optimises that loop as a whole function during the first decode instead of
   * entering it by on-stack replacement again at the start of every decode.
   */
  decodeImageData(data: Int32Array, width: number, height: number, codes: HuffmanCodes, cacheBits: number): void {
    const br = this.br;
    const { tables, groupStarts, image } = codes;
    const total = width * height;
    // One group whose four literal codes each have a single symbol of 0 bits, the green one a literal: every pixel is
    // the same ARGB word and no bit is read (libwebp's trivial literal). A 34-byte file can declare 16 million such
    // pixels, so they are filled at once rather than decoded one by one.
    const green = groupStarts[0]!, red = groupStarts[1]!, blue = groupStarts[2]!, alpha = groupStarts[3]!;
    if (image === null && ((tables[green]! | tables[red]! | tables[blue]! | tables[alpha]!) >>> 16) === 0 && (tables[green]! & 0xffff) < NUM_LITERAL_CODES) {
      const argb = ((tables[alpha]! & 0xffff) << 24) | ((tables[red]! & 0xffff) << 16) | ((tables[green]! & 0xffff) << 8) | (tables[blue]! & 0xffff);
      data.fill(argb, 0, total);
      return;
    }
    const cursor = new PixelCursor(br);
    const cache = cacheBits > 0 ? new Int32Array(1 << cacheBits) : null;
    while (cursor.pos < total && this.decodeRow(cursor, data, width, total, codes, cache, cacheBits)) {
      // decodeRow moved the cursor on by a row or more.
    }
    br.seek(cursor.byte * 8 + cursor.at);
    if (br.eos()) throw this.fail('pixel data');
  }

  /**
   * Decodes from `cursor.pos` to the end of its row (further when a backward reference crosses it) and moves the
   * cursor there. Returns false when the data ran out.
   */
  decodeRow(cursor: PixelCursor, data: Int32Array, width: number, total: number, codes: HuffmanCodes, cache: Int32Array | null, cacheBits: number): boolean {
    const { tables, groupStarts, image, bits: groupBits, xsize: groupsPerRow } = codes;
    const mask = image === null ? -1 : (1 << groupBits) - 1;
    const cacheShift = 32 - cacheBits;
    const cacheLimit = CACHE_CODES_START + (cache === null ? 0 : 1 << cacheBits);
    let { pos, at, byte, view, endBits, lastCached, last } = cursor;
    // One call reads at most a row's symbols, under 2^20 bits (16,384 pixels of at most 60 bits), so moving the view
    // on here keeps `at` far below 2^31.
    if (at > REBASE_BITS) {
      const skip = at >>> 3;
      byte += skip;
      at -= skip * 8;
      endBits -= skip * 8;
      view = this.br.viewFrom(byte);
    }
    let row = Math.floor(pos / width);
    let col = pos - row * width;
    const rowEnd = Math.min(total, (row + 1) * width);
    // Table offsets of the current group's five codes, set where the group can change (plain locals: a closure
    // assigning them would move them off the fast path).
    let g = groupAt(image, groupBits, groupsPerRow, col, row);
    let green = groupStarts[g]!, red = groupStarts[g + 1]!, blue = groupStarts[g + 2]!;
    let alphaAt = groupStarts[g + 3]!, dist = groupStarts[g + 4]!;
    let e = 0;
    let more = true;
    while (pos < rowEnd) {
      if ((col & mask) === 0) {
        g = groupAt(image, groupBits, groupsPerRow, col, row);
        green = groupStarts[g]!; red = groupStarts[g + 1]!; blue = groupStarts[g + 2]!;
        alphaAt = groupStarts[g + 3]!; dist = groupStarts[g + 4]!;
      }
      e = lookup(tables, green, peek(view, at));
      at += e >>> 16;
      const code = e & 0xffff;
      if (code < NUM_LITERAL_CODES) {
        e = lookup(tables, red, peek(view, at));
        at += e >>> 16;
        const r = e & 0xffff;
        e = lookup(tables, blue, peek(view, at));
        at += e >>> 16;
        const b = e & 0xffff;
        e = lookup(tables, alphaAt, peek(view, at));
        at += e >>> 16;
        if (at > endBits) {
          more = false;
          break;
        }
        data[pos++] = last = ((e & 0xffff) << 24) | (r << 16) | (code << 8) | b;
        if (++col >= width) {
          col = 0;
          ++row;
          if (cache !== null) lastCached = cacheUpTo(data, lastCached, pos, cache, cacheShift);
        }
      } else if (code < CACHE_CODES_START) {
        // Length prefix, its extra bits, distance prefix, its extra bits (RFC 9649 §3.6.2.1).
        let extra = extraBits(code - NUM_LITERAL_CODES);
        const length = prefixValue(code - NUM_LITERAL_CODES, extra, peek(view, at));
        at += extra;
        e = lookup(tables, dist, peek(view, at));
        at += e >>> 16;
        extra = extraBits(e & 0xffff);
        const distance = planeDistance(prefixValue(e & 0xffff, extra, peek(view, at)), width);
        at += extra;
        if (at > endBits) {
          more = false;
          break;
        }
        if (pos < distance || total - pos < length) {
          this.br.seek(byte * 8 + at);
          throw this.fail(`backward reference (distance ${distance}, length ${length}) leaves the image`);
        }
        // Short copies as a loop; overlapping ones must be (they repeat the pattern).
        if (distance >= length && length > 16) {
          data.copyWithin(pos, pos - distance, pos - distance + length);
        } else {
          for (let i = 0; i < length; i++) data[pos + i] = data[pos + i - distance]!;
        }
        pos += length;
        last = data[pos - 1]!;
        col += length;
        while (col >= width) {
          col -= width;
          ++row;
        }
        if (col & mask) {
          g = groupAt(image, groupBits, groupsPerRow, col, row);
          green = groupStarts[g]!; red = groupStarts[g + 1]!; blue = groupStarts[g + 2]!;
          alphaAt = groupStarts[g + 3]!; dist = groupStarts[g + 4]!;
        }
        if (cache !== null) lastCached = cacheUpTo(data, lastCached, pos, cache, cacheShift);
      } else if (code < cacheLimit) {
        // Most pixels of a smooth photo are cache hits right after a pixel not yet cached. The pixel just before
        // is in `last`: cache it from there, then read the key's slot unconditionally (the key is that very slot
        // for about every other pixel of a photo, a branch on it mispredicts; the store is forwarded to the load).
        const key = code - CACHE_CODES_START;
        if (lastCached === pos - 1) {
          cache![Math.imul(last, HASH_MUL) >>> cacheShift] = last;
          lastCached = pos;
        } else {
          lastCached = cacheUpTo(data, lastCached, pos, cache!, cacheShift);
        }
        data[pos++] = last = cache![key]!;
        if (++col >= width) {
          col = 0;
          ++row;
          lastCached = cacheUpTo(data, lastCached, pos, cache!, cacheShift);
        }
      } else {
        this.br.seek(byte * 8 + at);
        throw this.fail(`symbol ${code} is outside the alphabet`);
      }
    }
    cursor.pos = pos;
    cursor.at = at;
    cursor.byte = byte;
    cursor.view = view;
    cursor.endBits = endBits;
    cursor.lastCached = lastCached;
    cursor.last = last;
    return more;
  }
}

/** A decoded VP8L image: ARGB words, row by row. */
export interface Vp8lImage {
  readonly width: number;
  readonly height: number;
  readonly argb: Int32Array;
}

/**
 * One object of each shape the pixel loop and the transforms work on, kept for the life of the module: V8 keeps a
 * hidden class only while an object of it lives and drops the optimised code that checks it when it goes, so without
 * these a garbage collection between two decodes sent the next one back through the interpreter (as in
 * vp8/decode.ts).
 */
let kept: readonly object[] | undefined;

/**
 * Decodes the VP8L bitstream `data` (after its 5-byte header when `headerless` is false) of a `width` × `height`
 * image to ARGB, handing each finished row to `emit` as well. `offset` is where `data` starts in the file. Sizes are
 * checked by the caller against maxPixels. With `into` (at least `width` × `height` words), the coded pixels are
 * decoded there instead of in a new array: an `emit` that writes at most 4 bytes a pixel may then write its output
 * over the same memory (row y's bytes end before row y + 1's words begin), and the returned words are not to be used.
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`
 */
export function decodeVp8l(
  data: Uint8Array,
  width: number,
  height: number,
  offset: number,
  headerless = false,
  emit?: Vp8lRowSink,
  into?: Int32Array,
): Vp8lImage {
  if (kept === undefined) {
    const none = new Int32Array(0);
    const codes: HuffmanCodes = { tables: none, groupStarts: none, image: null, bits: 0, xsize: 0 };
    const transform: Vp8lTransform = { type: 2, bits: 0, xsize: 0, ysize: 0, data: none };
    // A reader that has held a window of 32 bits, as every real one has (the field then holds more than an int32).
    const br = new Vp8lBitReader(new Uint8Array([255, 255, 255, 255]));
    br.read(1);
    kept = [new Vp8lDecoder(br, 0), new PixelCursor(br), codes, transform];
  }
  const br = new Vp8lBitReader(data, headerless ? 0 : 5);
  const decoder = new Vp8lDecoder(br, offset);
  const transforms: Vp8lTransform[] = [];
  const coded = decoder.decodeImageStream(width, height, true, transforms, into);
  const argb = applyInverseTransforms(coded, transforms, width, height, emit);
  return { width, height, argb };
}
