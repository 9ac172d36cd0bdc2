// Flattening alpha onto an opaque background, pixel for pixel as Pillow's Image.alpha_composite(background, image):
// https://github.com/python-pillow/Pillow/blob/9.4.0/src/libImaging/AlphaComposite.c
import type { BackgroundColor } from './convert-options.js';

/** `round(x / 255)` for 0 ≤ x ≤ 255 · 255, without a division. */
function div255(x: number): number {
  const v = x + 128;
  return (v + (v >> 8)) >> 8;
}

/**
 * Composites `width` RGBA8 pixels of `row` in place over the opaque `background`, leaving them opaque.
 * With an opaque destination, Pillow's fixed-point blend reduces to `round((s·a + b·(255 − a)) / 255)`
 * (checked exhaustively against Pillow 9.4), computed here with the exact shift form of rounding division by 255.
 */
export function compositeRow8(row: Uint8Array, width: number, background: BackgroundColor): void {
  const [br, bg, bb] = background;
  for (let x = 0, i = 0; x < width; x++, i += 4) {
    const a = row[i + 3]!;
    if (a === 255) continue;
    const rest = 255 - a;
    row[i] = div255(row[i]! * a + br * rest);
    row[i + 1] = div255(row[i + 1]! * a + bg * rest);
    row[i + 2] = div255(row[i + 2]! * a + bb * rest);
    row[i + 3] = 255;
  }
}

/**
 * The 16-bit analogue of {@link compositeRow8}: `round((s·a + b·(65535 − a)) / 65535)` with the background widened
 * as `v × 257`. The products stay below 2^33, exact in a double.
 */
export function compositeRow16(row: Uint16Array, width: number, background: BackgroundColor): void {
  const br = background[0] * 257;
  const bg = background[1] * 257;
  const bb = background[2] * 257;
  for (let x = 0, i = 0; x < width; x++, i += 4) {
    const a = row[i + 3]!;
    if (a === 0xffff) continue;
    const rest = 0xffff - a;
    row[i] = Math.floor((row[i]! * a + br * rest + 32767) / 65535);
    row[i + 1] = Math.floor((row[i + 1]! * a + bg * rest + 32767) / 65535);
    row[i + 2] = Math.floor((row[i + 2]! * a + bb * rest + 32767) / 65535);
    row[i + 3] = 0xffff;
  }
}
