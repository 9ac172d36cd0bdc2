// Interop with the DOM's ImageData (https://html.spec.whatwg.org/multipage/canvas.html#imagedata): straight
// (not premultiplied) 8-bit RGBA rows, top to bottom, exactly pixtext's `RGBA` mode. Browser-safe and free of DOM
// globals at import time: the `ImageData` constructor is looked up only when a helper runs.
import { PixtextError, describeValue } from './errors.js';
import { convert } from './pixel-modes/convert.js';
import { validateRawImage } from './raw-image.js';
import type { RawImage } from './raw-image.js';

/**
 * The part of a DOM `ImageData` that pixtext reads and writes. A real `ImageData` is one; so is a plain object of
 * this shape, which is what {@link toImageData} returns where no `ImageData` constructor exists (Node, workers
 * without canvas). Structurally assignable to the DOM's `ImageData`, so it can go straight to `putImageData`.
 */
export interface ImageDataLike {
  readonly width: number;
  readonly height: number;
  /** `width × height × 4` bytes of straight-alpha RGBA. */
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  /** Always `'srgb'` here: pixtext does not manage colour spaces. */
  readonly colorSpace: 'srgb';
}

type ImageDataConstructor = new (
  data: Uint8ClampedArray<ArrayBuffer>,
  width: number,
  height: number,
  settings?: { colorSpace?: 'srgb' },
) => ImageDataLike;

/**
 * Turns any {@link RawImage} into `ImageData` for a canvas: the image is converted to `RGBA` first (as
 * `convert(image, 'RGBA')` does: palettes expanded, grey replicated, 16-bit samples cut to their high byte, opaque
 * alpha added). The result never shares memory with `image`.
 *
 * @param image - A valid RawImage of any mode.
 * @returns A real `ImageData` when the global `ImageData` constructor exists and the image is not empty (the DOM
 *   refuses zero-sized `ImageData`), else a plain `{ width, height, data, colorSpace: 'srgb' }`.
 * @throws PixtextError `ERR_INVALID_IMAGE` for a malformed image.
 *
 * @example
 * ```ts
 * import { textToImage, toImageData } from 'pixtext';
 * const image = textToImage(text);
 * canvas.width = image.width;
 * canvas.height = image.height;
 * canvas.getContext('2d')!.putImageData(toImageData(image), 0, 0);
 * ```
 */
export function toImageData(image: RawImage): ImageDataLike {
  const source = validateRawImage(image);
  const rgba = source.mode === 'RGBA' ? source.data.slice() : convert(source, 'RGBA').data;
  const data = new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.byteLength);
  const { width, height } = source;
  const ImageDataCtor = (globalThis as { ImageData?: ImageDataConstructor }).ImageData;
  if (typeof ImageDataCtor === 'function' && width > 0 && height > 0) {
    return new ImageDataCtor(data, width, height, { colorSpace: 'srgb' });
  }
  return { width, height, data, colorSpace: 'srgb' };
}

/**
 * Views `ImageData` (from `getImageData`, or any object of that shape) as an `RGBA` {@link RawImage}, without
 * copying: the result's `data` shares memory with `imageData.data`. `imageToText` takes `ImageData` directly; this is
 * for the other building blocks, e.g. `encode(fromImageData(ctx.getImageData(0, 0, w, h)), 'png')`.
 *
 * @param imageData - `{ width, height, data }` with `data` a `Uint8ClampedArray` (or `Uint8Array`) of
 *   `width × height × 4` bytes.
 * @returns `{ width, height, mode: 'RGBA', data }`.
 * @throws PixtextError `ERR_INVALID_IMAGE` when the dimensions are not non-negative integers or `data` has the wrong
 *   type or length.
 *
 * @example
 * ```ts
 * import { encode, fromImageData } from 'pixtext';
 * const png = encode(fromImageData(ctx.getImageData(0, 0, canvas.width, canvas.height)), 'png');
 * ```
 */
export function fromImageData(imageData: { readonly width: number; readonly height: number; readonly data: Uint8ClampedArray | Uint8Array }): RawImage {
  if (typeof imageData !== 'object' || imageData === null) {
    throw new PixtextError('ERR_INVALID_IMAGE', `Invalid ImageData: expected an object but received ${describeValue(imageData)}`);
  }
  const { width, height, data } = imageData;
  if (!(data instanceof Uint8ClampedArray) && !(data instanceof Uint8Array)) {
    throw new PixtextError(
      'ERR_INVALID_IMAGE',
      `Invalid ImageData: data must be a Uint8ClampedArray, received ${describeValue(data)}`,
    );
  }
  // validateRawImage checks the dimensions and that data holds exactly width × height × 4 bytes.
  return validateRawImage(
    { width, height, mode: 'RGBA', data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
    'ImageData',
  );
}
