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

const TABLE = 4096; // GIFTABLE and GIFBUFFER in Pillow's Gif.h
const MAX_BITS = 12;
/** Pillow's ImageFile.load reads the tile's data in blocks of `decodermaxblock` bytes. */
const READ_BLOCK = 65536;

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
  const { pixels, stride, width, height } = target;
  const end = bytes.length;
  // Bytes the decoder has been handed so far (Pillow reads 64 KiB at a time, from the first sub-block on).
  let avail = Math.min(end, start + READ_BLOCK);
  const readMore = (): void => {
    if (avail >= end) {
      throw new PixtextError('ERR_TRUNCATED', `GIF image data ends before the ${width}×${height} frame is complete`, {
        offset: end,
        chunk: 'image data',
      });
    }
    avail = Math.min(end, avail + READ_BLOCK);
  };
  const broken = (why: string, at: number): PixtextError =>
    new PixtextError('ERR_CORRUPT', `GIF image data is broken near byte ${at}: ${why}`, { offset: at, chunk: 'image data' });

  const link = new Uint16Array(TABLE);
  const suffix = new Uint8Array(TABLE);
  const stack = new Uint8Array(TABLE + 1);

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

  // Output position, following Pillow's NEWLINE macro for interlaced rows.
  let x = 0;
  let y = 0;
  let step = target.interlaced ? 8 : 1;
  let pass = target.interlaced ? 1 : 0;
  let rowStart = (target.top + y) * stride + target.left;

  /** Moves to the next row; returns false when the frame is complete. */
  const newline = (): boolean => {
    x = 0;
    y += step;
    while (y >= height) {
      if (pass === 1) {
        y = 4;
        pass = 2;
      } else if (pass === 2) {
        step = 4;
        y = 2;
        pass = 3;
      } else if (pass === 3) {
        step = 2;
        y = 1;
        pass = 0;
      } else {
        return false;
      }
    }
    rowStart = (target.top + y) * stride + target.left;
    return true;
  };

  for (;;) {
    // Read one code, refilling from sub-blocks.
    while (bitCount < codeSize) {
      if (blockLeft > 0) {
        bitBuffer |= (bytes[pos++] as number) << bitCount;
        bitCount += 8;
        blockLeft--;
      } else {
        // A new sub-block is started only when all of it has been read in.
        while (pos >= avail || avail - pos < (bytes[pos] as number) + 1) readMore();
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
      readMore();
      continue;
    }

    let first: number; // the string's first byte
    let top = TABLE + 1; // the rest of the string is stack[top .. TABLE]
    if (afterClear) {
      if (code > clear) throw broken(`code ${code} after a clear code is not a literal`, pos);
      lastData = lastCode = code;
      first = code & 0xff;
      afterClear = false;
    } else {
      const thisCode = code;
      if (code > next) throw broken(`code ${code} is beyond the next table entry ${next}`, pos);
      if (code === next) {
        stack[--top] = lastData;
        code = lastCode;
      }
      while (code >= clear) {
        if (top <= 1 || code >= TABLE) throw broken(`code ${code} expands past the 4096-entry table`, pos);
        stack[--top] = suffix[code] as number;
        code = link[code] as number;
      }
      lastData = code & 0xff;
      first = lastData;
      if (next < TABLE) {
        suffix[next] = code;
        link[next] = lastCode;
        if (next === codeMask && codeSize < MAX_BITS) {
          codeSize++;
          codeMask = (1 << codeSize) - 1;
        }
        next++;
      }
      lastCode = thisCode;
    }

    // Write the first byte, then stack[top .. TABLE], wrapping rows.
    pixels[rowStart + x] = first;
    if (++x >= width && !newline()) return;
    while (top <= TABLE) {
      const run = Math.min(TABLE + 1 - top, width - x);
      const at = rowStart + x;
      for (let i = 0; i < run; i++) pixels[at + i] = stack[top + i] as number;
      top += run;
      x += run;
      if (x >= width && !newline()) return;
    }
  }
}
