// imageToText (docs/ARCHITECTURE.md#public-api): an image in, one of the text forms out.
import { writeEnvelope } from '../text-forms/envelope-write.js';
import type { EnvelopeContent } from '../text-forms/envelope-write.js';
import { invalidArgument } from '../errors.js';
import type { FormatId, ImageCodec } from '../formats/codec.js';
import { checkPixelLimit } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import type { Features } from './features.js';
import { inMode } from './features.js';
import type { FormSet } from '../text-forms/form.js';
import { classifyInput } from './image-input.js';
import type { ClassifiedInput } from './image-input.js';
import { resolveImageToTextOptions } from './options.js';
import type { PayloadEncoding, ResolvedImageToTextOptions } from './options.js';
import { encodeStored } from './stored-file.js';

/** The payload encoding when none is given (docs/ARCHITECTURE.md#public-api). */
function defaultEncoding(options: ResolvedImageToTextOptions, input: ClassifiedInput): PayloadEncoding {
  if (options.as === 'envelope' || options.as === 'pil') return 'raw';
  return input.kind === 'file' && options.mode === undefined ? 'original' : 'png';
}

/** Rejects combinations that would drop or contradict something the caller asked for. */
function checkCombination(options: ResolvedImageToTextOptions, encoding: PayloadEncoding, input: ClassifiedInput): void {
  if (options.as === 'pil' && encoding !== 'raw') {
    throw invalidArgument(`encoding 'raw' with as: 'pil'`, 'encoding', encoding);
  }
  if ((options.as === 'data-url' || options.as === 'base64') && encoding === 'raw') {
    throw invalidArgument(`an encoded file with as: '${options.as}'`, 'encoding', encoding);
  }
  if (options.metadata !== undefined && options.as !== 'envelope') {
    throw invalidArgument(`no metadata with as: '${options.as}'`, 'metadata', options.metadata);
  }
  if (encoding === 'original' && options.mode !== undefined) {
    throw invalidArgument(`no mode with encoding 'original'`, 'mode', options.mode);
  }
}

function pixelsOf(input: ClassifiedInput, options: ResolvedImageToTextOptions, features: Features): RawImage {
  let image: RawImage;
  if (input.kind === 'file') {
    image = input.codec.decode(input.bytes, { maxPixels: options.maxPixels });
  } else {
    image = input.image;
    checkPixelLimit(image.width, image.height, options.maxPixels, 'The input image', image.mode);
  }
  return inMode(features, image, options.mode);
}

function fileText(forms: FormSet, codec: ImageCodec, bytes: Uint8Array, as: 'data-url' | 'base64'): string {
  return as === 'data-url' ? forms.get(as).write(codec.mimeType, bytes) : forms.get(as).write(bytes);
}

/**
 * Turns an image into text. Implementation of `imageToText` for one instance's features. `envelope` writes the
 * envelope form (defaults to `writeEnvelope`; the command line passes `writeEnvelopeBytes` to get bytes and no
 * string); the other text forms are strings as ever.
 * @throws PixtextError (see `Pixtext.imageToText`)
 * @example
 * ```ts
 * imageToTextWith(createFeatures({}), rawImage, { metadata: { id: 7 } });
 * ```
 */
export function imageToTextWith(features: Features, input: unknown, rawOptions: unknown): string;
export function imageToTextWith<T>(
  features: Features,
  input: unknown,
  rawOptions: unknown,
  envelope: (content: EnvelopeContent) => T,
): T | string;
export function imageToTextWith(
  features: Features,
  input: unknown,
  rawOptions: unknown,
  envelope: (content: EnvelopeContent) => unknown = writeEnvelope,
): unknown {
  const options = resolveImageToTextOptions(rawOptions);
  const { codecs, forms } = features;
  const classified = classifyInput(input, codecs);
  const encoding = options.encoding ?? defaultEncoding(options, classified);
  checkCombination(options, encoding, classified);
  // A form this instance lacks is refused before any decoding or encoding.
  if (options.as !== 'envelope') forms.get(options.as);
  const source: FormatId | undefined = classified.kind === 'file' ? classified.format : undefined;

  if (encoding === 'original') {
    if (classified.kind !== 'file') {
      throw invalidArgument(`file bytes as input with encoding 'original'`, 'input', classified.image);
    }
    const { codec, bytes } = classified;
    if (options.as !== 'envelope') return fileText(forms, codec, bytes, options.as === 'data-url' ? 'data-url' : 'base64');
    // The header gives what textToImage will return, without decoding the pixels.
    const header = codec.header(bytes);
    checkPixelLimit(header.width, header.height, options.maxPixels, `The ${codec.id} header`, header.mode);
    return envelope({ ...header, encoding: codec.id, source, metadata: options.metadata, data: bytes });
  }

  const image = pixelsOf(classified, options, features);
  if (options.as === 'pil') return forms.get('pil').write(image, source);
  const { width, height, mode, data, palette } = image;
  if (encoding === 'raw') {
    return envelope({ width, height, mode, encoding: 'raw', palette, source, metadata: options.metadata, data });
  }
  const codec = codecs.get(encoding);
  const bytes = encodeStored(image, codec, options, features.convert);
  if (options.as !== 'envelope') return fileText(forms, codec, bytes, options.as);
  return envelope({ width, height, mode, encoding: codec.id, source, metadata: options.metadata, data: bytes });
}
