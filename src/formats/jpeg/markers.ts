// Walks a JPEG file's marker segments as libjpeg-turbo 2.1.5's jdmarker.c reads them, without decoding any pixels:
// the frame, every table as it is (re)defined, and each scan with the tables in force and where its data lies.
// Spec: ITU-T T.81 | ISO/IEC 10918-1 (https://www.w3.org/Graphics/JPEG/itu-t81.pdf), Annex B (syntax);
// JFIF: https://www.w3.org/Graphics/JPEG/jfif3.pdf; Adobe APP14: Adobe Technical Note #5116.
import { PixtextError } from '../../errors.js';

/** One image component of the frame header (T.81 B.2.2). */
export interface JpegComponent {
  id: number;
  /** Horizontal and vertical sampling factors, 1–4. */
  h: number;
  v: number;
  /** Quantisation table selector, 0–3. */
  tq: number;
}

/** The frame header (SOFn). */
export interface JpegFrame {
  /** The SOF marker's second byte, 0xC0–0xCF. */
  marker: number;
  precision: number;
  width: number;
  height: number;
  components: JpegComponent[];
  /** The largest horizontal and vertical sampling factors: an MCU is 8·maxH × 8·maxV pixels. */
  maxH: number;
  maxV: number;
}

/** A Huffman table as a DHT segment defines it: code counts for lengths 1–16 and the symbols in code order. */
export interface HuffmanSpec {
  counts: Uint8Array;
  values: Uint8Array;
}

/** One scan: its header (T.81 B.2.3), the tables in force when it starts and where its entropy-coded data lies. */
export interface JpegScan {
  /** Indexes into `frame.components`, in scan order. */
  components: number[];
  /** DC and AC Huffman table selectors, per scan component. */
  td: number[];
  ta: number[];
  ss: number;
  se: number;
  ah: number;
  al: number;
  /** The restart interval (DRI) in force, in MCUs; 0 for none. */
  restartInterval: number;
  /** Huffman tables 0–3 (DC, AC) and quantisation tables 0–3 (64 values, natural order) in force. */
  dc: (HuffmanSpec | undefined)[];
  ac: (HuffmanSpec | undefined)[];
  quant: (Uint16Array | undefined)[];
  /** Offset of the first entropy-coded byte, and of the marker (its first 0xFF) that ends the data. */
  dataStart: number;
  dataEnd: number;
}

