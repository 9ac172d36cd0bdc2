// JPEG-aware mutations: frame header fields (dimensions, precision, component count, sampling factors, table
// selectors, process), Huffman and quantisation tables, scan headers, entropy-coded data, restart markers and
// intervals, the Adobe marker, segment order and length fields.
// Spec: ITU-T T.81 (https://www.w3.org/Graphics/JPEG/itu-t81.pdf) B.1–B.2.
import { concat, mutateBytes, putUint, randomBytes, someU16 } from './byte-mutators.js';
import type { Rng } from './rng.js';

/** One segment of a seed: marker, its bytes from the 0xFF on, and for SOS the entropy-coded data after it. */
interface Segment {
  marker: number;
  bytes: Uint8Array;
  scanData?: Uint8Array;
}

/** A seed JPEG taken apart once. */
export interface JpegSeed {
  bytes: Uint8Array;
  segments: Segment[];
}

const SOF_MARKERS = [0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf];
const isSof = (m: number) => SOF_MARKERS.includes(m);

/** Parses a well-formed seed JPEG into segments (SOI and EOI included, as bare markers). */
export function parseJpegSeed(bytes: Uint8Array): JpegSeed {
  const segments: Segment[] = [{ marker: 0xd8, bytes: bytes.slice(0, 2) }];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) {
      at++;
      continue;
    }
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd9) {
      segments.push({ marker, bytes: bytes.slice(at, at + 2) });
      break;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    const segment: Segment = { marker, bytes: bytes.slice(at, end) };
    at = end;
    if (marker === 0xda) {
      let e = at;
      while (e + 1 < bytes.length && !(bytes[e] === 0xff && bytes[e + 1] !== 0 && (bytes[e + 1]! < 0xd0 || bytes[e + 1]! > 0xd7))) e++;
      segment.scanData = bytes.slice(at, e);
      at = e;
    }
    segments.push(segment);
  }
  return { bytes, segments };
}

function assemble(segments: readonly Segment[]): Uint8Array {
  return concat(...segments.flatMap((s) => (s.scanData === undefined ? [s.bytes] : [s.bytes, s.scanData])));
}

/** A segment with a correct length field around `body`. */
function segment(marker: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + body.length);
  out[0] = 0xff;
  out[1] = marker;
  putUint(out, 2, 2, body.length + 2, true);
  out.set(body, 4);
  return out;
}

/** Changes frame header fields; `bytes` is the whole SOF segment. */
function mutateSof(rng: Rng, s: Segment): void {
  const b = s.bytes.slice();
  const nf = b[9] ?? 0;
  const field = rng.below(8);
  if (field === 0) putUint(b, 5, 2, rng.chance(0.5) ? someU16(rng) : rng.int(0, 300), true); // height
  else if (field === 1) putUint(b, 7, 2, rng.chance(0.5) ? someU16(rng) : rng.int(0, 300), true); // width
  else if (field === 2) b[4] = rng.pick([0, 1, 2, 8, 12, 16, 255]); // precision
  else if (field === 3) b[1] = rng.pick(SOF_MARKERS); // process
  else if (field === 4 && nf > 0) b[11 + 3 * rng.below(nf)] = (rng.int(0, 15) << 4) | rng.int(0, 15); // sampling
  else if (field === 5 && nf > 0) b[12 + 3 * rng.below(nf)] = rng.pick([0, 1, 2, 3, 4, 255]); // table selector
  else if (field === 6 && nf > 0) b[10 + 3 * rng.below(nf)] = rng.pick([0, 1, 2, 3, 4, 82, 71, 66, 255]); // id
  else {
    // A different component count, with the segment rebuilt to match (or not).
    const count = rng.pick([0, 1, 2, 3, 4, 5, 255]);
    const body = new Uint8Array(6 + 3 * Math.min(count, 8));
    body.set(b.subarray(4, 9), 0);
    body[5] = count;
    for (let i = 0; i < Math.min(count, 8); i++) body.set([i + 1, rng.chance(0.7) ? 0x11 : rng.below(256), rng.below(4)], 6 + 3 * i);
    s.bytes = segment(b[1]!, body);
    return;
  }
  s.bytes = b;
}

