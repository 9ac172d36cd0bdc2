// Streaming: envelopes longer than the engine's maximum string length, and text files in Node.
export { imageToTextStream } from './image-to-text-stream.js';
export type { StreamImageInput } from './image-to-text-stream.js';
export { textToImageStream } from './text-to-image-stream.js';
export type { TextStreamSource } from './text-to-image-stream.js';
export { writeImageTextFile, readImageTextFile } from './text-file.js';
export { ENGINE_MAX_STRING_LENGTH, DEFAULT_CHUNK_LENGTH } from './stream-options.js';
export type { ImageToTextStreamOptions, TextToImageStreamOptions, ReadImageTextFileOptions } from './stream-options.js';
