// What imageToText accepts: encoded file bytes, a RawImage, or an ImageData-like RGBA object (docs/ARCHITECTURE.md#public-api).
import { invalidArgument } from '../errors.js';
import type { FormatId, ImageCodec } from '../formats/codec.js';
import { validateRawImage } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import { codecFor } from './codec-set.js';
import type { CodecSet } from './codec-set.js';
import { fromImageData } from '../image-data.js';

/**
 * An object shaped like the DOM's `ImageData` (straight RGBA, 4 bytes a pixel, rows top to bottom). A real
 * `ImageData` is one; so is a plain `{ width, height, data }`.
 */
export interface ImageDataInput {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** What `imageToText` takes: file bytes (PNG/JPEG/BMP, sniffed), a `RawImage`, or an `ImageData`-like object. */
export type ImageInput = Uint8Array | ArrayBuffer | RawImage | ImageDataInput;

/** An input sorted out: a file with its codec, or pixels. */
export type ClassifiedInput =
  | { kind: 'file'; format: FormatId; codec: ImageCodec; bytes: Uint8Array }
  | { kind: 'pixels'; image: RawImage };

/**
 * Sorts `input` into a file (with its codec, by magic bytes) or pixels.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` (not an image input), `ERR_INVALID_IMAGE` (a malformed RawImage),
 * `ERR_UNKNOWN_FORMAT`, `ERR_UNSUPPORTED` (no codec for the file's format)
 * @example
 * ```ts
 * classifyInput(pngBytes, createCodecSet([pngCodec])); // { kind: 'file', format: 'png', codec, bytes }
 * ```
 */
export function classifyInput(input: unknown, codecs: CodecSet): ClassifiedInput {
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    const codec = codecFor(codecs, bytes, 'The input');
    return { kind: 'file', format: codec.id, codec, bytes };
  }
  if (typeof input === 'object' && input !== null && !ArrayBuffer.isView(input)) {
    if ('mode' in input) return { kind: 'pixels', image: validateRawImage(input) };
    if ((input as { data?: unknown }).data instanceof Uint8ClampedArray) {
      return { kind: 'pixels', image: fromImageData(input as ImageDataInput) };
    }
  }
  throw invalidArgument('file bytes, a RawImage or an ImageData', 'input', input);
}
