// PLTE and tRNS for encoding a mode `P` image.
// Spec: https://www.w3.org/TR/png-3/#11PLTE and https://www.w3.org/TR/png-3/#11tRNS
import type { RawImage } from '../../raw-image.js';

/** The palette chunks of a `P` image and the bit depth its indices are written at. */
export interface EncodedPalette {
  /** PLTE data: 3 bytes per entry. */
  plte: Uint8Array;
  /** tRNS data: alpha of entries 0 up to the last non-opaque one; empty when every entry is opaque. */
  trns: Uint8Array;
  /** 1, 2, 4 or 8: the smallest depth whose range holds every palette entry. */
  bitDepth: number;
}

/**
 * Builds PLTE and tRNS for `image` (a valid mode `P` image, at least one pixel: every index is in its palette).
 * Without a palette, index i is grey i (as Pillow reads it), and PLTE holds grey entries up to the largest index used.
 */
export function encodePalette(image: RawImage): EncodedPalette {
  const { data, palette } = image;
  let entries: number;
  if (palette === undefined) {
    let max = 0;
    for (let i = 0; i < data.length; i++) if (data[i]! > max) max = data[i]!;
    entries = max + 1;
  } else {
    entries = palette.length >> 2;
  }
  const plte = new Uint8Array(entries * 3);
  const alpha = new Uint8Array(entries).fill(255);
  let lastTranslucent = -1;
  for (let i = 0; i < entries; i++) {
    if (palette === undefined || i >= palette.length >> 2) {
      plte[i * 3] = plte[i * 3 + 1] = plte[i * 3 + 2] = i;
      continue;
    }
    plte[i * 3] = palette[i * 4]!;
    plte[i * 3 + 1] = palette[i * 4 + 1]!;
    plte[i * 3 + 2] = palette[i * 4 + 2]!;
    alpha[i] = palette[i * 4 + 3]!;
    if (alpha[i] !== 255) lastTranslucent = i;
  }
  const bitDepth = entries <= 2 ? 1 : entries <= 4 ? 2 : entries <= 16 ? 4 : 8;
  return { plte, trns: alpha.subarray(0, lastTranslucent + 1), bitDepth };
}
