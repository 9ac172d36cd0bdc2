// Walks a JPEG file's marker segments without decoding any pixels.
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

/** A run of bytes the decoder must see: one marker segment, or an SOS header with its entropy-coded data. */
export interface JpegSegment {
  marker: number;
  /** Offset of the segment's 0xFF marker byte. */
  start: number;
  /** Offset just past the segment (for SOS, past its entropy-coded data without trailing fill bytes). */
  end: number;
}

/** One scan: its components, spectral selection and successive approximation (T.81 B.2.3), data size. */
export interface JpegScan {
  componentIds: number[];
  /** Start of spectral selection: 0 for a DC scan (and for every sequential scan). */
  ss: number;
  /** Successive approximation high bit: 0 for a first scan, non-zero for a refinement. */
  ah: number;
  /** Bytes of entropy-coded data (RST markers included); 0 in a header-only walk. */
  dataBytes: number;
}

/** What the walk found. */
export interface JpegStructure {
  frame: JpegFrame;
  /** A JFIF APP0 segment was seen (implies YCbCr for 3 components). */
  jfif: boolean;
  /** The transform flag of the last complete Adobe APP14 segment (libjpeg's rule), if any. */
  adobeTransform: number | undefined;
  /** Indexes into `segments` of every APP14 segment starting with "Adobe", and of the last complete one (or -1). */
  adobe: number[];
  adobeKept: number;
  /** Every segment in file order (a header-only walk stops at the first SOS). */
  segments: JpegSegment[];
  /** A DHT segment came before the first scan (Motion-JPEG frames leave them out). */
  huffmanBeforeFirstScan: boolean;
  /** Every scan in file order (a header-only walk stops after the first header). */
  scanList: JpegScan[];
  /** EOI was reached. */
  complete: boolean;
  /** Bytes between segments that belong to none: junk, stray `FF 00`, fill bytes, stray RST/TEM markers. */
  gaps: boolean;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DHT = 0xc4;
const DAC = 0xcc;
const JPG = 0xc8;
const DQT = 0xdb;
const DNL = 0xdc;
const DRI = 0xdd;
const APP0 = 0xe0;
const APP14 = 0xee;
const COM = 0xfe;
const TEM = 0x01;

/** More scans than any real encoder writes; each scan costs a pass over every block, so this bounds the time. */
export const MAX_SCANS = 1000;

/** True for SOF0–SOF15 (0xC0–0xCF without DHT, JPG and DAC). */
export const isSofMarker = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== DHT && m !== JPG && m !== DAC;

/** A marker's name for messages, e.g. `SOF2`, `APP14`, `FFF7`. */
export function markerName(m: number): string {
  if (isSofMarker(m)) return `SOF${m - 0xc0}`;
  if (m >= 0xe0 && m <= 0xef) return `APP${m - 0xe0}`;
  if (m >= 0xd0 && m <= 0xd7) return `RST${m - 0xd0}`;
  const names: Record<number, string> = { [SOI]: 'SOI', [EOI]: 'EOI', [SOS]: 'SOS', [DHT]: 'DHT', [DAC]: 'DAC', [DQT]: 'DQT', [DNL]: 'DNL', [DRI]: 'DRI', [COM]: 'COM' };
  return names[m] ?? `FF${m.toString(16).toUpperCase().padStart(2, '0')}`;
}

const corrupt = (message: string, offset: number, chunk?: string) => new PixtextError('ERR_CORRUPT', `JPEG: ${message}`, { offset, chunk });
const truncated = (message: string, offset: number, chunk?: string) => new PixtextError('ERR_TRUNCATED', `JPEG: ${message}`, { offset, chunk });

/** True when `bytes` start with SOI followed by another marker's 0xFF. */
export const hasJpegSignature = (bytes: Uint8Array): boolean =>
  bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === SOI && bytes[2] === 0xff;

/**
 * Walks the segments of a JPEG file. With `headerOnly`, stops at the first SOS (cheap: entropy data is not scanned).
 * Tolerates what libjpeg tolerates (junk and `FF 00` between segments, fill bytes, a missing EOI) and records it so
 * the caller can hand a clean stream to the decoder.
 *
 * @throws PixtextError `ERR_CORRUPT` for a malformed or unknown marker segment, `ERR_TRUNCATED` when a segment runs
 *   past the end or the file ends before the first scan.
 */
export function readJpegStructure(bytes: Uint8Array, headerOnly: boolean): JpegStructure {
  if (!(bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === SOI)) throw corrupt('no SOI marker at the start', 0, 'SOI');
  const n = bytes.length;
  const segments: JpegSegment[] = [];
  let frame: JpegFrame | undefined;
  let jfif = false;
  let adobeTransform: number | undefined;
  const adobe: number[] = [];
  let adobeKept = -1;
  let huffmanBeforeFirstScan = false;
  const scanList: JpegScan[] = [];
  let complete = false;
  let gaps = false;
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
      if (c === 0 || (c >= 0xd0 && c <= 0xd7) || c === TEM) { p = q + 1; continue; }
      code = c;
      p = q - 1;
      break;
    }
    if (p !== pos) gaps = true;
    if (code < 0) break; // ran out of data without EOI
    const start = p;
    if (code === EOI) { segments.push({ marker: EOI, start, end: start + 2 }); complete = true; break; }
    const name = markerName(code);
    if (code === SOI) throw corrupt('a second SOI marker', start, name);
    // Every named marker left (RSTn were skipped above) starts a segment; the others are only named FFxx.
    if (name[0] === 'F') throw corrupt(`unknown marker ${name}`, start, name);
    if (start + 4 > n) throw truncated(`the ${name} segment is cut off`, start, name);
    const length = (bytes[start + 2]! << 8) | bytes[start + 3]!;
    if (length < 2) throw corrupt(`the ${name} segment length is ${length}`, start + 2, name);
    const body = start + 4;
    const end = start + 2 + length;
    if (end > n) throw truncated(`the ${name} segment runs past the file end`, start, name);
    // The first five payload bytes, for the APP0 and APP14 signatures.
    const tag = String.fromCharCode(...bytes.subarray(body, Math.min(end, body + 5)));

