// Second-attempt repairs of entropy-coded data for two conditions where jpeg-js 0.4.4 fails on files libjpeg decodes.
// Spec: ITU-T T.81 B.2.3 (scan header), B.2.4.4 (DRI), E.1.4/F.1.2.3 (restart intervals), A.2.2/A.2.3 (block order).
//
// 1. Short final restart interval in a non-interleaved scan. jpeg-js decodes whole intervals, so after the last real
//    block it goes on decoding "phantom" blocks (block indices past the component's last one) as long as they land
//    in the padding rows it allocated for the MCU grid; their bits run into the next marker and it throws. The
//    phantoms are never shown, so the repair walks the last interval's real blocks bit-exactly, keeps those bits
//    unchanged and appends the shortest valid coding of an empty block for each phantom.
// 2. A scan whose data ends inside its final MCU. libjpeg fills the missing bits with zeros (jdhuff.c "hit marker"
//    warning) and decodes that MCU from them; jpeg-js throws. Appending zero bytes after the data gives jpeg-js
//    the same zero bits, and it skips whatever it does not need once the scan's last MCU is done. This is only done
//    where the final restart interval (or the whole scan) holds one MCU, so no further MCU can be decoded from the
//    padding: an earlier MCU running short still hits a marker and still fails.
import type { BlockCoding, ScanKind, WalkState } from './block-walk.js';
import { walkBlock, writeEmptyBlock } from './block-walk.js';
import type { HuffmanTable } from './entropy-bits.js';
import { BitReader, BitWriter, OutOfBits, unstuff } from './entropy-bits.js';
import { blockGrid } from './structure.js';
import type { JpegFrame, JpegSegment, JpegStructure } from './structure.js';

/** Zero bytes appended per block of the final MCU: a block of 64 coefficients codes at most 64 × 32 bits. */
const ZERO_FILL_PER_BLOCK = 260;

interface Replacement {
  start: number;
  end: number;
  bytes: Uint8Array;
}

/** What an AC history holds: non-zero flags (64 per block, zig-zag order) for the blocks of the last interval. */
interface AcHistory {
  /** Every AC scan of the component so far was walked over the same blocks. */
  complete: boolean;
  tailStart: number;
  nonZero: Uint8Array;
}

/** {@link blockGrid} of one component, whether jpeg-js's layout agrees with T.81's, and the block rows jpeg-js allocates. */
function componentGrid(frame: JpegFrame, id: number) {
  const c = frame.components.find((k) => k.id === id)!;
  const { perLine, perColumn, specPerLine, specPerColumn } = blockGrid(frame, c);
  const allocatedRows = Math.ceil(frame.height / 8 / frame.maxV) * c.v;
  return { perLine, perColumn, agrees: perLine === specPerLine && perColumn === specPerColumn, allocatedRows };
}

function scanKind(frame: JpegFrame, ss: number, ah: number): ScanKind {
  if (frame.marker !== 0xc2) return 'sequential';
  if (ss === 0) return ah === 0 ? 'dc-first' : 'dc-refine';
  return ah === 0 ? 'ac-first' : 'ac-refine';
}

/** Offsets just past each RSTn marker in entropy-coded data (stuffed `FF 00` and fill `FF`s skipped). */
function restartEnds(bytes: Uint8Array, from: number, to: number): number[] {
  const ends: number[] = [];
  for (let i = from; i < to; i++) {
    if (bytes[i] !== 0xff) continue;
    let q = i + 1;
    while (q < to && bytes[q] === 0xff) q++;
    const c = bytes[q] ?? 0;
    if (q < to && c >= 0xd0 && c <= 0xd7) ends.push(q + 1);
    i = q;
  }
  return ends;
}

/**
 * Rewrites the last restart interval of a non-interleaved scan so the phantom blocks jpeg-js decodes after it find
 * valid codes. Returns the new bytes for `[start, segment.end)`, or `undefined` when the data does not match the
 * condition exactly (wrong number of intervals, real blocks not ending in the last byte, tables lacking an EOB).
 */
function completeLastInterval(
  bytes: Uint8Array, dataStart: number, segment: JpegSegment, interval: number, blocks: number, phantoms: number,
  coding: BlockCoding, history: AcHistory | undefined,
): Replacement | undefined {
  const ends = restartEnds(bytes, dataStart, segment.end);
  if (ends.length !== Math.ceil(blocks / interval) - 1) return undefined;
  const start = ends.length === 0 ? dataStart : ends[ends.length - 1]!;
  const real = blocks % interval;
  const data = unstuff(bytes.subarray(start, segment.end));
  const reader = new BitReader(data);
  const state: WalkState = { eobRun: 0 };
  const nonZero = history?.nonZero ?? new Uint8Array(real * 64);
  try {
    for (let b = 0; b < real; b++) walkBlock(reader, coding, state, nonZero.subarray(b * 64, b * 64 + 64));
  } catch (error) {
    if (error instanceof OutOfBits) return undefined;
    throw error;
  }
  // Only the padding to the byte boundary may follow the real blocks.
  if (reader.length - reader.position >= 8) return undefined;
  const writer = new BitWriter();
  const used = reader.position;
  reader.position = 0;
  for (let i = 0; i < used; i++) writer.put(reader.bit(), 1);
  for (let p = 0; p < phantoms; p++) if (!writeEmptyBlock(writer, coding, state)) return undefined;
  return { start, end: segment.end, bytes: writer.finish() };
}

