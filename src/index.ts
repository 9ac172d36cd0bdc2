// Public API only: re-exports. See DESIGN.md §2.
export { PixtextError, ErrorCode } from './errors.js';
export type { ErrorLocation } from './errors.js';
export { PIXEL_MODES, PIXEL_MODE_NAMES, DEFAULT_MAX_PIXELS, rowStride, byteLengthFor, isPixelMode } from './raw-image.js';
export type { RawImage, PixelMode } from './raw-image.js';
export { convert, DITHER_METHODS } from './pixel-modes/convert.js';
export type { BackgroundColor, ConvertOptions, DitherMethod } from './pixel-modes/convert.js';
export type { ImageCodec, ImageHeader, FormatId } from './formats/codec.js';
export { FORMAT_IDS } from './formats/codec.js';
export { pngCodec } from './formats/png/index.js';
export { bmpCodec } from './formats/bmp/index.js';
export { jpegCodec } from './formats/jpeg/index.js';
export { crc32 } from './checksum/crc32.js';
export { toImageData, fromImageData } from './image-data.js';
export type { ImageDataLike } from './image-data.js';
export {
  splitText,
  joinText,
  Reassembler,
  ChunkError,
  CHUNK_FORMAT_VERSION,
  MAX_CHUNK_COUNT,
  MAX_TEXT_LENGTH,
  CHUNK_ID_PATTERN,
} from './transport/index.js';
export type {
  SplitTextOptions,
  ReassemblerOptions,
  ChunkStatus,
  ChunkAddStatus,
  ChunkErrorLocation,
} from './transport/index.js';
export { platform } from './platform-name.js';
export {
  imageToTextStream,
  textToImageStream,
  writeImageTextFile,
  readImageTextFile,
  ENGINE_MAX_STRING_LENGTH,
  DEFAULT_CHUNK_LENGTH,
} from './stream/index.js';
export type {
  StreamImageInput,
  TextStreamSource,
  ImageToTextStreamOptions,
  TextToImageStreamOptions,
  ReadImageTextFileOptions,
} from './stream/index.js';
