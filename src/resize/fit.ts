// fit(image, { width, height }): Pillow 9.4's Image.thumbnail((width, height)) (src/PIL/Image.py thumbnail and
// resize): the thumbnail size rule, then resize(size, BICUBIC, box, reducing_gap=2.0), which first reduces by whole
// factors (Reduce.c) when the image is at least twice as large as needed.
import { invalidArgument } from '../errors.js';
import { MODE_TABLE } from '../pixel-modes/mode-table.js';
import { resolveMaxPixels, validateRawImage } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import { reduce8 } from './reduce.js';
import { resizeChecked } from './resize.js';
import { thumbnailSize } from './thumbnail-size.js';
import { resolveFitBox } from './fit-box.js';
import type { FitBox } from './fit-box.js';

/** Options of `fit`: the box, and `maxPixels` (defaults to 268,402,689; `Infinity` disables). */
export interface FitOptions extends FitBox {
  maxPixels?: number | undefined;
  /**
   * For a JPEG decoded with `decode`'s `draft` at 1/`scale` of its full `width × height`: the thumbnail size is
   * computed from the full size and the scaled image is read through the box (0, 0, width / scale, height / scale),
   * as Pillow's `thumbnail()` does after `draft()`. Defaults to none (the image is the full picture).
   */
  draft?: FitDraft | undefined;
}

/** The full size a draft-decoded JPEG was scaled from, and the scale (1, 2, 4 or 8). */
export interface FitDraft {
  width: number;
  height: number;
  scale: 1 | 2 | 4 | 8;
}

function draftOption(value: unknown, image: RawImage): FitDraft | undefined {
  if (value === undefined) return undefined;
  const expected = `an object { width, height, scale } with scale 1, 2, 4 or 8 of which the ${image.width}×${image.height} image is the scaled size`;
  const v = value as Partial<FitDraft> | null;
  const ok =
    typeof v === 'object' && v !== null && [1, 2, 4, 8].includes(v.scale as number) &&
    Number.isSafeInteger(v.width) && Number.isSafeInteger(v.height) &&
    Math.ceil((v.width as number) / (v.scale as number)) === image.width && Math.ceil((v.height as number) / (v.scale as number)) === image.height;
  if (!ok) throw invalidArgument(expected, 'draft', value);
  return { width: v.width as number, height: v.height as number, scale: v.scale as FitDraft['scale'] };
}

/** thumbnail's reducing_gap default. */
const REDUCING_GAP = 2.0;
/** Image.py _filters_support[BICUBIC] - 0.5, as _get_safe_box uses it. */
const BICUBIC_SAFE_SUPPORT = 2.0 - 0.5;

/**
 * Shrinks an image to fit inside `width × height`, keeping its aspect ratio and never enlarging it: Pillow 9.4's
 * `Image.thumbnail((width, height))`, with its exact size rule and its pixels. Modes `L`, `LA`, `RGB`, `RGBA`,
 * `BGR`, `BGRA`, `1` and `P` give Pillow's bytes: bicubic after a reduction by whole factors where the image is at
 * least twice the size needed (`L`, `RGB`, `BGR`); `LA`/`RGBA`/`BGRA` bicubic alone, premultiplied (Pillow skips the
 * reduction there); `1`/`P` nearest. The 16-bit modes use resize's 16-bit bicubic rule. An image that already fits
 * comes back as a copy.
 *
 * @param image The image; not modified.
 * @param options `width`, `height`: the box (integers ≥ 1); `maxPixels` (defaults to 268,402,689); `draft`
 * `{ width, height, scale }` for a JPEG decoded with `decode(bytes, { draft })` (defaults to none; see FitOptions).
 * @throws PixtextError `ERR_INVALID_ARGUMENT`, `ERR_INVALID_IMAGE`, `ERR_UNSUPPORTED` (an empty image that does not fit)
 * @example
 * ```ts
 * const preview = fit(photo, { width: 1568, height: 1568 }); // 4000×3000 → 1568×1176
 * ```
 */
