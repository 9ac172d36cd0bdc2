// GIF block structure: the logical screen descriptor and the walk over extensions to an image descriptor.
// Spec: GIF89a §18 (logical screen), §20 (image descriptor), §23 (graphic control extension).
// The walk follows Pillow 9.4 GifImagePlugin.py (`_open`, `_seek`) so that the same files are accepted, refused,
// and sized: a byte that starts no known block is skipped, an extension's sub-blocks are read as far as the file
// goes, and a structure cut short before the image data is refused.

import { PixtextError } from '../../errors.js';

/** The 13-byte header and logical screen descriptor, with the global colour table when there is one. */
export interface GifScreen {
  version: '87a' | '89a';
  width: number;
  height: number;
  /** Global colour table, 3 bytes an entry; undefined when absent. */
  globalTable: Uint8Array | undefined;
  /** Offset just past the screen descriptor and global table. */
  end: number;
}

/** One image descriptor (GIF89a §20) with what the extensions before it said. */
export interface GifFrame {
  left: number;
  top: number;
  width: number;
  height: number;
  interlaced: boolean;
  /** Local colour table, 3 bytes an entry; undefined when absent. */
  localTable: Uint8Array | undefined;
  /** Transparent index from a graphic control extension before this frame, if any. */
  transparentIndex: number | undefined;
  /** LZW minimum code size: the byte after the descriptor and local table. */
  minCodeSize: number;
  /** Offset of the first data sub-block (just past the minimum code size byte). */
  dataStart: number;
}

const SIGNATURES = ['GIF87a', 'GIF89a'];

/** True when `bytes` start with `GIF87a` or `GIF89a`. Never throws. */
export function hasGifSignature(bytes: Uint8Array): boolean {
  if (bytes.length < 6) return false;
  let text = '';
  for (let i = 0; i < 6; i++) text += String.fromCharCode(bytes[i] as number);
  return SIGNATURES.includes(text);
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
}

function truncated(what: string, at: number): PixtextError {
  return new PixtextError('ERR_TRUNCATED', `GIF ends inside the ${what} at byte ${at}`, { offset: at, chunk: what });
}

/** Reads the header, logical screen descriptor and global colour table. @throws PixtextError */
export function readScreen(bytes: Uint8Array): GifScreen {
  if (!hasGifSignature(bytes)) {
    throw new PixtextError('ERR_CORRUPT', 'Not a GIF file: it does not start with GIF87a or GIF89a', { offset: 0 });
  }
  if (bytes.length < 13) throw truncated('logical screen descriptor', bytes.length);
  const flags = bytes[10] as number;
  let end = 13;
  let globalTable: Uint8Array | undefined;
  if (flags & 0x80) {
    const size = 3 << ((flags & 7) + 1);
    if (end + size > bytes.length) throw truncated('global colour table', bytes.length);
    globalTable = bytes.subarray(end, end + size);
    end += size;
  }
  return {
    version: bytes[4] === 0x37 ? '87a' : '89a',
    width: u16(bytes, 6),
    height: u16(bytes, 8),
    globalTable,
    end,
  };
}

/**
 * Pillow 9.4 drops a colour table whose entry i is grey i for every entry (`_is_palette_needed`): the frame is then
 * mode L, not P. An empty table counts as not needed, as there.
 */
export function isGreyRamp(table: Uint8Array): boolean {
  for (let i = 0, n = 0; i + 2 < table.length; i += 3, n++) {
    if (table[i] !== n || table[i + 1] !== n || table[i + 2] !== n) return false;
  }
  return true;
}

/**
 * Skips data sub-blocks from `at` (GIF89a §15): stops after a zero length byte, or at the end of the file, where
 * Pillow's reader stops too (its `data()` returns what is there). Returns the offset after them.
 */
export function skipSubBlocks(bytes: Uint8Array, at: number): number {
  while (at < bytes.length) {
    const length = bytes[at] as number;
    at += 1;
    if (length === 0) return at;
    at += length;
  }
  return Math.min(at, bytes.length);
}

/**
 * Walks from `at` (just after the screen, or after the previous frame's data) to the next image descriptor, reading
 * graphic control extensions on the way. Returns undefined when the trailer or the end of the file comes first.
 * `first` is true for the first frame: as Pillow, an application extension there must hold a first sub-block.
 * @throws PixtextError when a block is cut short or malformed where Pillow refuses the file.
 */
