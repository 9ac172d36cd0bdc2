import type { PixelMode, RawImage } from '../raw-image.js';

/** The file formats pixtext reads and writes. */
export const FORMAT_IDS = ['png', 'jpeg', 'bmp', 'npy'] as const;
/** `'png' | 'jpeg' | 'bmp' | 'npy'`. */
export type FormatId = (typeof FORMAT_IDS)[number];

/** What a file header says, read without decoding the pixels. */
export interface ImageHeader {
  width: number;
  height: number;
  /** The mode `decode` will return. */
  mode: PixelMode;
}

/** Options every codec's `decode` receives, already validated at the public boundary. */
export interface CodecDecodeOptions {
  /** Largest width × height to accept; checked from the header before allocating. `Infinity` disables. */
  maxPixels: number;
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
 * One image format. Codecs are plain objects passed to the functions that need them (no global registry), so a
 * bundle that never names a codec does not contain it.
 */
export interface ImageCodec<Id extends FormatId = FormatId> {
  readonly id: Id;
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
}
