// textToImage (docs/ARCHITECTURE.md#public-api): any recognised text form back to a RawImage.
import type { RawImage } from '../raw-image.js';
import type { Features } from './features.js';
import { inMode } from './features.js';
import { resolveDecodeOptions } from './options.js';
import { readText } from '../text-forms/recognise.js';
import type { TextContent } from '../text-forms/recognise.js';
import { decodeStored } from './stored-file.js';

/**
 * The image a read text holds, in the mode it declares.
 * @example
 * ```ts
 * imageOfContent(readText(text, features, maxPixels), features, maxPixels);
 * ```
 */
export function imageOfContent(content: TextContent, features: Features, maxPixels: number): RawImage {
  const { codecs, convert } = features;
  switch (content.form) {
    case 'envelope': {
      const { header, payload } = content;
      if (header.encoding !== 'raw') return decodeStored(payload, header.encoding, header, codecs, convert, maxPixels);
      const image: RawImage = { width: header.width, height: header.height, mode: header.mode, data: payload };
      if (header.palette !== undefined) image.palette = header.palette;
      return image;
    }
    case 'pil':
      return content.image;
    default:
      return codecs.get(content.format).decode(content.bytes, { maxPixels });
  }
}

/**
 * Reads an image back from text. Implementation of `textToImage` for one instance's features.
 * @throws PixtextError (see `Pixtext.textToImage`)
 * @example
 * ```ts
 * textToImageWith(createFeatures({ convert }), envelopeText, { mode: 'RGBA' });
 * ```
 */
export function textToImageWith(features: Features, text: unknown, rawOptions: unknown): RawImage {
  const options = resolveDecodeOptions(rawOptions);
  const image = imageOfContent(readText(text, features, options.maxPixels), features, options.maxPixels);
  return inMode(features, image, options.mode);
}