export function nextFrame(bytes: Uint8Array, at: number, first: boolean): GifFrame | undefined {
  let transparentIndex: number | undefined;
  for (;;) {
    if (at >= bytes.length) return undefined;
    const introducer = bytes[at] as number;
    at += 1;
    if (introducer === 0x3b) return undefined; // trailer
    if (introducer === 0x21) {
      if (at >= bytes.length) throw truncated('extension label', at);
      const label = bytes[at] as number;
      at += 1;
      // First sub-block, as far as the file holds it.
      const blockLength = at < bytes.length ? (bytes[at] as number) : 0;
      const blockStart = at + 1;
      const block = bytes.subarray(Math.min(blockStart, bytes.length), Math.min(blockStart + blockLength, bytes.length));
      at = blockLength === 0 ? Math.min(at + 1, bytes.length) : blockStart + blockLength;
      if (label === 0xf9) {
        // Graphic control extension: Pillow reads flags, the delay (needs 3 bytes) and, when flagged, the index.
        if (blockLength === 0 || block.length < 3 || ((block[0] as number) & 1 && block.length < 4)) {
          throw new PixtextError('ERR_CORRUPT', `GIF graphic control extension at byte ${blockStart - 3} is too short`, {
            offset: blockStart - 3,
            chunk: 'graphic control extension',
          });
        }
        if ((block[0] as number) & 1) transparentIndex = block[3] as number;
      } else if (label === 0xff && first) {
        if (blockLength === 0) {
          throw new PixtextError('ERR_CORRUPT', `GIF application extension at byte ${blockStart - 3} has no data`, {
            offset: blockStart - 3,
            chunk: 'application extension',
          });
        }
        if (isNetscape(block)) {
          // Pillow reads the loop sub-block that must follow the NETSCAPE2.0 identifier.
          if (at >= bytes.length || bytes[at] === 0) {
            throw new PixtextError('ERR_CORRUPT', `GIF NETSCAPE2.0 extension at byte ${blockStart - 3} has no loop block`, {
              offset: blockStart - 3,
              chunk: 'application extension',
            });
          }
          at += 1 + (bytes[at] as number);
        }
      }
      // A comment's sub-blocks end at its terminator; after any other extension Pillow reads on with `while
      // self.data()` even when the first sub-block was already the terminator, so one more run is skipped then.
      if (label !== 0xfe || blockLength !== 0) at = skipSubBlocks(bytes, at);
      continue;
    }
    if (introducer === 0x2c) return readDescriptor(bytes, at, transparentIndex);
    // Any other byte: Pillow skips it (its "illegal GIF tag" check is commented out).
  }
}

function isNetscape(block: Uint8Array): boolean {
  const id = 'NETSCAPE2.0';
  if (block.length < id.length) return false;
  for (let i = 0; i < id.length; i++) if (block[i] !== id.charCodeAt(i)) return false;
  return true;
}

function readDescriptor(bytes: Uint8Array, at: number, transparentIndex: number | undefined): GifFrame {
  if (at + 9 > bytes.length) throw truncated('image descriptor', bytes.length);
  const flags = bytes[at + 8] as number;
  let end = at + 9;
  let localTable: Uint8Array | undefined;
  if (flags & 0x80) {
    const size = 3 << ((flags & 7) + 1);
    if (end + size > bytes.length) throw truncated('local colour table', bytes.length);
    localTable = bytes.subarray(end, end + size);
    end += size;
  }
  if (end >= bytes.length) throw truncated('LZW minimum code size', bytes.length);
  return {
    left: u16(bytes, at),
    top: u16(bytes, at + 2),
    width: u16(bytes, at + 4),
    height: u16(bytes, at + 6),
    interlaced: (flags & 0x40) !== 0,
    localTable,
    transparentIndex,
    minCodeSize: bytes[end] as number,
    dataStart: end + 1,
  };
}

/**
 * Counts image descriptors as Pillow's `n_frames` walks them: from each frame's data, skip its sub-blocks, then find
 * the next descriptor. Work is linear in the file length (every step consumes at least one byte). Where Pillow's walk
 * would raise on a malformed later block, the count stops at the frames found before it.
 */
export function countFrames(bytes: Uint8Array, first: GifFrame): number {
  let count = 1;
  let frame: GifFrame | undefined = first;
  for (;;) {
    const at = skipSubBlocks(bytes, frame.dataStart);
    try {
      frame = nextFrame(bytes, at, false);
    } catch {
      return count;
    }
    if (frame === undefined) return count;
    count++;
  }
}
