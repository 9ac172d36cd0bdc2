// The size Pillow 9.4's Image.thumbnail(size) gives (src/PIL/Image.py thumbnail: preserve_aspect_ratio and its
// round_aspect): the largest size inside the box keeping the aspect ratio, each side the floor or the ceiling of the
// exact value, whichever keeps the ratio closer (the floor on a tie), at least 1; no change when the image fits.

/**
 * The thumbnail size of a `width × height` image in a `boxWidth × boxHeight` box, or undefined when the image
 * already fits (Pillow then leaves it as it is).
 * @example
 * ```ts
 * thumbnailSize(97, 61, 20, 20); // [20, 13]
 * ```
 */
export function thumbnailSize(width: number, height: number, boxWidth: number, boxHeight: number): [number, number] | undefined {
  let x = boxWidth;
  let y = boxHeight;
  if (x >= width && y >= height) return undefined;
  const aspect = width / height;
  if (x / y >= aspect) {
    x = roundAspect(y * aspect, (n) => Math.abs(aspect - n / y));
  } else {
    const wide = x;
    y = roundAspect(x / aspect, (n) => (n === 0 ? 0 : Math.abs(aspect - wide / n)));
  }
  return [x, y];
}

/** `max(min(floor(n), ceil(n), key=key), 1)`: Python's min keeps the first of equal keys. */
function roundAspect(n: number, key: (candidate: number) => number): number {
  const low = Math.floor(n);
  const high = Math.ceil(n);
  const pick = key(high) < key(low) ? high : low;
  return Math.max(pick, 1);
}
