// Shared by the BMP tests: a builder for tiny hand-made BMP files, fixture access, and RGBA comparisons.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { PixtextError } from '../../src/errors.js';
import { convert } from '../../src/pixel-modes/convert.js';
import type { RawImage } from '../../src/raw-image.js';

/** What to put in a hand-made BMP. Fields left out get the usual values of a V3 (40-byte header) file. */
export interface BmpSpec {
  /** Info header size: 12 (OS/2 1.x), 16, 40, 52, 56, 64, 108, 124 or anything else to test rejection. */
  headerSize?: number;
  width: number;
  /** Stored as given: negative means top-down. */
  height: number;
  bpp: number;
  compression?: number;
  planes?: number;
  /** R, G, B[, A] masks: inside the header when it has room (≥ 52 bytes), else right after it. */
  masks?: number[];
  /** Palette entries as [r, g, b]. */
  palette?: number[][];
  colorsUsed?: number;
  /** The stored pixel bytes, rows already padded and ordered as the file stores them. */
  pixels: number[] | Uint8Array;
  /** Overrides bfOffBits. */
  dataOffset?: number;
}

/** Builds a BMP file from `spec`, byte by byte, independently of the encoder under test. */
export function bmpFile(spec: BmpSpec): Uint8Array {
  const headerSize = spec.headerSize ?? 40;
  const os2v1 = headerSize === 12;
  const masks = spec.masks ?? [];
  const masksAfter = headerSize < 52 && !os2v1 ? masks.length * 4 : 0;
  const entrySize = os2v1 ? 3 : 4;
  const palette = spec.palette ?? [];
  const dataOffset = 14 + headerSize + masksAfter + palette.length * entrySize;
  const pixels = Uint8Array.from(spec.pixels);
  const out = new Uint8Array(dataOffset + pixels.length);
  const v = new DataView(out.buffer);
  out[0] = 0x42;
  out[1] = 0x4d;
  v.setUint32(2, out.length, true);
  v.setUint32(10, spec.dataOffset ?? dataOffset, true);
  v.setUint32(14, headerSize, true);
  const h = 14;
  if (os2v1) {
    v.setUint16(h + 4, spec.width, true);
    v.setUint16(h + 6, spec.height, true);
    v.setUint16(h + 8, spec.planes ?? 1, true);
    v.setUint16(h + 10, spec.bpp, true);
  } else {
    v.setInt32(h + 4, spec.width, true);
    v.setInt32(h + 8, spec.height, true);
    v.setUint16(h + 12, spec.planes ?? 1, true);
    v.setUint16(h + 14, spec.bpp, true);
    if (headerSize >= 20) v.setUint32(h + 16, spec.compression ?? 0, true);
    if (headerSize >= 24) v.setUint32(h + 20, pixels.length, true);
    if (headerSize >= 36) v.setUint32(h + 32, spec.colorsUsed ?? 0, true);
    const inHeader = headerSize >= 52 ? Math.min(masks.length, (headerSize - 40) / 4) : 0;
    for (let i = 0; i < inHeader; i++) v.setUint32(h + 40 + i * 4, masks[i]! >>> 0, true);
    if (masksAfter) masks.forEach((m, i) => v.setUint32(h + headerSize + i * 4, m >>> 0, true));
  }
  let p = 14 + headerSize + masksAfter;
  for (const [r, g, b] of palette) {
    out[p] = b!;
    out[p + 1] = g!;
    out[p + 2] = r!;
    p += entrySize;
  }
  out.set(pixels, dataOffset);
  return out;
}

/** A grey palette of `n` entries i,i,i. */
export const greyPalette = (n: number): number[][] => Array.from({ length: n }, (_, i) => [i, i, i]);

/** Runs `fn` and returns the PixtextError it throws; fails the test if it throws anything else or nothing. */
export function pixtextErrorOf(fn: () => unknown): PixtextError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PixtextError);
    return error as PixtextError;
  }
  throw new Error('expected a PixtextError, but nothing was thrown');
}

export const FIXTURES = new URL('../fixtures/bmp/', import.meta.url);

export const readFixture = (file: string): Uint8Array => new Uint8Array(readFileSync(new URL(file, FIXTURES)));

/** One entry of tests/fixtures/bmp/manifest.json. */
export interface BmpManifestEntry {
  file: string;
  expect: 'decode' | 'reject' | 'either';
  width?: number;
  height?: number;
  expected_rgba8_sha256?: string;
  expected_tolerance_max_abs_diff?: number;
  alternative_rgba8_sha256?: string[];
  renderings?: { rgba8_sha256: string; reference: string }[];
}

export const manifest = (): BmpManifestEntry[] =>
  (JSON.parse(readFileSync(new URL('manifest.json', FIXTURES), 'utf8')) as { files: BmpManifestEntry[] }).files;

/** The raw RGBA of a reference rendering. */
export const readReference = (file: string): Uint8Array => new Uint8Array(gunzipSync(readFileSync(new URL(file, FIXTURES))));

export const rgba8 = (image: RawImage): Uint8Array => convert(image, 'RGBA').data;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Largest per-sample difference between two RGBA buffers, treating pixels transparent in both as equal (their
 * colour is invisible and decoders disagree on it).
 */
export function maxAbsDiffAlphaAware(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (a[i + 3] === 0 && b[i + 3] === 0) continue;
    for (let c = 0; c < 4; c++) max = Math.max(max, Math.abs(a[i + c]! - b[i + c]!));
  }
  return max;
}

/** Byte-for-byte equality with a readable failure (the index of the first difference), fast on large arrays. */
export function expectSameBytes(actual: Uint8Array | undefined, expected: Uint8Array | undefined, label: string): void {
  expect(actual === undefined, `${label}: presence`).toBe(expected === undefined);
  if (actual === undefined || expected === undefined) return;
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  expect(i, `${label}: index of the first differing byte`).toBe(actual.length);
}
