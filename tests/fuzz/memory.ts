// The memory ceiling of the fuzz harness. With a small `maxPixels` (65,536) a reader can never allocate much, which
// hides the file that declares a huge image from a few bytes; so a share of the inputs runs at the default
// `maxPixels`, and the memory each of those takes is measured and bounded by a small multiple of the input's size plus
// a constant, derived from the decoders' own decompression-bomb policy (src/raw-image.ts, `checkExpansion`).
import { DEFAULT_MAX_EXPANSION, EXPANSION_ALLOWANCE_BYTES } from '../../src/raw-image.js';

/** One input in this many runs at the default `maxPixels` with its memory measured. */
export const MEMORY_SHARE = 8;

/**
 * How many times the largest output a reader may return its memory may grow: the output itself and up to twice as
 * much in working buffers, as the decoders need: a progressive JPEG holds 2 bytes of coefficients a sample beside its
 * 1-byte output, VP8L decodes into 4-byte ARGB words before writing 3-byte RGB.
 */
export const MEMORY_OUTPUT_FACTOR = 3;

/**
 * Bytes of memory growth allowed per byte of input: {@link MEMORY_OUTPUT_FACTOR} × the decoded pixel bytes a reader
 * may return per input byte (`DEFAULT_MAX_EXPANSION`, 8,256): 24,768.
 */
export const MEMORY_BYTES_PER_INPUT_BYTE = MEMORY_OUTPUT_FACTOR * DEFAULT_MAX_EXPANSION;

/**
 * Bytes of memory growth allowed whatever the input's size: {@link MEMORY_OUTPUT_FACTOR} × the output any file may give
 * regardless of its size (`EXPANSION_ALLOWANCE_BYTES`, 48 MiB), plus 32 MiB for the heap a JavaScript reader grows
 * while it runs (parsed text, chunk lists, Huffman tables): 176 MiB.
 */
export const MEMORY_ALLOWANCE_BYTES = MEMORY_OUTPUT_FACTOR * EXPANSION_ALLOWANCE_BYTES + 32 * 1024 * 1024;

/** The most memory an input of `inputBytes` bytes (or characters) may take: 24,768 × size + 176 MiB. */
export function memoryCeiling(inputBytes: number): number {
  return MEMORY_BYTES_PER_INPUT_BYTE * inputBytes + MEMORY_ALLOWANCE_BYTES;
}

/** A snapshot of what a run can have grown: the isolate's heap and ArrayBuffers, and the process's peak RSS. */
export interface MemoryMark {
  retained: number;
  rss: number;
  maxRss: number;
}

/** Takes a {@link MemoryMark}. */
export function markMemory(): MemoryMark {
  const usage = process.memoryUsage();
  return { retained: usage.heapUsed + usage.arrayBuffers, rss: usage.rss, maxRss: process.resourceUsage().maxRSS * 1024 };
}

/**
 * The peak memory growth since `before`, as well as it can be seen from JavaScript: the larger of
 * - the growth of the heap and ArrayBuffers (the output and anything not yet collected: typed arrays count when
 *   allocated, even while their pages are untouched, which is how a bomb's output looks), and
 * - when the process's peak RSS rose during the run, that peak above the RSS at the start (buffers written and freed
 *   within the run).
 * A transient buffer that was collected and never raised the peak RSS is not seen: the measure can under-count, never
 * over-count beyond what the process really held.
 */
export function memoryGrowth(before: MemoryMark, after: MemoryMark = markMemory()): number {
  const retained = after.retained - before.retained;
  const peak = after.maxRss > before.maxRss ? after.maxRss - before.rss : 0;
  return Math.max(retained, peak, 0);
}

/** Mebibytes, for messages. */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
