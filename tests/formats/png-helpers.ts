// Helpers for the PNG tests: fixtures and their trimmed oracle, and a PNG assembler for hand-made files. The
// assembler uses node:zlib (deflate and CRC-32) so hand-made files never depend on the code under test.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { PixtextError } from '../../src/errors.js';

const FIXTURES = new URL('../fixtures/png/', import.meta.url);

/** One file of tests/fixtures/png/manifest.json. */
export interface PngManifestEntry {
  file: string;
  expect: 'decode' | 'reject' | 'either';
  note?: string;
  width?: number;
  height?: number;
  expected_mode?: string;
  interlaced?: boolean;
  color_key?: boolean;
  expected_rgba8_sha256?: string;
  png16_samples_be_sha256?: string;
  expected_palette_sha256?: string;
  native_sha256?: string;
}

/** The trimmed oracle of every corpus PNG. */
export function manifest(): PngManifestEntry[] {
  return (JSON.parse(readFileSync(new URL('manifest.json', FIXTURES), 'utf8')) as { files: PngManifestEntry[] }).files;
}

/** A fixture's bytes as a plain Uint8Array. */
export function readFixture(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(file, FIXTURES)));
}

/** Hex sha256. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Asserts two byte arrays are equal, naming the first difference. Much faster than `toEqual` on large typed arrays,
 * and blind to the difference between a Buffer and a Uint8Array.
 */
export function expectBytes(actual: Uint8Array, expected: Uint8Array | number[], what = 'bytes'): void {
  const want = Uint8Array.from(expected);
  expect(actual.length, `${what}: length`).toBe(want.length);
  let i = 0;
  while (i < want.length && actual[i] === want[i]) i++;
  if (i < want.length) expect(`${what}[${i}] = ${actual[i]}`).toBe(`${what}[${i}] = ${want[i]}`);
}

/** Runs `fn` and returns the PixtextError it throws; fails the test if it returns or throws anything else. */
export function pixtextError(fn: () => unknown): PixtextError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PixtextError);
    return error as PixtextError;
  }
  throw new Error('expected a PixtextError, but nothing was thrown');
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** One chunk: length, type, data and a CRC computed by node:zlib (or `crc` as given, to make a bad one). */
export function chunk(type: string, data: Uint8Array | number[] = [], crc?: number): Uint8Array {
  const body = Uint8Array.from(data);
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(ascii(type), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc ?? crc32(out.subarray(4, 8 + body.length)) >>> 0);
  return out;
}

/** IHDR data, without the chunk around it: pass it to `chunk('IHDR', …)`. */
export function ihdr(width: number, height: number, bitDepth: number, colorType: number, interlace = 0): Uint8Array {
  const out = new Uint8Array(13);
  const view = new DataView(out.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  out.set([bitDepth, colorType, 0, 0, interlace], 8);
  return out;
}

/** The PNG signature followed by `chunks`. */
export function png(...chunks: Uint8Array[]): Uint8Array {
  const parts = [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), ...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** zlib-compressed bytes (node:zlib). */
export function zlibOf(bytes: Uint8Array | number[], level = 6): Uint8Array {
  return new Uint8Array(deflateSync(Uint8Array.from(bytes), { level }));
}

/**
 * A complete PNG from filtered rows (each row's filter byte first), with optional chunks between IHDR and IDAT.
 */
export function simplePng(
  width: number,
  height: number,
  bitDepth: number,
  colorType: number,
  filteredRows: number[],
  before: Uint8Array[] = [],
  interlace = 0,
): Uint8Array {
  return png(chunk('IHDR', ihdr(width, height, bitDepth, colorType, interlace)), ...before, chunk('IDAT', zlibOf(filteredRows)), chunk('IEND'));
}

/** 16-bit little-endian samples as bytes. */
export function le16(...values: number[]): number[] {
  return values.flatMap((v) => [v & 0xff, v >>> 8]);
}

/** 16-bit big-endian samples as bytes. */
export function be16(...values: number[]): number[] {
  return values.flatMap((v) => [v >>> 8, v & 0xff]);
}
