// Portable twin of text-file.node.ts: files need Node. In a browser, pipe imageToTextStream into a WritableStream
// (the File System Access API, a fetch body) and give textToImageStream a Response body or a File's stream().
import { PixtextError } from '../errors.js';
import type { RawImage } from '../raw-image.js';
import type { StreamImageInput } from './image-to-text-stream.js';
import type { ImageToTextStreamOptions, ReadImageTextFileOptions } from './stream-options.js';

export type { ReadImageTextFileOptions } from './stream-options.js';

function needsNode(name: string, instead: string): PixtextError {
  return new PixtextError('ERR_UNSUPPORTED', `${name} needs Node (node:fs); this build runs without it: ${instead}`);
}

/**
 * Writes an image's envelope text to a file, streamed (Node only; this build rejects with `ERR_UNSUPPORTED`).
 * @throws PixtextError `ERR_UNSUPPORTED` in this build.
 * @example
 * ```ts
 * await writeImageTextFile('big.json', image); // Node
 * ```
 */
export async function writeImageTextFile(
  _path: string | URL,
  _image: StreamImageInput,
  _options?: ImageToTextStreamOptions,
): Promise<void> {
  throw needsNode('writeImageTextFile', 'pipe imageToTextStream(image) into a WritableStream instead');
}

/**
 * Reads an image from a text file, streamed (Node only; this build rejects with `ERR_UNSUPPORTED`).
 * @throws PixtextError `ERR_UNSUPPORTED` in this build.
 * @example
 * ```ts
 * const image = await readImageTextFile('big.json'); // Node
 * ```
 */
export async function readImageTextFile(_path: string | URL, _options?: ReadImageTextFileOptions): Promise<RawImage> {
  throw needsNode('readImageTextFile', 'give textToImageStream a Response body or file.stream() instead');
}
