// Chunked transport: a text as self-describing chunks that fit a datagram, and back, in any order.
export { splitText } from './split.js';
export type { SplitTextOptions } from './split.js';
export { joinText } from './join.js';
export { Reassembler } from './reassembler.js';
export type { ReassemblerOptions, ChunkStatus } from './reassembler.js';
export type { ChunkAddStatus } from './chunk-store.js';
export { ChunkError } from './chunk-error.js';
export type { ChunkErrorLocation } from './chunk-error.js';
export { CHUNK_FORMAT_VERSION, MAX_CHUNK_COUNT, CHUNK_ID_PATTERN } from './chunk-format.js';