/** Changes scan header fields: component count and selectors, table selectors, spectral selection, approximation. */
function mutateSos(rng: Rng, s: Segment): void {
  const b = s.bytes.slice();
  const ns = b[4] ?? 0;
  const tail = b.length - 3;
  const field = rng.below(5);
  if (field === 0) b[4] = rng.pick([0, 1, 2, 3, 4, 5, 255]);
  else if (field === 1 && ns > 0) b[5 + 2 * rng.below(ns)] = rng.pick([0, 1, 2, 3, 4, 255]);
  else if (field === 2 && ns > 0) b[6 + 2 * rng.below(ns)] = (rng.int(0, 4) << 4) | rng.int(0, 4);
  else if (field === 3) b[tail + rng.below(2)] = rng.pick([0, 1, 5, 63, 64, 255]);
  else b[tail + 2] = (rng.int(0, 14) << 4) | rng.int(0, 14);
  s.bytes = b;
}

/** Changes entropy-coded data: bytes, restart markers, or a cut. */
function mutateScanData(rng: Rng, s: Segment): void {
  const d = s.scanData!;
  const choice = rng.below(3);
  if (choice === 0 && d.length > 0) {
    const out = d.slice();
    for (let n = rng.small(8); n > 0; n--) out[rng.below(out.length)] = rng.below(256);
    // A lone 0xFF would end the scan early; stuff it as an encoder would, most of the time.
    s.scanData = rng.chance(0.8) ? stuff(out) : out;
  } else if (choice === 1) {
    const at = rng.below(d.length + 1);
    s.scanData = concat(d.subarray(0, at), Uint8Array.of(0xff, 0xd0 + rng.below(8)), d.subarray(at));
  } else {
    s.scanData = d.subarray(0, rng.below(d.length + 1));
  }
}

function stuff(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (const v of data) {
    out.push(v);
    if (v === 0xff) out.push(0);
  }
  return Uint8Array.from(out);
}

/** One JPEG-aware mutation of a seed. */
export function mutateJpeg(rng: Rng, seed: JpegSeed, others: readonly Uint8Array[]): Uint8Array {
  const segments = seed.segments.map((s) => ({ ...s }));
  const find = (test: (m: number) => boolean) => {
    const hits = segments.filter((s) => test(s.marker));
    return hits.length === 0 ? undefined : rng.pick(hits);
  };
  const kind = rng.below(100);
  // A seed the walk found (almost) nothing in gets format-blind mutations only.
  if (kind < 18 || segments.length < 3) return mutateBytes(rng, seed.bytes, others);
  if (kind < 42) {
    const sof = find(isSof);
    if (sof !== undefined) mutateSof(rng, sof);
    if (rng.chance(0.2) && sof !== undefined) mutateSof(rng, sof);
    return assemble(segments);
  }
  if (kind < 52) {
    // Huffman or quantisation tables: body bytes changed, length kept right.
    const table = find((m) => m === 0xc4 || m === 0xdb);
    if (table !== undefined) table.bytes = segment(table.marker, mutateBytes(rng, table.bytes.subarray(4)));
    return assemble(segments);
  }
  if (kind < 62) {
    const sos = find((m) => m === 0xda);
    if (sos !== undefined) mutateSos(rng, sos);
    return assemble(segments);
  }
  if (kind < 76) {
    const sos = find((m) => m === 0xda);
    if (sos !== undefined) mutateScanData(rng, sos);
    return assemble(segments);
  }
  if (kind < 92) {
    // Segment order and presence; or a restart interval or Adobe marker inserted.
    const op = rng.below(5);
    const i = rng.int(1, Math.max(1, segments.length - 1));
    if (op === 0) segments.splice(i, 1);
    else if (op === 1) segments.splice(rng.int(1, segments.length), 0, { ...segments[i]! });
    else if (op === 2) segments.splice(rng.int(1, segments.length - 1), 0, ...segments.splice(i, 1));
    else if (op === 3) segments.splice(rng.int(1, segments.length - 1), 0, { marker: 0xdd, bytes: segment(0xdd, Uint8Array.of(0, rng.pick([0, 1, 2, 3, 255]))) });
    else {
      const adobe = Uint8Array.of(0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, rng.pick([0, 1, 2, 3, 255]));
      segments.splice(1, 0, { marker: 0xee, bytes: segment(0xee, rng.chance(0.8) ? adobe : randomBytes(rng, rng.int(0, 16))) });
    }
    return assemble(segments);
  }
  // A length field set to something else.
  const withLength = segments.filter((x) => x.bytes.length >= 4);
  if (withLength.length === 0) return mutateBytes(rng, seed.bytes, others);
  const s = rng.pick(withLength);
  const b = s.bytes.slice();
  putUint(b, 2, 2, rng.chance(0.5) ? someU16(rng) : Math.max(0, b.length - 2 + rng.int(-4, 4)), true);
  s.bytes = b;
  return assemble(segments);
}
