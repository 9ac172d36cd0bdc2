// Builds the byte stream handed to jpeg-js: the file's own segments, minus what jpeg-js misreads.
// Spec: ITU-T T.81 Annex B (segments), Annex K.3 (the example Huffman tables Motion-JPEG relies on).
import type { JpegStructure } from './structure.js';

/**
 * SOI, then every segment but those in `drop` (indexes into `structure.segments`) in order, with the T.81 K.3
 * Huffman tables before the first scan when `standardHuffman` (Motion-JPEG frames omit them, as libjpeg allows),
 * then EOI. Junk between segments is left out, so jpeg-js's stricter marker reader accepts what libjpeg accepts.
 */
export function cleanStream(bytes: Uint8Array, structure: JpegStructure, drop: ReadonlySet<number>, standardHuffman: boolean): Uint8Array {
  const { segments } = structure;
  let size = 2;
  segments.forEach((s, i) => {
    if (!drop.has(i)) size += s.end - s.start;
  });
  if (standardHuffman) size += STANDARD_DHT.length;
  if (!structure.complete) size += 2;
  const out = new Uint8Array(size);
  out[0] = 0xff;
  out[1] = 0xd8;
  let at = 2;
  let tablesPending = standardHuffman;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (drop.has(i)) continue;
    if (tablesPending && s.marker === 0xda) {
      out.set(STANDARD_DHT, at);
      at += STANDARD_DHT.length;
      tablesPending = false;
    }
    out.set(bytes.subarray(s.start, s.end), at);
    at += s.end - s.start;
  }
  if (!structure.complete) {
    out[at++] = 0xff;
    out[at++] = 0xd9;
  }
  return out;
}

// T.81 Tables K.3–K.6 as one DHT segment: DC 0 (luminance), AC 0, DC 1 (chrominance), AC 1. Each AC table lists
// its most frequent symbols first, then every other symbol (run/size with size 1–10, EOB 0x00, ZRL 0xF0) in ascending
// order: only those first symbols are spelt out, the rest is generated.
const DC_COUNTS_0 = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_COUNTS_1 = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
const AC_COUNTS_0 = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_FIRST_0 = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32,
  0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82,
];
const AC_COUNTS_1 = [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77];
const AC_FIRST_1 = [
  0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81,
  0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34,
  0xe1, 0x25, 0xf1,
];

const STANDARD_DHT = /* @__PURE__ */ ((): Uint8Array => {
  const acValues = (first: number[]): number[] => {
    const rest: number[] = [];
    for (let v = 0; v < 256; v++) if ((v % 16 > 0 && v % 16 <= 10) || v % 240 === 0) if (!first.includes(v)) rest.push(v);
    return [...first, ...rest];
  };
  const dcValues = [...Array(12).keys()];
  const body = [
    0x00, ...DC_COUNTS_0, ...dcValues,
    0x10, ...AC_COUNTS_0, ...acValues(AC_FIRST_0),
    0x01, ...DC_COUNTS_1, ...dcValues,
    0x11, ...AC_COUNTS_1, ...acValues(AC_FIRST_1),
  ];
  const length = body.length + 2;
  return Uint8Array.from([0xff, 0xc4, length >> 8, length & 0xff, ...body]);
})();

/**
 * Removes stuffed `FF 00` bytes that sit directly before a restart marker. Some encoders (Motion-JPEG cameras among
 * them) pad a restart interval that already ends on a byte boundary with a whole 0xFF byte; libjpeg skips such
 * bytes when it looks for the RSTn marker, jpeg-js requires the marker right where the data ends. Only used as a
 * second attempt, because a genuine all-ones last data byte looks the same.
 * @returns the cleaned copy, or `undefined` when there is nothing to remove.
 */
export function withoutPaddingBeforeRestarts(stream: Uint8Array): Uint8Array | undefined {
  const n = stream.length;
  const keep = new Uint8Array(n);
  let removed = 0;
  for (let i = 0; i + 3 < n; i++) {
    if (stream[i] !== 0xff || stream[i + 1] !== 0) continue;
    let j = i;
    while (j + 1 < n && stream[j] === 0xff && stream[j + 1] === 0) j += 2;
    const next = stream[j + 1] ?? 0;
    if (stream[j] === 0xff && next >= 0xd0 && next <= 0xd7) {
      for (let k = i; k < j; k++) keep[k] = 1;
      removed += j - i;
    }
    i = j - 1;
  }
  if (removed === 0) return undefined;
  const out = new Uint8Array(n - removed);
  for (let i = 0, o = 0; i < n; i++) if (keep[i] === 0) out[o++] = stream[i]!;
  return out;
}
