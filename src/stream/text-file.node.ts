// Node twin of text-file.ts: images to and from text files through the streaming envelope writer and reader, so a
// file may hold a text longer than the engine's maximum string length. Writes go to a temporary file renamed into
// place, so a failed or interrupted write never leaves a partial text under the wanted name.
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { textToImage } from '../api/default.js';
import { PixtextError, invalidArgument } from '../errors.js';
import type { RawImage } from '../raw-image.js';
import { imageToTextStream } from './image-to-text-stream.js';
import type { StreamImageInput } from './image-to-text-stream.js';
import { textToImageStream } from './text-to-image-stream.js';
import { resolveReadImageTextFileOptions } from './stream-options.js';
import type { ImageToTextStreamOptions, ReadImageTextFileOptions } from './stream-options.js';

export type { ReadImageTextFileOptions } from './stream-options.js';

// Bytes per read, and characters per string written: small enough that each string V8 makes for them is a young
// object, collected at once by the cheap scavenger instead of piling up in large-object space until a full GC
// (which costs around 100 MB at the peak of a 576 MB image); large enough that per-piece overhead vanishes.
const READ_CHUNK = 64 * 1024;
const WRITE_PIECE = 64 * 1024;
// Bytes per write call: pieces are copied into one reused buffer, so writing makes no garbage.
const WRITE_BUFFER = 1024 * 1024;

function filePath(path: unknown): string {
  if (path instanceof URL) return fileURLToPath(path);
  if (typeof path === 'string' && path.length > 0) return path;
  throw invalidArgument('a file path (a non-empty string or a file: URL)', 'path', path);
}

/**
 * Writes `image` to a file as an envelope v1 text (`encoding: 'raw'`), streamed: the file holds exactly what
 * `imageToText(image, options)` returns, also when that text is longer than the engine's maximum string length.
 * Memory: the image and one chunk. The text goes to a temporary file next to `path`, renamed over `path` at the end.
 *
 * @param path - The file to write (a path or a `file:` URL); replaced if it exists.
 * @param image - A RawImage, or an ImageData-like `{ width, height, data }` of RGBA pixels.
 * @param options - As {@link imageToTextStream}: `mode`, `metadata`, `maxPixels`, `chunkLength`.
 * @throws PixtextError as {@link imageToTextStream}; Node's file system errors as they are.
 * @example
 * ```ts
 * import { writeImageTextFile, readImageTextFile } from 'pixtext';
 * await writeImageTextFile('scan.json', { width: 12000, height: 12000, mode: 'RGBA', data });
 * const back = await readImageTextFile('scan.json');
 * ```
 */
export async function writeImageTextFile(
  path: string | URL,
  image: StreamImageInput,
  options?: ImageToTextStreamOptions,
): Promise<void> {
  const target = filePath(path);
  const chunkLength = Math.min(options?.chunkLength ?? WRITE_PIECE, WRITE_PIECE);
  const reader = imageToTextStream(image, { ...options, chunkLength }).getReader();
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    try {
      const buffer = Buffer.allocUnsafe(WRITE_BUFFER);
      let used = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done || used + value.length > WRITE_BUFFER) {
          if (used > 0) await handle.write(buffer, 0, used);
          used = 0;
        }
        if (done) break;
        // The envelope is ASCII: latin1 copies the string's one-byte characters as they are.
        used += buffer.write(value, used, 'latin1');
      }
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}

// An envelope begins with `{` and one of its own member names; anything else (a data URL, bare base64, the Pillow
// dump JSON) is one of the text forms that only textToImage reads.
const ENVELOPE_START = /^[ \t\r\n]*\{[ \t\r\n]*"(?:pixtext|width|height|mode|encoding|palette|source|metadata|byteLength|crc32|data)"[ \t\r\n]*:/;

/** The file's bytes as pieces, the first one already read (to look at) and given back first. */
async function* replay(first: Uint8Array | undefined, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (first !== undefined) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}

/**
 * Reads an image from a text file. An envelope v1 (`encoding: 'raw'`) is streamed: memory is the image plus a fixed
 * buffer, also when the text is longer than the engine's maximum string length. Any other text form (a data URL,
 * bare base64, the Pillow dump JSON, or an envelope holding a PNG/JPEG/BMP file) is read whole and given to
 * `textToImage`, so it must fit in one string.
 *
 * @param path - The file to read (a path or a `file:` URL), UTF-8 text.
 * @param options - `maxPixels` (checked before the pixels are allocated), `mode` (convert on the way out).
 * @returns The image, verified against the envelope's `byteLength` and `crc32`.
 * @throws PixtextError as {@link textToImageStream} and `textToImage`; `ERR_TOO_LARGE` for a text that is not a raw
 * envelope and is longer than the engine's maximum string length. Node's file system errors (e.g. `ENOENT`) as they are.
 * @example
 * ```ts
 * const image = await readImageTextFile('scan.json', { maxPixels: Infinity });
 * ```
 */
export async function readImageTextFile(path: string | URL, options?: ReadImageTextFileOptions): Promise<RawImage> {
  const source = filePath(path);
  const { maxStringLength, ...readOptions } = resolveReadImageTextFileOptions(options);
  const file = createReadStream(source, { highWaterMark: READ_CHUNK });
  try {
    const pieces = file[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
    const first = await pieces.next();
    const head = first.done === true ? undefined : first.value;
    const start = head === undefined ? '' : new TextDecoder().decode(head.subarray(0, 4096));
    if (ENVELOPE_START.test(start)) {
      try {
        return await textToImageStream(replay(head, pieces), readOptions);
      } catch (error) {
        // An envelope holding a PNG/JPEG/BMP file is refused before its payload is read: textToImage takes it.
        if (!(error instanceof PixtextError && error.code === 'ERR_UNSUPPORTED' && error.chunk === 'encoding')) throw error;
      }
    }
  } finally {
    file.destroy();
  }
  // Another text form: it must fit in one string. Bytes are an upper bound of its characters (UTF-8).
  const { size } = await stat(source);
  if (size > maxStringLength) {
    throw new PixtextError(
      'ERR_TOO_LARGE',
      `${source} holds ${size} bytes of text that is not a raw pixtext envelope; only raw envelopes stream, and this engine holds at most ${maxStringLength} characters in one string`,
    );
  }
  return textToImage(await readFile(source, 'utf8'), readOptions);
}