/** What the walk found. */
export interface JpegStructure {
  frame: JpegFrame;
  /** A JFIF APP0 segment came before the first scan (implies YCbCr for 3 components). */
  jfif: boolean;
  /** The transform flag of the last complete Adobe APP14 segment before the first scan (libjpeg's rule), if any. */
  adobeTransform: number | undefined;
  /** Every scan in file order (a header-only walk stops after the first header). */
  scans: JpegScan[];
  /** EOI was reached. */
  complete: boolean;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DHT = 0xc4;
const DAC = 0xcc;
const JPG = 0xc8;
const DQT = 0xdb;
const DRI = 0xdd;
const APP0 = 0xe0;
const APP14 = 0xee;
const TEM = 0x01;

/** More scans than any real encoder writes; each scan costs a pass over every block, so this bounds the time. */
export const MAX_SCANS = 1000;

/** T.81 Figure A.6: the natural (row-major) position of each zig-zag index, with 16 extra entries of 63 that catch
 * a run past the end of a corrupt block (libjpeg's jpeg_natural_order). */
export const NATURAL_ORDER = /* @__PURE__ */ Uint8Array.from(
  '0,1,8,16,9,2,3,10,17,24,32,25,18,11,4,5,12,19,26,33,40,48,41,34,27,20,13,6,7,14,21,28,35,42,49,56,57,50,43,36,29,22,15,23,30,37,44,51,58,59,52,45,38,31,39,46,53,60,61,54,47,55,62,63'
    .split(',')
    .concat(Array<string>(16).fill('63')),
  Number,
);

/** True for SOF0–SOF15 (0xC0–0xCF without DHT, JPG and DAC). */
export const isSofMarker = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== DHT && m !== JPG && m !== DAC;

/** A marker's name for messages, e.g. `SOF2`, `APP14`, `FFF7`. */
export function markerName(m: number): string {
  if (isSofMarker(m)) return `SOF${m - 0xc0}`;
  if (m >= 0xe0 && m <= 0xef) return `APP${m - 0xe0}`;
  if (m >= 0xd0 && m <= 0xd7) return `RST${m - 0xd0}`;
  const names: Record<number, string> = { [SOI]: 'SOI', [EOI]: 'EOI', [SOS]: 'SOS', [DHT]: 'DHT', [DAC]: 'DAC', [DQT]: 'DQT', 0xdc: 'DNL', [DRI]: 'DRI', 0xfe: 'COM' };
  return names[m] ?? `FF${m.toString(16).toUpperCase().padStart(2, '0')}`;
}

const corrupt = (message: string, offset: number, chunk?: string) => new PixtextError('ERR_CORRUPT', `JPEG: ${message}`, { offset, chunk });
const truncated = (message: string, offset: number, chunk?: string) => new PixtextError('ERR_TRUNCATED', `JPEG: ${message}`, { offset, chunk });

/** True when `bytes` start with SOI followed by another marker's 0xFF. */
export const hasJpegSignature = (bytes: Uint8Array): boolean =>
  bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === SOI && bytes[2] === 0xff;

/**
 * Walks the segments of a JPEG file. With `headerOnly`, stops at the first SOS (cheap: entropy data is not scanned).
 * Tolerates what libjpeg tolerates: junk and `FF 00` between segments, fill bytes, stray RSTn/TEM markers, a missing
 * EOI (then `complete` is false).
 *
 * @throws PixtextError `ERR_CORRUPT` for a malformed or unknown marker segment, `ERR_TRUNCATED` when a segment runs
 *   past the end or the file ends before the first scan.
 */
export function readJpegStructure(bytes: Uint8Array, headerOnly: boolean): JpegStructure {
  if (!(bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === SOI)) throw corrupt('no SOI marker at the start', 0, 'SOI');
  const n = bytes.length;
  let frame: JpegFrame | undefined;
  let jfif = false;
  let adobeTransform: number | undefined;
  const dc: (HuffmanSpec | undefined)[] = [undefined, undefined, undefined, undefined];
  const ac = dc.slice();
  const quant: (Uint16Array | undefined)[] = [undefined, undefined, undefined, undefined];
  let restartInterval = 0;
  const scans: JpegScan[] = [];
  let complete = false;
  let pos = 2;

  for (;;) {
    // Find the next marker as libjpeg's next_marker does: skip non-FF bytes, then fill FFs; FF 00 is junk too.
    let p = pos;
    let code = -1;
    while (p < n) {
      if (bytes[p] !== 0xff) { p++; continue; }
      let q = p + 1;
      while (q < n && bytes[q] === 0xff) q++;
      if (q >= n) { p = n; break; }
      const c = bytes[q]!;
      // RSTn and TEM carry no segment and are ignored between segments (jdmarker.c read_markers).
      if (c === 0 || (c >= 0xd0 && c <= 0xd7) || c === TEM) { p = q + 1; continue; }
      code = c;
      p = q - 1;
      break;
    }
    if (code < 0) break; // ran out of data without EOI
    const start = p;
    if (code === EOI) { complete = true; break; }
    const name = markerName(code);
    if (code === SOI) throw corrupt('a second SOI marker', start, name);
    // Every named marker left starts a segment; the others are only named FFxx.
    if (name[0] === 'F') throw corrupt(`unknown marker ${name}`, start, name);
    if (start + 4 > n) throw truncated(`the ${name} segment is cut off`, start, name);
    const length = (bytes[start + 2]! << 8) | bytes[start + 3]!;
    if (length < 2) throw corrupt(`the ${name} segment length is ${length}`, start + 2, name);
    const body = start + 4;
    const end = start + 2 + length;
    if (end > n) throw truncated(`the ${name} segment runs past the file end`, start, name);
    pos = end;

    if (isSofMarker(code)) {
      if (frame !== undefined) throw corrupt('a second frame header', start, name);
      frame = parseFrame(bytes, code, body, end, name);
    } else if (code === DHT) {
      readHuffmanTables(bytes, body, end, name, dc, ac);
    } else if (code === DQT) {
      readQuantTables(bytes, body, end, name, quant);
    } else if (code === DRI) {
      if (length !== 4) throw corrupt(`the DRI segment has length ${length}, not 4`, start + 2, name);
      restartInterval = (bytes[body]! << 8) | bytes[body + 1]!;
    } else if (scans.length === 0 && (code === APP0 || code === APP14)) {
      // libjpeg reads JFIF from an APP0 of at least 14 bytes and Adobe from an APP14 of at least 12, and decides the
      // colour space from those seen before the first scan.
      const tag = String.fromCharCode(...bytes.subarray(body, Math.min(end, body + 5)));
      if (code === APP0 && end - body >= 14 && tag === 'JFIF\0') jfif = true;
      if (code === APP14 && end - body >= 12 && tag === 'Adobe') adobeTransform = bytes[body + 11]!;
    } else if (code === SOS) {
      if (frame === undefined) throw corrupt('a scan before the frame header', start, name);
      if (scans.length >= MAX_SCANS) throw corrupt(`more than ${MAX_SCANS} scans`, start, name);
      const scan = parseScanHeader(bytes, frame, body, end, name);
      const dataEnd = headerOnly ? end : findScanEnd(bytes, end);
      scans.push({ ...scan, restartInterval, dc: dc.slice(), ac: ac.slice(), quant: quant.slice(), dataStart: end, dataEnd });
      if (headerOnly) break;
      pos = dataEnd;
    }
  }

  if (frame === undefined) {
    if (!complete) throw truncated('the file ends before the frame header (SOF)', n);
    throw corrupt('no frame header (SOF) before EOI', n);
  }
  return { frame, jfif, adobeTransform, scans, complete };
}

// T.81 B.2.2 frame header: P, Y, X, Nf, then Nf × (C, H<<4|V, Tq).
function parseFrame(bytes: Uint8Array, marker: number, body: number, end: number, name: string): JpegFrame {
  if (end - body < 6) throw corrupt('frame header too short', body, name);
  const precision = bytes[body]!;
  const height = (bytes[body + 1]! << 8) | bytes[body + 2]!;
  const width = (bytes[body + 3]! << 8) | bytes[body + 4]!;
  const count = bytes[body + 5]!;
  if (count === 0) throw corrupt('frame has no components', body + 5, name);
  if (end - body !== 6 + 3 * count) throw corrupt(`frame header length wrong for ${count} components`, body, name);
  const components: JpegComponent[] = [];
  let maxH = 0;
  let maxV = 0;
  for (let i = 0, at = body + 6; i < count; i++, at += 3) {
    const id = bytes[at]!;
    const h = bytes[at + 1]! >> 4;
    const v = bytes[at + 1]! & 15;
    const tq = bytes[at + 2]!;
    if (h < 1 || h > 4 || v < 1 || v > 4) throw corrupt(`component ${id} sampling ${h}×${v} outside 1–4`, at + 1, name);
    if (tq > 3) throw corrupt(`component ${id} quantisation table ${tq} outside 0–3`, at + 2, name);
    if (components.some((c) => c.id === id)) throw corrupt(`component id ${id} appears twice`, at, name);
    components.push({ id, h, v, tq });
    maxH = Math.max(maxH, h);
    maxV = Math.max(maxV, v);
  }
  return { marker, precision, width, height, components, maxH, maxV };
}

// T.81 B.2.3 scan header: Ns, Ns × (Cs, Td<<4|Ta), Ss, Se, Ah<<4|Al.
function parseScanHeader(bytes: Uint8Array, frame: JpegFrame, body: number, end: number, name: string) {
  const count = bytes[body] ?? 0;
  if (count < 1 || count > 4 || end - body !== 4 + 2 * count) throw corrupt(`scan header length wrong for ${count} components`, body, name);
  // jdmarker.c get_sos: each id takes the first frame component (of the first four) with that id whose slot in the
  // scan's component list is still free, and may not repeat.
  const slots: (number | undefined)[] = [];
  const components: number[] = [];
  const td: number[] = [];
  const ta: number[] = [];
  for (let i = 0, at = body + 1; i < count; i++, at += 2) {
    const id = bytes[at]!;
    let found = -1;
    for (let ci = 0; ci < Math.min(frame.components.length, 4); ci++) {
      if (frame.components[ci]!.id === id && slots[ci] === undefined) { found = ci; break; }
    }
    if (found < 0 || components.includes(found)) throw corrupt(`scan names unknown or repeated component ${id}`, at, name);
    slots[i] = found;
    components.push(found);
    td.push(bytes[at + 1]! >> 4);
    ta.push(bytes[at + 1]! & 15);
  }
  return { components, td, ta, ss: bytes[end - 3]!, se: bytes[end - 2]!, ah: bytes[end - 1]! >> 4, al: bytes[end - 1]! & 15 };
}

// T.81 B.2.4.2 (DHT): Tc<<4|Th, 16 code counts, then the values, repeated to the end of the segment.
function readHuffmanTables(bytes: Uint8Array, body: number, end: number, name: string, dc: (HuffmanSpec | undefined)[], ac: (HuffmanSpec | undefined)[]): void {
  for (let at = body; at < end;) {
    const spec = bytes[at]!;
    if (spec >> 4 > 1 || (spec & 15) > 3) throw corrupt(`Huffman table selector 0x${spec.toString(16)} is invalid`, at, name);
    if (at + 17 > end) throw corrupt('a Huffman table is cut off', at, name);
    const counts = bytes.slice(at + 1, at + 17);
    const total = counts.reduce((a, b) => a + b, 0);
    if (total > 256 || at + 17 + total > end) throw corrupt('a Huffman table is cut off or too long', at, name);
    (spec >> 4 ? ac : dc)[spec & 15] = { counts, values: bytes.slice(at + 17, at + 17 + total) };
    at += 17 + total;
  }
}

// T.81 B.2.4.1 (DQT): Pq<<4|Tq, then 64 values of 1 (Pq=0) or 2 (Pq=1) bytes in zig-zag order, repeated.
function readQuantTables(bytes: Uint8Array, body: number, end: number, name: string, quant: (Uint16Array | undefined)[]): void {
  for (let at = body; at < end;) {
    const spec = bytes[at]!;
    if (spec >> 4 > 1 || (spec & 15) > 3) throw corrupt(`quantisation table selector 0x${spec.toString(16)} is invalid`, at, name);
    const wide = spec >> 4;
    if (at + 1 + 64 * (wide + 1) > end) throw corrupt('a quantisation table is cut off', at, name);
    const table = new Uint16Array(64);
    for (let i = 0; i < 64; i++) {
      table[NATURAL_ORDER[i]!] = wide ? (bytes[at + 1 + 2 * i]! << 8) | bytes[at + 2 + 2 * i]! : bytes[at + 1 + i]!;
    }
    quant[spec & 15] = table;
    at += 1 + 64 * (wide + 1);
  }
}

/**
 * The end of a scan's entropy-coded data: the first byte of the `FF…FF xx` run that starts the next marker (RSTn and
 * stuffed `FF 00` belong to the data), or the end of the file when it is cut off.
 */
function findScanEnd(bytes: Uint8Array, from: number): number {
  const n = bytes.length;
  let i = from;
  while (i < n) {
    i = bytes.indexOf(0xff, i);
    if (i < 0) return n;
    let q = i + 1;
    while (q < n && bytes[q] === 0xff) q++;
    if (q >= n) return i;
    const c = bytes[q]!;
    if (c === 0 || (c >= 0xd0 && c <= 0xd7)) { i = q + 1; continue; }
    return i;
  }
  return n;
}
