// Flattening alpha onto an opaque background, pixel for pixel as Pillow's Image.alpha_composite(background, image):
// https://github.com/python-pillow/Pillow/blob/9.4.0/src/libImaging/AlphaComposite.c
import type { BackgroundColor } from './convert-options.js';

/**
 * Composites `width` RGBA pixels of `row` in place over the opaque `background`, leaving them opaque: each channel
 * becomes `round((s·a + b·(max − a)) / max)`, `max` being 255 for 8-bit rows and 65535 for 16-bit ones (whose
 * background is widened as `v × 257`). With an opaque destination, Pillow's fixed-point blend reduces to exactly
 * this at 8 bits (checked exhaustively against Pillow 9.4). `max` is odd, so no quotient is ever a tie; the products
 * stay below 2^33, exact in a double.
 */
function compositeRow(row: Uint8Array | Uint16Array, width: number, background: BackgroundColor, max: 255 | 65535): void {
  const scale = max === 255 ? 1 : 257;
  const half = max >> 1;
  for (let x = 0, i = 0; x < width; x++, i += 4) {
    const a = row[i + 3]!;
    if (a === max) continue;
    const rest = max - a;
    for (let c = 0; c < 3; c++) row[i + c] = Math.floor((row[i + c]! * a + background[c]! * scale * rest + half) / max);
    row[i + 3] = max;
  }
}

/**
 * Composites `width` RGBA8 pixels of `row` in place over the opaque `background` (see {@link compositeRow}).
 * @example
 * ```ts
 * compositeRow8(new Uint8Array([255, 0, 0, 128]), 1, [0, 0, 255]); // row becomes [128, 0, 127, 255]
 * ```
 */
export function compositeRow8(row: Uint8Array, width: number, background: BackgroundColor): void {
  compositeRow(row, width, background, 255);
}

/**
 * The 16-bit analogue of {@link compositeRow8}: `round((s·a + b·(65535 − a)) / 65535)` with the background widened
 * as `v × 257`.
 */
export function compositeRow16(row: Uint16Array, width: number, background: BackgroundColor): void {
  compositeRow(row, width, background, 65535);
}
