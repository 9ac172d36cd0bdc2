import { PixtextError } from '../errors.js';
import type { RawImage } from '../raw-image.js';

/** The 256-entry opaque grey ramp, entry i = i, i, i, 255: Pillow's palette before any is set, and mode `L` as `P`. */
export function greyRamp(): Uint8Array {
  const ramp = new Uint8Array(1024);
  for (let i = 0; i < 256; i++) ramp.set([i, i, i, 255], i * 4);
  return ramp;
}

/**
 * The 256-entry RGBA lookup table of a `P` image: its palette entries (every index used is one of them: see
 * checkPaletteIndices), and the opaque grey `i, i, i, 255` for the rest, or for all when it has no palette, as Pillow
 * 9.4's palette starts as a greyscale ramp.
 */
export function paletteLookupTable(image: RawImage): Uint8Array {
  const table = greyRamp();
  if (image.palette !== undefined) table.set(image.palette.subarray(0, 1024));
  return table;
}

/** Builds a palette from RGBA8 rows, one colour at a time, refusing a 257th colour. */
export interface PaletteBuilder {
  /** Writes the palette index of each of the `width` RGBA8 pixels of `row` into `out` from `offset`. */
  writeRow(row: Uint8Array, out: Uint8Array, offset: number): void;
  /** The palette so far: RGBA entries in order of first appearance. */
  palette(): Uint8Array;
}

/**
 * Creates an exact palette builder: every distinct RGBA colour gets the next index in order of first appearance
 * (top to bottom, left to right), so the same image always gives the same palette.
 * @throws PixtextError `ERR_UNSUPPORTED` (from `writeRow`) at the 257th distinct colour.
 */
export function createPaletteBuilder(width: number, sourceMode: string): PaletteBuilder {
  const indexOf = new Map<number, number>();
  const entries = new Uint8Array(1024);
  let count = 0;
  let y = 0;
  return {
    writeRow(row, out, offset) {
      // Neighbouring pixels usually share a colour: remember the last one to skip most map lookups.
      let lastKey = -1;
      let lastIndex = 0;
      for (let x = 0, i = 0; x < width; x++, i += 4) {
        const key = (((row[i]! << 24) | (row[i + 1]! << 16) | (row[i + 2]! << 8) | row[i + 3]!) >>> 0);
        if (key !== lastKey) {
          let index = indexOf.get(key);
          if (index === undefined) {
            if (count === 256) {
              throw new PixtextError(
                'ERR_UNSUPPORTED',
                `Cannot convert ${sourceMode} to P exactly: its 257th distinct colour is at (${x}, ${y}); keep a direct-colour mode`,
              );
            }
            index = count++;
            indexOf.set(key, index);
            entries.set(row.subarray(i, i + 4), index * 4);
          }
          lastKey = key;
          lastIndex = index;
        }
        out[offset + x] = lastIndex;
      }
      y++;
    },
    palette: () => entries.slice(0, count * 4),
  };
}