    if (isSofMarker(code)) {
      if (frame !== undefined) throw corrupt('a second frame header', start, name);
      frame = parseFrame(bytes, code, body, end, name);
    } else if (code === APP0) {
      if (end - body >= 14 && tag === 'JFIF\0') jfif = true;
    } else if (code === APP14) {
      // libjpeg uses an Adobe segment only when it has all 12 bytes.
      if (tag.startsWith('Adobe')) {
        adobe.push(segments.length);
        if (end - body >= 12) {
          adobeTransform = bytes[body + 11]!;
          adobeKept = segments.length;
        }
      }
    } else if (code === DHT) {
      if (scanList.length === 0) huffmanBeforeFirstScan = true;
      checkTables(bytes, body, end, name, true);
    } else if (code === DQT) {
      checkTables(bytes, body, end, name, false);
    } else if (code === DRI && length !== 4) {
      throw corrupt(`the DRI segment has length ${length}, not 4`, start + 2, name);
    }

    if (code !== SOS) {
      segments.push({ marker: code, start, end });
      pos = end;
      continue;
    }
    if (frame === undefined) throw corrupt('a scan before the frame header', start, name);
    const componentIds = checkScanHeader(bytes, frame, body, end, name);
    if (scanList.length >= MAX_SCANS) throw corrupt(`more than ${MAX_SCANS} scans`, start, name);
    const scan: JpegScan = { componentIds, ss: bytes[end - 3]!, ah: bytes[end - 1]! >> 4, dataBytes: 0 };
    scanList.push(scan);
    if (headerOnly) { segments.push({ marker: SOS, start, end }); break; }
    const dataEnd = findScanEnd(bytes, end);
    scan.dataBytes = dataEnd - end;
    segments.push({ marker: SOS, start, end: dataEnd });
    pos = dataEnd;
  }

  if (frame === undefined) {
    if (!complete) throw truncated('the file ends before the frame header (SOF)', n);
    throw corrupt('no frame header (SOF) before EOI', n);
  }
  return { frame, jfif, adobeTransform, adobe, adobeKept, segments, huffmanBeforeFirstScan, scanList, complete, gaps };
}

/**
 * Blocks of component `c` per line and per column: as T.81 A.2.2 codes them in a non-interleaved scan (`spec…`), and
 * as jpeg-js lays them out (the image's 8-pixel blocks scaled by the sampling factors, rounded up).
 */
export function blockGrid({ width, height, maxH, maxV }: JpegFrame, c: JpegComponent) {
  return {
    perLine: Math.ceil((Math.ceil(width / 8) * c.h) / maxH),
    perColumn: Math.ceil((Math.ceil(height / 8) * c.v) / maxV),
    specPerLine: Math.ceil(Math.ceil((width * c.h) / maxH) / 8),
    specPerColumn: Math.ceil(Math.ceil((height * c.v) / maxV) / 8),
  };
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

// T.81 B.2.3 scan header: Ns, Ns × (Cs, Td<<4|Ta), Ss, Se, Ah<<4|Al. Returns the component ids.
function checkScanHeader(bytes: Uint8Array, frame: JpegFrame, body: number, end: number, name: string): number[] {
  const ids: number[] = [];
  const count = bytes[body] ?? 0;
  if (count < 1 || count > 4 || end - body !== 4 + 2 * count) throw corrupt(`scan header length wrong for ${count} components`, body, name);
  for (let i = 0, at = body + 1; i < count; i++, at += 2) {
    const id = bytes[at]!;
    if (!frame.components.some((c) => c.id === id)) throw corrupt(`scan names unknown component ${id}`, at, name);
    if ((bytes[at + 1]! >> 4) > 3 || (bytes[at + 1]! & 15) > 3) throw corrupt('a scan selects a Huffman table outside 0–3', at + 1, name);
    ids.push(id);
  }
  return ids;
}

// T.81 B.2.4.2 (DHT): Tc<<4|Th, 16 code counts, then the values; B.2.4.1 (DQT): Pq<<4|Tq, then 64 values of 1 (Pq=0)
// or 2 (Pq=1) bytes. Both repeat to the end of the segment, and both allow 0–1 in the high nibble and 0–3 in the low.
function checkTables(bytes: Uint8Array, body: number, end: number, name: string, huffman: boolean): void {
  const what = huffman ? 'Huffman' : 'quantisation';
  for (let at = body; at < end;) {
    const spec = bytes[at]!;
    if (spec >> 4 > 1 || (spec & 15) > 3) throw corrupt(`${what} table selector 0x${spec.toString(16)} is invalid`, at, name);
    let size = 1 + 64 * ((spec >> 4) + 1);
    if (huffman) {
      size = 17;
      for (let i = 1; i <= 16 && at + 17 <= end; i++) size += bytes[at + i]!;
    }
    // At most 256 Huffman codes (size 273).
    if (at + size > end || size > 273) throw corrupt(`a ${what} table is cut off or too long`, at, name);
    at += size;
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
