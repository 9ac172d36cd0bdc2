// Node twin: zlib's CRC-32 (SIMD-accelerated) where this Node has it (20.15+), else the portable one.
import * as zlib from 'node:zlib';
import { crc32 as portableCrc32 } from './crc32.js';

// The portable loops stay reachable here too, so tests of the Node build check them against zlib as well.
export { crc32ByteReads, crc32Hex, crc32WordReads } from './crc32.js';

const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 of `bytes`, continuing from `previous`. Same contract as the portable version. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  // zlib.crc32 (Node 20.20) answers 0, not `previous`, for a view over a zero-length ArrayBuffer: an empty chunk
  // would reset a running CRC. No bytes leave the CRC as it was.
  if (bytes.length === 0) return previous >>> 0;
  return native ? native(bytes, previous) >>> 0 : portableCrc32(bytes, previous);
}
