// The memory ceiling of the fuzz harness. With a small `maxPixels` (65,536) a reader can never allocate much, which
// hides the file that declares a huge image from a few bytes; so a share of the inputs runs at the default
// `maxPixels`, and the memory each of those takes is measured and bounded by a small multiple of the input's size plus
// a constant, derived from the decoders' own decompression-bomb policy (src/raw-image.ts, `checkExpansion`).
import { DEFAULT_MAX_EXPANSION, EXPANSION_ALLOWANCE_BYTES } from '../../src/raw-image.js';

/** One input in this many runs at the default `maxPixels` with its memory measured. */
export const MEMORY_SHARE = 8;

/**
 * Bytes of memory growth allowed per byte of input: twice the decoded pixel bytes a reader may return per input byte
 * (`DEFAULT_MAX_EXPANSION`, 8,256), as a decoder holds its output and at most about as much again in working buffers
 * (a JPEG's coefficients, an unfiltered copy, the converted image textToImage returns).
 */
export const MEMORY_BYTES_PER_INPUT_BYTE = 2 * DEFAULT_MAX_EXPANSION;

/**
 * Bytes of memory growth allowed whatever the input's size: twice the output any file may give regardless of its size
 * (`EXPANSION_ALLOWANCE_BYTES`, 48 MiB), plus 32 MiB for the heap a JavaScript reader grows while it runs (parsed
 * text, chunk lists, Huffman tables).
 */
export const MEMORY_ALLOWANCE_BYTES = 2 * EXPANSION_ALLOWANCE_BYTES + 32 * 1024 * 1024;

/** The most memory an input of `inputBytes` bytes (or characters) may take: 16,512 × size + 128 MiB. */
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
