// Huffman decoding of entropy-coded JPEG data, bit for bit as libjpeg-turbo 2.1.5's jdhuff.c: an 8-bit lookahead
// table, bad codes decoded as symbol 0, and zero bits supplied past the marker that ends a data segment.
// Spec: ITU-T T.81 Annex C (table specification), F.2.2 (decoding), F.1.2.3 (byte stuffing), Annex K.3 (the example
// tables libjpeg uses when a Motion-JPEG frame carries none).
import { PixtextError } from '../../errors.js';
import type { HuffmanSpec } from './markers.js';
import { STD_AC_CHROMINANCE, STD_AC_LUMINANCE, STD_DC_CHROMINANCE, STD_DC_LUMINANCE } from './standard-tables.js';
import type { HuffmanSpec as StandardSpec } from './standard-tables.js';

/** A decoding table (libjpeg's d_derived_tbl). */
export interface HuffmanTable {
  /** Indexed by the next 8 bits: code length << 8 | symbol, or 9 << 8 when the code is longer than 8 bits. */
  lookup: Uint16Array;
  /** Per code length 1–16 the largest code, -1 if none; [17] a sentinel that ends every search. */
  maxcode: Int32Array;
  /** Per code length: index of its first symbol minus its first code. */
  valoffset: Int32Array;
  values: Uint8Array;
}

const badTable = () => new PixtextError('ERR_CORRUPT', 'JPEG: a Huffman table is not a valid code', { chunk: 'DHT' });

/**
 * libjpeg's jpeg_make_d_derived_tbl: canonical codes (T.81 C.2), checked to form a prefix code, DC symbols ≤ 15.
 * @throws PixtextError `ERR_CORRUPT` for an over-full code or a DC symbol above 15.
 */
export function buildHuffmanTable(spec: HuffmanSpec, isDc: boolean): HuffmanTable {
  const lookup = new Uint16Array(256).fill(9 << 8);
  const maxcode = new Int32Array(18).fill(-1);
  const valoffset = new Int32Array(18);
  const values = new Uint8Array(256);
  values.set(spec.values);
  let code = 0;
  let p = 0;
  for (let l = 1; l <= 16; l++) {
    const count = spec.counts[l - 1]!;
    if (count > 0) {
      valoffset[l] = p - code;
      for (let i = 0; i < count; i++, p++, code++) {
        if (l <= 8) lookup.fill((l << 8) | values[p]!, code << (8 - l), (code + 1) << (8 - l));
      }
      maxcode[l] = code - 1;
      // The codes must fit in their length without using the all-ones code.
      if (code >= 1 << l) throw badTable();
    }
    code <<= 1;
  }
  maxcode[17] = 0xfffff;
  if (isDc && spec.values.some((v) => v > 15)) throw badTable();
  return { lookup, maxcode, valoffset, values };
}

// T.81 Tables K.3–K.6 (standard-tables.ts, written out as the spec gives them), which libjpeg-turbo (jstdhuff.c) puts
// in DC/AC slots 0 and 1 when a file defines none there.
const STANDARD: Record<'dc' | 'ac', readonly [StandardSpec, StandardSpec]> = {
  dc: [STD_DC_LUMINANCE, STD_DC_CHROMINANCE],
  ac: [STD_AC_LUMINANCE, STD_AC_CHROMINANCE],
};

/** The standard table for DC (`isDc`) or AC slot 0 (luminance) or 1 (chrominance). */
export function standardHuffmanSpec(isDc: boolean, slot: number): HuffmanSpec {
  const spec = STANDARD[isDc ? 'dc' : 'ac'][slot === 0 ? 0 : 1];
  return { counts: Uint8Array.from(spec.bits), values: Uint8Array.from(spec.values) };
}

/**
 * Reads entropy-coded bits MSB first from `data`, undoing byte stuffing (`FF 00`, and as libjpeg also `FF FF… 00`).
 * At the marker that ends the segment (or the end of the file) it supplies zero bits, as jdhuff.c's
 * jpeg_fill_bit_buffer does; {@link BitReader.ranOut} tells whether any of those were consumed.
 */
export class BitReader {
  /** Bits, right-aligned: the low `count` bits are unread. */
  buffer = 0;
  count = 0;
  /** How many of the unread bits are fake zeros past the end of the segment. */
  fake = 0;
  /** Offset of the next byte to read; at a marker, of its first 0xFF. */
  pos = 0;
  /** The segment ended: at a marker (`pos` is on it) or the end of the file. */
  atMarker = false;

  constructor(readonly data: Uint8Array) {}

  /** Starts reading a new segment at `pos`, dropping unread bits. */
  reset(pos: number): void {
    this.pos = pos;
    this.buffer = this.count = this.fake = 0;
    this.atMarker = false;
  }

  /** Some fake bits were consumed: the segment ran out before the data it should hold (libjpeg's insufficient_data). */
  get ranOut(): boolean {
    return this.count < this.fake;
  }

  /** Loads bytes until at least 25 bits are unread. */
  fill(): void {
    const data = this.data;
    let { buffer, count, pos } = this;
    while (count <= 24) {
      let byte = 0;
      if (!this.atMarker) {
        const n = data.length;
        if (pos >= n) this.atMarker = true;
        else {
          byte = data[pos]!;
          if (byte !== 0xff) pos++;
          else {
            let q = pos + 1;
            while (q < n && data[q] === 0xff) q++;
            if (q < n && data[q] === 0) pos = q + 1;
            else {
              this.atMarker = true;
              byte = 0;
            }
          }
        }
        if (this.atMarker) this.fake += 8;
      } else this.fake += 8;
      buffer = (buffer << 8) | byte;
      count += 8;
    }
    this.buffer = buffer;
    this.count = count;
    this.pos = pos;
  }

  /** The next `n` (≤ 16) bits as an unsigned number. */
  bits(n: number): number {
    if (this.count < n) this.fill();
    this.count -= n;
    return (this.buffer >>> this.count) & ((1 << n) - 1);
  }

  /** Decodes one symbol (T.81 F.2.2.3); a bit string that is no code takes 17 bits and gives 0, as in libjpeg. */
  decode(table: HuffmanTable): number {
    if (this.count < 17) this.fill();
    const entry = table.lookup[(this.buffer >>> (this.count - 8)) & 255]!;
    let length = entry >> 8;
    if (length <= 8) {
      this.count -= length;
      return entry & 255;
    }
    const { maxcode } = table;
    let code = (this.buffer >>> (this.count - 9)) & 511;
    while (code > maxcode[length]!) {
      length++;
      code = (this.buffer >>> (this.count - length)) & ((1 << length) - 1);
    }
    this.count -= length;
    return length > 16 ? 0 : table.values[(code + table.valoffset[length]!) & 255]!;
  }

  /** `s` bits read as a signed DCT value (T.81 F.2.2.1 RECEIVE and EXTEND). */
  receiveExtend(s: number): number {
    const v = this.bits(s);
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
  }
}
