// The colour table of 1/2/4/8-bit BMPs and the native mode it implies.
// Spec: RGBQUAD https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-rgbquad
// and RGBTRIPLE (OS/2 1.x) https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-rgbtriple

import { PixtextError } from '../../errors.js';
import type { BmpHeader } from './header.js';

/** The palette of mode `1` as RGBA entries: index 0 black, index 1 white. */
export const BLACK_WHITE = new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255]);

/** The mode an indexed BMP decodes to: `1` (black/white), `L` (identity grey) or `P`. */
export type IndexedMode = '1' | 'L' | 'P';

/**
 * Reads the palette as RGBA entries (alpha 255: the fourth RGBQUAD byte is reserved, never alpha).
 * The header has already checked that the entries lie inside the file.
 */
export function readPalette(bytes: Uint8Array, header: BmpHeader): Uint8Array {
  const { paletteOffset, paletteEntries, paletteEntrySize } = header;
  const palette = new Uint8Array(paletteEntries * 4);
  for (let i = 0, s = paletteOffset; i < paletteEntries; i++, s += paletteEntrySize) {
    palette[i * 4] = bytes[s + 2]!;
    palette[i * 4 + 1] = bytes[s + 1]!;
    palette[i * 4 + 2] = bytes[s]!;
    palette[i * 4 + 3] = 255;
  }
  return palette;
}

/**
 * The native mode of an indexed BMP, as Pillow chooses it: `1` for a 1-bit image whose palette is exactly
 * black then white, `L` for an 8-bit image whose 256 entries are the identity grey ramp (entry i = i,i,i), else `P`.
 * Both exceptions lose nothing: the indices already are the `1`/`L` values.
 * @example indexedMode(new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255]), 1) === '1'
 */
export function indexedMode(palette: Uint8Array, bitsPerPixel: number): IndexedMode {
  const entries = palette.length >> 2;
  // readPalette makes every alpha 255, so the entries compare whole.
  if (bitsPerPixel === 1) return palette.length === BLACK_WHITE.length && palette.every((v, i) => v === BLACK_WHITE[i]) ? '1' : 'P';
  if (bitsPerPixel === 8 && entries === 256) {
    for (let i = 0; i < 256; i++) {
      if (palette[i * 4] !== i || palette[i * 4 + 1] !== i || palette[i * 4 + 2] !== i) return 'P';
    }
    return 'L';
  }
  return 'P';
}

/**
 * Throws when a pixel uses an index the palette does not have: the file is corrupt and any colour we chose for it
 * would be a guess. Only needed when the palette is shorter than 2^bpp.
 * @throws PixtextError `ERR_CORRUPT` naming the first such pixel.
 */
export function checkIndices(indices: Uint8Array, width: number, entries: number): void {
  for (let i = 0, n = indices.length; i < n; i++) {
    if (indices[i]! >= entries) {
      const x = i % width;
      const y = (i - x) / width;
      throw new PixtextError(
        'ERR_CORRUPT',
        `BMP pixel (${x}, ${y}) uses palette index ${indices[i]} of ${entries}`,
        { chunk: 'pixel data' },
      );
    }
  }
}
