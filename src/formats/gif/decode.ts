// GIF decoding: the first frame, as Pillow 9.4 (GifImagePlugin.py) opens it.
//
// The rules, all from Pillow 9.4 `_open`, `_seek(0)`, `load_prepare` and the C decoder:
// - Size: the logical screen, grown to hold the first frame's rectangle when it reaches past the screen; a size
//   that is still 0 in either direction is refused.
// - Mode: `P` when the frame has a colour table Pillow keeps (its local table, else the global one); a table whose
//   entry i is grey i for every entry is dropped (`_is_palette_needed`), and a frame left without a table is `L`.
//   A local grey-ramp table makes Pillow report `L` even when a global table exists, yet Pillow loads the global
//   table into the image and `convert('RGBA')` renders through it: we return `P` with the global table there.
// - Pixels outside the frame rectangle: the GCE transparent index when there is one, else 0. Inside it every
//   decoded index is written, transparent or not. A rectangle with left 0 and width 0 is the whole screen (the C
//   decoder's tile x0 = x1 = 0); any other empty rectangle is refused.
// - Refused as Pillow refuses: structures cut short before the image data, GCEs under 3 (4 with transparency)
//   bytes, an application extension without data, LZW code size over 12, broken LZW codes, data that ends before
//   the rectangle is full (see lzw-decode.ts for when that is), and a screen over `maxPixels` (Pillow's
//   decompression-bomb limit is 178,956,970). The frame count walks on past what Pillow would refuse in later frames.
// - `data` is always byte for byte Pillow's `tobytes()` of the first frame.
// - Palette (mode `P`): the table's entries as RGBA with alpha 255, and alpha 0 at the transparent index, extended
//   with the grey ramp up to the transparent index and the largest index used when they lie past the table: Pillow's
//   palette starts as a grey ramp, so those indices are grey there, and a RawImage's indices are all in its palette.
// - An `L` frame with a transparent index is returned as `P` with the 256-entry grey ramp and alpha 0 at that
//   index: the same indices, and converting to RGBA gives what Pillow's `convert('RGBA')` gives (it turns that
//   grey level transparent). Without transparency an `L` frame is returned as `L`.

import { PixtextError } from '../../errors.js';
import { checkDecodeLimits, type PixelMode, type RawImage } from '../../raw-image.js';
import type { CodecDecodeOptions, ImageHeader } from '../codec.js';
import { decodeLzw } from './lzw-decode.js';
import { countFrames, type GifFrame, type GifScreen, isGreyRamp, nextFrame, readScreen } from './structure.js';

/** A GIF header: the first frame's size and mode, and how many frames the file holds. */
export interface GifHeader extends ImageHeader {
  /** Image descriptors in the file, counted by walking its blocks without decoding them. */
  frameCount: number;
}

interface FirstFrame {
  screen: GifScreen;
  frame: GifFrame;
  width: number;
  height: number;
  /** The colour table Pillow keeps for the first frame, or undefined (then the frame is L). */
  table: Uint8Array | undefined;
  mode: PixelMode;
}

function locateFirstFrame(bytes: Uint8Array): FirstFrame {
  const screen = readScreen(bytes);
  const frame = nextFrame(bytes, screen.end, true);
  if (frame === undefined) {
    throw new PixtextError('ERR_CORRUPT', 'GIF holds no image descriptor', { offset: screen.end });
  }
  const width = Math.max(screen.width, frame.left + frame.width);
  const height = Math.max(screen.height, frame.top + frame.height);
  if (width === 0 || height === 0) {
    throw new PixtextError('ERR_CORRUPT', `GIF logical screen is ${width}×${height}`, { offset: 6 });
  }
  const keptGlobal = screen.globalTable !== undefined && !isGreyRamp(screen.globalTable) ? screen.globalTable : undefined;
  // A local grey-ramp table: Pillow reports mode L, but it still puts the global table on the image, whose core
  // is then P, so `convert('RGBA')` colours the indices through the global table. We return that P image.
  const table = frame.localTable !== undefined && !isGreyRamp(frame.localTable) ? frame.localTable : keptGlobal;
  const mode: PixelMode = table !== undefined || frame.transparentIndex !== undefined ? 'P' : 'L';
  return { screen, frame, width, height, table, mode };
}

