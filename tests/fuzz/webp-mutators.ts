// WebP-aware mutations: RIFF and chunk size fields at their edges, VP8X flags and canvas sizes, ANMF offsets and
// sizes, the VP8L header (sizes, alpha bit, version) and the VP8 frame header (frame tag, partition length, start
// code, sizes), the ALPH header byte, chunks dropped, duplicated or swapped, and format-blind changes inside one
// chunk's payload (where the entropy-coded data lives). Spec: RFC 9649, RFC 6386 §9.1.
import { concat, mutateBytes, putUint, someByte, someU16, someU32 } from './byte-mutators.js';
import type { Rng } from './rng.js';

interface Chunk {
  readonly start: number;
  readonly tag: string;
  readonly payload: number;
  readonly size: number;
}

/** The top-level chunks (and those inside ANMF), read leniently: this parser is not the code under test. */
function chunksOf(b: Uint8Array): Chunk[] {
  const out: Chunk[] = [];
  const walk = (from: number, to: number): void => {
    let pos = from;
    while (pos + 8 <= to && out.length < 64) {
      const tag = String.fromCharCode(b[pos]!, b[pos + 1]!, b[pos + 2]!, b[pos + 3]!);
      const size = (b[pos + 4]! | (b[pos + 5]! << 8) | (b[pos + 6]! << 16) | (b[pos + 7]! << 24)) >>> 0;
      out.push({ start: pos, tag, payload: pos + 8, size });
      if (tag === 'ANMF') walk(pos + 24, Math.min(to, pos + 8 + size));
      pos += 8 + size + (size & 1);
    }
  };
  walk(12, b.length);
  return out;
}

const SIDES = [0, 1, 2, 15, 16, 17, 255, 256, 16383, 16384, 0xffffff];

/** One structural or payload mutation of a WebP file. */
export function mutateWebp(rng: Rng, bytes: Uint8Array, others: readonly Uint8Array[]): Uint8Array {
  const chunks = chunksOf(bytes);
  const out = bytes.slice();
  if (chunks.length === 0 || rng.chance(0.1)) return mutateBytes(rng, bytes, others);
  const chunk = rng.pick(chunks);
  switch (rng.below(9)) {
    case 0: // RIFF size
      putUint(out, 4, 4, rng.chance(0.5) ? someU32(rng) : out.length - 8 + rng.int(-3, 3), false);
      return out;
    case 1: // a chunk size
      putUint(out, chunk.start + 4, 4, rng.chance(0.5) ? someU32(rng) : chunk.size + rng.int(-9, 9), false);
      return out;
    case 2: { // headers of known chunks
      const p = chunk.payload;
      if (chunk.tag === 'VP8X') {
        if (rng.chance(0.4)) out[p] = rng.chance(0.5) ? someByte(rng) : out[p]! ^ (1 << rng.below(8));
        else putUint(out, p + 4 + 3 * rng.below(2), 2, rng.pick(SIDES), false);
      } else if (chunk.tag === 'ANMF') {
        putUint(out, p + 3 * rng.below(5), 2, rng.chance(0.5) ? someU16(rng) : rng.pick(SIDES), false);
        if (rng.chance(0.3)) out[p + 15] = someByte(rng);
      } else if (chunk.tag === 'VP8L') {
        // 14-bit width and height minus one, alpha bit, 3-bit version, after the 0x2f signature.
        const bits = (out[p + 1]! | (out[p + 2]! << 8) | (out[p + 3]! << 16) | (out[p + 4]! << 24)) >>> 0;
        const field = rng.below(4);
        const next = field === 0 ? (bits & ~0x3fff) | rng.pick(SIDES) & 0x3fff
          : field === 1 ? (bits & ~(0x3fff << 14)) | ((rng.pick(SIDES) & 0x3fff) << 14)
          : field === 2 ? bits ^ (1 << 28)
          : (bits & 0x1fffffff) | (rng.below(8) << 29);
        putUint(out, p + 1, 4, next >>> 0, false);
        if (rng.chance(0.1)) out[p] = someByte(rng);
      } else if (chunk.tag === 'VP8 ') {
        const field = rng.below(4);
        if (field === 0) out[p + rng.below(3)] = someByte(rng); // frame tag: key frame, profile, show, partition size
        else if (field === 1) out[p + 3 + rng.below(3)] = someByte(rng); // start code
        else putUint(out, p + 6 + 2 * rng.below(2), 2, rng.chance(0.5) ? someU16(rng) : rng.pick(SIDES), false);
      } else if (chunk.tag === 'ALPH') {
        out[p] = rng.chance(0.5) ? rng.below(256) : (out[p]! & ~0x0c) | (rng.below(4) << 2);
      } else {
        out[chunk.start + rng.below(4)] = someByte(rng);
      }
      return out;
    }
    case 3: { // drop a chunk
      const end = Math.min(bytes.length, chunk.payload + chunk.size + (chunk.size & 1));
      return concat(bytes.subarray(0, chunk.start), bytes.subarray(end));
    }
    case 4: { // duplicate a chunk
      const end = Math.min(bytes.length, chunk.payload + chunk.size + (chunk.size & 1));
      return concat(bytes.subarray(0, end), bytes.subarray(chunk.start, end), bytes.subarray(end));
    }
    case 5: // rename a chunk
      out.set(Array.from(rng.pick(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'EXIF', 'ICCP', 'XMP ']), (c) => c.charCodeAt(0)), chunk.start);
      return out;
    case 6: // truncate
      return bytes.subarray(0, rng.below(bytes.length + 1));
    default: { // format-blind changes inside one payload (the entropy-coded data)
      const end = Math.min(bytes.length, chunk.payload + chunk.size);
      if (end <= chunk.payload) return mutateBytes(rng, bytes, others);
      const changed = mutateBytes(rng, bytes.subarray(chunk.payload, end));
      return concat(bytes.subarray(0, chunk.payload), changed, bytes.subarray(end));
    }
  }
}