function parseHuffman(bytes: Uint8Array, body: number, end: number, dc: HuffmanTable[], ac: HuffmanTable[]): void {
  for (let at = body; at + 17 <= end;) {
    const spec = bytes[at]!;
    const counts = Array.from(bytes.subarray(at + 1, at + 17));
    const total = counts.reduce((a, b) => a + b, 0);
    const table = { counts, values: Array.from(bytes.subarray(at + 17, at + 17 + total)) };
    (spec >> 4 === 0 ? dc : ac)[spec & 15] = table;
    at += 17 + total;
  }
}

/**
 * The file with both repairs applied wherever their exact condition holds, or `undefined` when nothing applies.
 * Meant as a second attempt after jpeg-js failed on the file as it is; never throws (a repair that does not fit
 * the data exactly is left out).
 * @example
 * ```ts
 * const repaired = repairScans(bytes, readJpegStructure(bytes, false)); // Uint8Array | undefined
 * ```
 */
export function repairScans(bytes: Uint8Array, structure: JpegStructure): Uint8Array | undefined {
  const { frame } = structure;
  const dc: HuffmanTable[] = [];
  const ac: HuffmanTable[] = [];
  const histories = new Map<number, AcHistory>();
  const replacements: Replacement[] = [];
  let interval = 0;
  const mcus = Math.ceil(frame.width / 8 / frame.maxH) * Math.ceil(frame.height / 8 / frame.maxV);

  for (const segment of structure.segments) {
    const body = segment.start + 4;
    const headerEnd = segment.start + 2 + ((bytes[segment.start + 2]! << 8) | bytes[segment.start + 3]!);
    if (segment.marker === 0xc4) parseHuffman(bytes, body, headerEnd, dc, ac);
    if (segment.marker === 0xdd) interval = (bytes[body]! << 8) | bytes[body + 1]!;
    if (segment.marker !== 0xda) continue;

    const count = bytes[body]!;
    const ss = bytes[headerEnd - 3]!;
    const kind = scanKind(frame, ss, bytes[headerEnd - 1]! >> 4);
    const ids = Array.from({ length: count }, (_, i) => bytes[body + 1 + 2 * i]!);
    if (count > 1) {
      const lastMcus = interval === 0 ? mcus : mcus % interval || interval;
      if (lastMcus === 1) {
        const blocksPerMcu = ids.reduce((n, id) => n + frame.components.reduce((m, c) => (c.id === id ? m + c.h * c.v : m), 0), 0);
        // T.81 B.2.3 allows at most 10 blocks per MCU; more only wastes memory on a hostile file.
        replacements.push({ start: segment.end, end: segment.end, bytes: new Uint8Array(Math.min(blocksPerMcu, 10) * ZERO_FILL_PER_BLOCK) });
      }
      continue;
    }

    const id = ids[0]!;
    const selector = bytes[body + 2]!;
    const coding: BlockCoding = { kind, dc: dc[selector >> 4], ac: ac[selector & 15], ss, se: bytes[headerEnd - 2]! };
    const grid = componentGrid(frame, id);
    const blocks = grid.perLine * grid.perColumn;
    const isAc = kind === 'ac-first' || kind === 'ac-refine';
    let phantoms = 0;
    if (interval > 0 && blocks % interval !== 0) {
      for (let i = blocks; i < blocks + interval - (blocks % interval); i++) if (Math.floor(i / grid.perLine) < grid.allocatedRows) phantoms++;
    }
    if (phantoms === 0 || !grid.agrees) {
      if (isAc) histories.set(id, { complete: false, tailStart: -1, nonZero: new Uint8Array(0) });
      // jpeg-js skips what follows a scan only when its last interval ends exactly on the last block.
      if (grid.agrees && (interval === 0 ? blocks === 1 : interval === 1)) {
        replacements.push({ start: segment.end, end: segment.end, bytes: new Uint8Array(ZERO_FILL_PER_BLOCK) });
      }
      continue;
    }

    const tailStart = blocks - (blocks % interval);
    let history: AcHistory | undefined;
    if (isAc) {
      const known = histories.get(id);
      if (known === undefined || (known.complete && known.tailStart === tailStart)) {
        history = known ?? { complete: true, tailStart, nonZero: new Uint8Array((blocks - tailStart) * 64) };
      } else {
        history = { complete: false, tailStart, nonZero: new Uint8Array((blocks - tailStart) * 64) };
      }
      // A refinement reads a correction bit per coefficient made non-zero earlier: it needs the whole history.
      if (kind === 'ac-refine' && !history.complete) continue;
    }
    const replacement = completeLastInterval(bytes, headerEnd, segment, interval, blocks, phantoms, coding, history);
    if (history !== undefined) histories.set(id, replacement === undefined ? { ...history, complete: false } : history);
    if (replacement !== undefined) replacements.push(replacement);
  }
  return replacements.length === 0 ? undefined : applyReplacements(bytes, replacements);
}

function applyReplacements(bytes: Uint8Array, replacements: Replacement[]): Uint8Array {
  let size = bytes.length;
  for (const r of replacements) size += r.bytes.length - (r.end - r.start);
  const out = new Uint8Array(size);
  let from = 0;
  let at = 0;
  for (const r of replacements) {
    out.set(bytes.subarray(from, r.start), at);
    at += r.start - from;
    out.set(r.bytes, at);
    at += r.bytes.length;
    from = r.end;
  }
  out.set(bytes.subarray(from), at);
  return out;
}