/**
 * Reads the first frame's size and mode and counts the frames, without decoding pixels.
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`
 */
export function readGifHeader(bytes: Uint8Array): GifHeader {
  const first = locateFirstFrame(bytes);
  return { width: first.width, height: first.height, mode: first.mode, frameCount: countFrames(bytes, first.frame) };
}

/**
 * The canvas. A small frame on a huge screen is a valid small file, so with maxPixels disabled the engine may still
 * be unable to hold the canvas: that is ERR_TOO_LARGE, not the engine's RangeError.
 */
function allocate(width: number, height: number): Uint8Array {
  try {
    return new Uint8Array(width * height);
  } catch (cause) {
    throw new PixtextError('ERR_TOO_LARGE', `GIF logical screen ${width}×${height} is too large to allocate`, { cause });
  }
}

/** The largest index in `pixels`. */
function largestIndex(pixels: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < pixels.length && max < 255; i++) if (pixels[i]! > max) max = pixels[i]!;
  return max;
}

function buildPalette(table: Uint8Array | undefined, transparent: number | undefined, pixels: Uint8Array): Uint8Array {
  const tableEntries = table === undefined ? 256 : Math.floor(table.length / 3);
  // Up to every index used (a RawImage's indices are all in its palette), the entries past the table grey as in Pillow.
  const used = tableEntries < 256 ? largestIndex(pixels) + 1 : 256;
  const entries = Math.max(tableEntries, transparent === undefined ? 0 : transparent + 1, used);
  const palette = new Uint8Array(entries * 4);
  for (let i = 0; i < entries; i++) {
    if (table !== undefined && i < tableEntries) {
      palette[i * 4] = table[i * 3] as number;
      palette[i * 4 + 1] = table[i * 3 + 1] as number;
      palette[i * 4 + 2] = table[i * 3 + 2] as number;
    } else {
      palette[i * 4] = palette[i * 4 + 1] = palette[i * 4 + 2] = i;
    }
    palette[i * 4 + 3] = 255;
  }
  if (transparent !== undefined) palette[transparent * 4 + 3] = 0;
  return palette;
}

/**
 * Decodes the first frame of a GIF to `P` (or `L`) at the logical screen size, as Pillow 9.4 opens it (rules above).
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`, `ERR_TOO_LARGE`
 */
export function decodeGif(bytes: Uint8Array, options: CodecDecodeOptions): RawImage {
  const { frame, width, height, table, mode } = locateFirstFrame(bytes);
  checkDecodeLimits(width, height, 'P', bytes, options, 'GIF logical screen');
  // Pillow's decoder takes a tile whose x0 and x1 are both 0 as the whole image, and refuses any other empty tile
  // (decode.c `_setimage`: "tile cannot extend outside image").
  const whole = frame.left === 0 && frame.width === 0;
  if (!whole && (frame.width === 0 || frame.height === 0)) {
    throw new PixtextError('ERR_CORRUPT', `GIF first frame is ${frame.width}×${frame.height}`, {
      offset: frame.dataStart,
      chunk: 'image descriptor',
    });
  }
  // Each code takes at least one bit and gives at most 4097 indices: a frame larger than that bound for the bytes
  // left cannot be filled, and Pillow would stop with "image file is truncated". Refused before allocating.
  const area = whole ? width * height : frame.width * frame.height;
  if (area > (bytes.length - frame.dataStart) * 8 * 4097) {
    throw new PixtextError('ERR_TRUNCATED', `GIF image data is too short to fill a ${area}-pixel frame`, {
      offset: frame.dataStart,
      chunk: 'image data',
    });
  }
  const pixels = allocate(width, height);
  if (frame.transparentIndex !== undefined) pixels.fill(frame.transparentIndex);
  decodeLzw(bytes, frame.dataStart, frame.minCodeSize, {
    pixels,
    stride: width,
    left: whole ? 0 : frame.left,
    top: whole ? 0 : frame.top,
    width: whole ? width : frame.width,
    height: whole ? height : frame.height,
    interlaced: frame.interlaced,
  });
  if (mode === 'L') return { width, height, mode, data: pixels };
  return { width, height, mode, data: pixels, palette: buildPalette(table, frame.transparentIndex, pixels) };
}
