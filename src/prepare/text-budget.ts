// imageToText's `maxTextLength` (docs/ARCHITECTURE.md#text-budget): the text must not be longer. When the first text
// is too long, a lossy (JPEG) payload first loses quality, searched between the requested quality and
// BUDGET_QUALITY_FLOOR; what still does not fit, and every lossless payload, is made smaller with Pillow's
// thumbnail() (the `fit` feature), the largest size that fits found by bisection on the long side; at that size the
// quality is raised again as far as the budget allows. Each candidate is a whole text, measured, never estimated.
import { PixtextError } from '../errors.js';
import type { PayloadEncoding } from '../api/options.js';
import type { RawImage } from '../raw-image.js';

/** The lowest JPEG quality a text budget lowers to before it makes the image smaller. */
export const BUDGET_QUALITY_FLOOR = 30;

/** What a text budget did to make the text fit, as `imageToTextWithReport` returns it. */
export interface TextReport {
  /** Characters in the text. */
  textLength: number;
  /** The image written: its size after fitting (and after `fit`), and its payload encoding. */
  width: number;
  height: number;
  encoding: PayloadEncoding;
  /** The JPEG quality used, for a `jpeg` payload. */
  quality?: number;
  /** The size before the budget made it smaller; absent when the size was kept. */
  resizedFrom?: { width: number; height: number };
  /** Whether the budget changed anything (quality, size, or a stored file re-encoded). */
  reduced: boolean;
}

/** Writes one candidate: the image at a size, in an encoding and quality. */
export type WriteCandidate = (image: RawImage, encoding: PayloadEncoding, quality: number | undefined) => string;

/** Shrinks an image to fit inside a `side` × `side` box (Pillow's thumbnail). */
export type Shrink = (image: RawImage, side: number) => RawImage;

/**
 * The text of the largest quality and size that fit in `maxTextLength`, and what was done.
 * @throws PixtextError `ERR_TOO_LARGE` when not even a 1-pixel image at the lowest quality fits, naming the shortest
 * text reached
 * @example
 * ```ts
 * fitTextBudget(image, 'jpeg', 90, 5_000_000, write, shrink);
 * ```
 */
export function fitTextBudget(
  image: RawImage,
  encoding: PayloadEncoding,
  quality: number,
  maxTextLength: number,
  write: WriteCandidate,
  shrink: Shrink,
): { text: string; report: TextReport } {
  const lossy = encoding === 'jpeg';
  const result = (text: string, written: RawImage, q: number | undefined) => {
    const report: TextReport = { textLength: text.length, width: written.width, height: written.height, encoding, reduced: true };
    if (q !== undefined) report.quality = q;
    if (written !== image) report.resizedFrom = { width: image.width, height: image.height };
    return { text, report };
  };
  // The highest quality in [low, high] whose text fits at this size, or undefined.
  const bestQuality = (at: RawImage, low: number, high: number): { text: string; quality: number } | undefined => {
    let found: { text: string; quality: number } | undefined;
    while (low <= high) {
      const q = (low + high) >> 1;
      const text = write(at, encoding, q);
      if (text.length <= maxTextLength) {
        found = { text, quality: q };
        low = q + 1;
      } else {
        high = q - 1;
      }
    }
    return found;
  };
  const floor = Math.min(BUDGET_QUALITY_FLOOR, quality);

  if (lossy) {
    const atFullSize = bestQuality(image, floor, quality);
    if (atFullSize !== undefined) return result(atFullSize.text, image, atFullSize.quality);
  } else {
    const text = write(image, encoding, undefined);
    if (text.length <= maxTextLength) return result(text, image, undefined);
  }

  // Bisection on the long side of the box: the largest that fits at the floor quality (or losslessly).
  const attempt = (side: number): { text: string; image: RawImage } => {
    const smaller = shrink(image, side);
    return { text: write(smaller, encoding, lossy ? floor : undefined), image: smaller };
  };
  let low = 1;
  let high = Math.max(image.width, image.height) - 1;
  let best: { text: string; image: RawImage } | undefined;
  let shortest = Infinity;
  while (low <= high) {
    const side = (low + high) >> 1;
    const candidate = attempt(side);
    shortest = Math.min(shortest, candidate.text.length);
    if (candidate.text.length <= maxTextLength) {
      best = candidate;
      low = side + 1;
    } else {
      high = side - 1;
    }
  }
  if (best === undefined) {
    throw new PixtextError(
      'ERR_TOO_LARGE',
      `No text of this image fits in maxTextLength ${maxTextLength}: the shortest reached is ${shortest} characters (1 pixel on the long side${lossy ? `, JPEG quality ${floor}` : ''})`,
    );
  }
  if (!lossy) return result(best.text, best.image, undefined);
  // At the size found, give back as much quality as the budget still allows.
  const raised = bestQuality(best.image, floor + 1, quality);
  return raised === undefined ? result(best.text, best.image, floor) : result(raised.text, best.image, raised.quality);
}
