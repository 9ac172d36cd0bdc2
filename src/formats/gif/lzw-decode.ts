// GIF variable-length-code LZW decoding (GIF89a §22 and Appendix F), reproducing Pillow 9.4's
// src/libImaging/GifDecode.c decision for decision, so that every stream Pillow decodes gives the same pixels here
// and every stream it refuses is refused:
// - a clear code right after a clear is ignored; the first code after a clear must be a literal or end;
// - a code above the next free table slot is a broken stream; a code equal to it is the KwKwK case;
// - the table stops growing at 4096 entries (no forced clear), the code size at 12 bits;
// - the end-of-information code does NOT end the frame: Pillow's decoder returns to ImageFile.load, which reads the
//   next 64 KiB of the file and carries on decoding after the end code; only when the file is exhausted is the
//   image "truncated". Decoding ends when the frame rectangle's last row is written;
// - a sub-block is only started when the whole of it is in the data read so far (64 KiB reads from the first
//   sub-block), and the data runs on into whatever follows the frame, as Pillow hands the rest of the file over.
// Work is bounded by the input length and the frame area; the only allocations are fixed-size tables.

import { PixtextError } from '../../errors.js';
import { decodeLzwLinear } from './lzw-decode-linear.js';

/** Where the decoded indices go: a rectangle of a `stride`-wide 8-bit canvas. */
export interface LzwTarget {
  pixels: Uint8Array;
  stride: number;
  left: number;
  top: number;
  width: number;
  height: number;
  interlaced: boolean;
}

export const TABLE = 4096; // GIFTABLE and GIFBUFFER in Pillow's Gif.h
export const MAX_BITS = 12;
/** Pillow's ImageFile.load reads the tile's data in blocks of `decodermaxblock` bytes. */
export const READ_BLOCK = 65536;

/**
 * Decodes the LZW data starting at `start` (the first sub-block length byte) into `target`.
 * @throws PixtextError `ERR_CORRUPT` (code size over 12, invalid code), `ERR_TRUNCATED` (data ends before the
 * rectangle is full)
 */
