// Node twin: zlib's CRC-32 (SIMD-accelerated) where this Node has it (20.15+), else the portable one.
import * as zlib from 'node:zlib';
import { crc32 as portableCrc32 } from './crc32.js';

export { crc32Hex } from './crc32.js';

const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 of `bytes`, continuing from `previous`. Same contract as the portable version. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return native ? native(bytes, previous) >>> 0 : portableCrc32(bytes, previous);
}