export function fit(image: RawImage, options: FitOptions): RawImage {
  const source = validateRawImage(image);
  const box = resolveFitBox(options, 'options');
  const maxPixels = resolveMaxPixels((options as { maxPixels?: unknown }).maxPixels);
  const draft = draftOption((options as { draft?: unknown }).draft, source);
  if (draft === undefined) return fitChecked(source, box, maxPixels);
  // thumbnail(): the size from the full picture; nothing to do when it fits (draft() is not even called then).
  const size = thumbnailSize(draft.width, draft.height, box.width, box.height);
  if (size === undefined) return fitChecked(source, { width: source.width, height: source.height }, maxPixels);
  return thumbnailResize(source, size, [0, 0, draft.width / draft.scale, draft.height / draft.scale], maxPixels);
}

/** {@link fit} on a checked image and box. */
export function fitChecked(image: RawImage, box: FitBox, maxPixels: number): RawImage {
  const size = thumbnailSize(image.width, image.height, box.width, box.height);
  if (size === undefined) return resizeChecked(image, { width: image.width, height: image.height, filter: 'nearest', box: undefined, maxPixels });
  return thumbnailResize(image, size, undefined, maxPixels);
}

/**
 * Image.resize(size, BICUBIC, box, reducing_gap=2.0) as thumbnail calls it; `box` is the source region (a JPEG
 * decoded at a draft scale passes (0, 0, width / scale, height / scale), as Pillow's draft() returns it).
 */
export function thumbnailResize(
  image: RawImage,
  size: readonly [number, number],
  box: readonly [number, number, number, number] | undefined,
  maxPixels: number,
): RawImage {
  const [width, height] = size;
  const whole = box ?? ([0, 0, image.width, image.height] as const);
  if (width === image.width && height === image.height && whole[0] === 0 && whole[1] === 0 && whole[2] === image.width && whole[3] === image.height) {
    return resizeChecked(image, { width, height, filter: 'nearest', box: undefined, maxPixels });
  }
  const info = MODE_TABLE[image.mode];
  // Image.resize: 1 and P always NEAREST; LA and RGBA go through La/RGBa with reducing_gap dropped.
  if (image.mode === '1' || image.mode === 'P') return resizeChecked(image, { width, height, filter: 'nearest', box, maxPixels });
  if (info.bitsPerSample !== 8 || info.samples[info.samples.length - 1] === 'A') {
    return resizeChecked(image, { width, height, filter: 'bicubic', box, maxPixels });
  }
  const factorX = Math.trunc((whole[2] - whole[0]) / width / REDUCING_GAP) || 1;
  const factorY = Math.trunc((whole[3] - whole[1]) / height / REDUCING_GAP) || 1;
  if (factorX === 1 && factorY === 1) return resizeChecked(image, { width, height, filter: 'bicubic', box, maxPixels });
  // _get_safe_box: the box grown by the filter's reach, in whole pixels.
  const supportX = BICUBIC_SAFE_SUPPORT * ((whole[2] - whole[0]) / width);
  const supportY = BICUBIC_SAFE_SUPPORT * ((whole[3] - whole[1]) / height);
  const safe = [
    Math.max(0, Math.trunc(whole[0] - supportX)),
    Math.max(0, Math.trunc(whole[1] - supportY)),
    Math.min(image.width, Math.ceil(whole[2] + supportX)),
    Math.min(image.height, Math.ceil(whole[3] + supportY)),
  ] as const;
  const channels = info.samples.length;
  const reduced = reduce8({ data: image.data, width: image.width, height: image.height, channels }, factorX, factorY, safe);
  const next: RawImage = { width: reduced.width, height: reduced.height, mode: image.mode, data: reduced.data };
  const nextBox = [
    (whole[0] - safe[0]) / factorX,
    (whole[1] - safe[1]) / factorY,
    (whole[2] - safe[0]) / factorX,
    (whole[3] - safe[1]) / factorY,
  ] as const;
  return resizeChecked(next, { width, height, filter: 'bicubic', box: nextBox, maxPixels });
}