export function decodeLzw(bytes: Uint8Array, start: number, minCodeSize: number, target: LzwTarget): void {
  if (minCodeSize > MAX_BITS) {
    throw new PixtextError('ERR_CORRUPT', `GIF LZW minimum code size ${minCodeSize} is over 12`, {
      offset: start - 1,
      chunk: 'image data',
    });
  }
  if (!target.interlaced && target.left === 0 && target.width === target.stride) {
    decodeLzwLinear(bytes, start, minCodeSize, target);
    return;
  }
  const { pixels, stride, width, height } = target;
  const end = bytes.length;
  // Bytes the decoder has been handed so far (Pillow reads 64 KiB at a time, from the first sub-block on).
  let avail = Math.min(end, start + READ_BLOCK);

  const link = new Uint16Array(TABLE);
  const suffix = new Uint8Array(TABLE);
  const lengths = new Uint16Array(TABLE); // string length of each table entry
  const stack = new Uint8Array(TABLE + 2);

  const clear = 1 << minCodeSize;
  const endCode = clear + 1;
  let next = clear + 2;
  let codeSize = minCodeSize + 1;
  let codeMask = (1 << codeSize) - 1;
  let afterClear = true; // Pillow's state 2: the next code is the first after a clear
  let lastCode = 0;
  let lastData = 0;

  let pos = start;
  let blockLeft = 0;
  let bitBuffer = 0;
  let bitCount = 0;

  // Output position. Plain locals (no closures over them) keep the loop fast; rows advance in nextRow.
  const rows: RowState = { y: 0, step: target.interlaced ? 8 : 1, pass: target.interlaced ? 1 : 0 };
  let x = 0;
  let rowStart = target.top * stride + target.left;

  for (;;) {
    // Read one code, refilling from sub-blocks.
    while (bitCount < codeSize) {
      if (blockLeft > 0) {
        bitBuffer |= (bytes[pos++] as number) << bitCount;
        bitCount += 8;
        blockLeft--;
      } else {
        // A new sub-block is started only when all of it has been read in.
        while (pos >= avail || avail - pos < (bytes[pos] as number) + 1) avail = readMore(avail, end, target);
        blockLeft = bytes[pos++] as number;
      }
    }
    let code = bitBuffer & codeMask;
    bitBuffer >>>= codeSize;
    bitCount -= codeSize;

    if (code === clear) {
      if (!afterClear) {
        next = clear + 2;
        codeSize = minCodeSize + 1;
        codeMask = (1 << codeSize) - 1;
        afterClear = true;
      }
      continue;
    }
    if (code === endCode) {
      // Pillow's decoder stops here and ImageFile.load feeds it the next read; it goes on after the end code.
      avail = readMore(avail, end, target);
      continue;
    }

    if (afterClear) {
      if (code > clear) throw broken(`code ${code} after a clear code is not a literal`, pos);
      lastData = lastCode = code;
      afterClear = false;
      pixels[rowStart + x] = code & 0xff;
      if (++x >= width) {
        if (!nextRow(rows, height)) return;
        x = 0;
        rowStart = (target.top + rows.y) * stride + target.left;
      }
      continue;
    }

    // The string of `code`, or for code === next (KwKwK) the string of lastCode followed by its first byte.
    const thisCode = code;
    if (code > next) throw broken(`code ${code} is beyond the next table entry ${next}`, pos);
    const kwkwk = code === next;
    if (kwkwk) {
      if (lastCode >= TABLE) throw broken(`code ${code} expands past the 4096-entry table`, pos);
      code = lastCode;
    }
    const length = (code < clear ? 1 : (lengths[code] as number)) + (kwkwk ? 1 : 0);
    let first: number;
    if (x + length <= width) {
      // Fits in the row: written in place, last byte first, following the links.
      let at = rowStart + x + length - 1;
      if (kwkwk) pixels[at--] = lastData;
      while (code >= clear) {
        pixels[at--] = suffix[code] as number;
        code = link[code] as number;
      }
      first = code & 0xff;
      pixels[at] = first;
      x += length;
    } else {
      // Crosses rows: expanded into the stack (as Pillow's buffer), then copied row by row.
      let top = TABLE + 2;
      if (kwkwk) stack[--top] = lastData;
      while (code >= clear) {
        stack[--top] = suffix[code] as number;
        code = link[code] as number;
      }
      first = code & 0xff;
      stack[--top] = first;
      while (top < TABLE + 2) {
        const run = Math.min(TABLE + 2 - top, width - x);
        const at = rowStart + x;
        for (let i = 0; i < run; i++) pixels[at + i] = stack[top + i] as number;
        top += run;
        x += run;
        if (x >= width) {
          if (!nextRow(rows, height)) return;
          x = 0;
          rowStart = (target.top + rows.y) * stride + target.left;
        }
      }
    }
    lastData = first;
    if (next < TABLE) {
      suffix[next] = first;
      link[next] = lastCode;
      lengths[next] = (lastCode < clear ? 1 : (lengths[lastCode] as number)) + 1;
      if (next === codeMask && codeSize < MAX_BITS) {
        codeSize++;
        codeMask = (1 << codeSize) - 1;
      }
      next++;
    }
    lastCode = thisCode;
    if (x >= width) {
      if (!nextRow(rows, height)) return;
      x = 0;
      rowStart = (target.top + rows.y) * stride + target.left;
    }
  }
}

interface RowState {
  y: number;
  step: number;
  /** Interlace pass 1–3 still to come after this one, 0 when the last (or only) pass is running. */
  pass: number;
}

/** Moves to the next row as Pillow's NEWLINE macro does (GIF89a Appendix E order); false when the frame is done. */
function nextRow(rows: RowState, height: number): boolean {
  rows.y += rows.step;
  while (rows.y >= height) {
    if (rows.pass === 1) {
      rows.y = 4;
      rows.pass = 2;
    } else if (rows.pass === 2) {
      rows.step = 4;
      rows.y = 2;
      rows.pass = 3;
    } else if (rows.pass === 3) {
      rows.step = 2;
      rows.y = 1;
      rows.pass = 0;
    } else {
      return false;
    }
  }
  return true;
}

/** One more 64 KiB read of ImageFile.load: the new end of the data handed over, or "truncated" at the file's end. */
export function readMore(avail: number, end: number, target: LzwTarget): number {
  if (avail >= end) {
    throw new PixtextError('ERR_TRUNCATED', `GIF image data ends before the ${target.width}×${target.height} frame is complete`, {
      offset: end,
      chunk: 'image data',
    });
  }
  return Math.min(end, avail + READ_BLOCK);
}

export function broken(why: string, at: number): PixtextError {
  return new PixtextError('ERR_CORRUPT', `GIF image data is broken near byte ${at}: ${why}`, { offset: at, chunk: 'image data' });
}
