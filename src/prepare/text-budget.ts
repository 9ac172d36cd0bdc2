// imageToText's `maxTextLength` (docs/ARCHITECTURE.md#text-budget): the text must not be longer. When the first text
// is too long, a lossy (JPEG) payload first loses quality, searched between the requested quality and
// BUDGET_QUALITY_FLOOR; what still does not fit, and every lossless payload, is made smaller with Pillow's
// thumbnail() (the `fit` feature), the largest size that fits found by bisection on the long side; at that size the
// quality is raised again as far as the budget allows. Each candidate is a whole text, measured, never estimated.
import { PixtextError } from '../errors.js';
import type { RawImage } from '../raw-image.js';

/** The lowest JPEG quality a text budget lowers to before it makes the image smaller. */
export const BUDGET_QUALITY_FLOOR = 30;

// The share of the budget a text should fill before a finer search is worth it.
const FILL_TARGET = 0.9;
// How many quality steps above the full-size best are tried at a smaller size.
const STEP_UPS = 4;

/** What a text budget did to make the text fit, as `imageToTextWithReport` returns it. */
export interface TextReport {
  /** Characters in the text. */
  textLength: number;
  /** The image written: its size after fitting (and after `fit`), and its payload encoding (a format id or `raw`). */
  width: number;
  height: number;
  encoding: string;
  /** The JPEG quality used, for a `jpeg` payload. */
  quality?: number;
  /** Whether the JPEG was written with optimal Huffman tables to fit (same pixels, smaller file). */
  optimize?: boolean;
  /** The size before the budget made it smaller; absent when the size was kept. */
  resizedFrom?: { width: number; height: number };
  /** Whether the budget changed anything (quality, size, or a stored file re-encoded). */
  reduced: boolean;
}

/** Writes one candidate: the image at a size, in an encoding and quality. */
export type WriteCandidate = (image: RawImage, encoding: string, quality: number | undefined, optimize?: boolean) => string;

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
  encoding: string,
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
  let shortest = Infinity;
  // Bisection on the long side of the box: the largest image smaller than the original whose text fits at quality `q`
  // (or losslessly).
  const largestSize = (q: number | undefined): { text: string; image: RawImage } | undefined => {
    let low = 1;
    let high = Math.max(image.width, image.height) - 1;
    let found: { text: string; image: RawImage } | undefined;
    while (low <= high) {
      const side = (low + high) >> 1;
      const smaller = shrink(image, side);
      const text = write(smaller, encoding, q);
      shortest = Math.min(shortest, text.length);
      if (text.length <= maxTextLength) {
        found = { text, image: smaller };
        low = side + 1;
      } else {
        high = side - 1;
      }
    }
    return found;
  };

  if (lossy) {
    const atFullSize = bestQuality(image, floor, quality);
    if (atFullSize !== undefined) {
      // JPEG sizes can jump by a tenth from one quality to the next. When the budget is left that far from full, a few
      // quality steps up at a slightly smaller size use it better (the whole text is measured either way).
      let chosen = { text: atFullSize.text, image, quality: atFullSize.quality, optimize: false };
      const better = (text: string) => text.length <= maxTextLength && text.length > chosen.text.length;
      for (let q = atFullSize.quality + 1; q <= Math.min(quality, atFullSize.quality + STEP_UPS); q++) {
        if (chosen.text.length >= FILL_TARGET * maxTextLength) break;
        // First the full size with optimal Huffman tables (a smaller file of the same pixels), then a smaller size.
        const optimized = write(image, encoding, q, true);
        if (better(optimized)) {
          chosen = { text: optimized, image, quality: q, optimize: true };
          continue;
        }
        const stepUp = largestSize(q);
        if (stepUp !== undefined && better(stepUp.text)) chosen = { ...stepUp, quality: q, optimize: false };
      }
      const done = result(chosen.text, chosen.image, chosen.quality);
      if (chosen.optimize) done.report.optimize = true;
      return done;
    }
  } else {
    const text = write(image, encoding, undefined);
    if (text.length <= maxTextLength) return result(text, image, undefined);
  }

  const best = largestSize(lossy ? floor : undefined);
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
