// PNG-aware mutations. Most random changes to a PNG only meet the CRC check, so most of these fix the CRC (and the
// length) after changing a chunk, to reach the code behind it: IHDR fields, PLTE/tRNS sizes, chunk order, chunk
// lengths, and the inflated image data itself (filter bytes, rows too short or too long), re-deflated.
// Spec: https://www.w3.org/TR/png-3/#5Chunk-layout. CRCs and zlib come from node:zlib, never from the code under test.
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { concat, mutateBytes, putUint, randomBytes, someU32 } from './byte-mutators.js';
import type { Rng } from './rng.js';

/** One chunk of a seed PNG. */
interface Chunk {
  type: string;
  data: Uint8Array;
}

/** A seed PNG taken apart once. */
export interface PngSeed {
  bytes: Uint8Array;
  chunks: Chunk[];
  /** The inflated image data (filter bytes and rows) of the IDAT run. */
  filtered: Uint8Array;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Parses a well-formed seed PNG (the fixtures are; this is not the code under test). */
export function parsePngSeed(bytes: Uint8Array): PngSeed {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    chunks.push({ type, data: bytes.slice(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  const idat = concat(...chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  return { bytes, chunks, filtered: new Uint8Array(inflateSync(idat)) };
}

/** One chunk's bytes: length, type, data, CRC (correct unless `badCrc`). */
export function chunkBytes(type: string, data: Uint8Array, badCrc = false): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type.padEnd(4, ' ').slice(0, 4)), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, (crc32(out.subarray(4, 8 + data.length)) ^ (badCrc ? 1 : 0)) >>> 0);
  return out;
}

function assemble(chunks: readonly Chunk[]): Uint8Array {
  return concat(SIGNATURE, ...chunks.map((c) => chunkBytes(c.type, c.data)));
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Bytes of filtered image data a header implies (independent of the decoder's own arithmetic). */
export function filteredSize(width: number, height: number, depth: number, colorType: number, interlaced: boolean): number {
  const bits = depth * (CHANNELS[colorType] ?? 1);
  const rows = (w: number, h: number) => (w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bits) / 8)));
  if (!interlaced) return rows(width, height);
  const passes = [
    [0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2],
  ] as const;
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) total += rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy));
  return total;
}

