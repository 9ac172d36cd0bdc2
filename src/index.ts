// Public API only: re-exports. See docs/ARCHITECTURE.md#public-api.
export { PixtextError, ErrorCode } from './errors.js';
export type { ErrorLocation } from './errors.js';
export { PIXEL_MODES, PIXEL_MODE_NAMES, DEFAULT_MAX_PIXELS, rowStride, byteLengthFor, isPixelMode } from './raw-image.js';
export type { RawImage, PixelMode } from './raw-image.js';
export { convert, DITHER_METHODS } from './pixel-modes/convert.js';
export type { BackgroundColor, ConvertOptions, DitherMethod } from './pixel-modes/convert.js';
export type { ImageCodec, ImageHeader, FormatId, JpegSubsampling } from './formats/codec.js';
export { FORMAT_IDS, PLUGIN_ID_PATTERN } from './formats/codec.js';
export type { CodecDecodeOptions, CodecEncodeOptions } from './formats/codec.js';
export { pngCodec } from './formats/png/index.js';
export { bmpCodec } from './formats/bmp/index.js';
export { jpegCodec } from './formats/jpeg/index.js';
export { gifCodec } from './formats/gif/index.js';
export { webpCodec } from './formats/webp/index.js';
export type { GifCodec, GifHeader } from './formats/gif/index.js';
export { npyCodec } from './formats/npy/index.js';
export { crc32 } from './checksum/crc32.js';
export {
  imageToText,
  imageToTextWithReport,
  textToImage,
  textToFile,
  decode,
  encode,
  detectFormat,
  inspect,
} from './api/default.js';
export { rawImageToText, textToRawImage } from './api/raw.js';
export { BUDGET_QUALITY_FLOOR } from './prepare/text-budget.js';
export { MODEL_PRESETS } from './prepare/presets.js';
export type { ModelPreset, PresetName } from './prepare/presets.js';
export type { TextReport } from './prepare/text-budget.js';
export type { RawImageToTextOptions, TextToRawImageOptions } from './api/raw.js';
export { createPixtext } from './api/pixtext.js';
export type { Pixtext, PixtextConfig } from './api/pixtext.js';
export { pilDumpForm } from './text-forms/pil-dump.js';
export { dataUrlForm } from './text-forms/data-url.js';
export { base64Form } from './text-forms/base64.js';
export { anthropicBlockForm } from './text-forms/anthropic-block.js';
export { openaiBlockForm } from './text-forms/openai-block.js';
export { mcpBlockForm } from './text-forms/mcp-block.js';
export type {
  TextFormHandler,
  PilDumpForm,
  DataUrlForm,
  Base64Form,
  DeclaredSize,
  TextInfo,
  RecognisedForm,
} from './text-forms/form.js';
export type { ConvertFunction, FitFunction } from './api/pixtext.js';
export type { ImageInput, ImageDataInput } from './api/image-to-text.js';
export type { ImageFile } from './api/text-to-image.js';
export { TEXT_FORMS, PAYLOAD_ENCODINGS, ORIENTATION_CHOICES, DEFAULT_QUALITY, DEFAULT_COMPRESSION_LEVEL } from './api/options.js';
export type {
  ImageToTextOptions,
  TextToImageOptions,
  TextToFileOptions,
  DecodeOptions,
  EncodeOptions,
  TextForm,
  PayloadEncoding,
  OrientationChoice,
  OriginalCheck,
} from './api/options.js';
export { ENVELOPE_VERSION, ENVELOPE_ENCODINGS } from './text-forms/envelope-header.js';
export type { EnvelopeEncoding } from './text-forms/envelope-header.js';
export type { EnvelopeHeader } from './text-forms/envelope-header.js';
export { toImageData, fromImageData } from './image-data.js';
export type { ImageDataLike } from './image-data.js';
export {
  splitText,
  joinText,
  Reassembler,
  ChunkError,
  CHUNK_FORMAT_VERSION,
  MAX_CHUNK_COUNT,
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
export { resize } from './resize/resize.js';
export { RESIZE_FILTERS } from './resize/filters.js';
export type { ResizeFilter } from './resize/filters.js';
export type { ResizeOptions } from './resize/resize-options.js';
export { fit } from './resize/fit.js';
export type { FitOptions, FitDraft } from './resize/fit.js';
export type { FitBox } from './resize/fit-box.js';
