// The marker segments of a baseline JFIF file, in the order and grouping libjpeg-turbo jcmarker.c emits them:
// SOI, APP0 (JFIF), one DQT per table, SOF0, one DHT per table (DC then AC of each component in turn), SOS, …, EOI.
// Spec: T.81 B.2 (syntax), JFIF 1.02 (APP0).
import type { HuffmanSpec } from './standard-tables.js';
import { ZIGZAG_TO_NATURAL } from './standard-tables.js';

/** T.81 Table B.1 marker codes (the byte after 0xFF). */
export const MARKER = {
  SOI: 0xd8,
  EOI: 0xd9,
  APP0: 0xe0,
  DQT: 0xdb,
  SOF0: 0xc0,
  SOF2: 0xc2,
  DHT: 0xc4,
  SOS: 0xda,
} as const;

/** One component as SOF0 and SOS describe it. */
export interface FrameComponent {
  /** Component identifier: 1, 2, 3 as libjpeg numbers Y, Cb, Cr (jcparam.c jpeg_set_colorspace). */
  readonly id: number;
  readonly h: number;
  readonly v: number;
  /** Quantization table slot. */
  readonly tq: number;
  /** DC and AC Huffman table slots. */
  readonly td: number;
  readonly ta: number;
}

/** A byte sink with big-endian helpers; `bytes` must be large enough (see {@link MAX_HEADER_LENGTH}). */
export class MarkerWriter {
  length = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(value: number): void {
    this.bytes[this.length++] = value;
  }

  word(value: number): void {
    this.bytes[this.length++] = value >>> 8;
    this.bytes[this.length++] = value & 0xff;
  }

  /** The marker and the segment length (which counts itself but not the marker). */
  segment(marker: number, payloadLength: number): void {
    this.byte(0xff);
    this.byte(marker);
    this.word(payloadLength + 2);
  }
}

/**
 * Most bytes the header can take: SOI 2, APP0 18, two DQT 69 each, SOF0 19, four DHT of at most 21 + 256 each, SOS
 * 14.
 */
export const MAX_HEADER_LENGTH = 2 + 18 + 2 * 69 + 19 + 4 * (21 + 256) + 14;

/** SOI and the JFIF APP0 jcmarker.c emit_jfif_app0 writes with libjpeg's defaults: version 1.01, no units, 1:1. */
export function writeStart(w: MarkerWriter): void {
  w.byte(0xff);
  w.byte(MARKER.SOI);
  w.segment(MARKER.APP0, 14);
  for (const c of [0x4a, 0x46, 0x49, 0x46, 0]) w.byte(c); // "JFIF\0"
  w.byte(1); // JFIF_major_version
  w.byte(1); // JFIF_minor_version (jcparam.c jpeg_set_defaults)
  w.byte(0); // density_unit: none, only the aspect ratio
  w.word(1); // X_density
  w.word(1); // Y_density
  w.byte(0); // thumbnail width
  w.byte(0); // thumbnail height
}

/** One DQT segment (jcmarker.c emit_dqt): 8-bit precision, the 64 steps in zig-zag order. */
export function writeDqt(w: MarkerWriter, slot: number, natural: Uint8Array): void {
  w.segment(MARKER.DQT, 1 + 64);
  w.byte(slot); // Pq = 0 (8-bit) << 4 | Tq
  for (let k = 0; k < 64; k++) w.byte(natural[ZIGZAG_TO_NATURAL[k]!]!);
}

/** SOF0 (baseline) or SOF2 (progressive), jcmarker.c emit_sof: precision 8, height, width, then each component. */
export function writeSof(w: MarkerWriter, marker: number, width: number, height: number, components: readonly FrameComponent[]): void {
  w.segment(marker, 6 + 3 * components.length);
  w.byte(8);
  w.word(height);
  w.word(width);
  w.byte(components.length);
  for (const c of components) {
    w.byte(c.id);
    w.byte((c.h << 4) | c.v);
    w.byte(c.tq);
  }
}

/** One DHT segment (jcmarker.c emit_dht): class 0 DC / 1 AC, slot, the 16 counts and the symbols. */
export function writeDht(w: MarkerWriter, tableClass: 0 | 1, slot: number, spec: HuffmanSpec): void {
  w.segment(MARKER.DHT, 1 + 16 + spec.values.length);
  w.byte((tableClass << 4) | slot);
  for (const n of spec.bits) w.byte(n);
  for (const v of spec.values) w.byte(v);
}

/**
 * SOS (jcmarker.c emit_sos) for a scan of `components`; a sequential scan is Ss 0, Se 63, Ah = Al = 0. A
 * progressive scan names only the table kind it uses and 0 for the other: an AC scan (Ss > 0) writes DC table 0,
 * a DC scan AC table 0, and a DC refinement scan both 0 (it uses no table).
 */
export function writeSos(w: MarkerWriter, components: readonly FrameComponent[], ss = 0, se = 63, ah = 0, al = 0, progressive = false): void {
  w.segment(MARKER.SOS, 1 + 2 * components.length + 3);
  w.byte(components.length);
  for (const c of components) {
    w.byte(c.id);
    const td = progressive && (ss > 0 || ah > 0) ? 0 : c.td;
    const ta = progressive && ss === 0 ? 0 : c.ta;
    w.byte((td << 4) | ta);
  }
  w.byte(ss);
  w.byte(se);
  w.byte((ah << 4) | al);
}