function ihdrData(width: number, height: number, depth: number, colorType: number, interlace: number): Uint8Array {
  const out = new Uint8Array(13);
  const view = new DataView(out.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  out.set([depth, colorType, 0, 0, interlace], 8);
  return out;
}

function withIdat(chunks: readonly Chunk[], filtered: Uint8Array, rng: Rng): Chunk[] {
  const z = new Uint8Array(deflateSync(filtered, { level: rng.int(0, 9) }));
  const parts: Chunk[] = [];
  const pieces = rng.chance(0.7) ? 1 : rng.int(2, 5);
  const step = Math.ceil(z.length / pieces) || 1;
  for (let at = 0; at < z.length || parts.length === 0; at += step) parts.push({ type: 'IDAT', data: z.subarray(at, at + step) });
  const out: Chunk[] = [];
  let placed = false;
  for (const c of chunks) {
    if (c.type !== 'IDAT') out.push(c);
    else if (!placed) {
      out.push(...parts);
      placed = true;
    }
  }
  return out;
}

/** Changes the inflated image data: filter types, a few bytes, or its length. */
function mutateFiltered(rng: Rng, filtered: Uint8Array, others: readonly Uint8Array[]): Uint8Array {
  const choice = rng.below(4);
  if (choice === 0) {
    // Filter type bytes beyond 4 are invalid; 0–4 over random rows exercise every unfilter path.
    const out = filtered.slice();
    for (let n = rng.small(6); n > 0; n--) out[rng.below(Math.max(1, out.length))] = rng.chance(0.8) ? rng.int(0, 4) : rng.int(5, 255);
    return out;
  }
  if (choice === 1) return filtered.slice(0, rng.below(filtered.length + 1));
  if (choice === 2) return concat(filtered, randomBytes(rng, rng.int(1, 300)));
  return mutateBytes(rng, filtered, others);
}

const CHUNK_TYPES = ['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'bKGD', 'aBcD', 'ABCD', 'iTXt', 'zTXt', 'acTL', 'fdAT'];

/** One PNG-aware mutation of a seed. */
export function mutatePng(rng: Rng, seed: PngSeed, others: readonly Uint8Array[]): Uint8Array {
  const chunks = seed.chunks.map((c) => ({ ...c }));
  const kind = rng.below(100);
  if (kind < 14) return mutateBytes(rng, seed.bytes, others);
  if (kind < 32) {
    // Mutate one chunk's data, then fix its length and CRC.
    const c = rng.pick(chunks);
    c.data = mutateBytes(rng, c.data);
    return assemble(chunks);
  }
  if (kind < 46) {
    // IHDR fields, CRC fixed.
    const ihdr = chunks[0]!;
    const data = ihdr.data.slice();
    const field = rng.below(6);
    if (field < 2) putUint(data, field * 4, 4, someU32(rng), true);
    else if (field === 2) data[8] = rng.pick([0, 1, 2, 3, 4, 5, 7, 8, 16, 32, 255]);
    else if (field === 3) data[9] = rng.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 255]);
    else data[10 + rng.below(3)] = rng.pick([0, 1, 2, 255]);
    ihdr.data = data;
    return assemble(chunks);
  }
  if (kind < 66) {
    // The inflated image data changed, re-deflated, possibly split over several IDATs.
    return assemble(withIdat(chunks, mutateFiltered(rng, seed.filtered, others), rng));
  }
  if (kind < 74) {
    // A fresh valid header of any colour type, depth, interlace and small size, with random data of about the
    // right length: every row layout the decoder knows, with content nobody wrote by hand.
    const colorType = rng.pick([0, 2, 3, 4, 6]);
    const depth = rng.pick(DEPTHS[colorType]!);
    const interlace = rng.chance(0.3) ? 1 : 0;
    const width = rng.chance(0.1) ? 0 : rng.int(1, 40);
    const height = rng.chance(0.1) ? 0 : rng.int(1, 40);
    let size = filteredSize(width, height, depth, colorType, interlace === 1);
    if (rng.chance(0.2)) size = Math.max(0, size + rng.int(-5, 5));
    const filtered = randomBytes(rng, size);
    for (let i = 0; i < filtered.length; i++) if (rng.chance(0.2)) filtered[i] = rng.int(0, 4);
    const out: Chunk[] = [{ type: 'IHDR', data: ihdrData(width, height, depth, colorType, interlace) }];
    if (colorType === 3 || rng.chance(0.1)) out.push({ type: 'PLTE', data: randomBytes(rng, 3 * rng.int(rng.chance(0.1) ? 0 : 1, 256)) });
    if (rng.chance(0.4)) out.push({ type: 'tRNS', data: randomBytes(rng, rng.pick([0, 1, 2, 3, 6, 8, rng.int(0, 300)])) });
    out.push({ type: 'IDAT', data: new Uint8Array(deflateSync(filtered, { level: rng.int(0, 9) })) }, { type: 'IEND', data: new Uint8Array(0) });
    return assemble(out);
  }
  if (kind < 88) {
    // Chunk order and presence: remove, duplicate, move, or insert a chunk (CRCs right).
    const op = rng.below(4);
    const i = rng.below(chunks.length);
    if (op === 0) chunks.splice(i, 1);
    else if (op === 1) chunks.splice(rng.below(chunks.length + 1), 0, { ...chunks[i]! });
    else if (op === 2) chunks.splice(rng.below(chunks.length), 0, ...chunks.splice(i, 1));
    else chunks.splice(rng.below(chunks.length + 1), 0, { type: rng.pick(CHUNK_TYPES), data: randomBytes(rng, rng.pick([0, 1, 2, 3, 6, 13, 768, 771, rng.int(0, 64)])) });
    return assemble(chunks);
  }
  // A tampered length field; half the time with a CRC that is right for the span the new length implies.
  const file = assemble(chunks);
  const starts: number[] = [];
  for (let at = 8, k = 0; k < chunks.length; k++) {
    starts.push(at);
    at += 12 + chunks[k]!.data.length;
  }
  const at = rng.pick(starts);
  const length = rng.chance(0.5) ? someU32(rng) : Math.max(0, chunks[starts.indexOf(at)]!.data.length + rng.int(-8, 8));
  putUint(file, at, 4, length, true);
  const crcAt = at + 8 + length;
  if (rng.chance(0.5) && crcAt + 4 <= file.length) putUint(file, crcAt, 4, crc32(file.subarray(at + 4, crcAt)) >>> 0, true);
  return file;
}
