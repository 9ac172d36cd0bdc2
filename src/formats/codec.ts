import type { PixelMode, RawImage } from '../raw-image.js';

/**
 * The built-in file formats: the ones pixtext names from their magic bytes even without their codec, and the
 * encodings an envelope v1 may declare. A plug-in codec brings any other id (see {@link ImageCodec}).
 */
export const FORMAT_IDS = [
  'png',
  'jpeg',
  'bmp',
  'gif',
  'webp',
  'npy',
] as const;
/** One of {@link FORMAT_IDS}. */
export type FormatId = (typeof FORMAT_IDS)[number];

/**
 * The id of a plug-in codec's format: lowercase ASCII letters and digits, starting with a letter, 2 to 16 long
 * (`tiff`, `qoi`). `raw` and `original` are taken by the `encoding` option.
 */
export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9]{1,15}$/;

/** What a file header says, read without decoding the pixels. */
export interface ImageHeader {
  width: number;
  height: number;
  /** The mode `decode` will return. */
  mode: PixelMode;
  /** Frames in the file, for formats that hold several (GIF counts its image descriptors). */
  frameCount?: number;
}

/** Options every codec's `decode` receives, already validated at the public boundary. */
export interface CodecDecodeOptions {
  /** Largest width × height to accept; checked from the header before allocating. `Infinity` disables. */
  maxPixels: number;
  /**
   * Most bytes of decoded pixels per byte of the file, beyond a fixed 48 MiB (a decompression bomb is refused);
   * checked from the header before allocating. Defaults to 8,256; `Infinity` disables.
   */
  maxExpansion?: number | undefined;
  /**
   * Decode at a reduced size where the format can do so cheaply, as Pillow's `draft()`: JPEG picks the smallest
   * DCT scale (1/1, 1/2, 1/4, 1/8) whose result is at least this size. Other codecs ignore it.
   */
  draft?: { width: number; height: number };
}

/** JPEG chroma subsampling: Cb and Cr at full resolution, halved horizontally, or halved both ways. */
export const JPEG_SUBSAMPLINGS = ['4:4:4', '4:2:2', '4:2:0'] as const;
/** One of {@link JPEG_SUBSAMPLINGS}. */
export type JpegSubsampling = (typeof JPEG_SUBSAMPLINGS)[number];

/** JPEG quality used unless `quality` says otherwise (the one definition; the API and the JPEG encoder read it). */
export const DEFAULT_QUALITY = 90;
/** PNG zlib level used unless `compressionLevel` says otherwise, as libpng and zlib use (the one definition). */
export const DEFAULT_COMPRESSION_LEVEL = 6;

/** Options every codec's `encode` receives, already validated at the public boundary. */
export interface CodecEncodeOptions {
  /** JPEG quality 1–100. */
  quality: number;
  /**
   * JPEG chroma subsampling. Left out: libjpeg's (and Pillow's) default, `'4:2:0'` for colour and one 1×1 component
   * for grey.
   */
  subsampling?: JpegSubsampling | undefined;
  /** JPEG: Huffman tables computed for the image (smaller file, two passes) instead of the standard ones. */
  optimize?: boolean | undefined;
  /** JPEG: progressive (SOF2) with libjpeg's scan script and optimal tables, instead of baseline. */
  progressive?: boolean | undefined;
  /** PNG zlib level 0–9. */
  compressionLevel: number;
}

/**
 * One image format: what `createPixtext({ codecs })` takes. pixtext's own codecs (`pngCodec`, `jpegCodec`,
 * `bmpCodec`, `gifCodec`) are such objects, and so is a plug-in codec written outside pixtext. Codecs are plain
 * objects passed to the functions that need them (no global registry), so a bundle that never names a codec does
 * not contain it.
 *
 * A plug-in codec for a format pixtext does not build in uses an id of its own (lowercase letters and digits, see
 * {@link PLUGIN_ID_PATTERN}, e.g. `'tiff'`); the instance's `decode`, `encode`, `detectFormat`, `textToFile`,
 * `imageToText` (file input; `encoding` for data URLs and bare base64) and `textToImage` of data URLs and bare base64
 * then know that id. The envelope v1 stores only the built-in encodings ({@link FORMAT_IDS}): a plug-in format goes
 * into an envelope as raw pixels or re-encoded (`encoding: 'png'`), never under its own id. A codec for a built-in
 * id replaces pixtext's own.
 *
 * Contract: `sniff` never throws; `header`, `decode` and `encode` throw only `PixtextError` (`ERR_CORRUPT`,
 * `ERR_TRUNCATED`, `ERR_TOO_LARGE`, `ERR_UNSUPPORTED`, …); `decode` checks `options.maxPixels` and `options.maxExpansion` from the
 * header before allocating (`checkDecodeLimits`); `encode` refuses (`ERR_UNSUPPORTED`, naming the conversion) a mode it cannot store exactly instead of
 * changing the pixels; `header(bytes).mode` is the mode `decode` returns.
 *
 * @example
 * ```ts
 * import { createPixtext, pngCodec, type ImageCodec } from 'pixtext';
 * const qoiCodec: ImageCodec<'qoi'> = {
 *   id: 'qoi', mimeType: 'image/qoi', extensions: ['qoi'], encodableModes: ['RGB', 'RGBA'],
 *   sniff: (bytes) => bytes[0] === 0x71 && bytes[1] === 0x6f && bytes[2] === 0x69 && bytes[3] === 0x66,
 *   header: readQoiHeader, decode: decodeQoi, encode: encodeQoi,
 * };
 * const pixtext = createPixtext({ codecs: [pngCodec, qoiCodec] });
 * pixtext.encode(image, 'qoi'); // 'qoi' is a format of this instance, by type and at run time
 * ```
 */
export interface ImageCodec<Id extends string = FormatId> {
  /** The format's id: one of {@link FORMAT_IDS}, or a plug-in id matching {@link PLUGIN_ID_PATTERN}. */
  readonly id: Id;
  /** The media type data URLs of this format carry, e.g. `image/png`. */
  readonly mimeType: string;
  /** File name extensions, lowercase without the dot, the first preferred. */
  readonly extensions: readonly string[];
  /** True when `bytes` start with this format's magic bytes. Never throws. */
  sniff(bytes: Uint8Array): boolean;
  /** Dimensions and decoded mode from the header alone. @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED` */
  header(bytes: Uint8Array): ImageHeader;
  /** Modes `encode` accepts as they are; others are `ERR_UNSUPPORTED` naming the conversion to ask for. */
  readonly encodableModes: readonly PixelMode[];
  /** Decodes to the format's native mode. @throws PixtextError */
  decode(bytes: Uint8Array, options: CodecDecodeOptions): RawImage;
  /** Encodes losslessly where the format allows. @throws PixtextError `ERR_UNSUPPORTED` for modes it cannot hold */
  encode(image: RawImage, options: CodecEncodeOptions): Uint8Array;
  /**
   * Formats with EXIF: the Orientation (1–8) the file carries, as Pillow's `getexif()` reads it, or undefined.
   * Never throws. Left out, the format carries none (GIF, BMP).
   */
  orientation?(bytes: Uint8Array): number | undefined;
  /**
   * Formats with EXIF: a file this codec's `encode` wrote, with EXIF Orientation `orientation` (1–8) added where
   * Pillow writes it. Left out, files of this format are written without one (and an orientation other than 1 is
   * refused rather than dropped).
   */
  withOrientation?(bytes: Uint8Array, orientation: number): Uint8Array;
}
