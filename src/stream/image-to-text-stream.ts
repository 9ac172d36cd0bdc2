// imageToText as a stream of strings, for images whose envelope is longer than the engine's maximum string length.
// The envelope puts `crc32` before `data`, so the CRC is computed in a first pass over the pixels (cheap next to
// base64), then the payload is encoded a slice at a time as the consumer pulls.
import { encodeBase64 } from '../base64/base64.js';
import { crc32, crc32Hex } from '../checksum/crc32.js';
import { PixtextError, describeValue } from '../errors.js';
import { fromImageData } from '../image-data.js';
import { convert } from '../pixel-modes/convert.js';
import { checkPixelLimit, validateRawImage } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import { envelopeHead } from './envelope-head.js';
import { resolveImageToTextStreamOptions } from './stream-options.js';
import type { ImageToTextStreamOptions } from './stream-options.js';

/**
 * What {@link imageToTextStream} takes: a RawImage, or an `ImageData`-like object of RGBA pixels.
 * @example
 * ```ts
 * const input: StreamImageInput = { width: 1, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255]) };
 * ```
 */
export type StreamImageInput =
  | RawImage
  | { readonly width: number; readonly height: number; readonly data: Uint8ClampedArray | Uint8Array };

function toRawImage(input: unknown): RawImage {
  if (typeof input === 'object' && input !== null && !ArrayBuffer.isView(input)) {
    if ('mode' in input) return validateRawImage(input);
    const data = (input as { data?: unknown }).data;
    if (data instanceof Uint8ClampedArray || data instanceof Uint8Array) {
      return fromImageData(input as Parameters<typeof fromImageData>[0]);
    }
  }
  throw new PixtextError(
    'ERR_INVALID_ARGUMENT',
    `Expected a RawImage or an ImageData-like object for image but received ${describeValue(input)}`,
  );
}

/**
 * Writes an image as an envelope v1 text (`encoding: 'raw'`), as a stream of strings: concatenated, they are
 * exactly what `imageToText(image, options)` returns, but no string is ever longer than `chunkLength`, so images
 * whose text exceeds the engine's maximum string length (536,870,888 characters in V8: a 16-bit RGBA image over
 * about 50 megapixels, an RGBA one over 100) can be written to files, sockets or `fetch` bodies.
 *
 * Memory: the image (plus a converted copy when `mode` asks for one) and one chunk at a time. The stream is pulled
 * lazily; `image.data` is read while it is consumed, and a CRC taken again on the way out turns a change to the
 * pixels in the meantime into an error instead of a silently wrong text.
 *
 * @param image - A RawImage, or an ImageData-like `{ width, height, data }` of RGBA pixels.
 * @param options - `mode`, `metadata`, `maxPixels`, `chunkLength` (characters per string, default 4 MiB).
 * @returns A `ReadableStream<string>` of the envelope text.
 * @throws PixtextError, synchronously: `ERR_INVALID_ARGUMENT` (bad input or option), `ERR_INVALID_IMAGE`,
 * `ERR_TOO_LARGE` (over `maxPixels`), `ERR_UNSUPPORTED` (an encoding other than raw, or a conversion that cannot
 * be exact). The stream errors with `ERR_CHECKSUM` when `image.data` changes before it has been read.
 * @example
 * ```ts
 * import { imageToTextStream } from 'pixtext';
 * const body = imageToTextStream(image).pipeThrough(new TextEncoderStream());
 * await fetch('/upload', { method: 'POST', body, duplex: 'half' });
 * ```
 */
export function imageToTextStream(image: StreamImageInput, options?: ImageToTextStreamOptions): ReadableStream<string> {
  const o = resolveImageToTextStreamOptions(options);
  let source = toRawImage(image);
  const { orientation } = source; // kept as imageToText keeps it (a conversion builds a new image without it)
  checkPixelLimit(source.width, source.height, o.maxPixels, 'The image', source.mode);
  if (o.mode !== undefined && o.mode !== source.mode) source = convert(source, o.mode);
  const data = source.data;
  const expectedCrc = crc32(data);
  const head = envelopeHead(
    {
      width: source.width,
      height: source.height,
      mode: source.mode,
      encoding: 'raw',
      palette: source.palette,
      metadata: o.metadata,
      orientation,
    },
    data.length,
    expectedCrc,
  );
  const chunkLength = o.chunkLength;
  const bytesPerChunk = (chunkLength / 4) * 3;
  let headAt = 0;
  let dataAt = 0;
  let crcAgain = 0;
  let done = false;

  return new ReadableStream<string>(
    {
      pull(controller) {
        if (headAt < head.length) {
          controller.enqueue(head.slice(headAt, headAt + chunkLength));
          headAt += chunkLength;
          return;
        }
        if (dataAt < data.length) {
          const end = Math.min(data.length, dataAt + bytesPerChunk);
          const slice = data.subarray(dataAt, end);
          crcAgain = crc32(slice, crcAgain);
          dataAt = end;
          if (end === data.length && crcAgain !== expectedCrc) {
            controller.error(
              new PixtextError(
                'ERR_CHECKSUM',
                `The image's pixels changed while its text was being streamed (CRC-32 ${crc32Hex(crcAgain)}, the header says ${crc32Hex(expectedCrc)}): do not modify image.data until the stream is read`,
                { chunk: 'crc32' },
              ),
            );
            return;
          }
          controller.enqueue(encodeBase64(slice));
          return;
        }
        if (!done) {
          done = true;
          controller.enqueue('"}');
          controller.close();
        }
      },
    },
    { highWaterMark: 0 },
  );
}
