// Adam7 interlacing: seven passes, each a sub-image of every dx-th pixel of every dy-th row.
// Spec: https://www.w3.org/TR/png-3/#8Interlace
import type { PngIhdr } from './header.js';
import { packedRowBytes } from './header.js';

/** One Adam7 pass: where its first pixel sits, its spacing, and its size (0 when the image is too small for it). */
export interface Adam7Pass {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  width: number;
  height: number;
}

// Origin and spacing of passes 1–7 (spec table 8.1).
const PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** The seven passes of a `width` × `height` image, empty ones included. */
export function adam7Passes(width: number, height: number): Adam7Pass[] {
  return PASSES.map(([x0, y0, dx, dy]) => ({
    x0,
    y0,
    dx,
    dy,
    width: width > x0 ? Math.ceil((width - x0) / dx) : 0,
    height: height > y0 ? Math.ceil((height - y0) / dy) : 0,
  }));
}

/**
 * Bytes of filtered image data (filter-type bytes included) the IHDR implies: what the zlib stream must inflate to.
 * An empty pass has no rows and so no filter bytes.
 */
export function filteredLength(ihdr: PngIhdr): number {
  if (!ihdr.interlaced) return ihdr.height * (packedRowBytes(ihdr, ihdr.width) + 1);
  let total = 0;
  for (const pass of adam7Passes(ihdr.width, ihdr.height)) {
    if (pass.width > 0 && pass.height > 0) total += pass.height * (packedRowBytes(ihdr, pass.width) + 1);
  }
  return total;
}
