// imageToText (DESIGN §2): an image in, one of the text forms out.
import { encodeBase64 } from '../base64/base64.js';
import { formatDataUrl } from '../envelope/data-url.js';
import { writeEnvelope } from '../envelope/envelope-write.js';
import { writePilDump } from '../envelope/pil-dump.js';
import { invalidArgument } from '../errors.js';
import type { FormatId, ImageCodec } from '../formats/codec.js';
import { convert } from '../pixel-modes/convert.js';
import { checkPixelLimit } from '../raw-image.js';
import type { RawImage } from '../raw-image.js';
import type { CodecSet } from './codec-set.js';
import { classifyInput } from './image-input.js';
import type { ClassifiedInput } from './image-input.js';
import { resolveImageToTextOptions } from './options.js';
import type { PayloadEncoding, ResolvedImageToTextOptions } from './options.js';
import { encodeStored } from './stored-file.js';

/** The payload encoding when none is given (DESIGN §2). */
function defaultEncoding(options: ResolvedImageToTextOptions, input: ClassifiedInput): PayloadEncoding {
  if (options.as === 'envelope' || options.as === 'pil') return 'raw';
  return input.kind === 'file' && options.mode === undefined ? 'original' : 'png';
}

/** Rejects combinations that would drop or contradict something the caller asked for. */
function checkCombination(options: ResolvedImageToTextOptions, encoding: PayloadEncoding, input: ClassifiedInput): void {
  if (options.as === 'pil' && encoding !== 'raw') {
    throw invalidArgument(`encoding 'raw' (a Pillow dump holds raw pixels)`, 'encoding', encoding);
  }
  if ((options.as === 'data-url' || options.as === 'base64') && encoding === 'raw') {
    throw invalidArgument(`an encoded file ('png', 'jpeg', 'bmp' or 'original') with as: '${options.as}'`, 'encoding', encoding);
  }
  if (options.metadata !== undefined && options.as !== 'envelope') {
    throw invalidArgument(`no metadata with as: '${options.as}' (only an envelope stores it)`, 'metadata', options.metadata);
  }
  if (encoding === 'original' && options.mode !== undefined) {
    throw invalidArgument(`no mode conversion with encoding 'original' (the file is stored untouched)`, 'mode', options.mode);
  }
}

function pixelsOf(input: ClassifiedInput, options: ResolvedImageToTextOptions): RawImage {
  let image: RawImage;
  if (input.kind === 'file') {
    image = input.codec.decode(input.bytes, { maxPixels: options.maxPixels });
  } else {
    image = input.image;
    checkPixelLimit(image.width, image.height, options.maxPixels, 'The input image', image.mode);
  }
  return options.mode === undefined || options.mode === image.mode ? image : convert(image, options.mode);
}

function fileText(codec: ImageCodec, bytes: Uint8Array, as: 'data-url' | 'base64'): string {
  return as === 'data-url' ? formatDataUrl(codec.mimeType, bytes) : encodeBase64(bytes);
}

/**
 * Turns an image into text. Implementation of `imageToText` for one set of codecs.
 * @throws PixtextError (see `Pixtext.imageToText`)
 * @example
 * ```ts
 * imageToTextWith(createCodecSet([]), rawImage, { metadata: { id: 7 } });
 * ```
 */
export function imageToTextWith(codecs: CodecSet, input: unknown, rawOptions: unknown): string {
  const options = resolveImageToTextOptions(rawOptions);
  const classified = classifyInput(input, codecs);
  const encoding = options.encoding ?? defaultEncoding(options, classified);
  checkCombination(options, encoding, classified);
  const source: FormatId | undefined = classified.kind === 'file' ? classified.format : undefined;

  if (encoding === 'original') {
    if (classified.kind !== 'file') {
      throw invalidArgument(`file bytes as input with encoding 'original'`, 'input', classified.image);
    }
    const { codec, bytes } = classified;
    if (options.as !== 'envelope') return fileText(codec, bytes, options.as === 'data-url' ? 'data-url' : 'base64');
    // The header gives what textToImage will return, without decoding the pixels.
    const header = codec.header(bytes);
    checkPixelLimit(header.width, header.height, options.maxPixels, `The ${codec.id} header`, header.mode);
    return writeEnvelope({ ...header, encoding: codec.id, source, metadata: options.metadata, data: bytes });
  }

  const image = pixelsOf(classified, options);
  if (options.as === 'pil') return writePilDump(image, source === undefined ? {} : { format: source.toUpperCase() });
  if (encoding === 'raw') {
    const { width, height, mode, data, palette } = image;
    return writeEnvelope({ width, height, mode, encoding: 'raw', palette, source, metadata: options.metadata, data });
  }
  const codec = codecs.get(encoding);
  const bytes = encodeStored(image, codec, options);
  if (options.as !== 'envelope') return fileText(codec, bytes, options.as);
  const { width, height, mode } = image;
  return writeEnvelope({ width, height, mode, encoding: codec.id, source, metadata: options.metadata, data: bytes });
}
