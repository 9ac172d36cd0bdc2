// textToFile (docs/ARCHITECTURE.md#public-api): text to the bytes of an image file, the stored bytes untouched when they already are one.
import type { FormatId } from '../formats/codec.js';
import type { CodecSet } from './codec-set.js';
import type { Features } from './features.js';
import { resolveTextToFileOptions } from './options.js';
import { readText } from '../text-forms/recognise.js';
import type { TextContent } from '../text-forms/recognise.js';
import { imageOfContent } from './text-to-image.js';

/** An image file: its format and bytes. */
export interface ImageFile {
  format: FormatId;
  bytes: Uint8Array;
}

/** The encoded file a text holds, if any. */
function storedFile(content: TextContent, codecs: CodecSet): ImageFile | undefined {
  if (content.form === 'envelope') {
    const { header, payload } = content;
    if (header.encoding === 'raw') return undefined;
    // The file must really be of the declared format before it is handed out as one.
    return codecs.detect(payload) === header.encoding ? { format: header.encoding, bytes: payload } : undefined;
  }
  if (content.form === 'pil') return undefined;
  return { format: content.format, bytes: content.bytes };
}

/**
 * Turns text into image file bytes. Implementation of `textToFile` for one instance's features.
 * @throws PixtextError (see `Pixtext.textToFile`)
 * @example
 * ```ts
 * textToFileWith(createFeatures({ codecs: [pngCodec] }), text, { format: 'png' }).bytes;
 * ```
 */
export function textToFileWith(features: Features, text: unknown, rawOptions: unknown): ImageFile {
  const options = resolveTextToFileOptions(rawOptions);
  const { codecs } = features;
  const content = readText(text, features, options.maxPixels);
  const stored = storedFile(content, codecs);
  if (stored !== undefined && (options.format === undefined || options.format === stored.format)) return stored;
  const format = options.format ?? 'png';
  const codec = codecs.get(format);
  return { format, bytes: codec.encode(imageOfContent(content, features, options.maxPixels), options) };
}
