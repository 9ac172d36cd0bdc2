// The Pillow 9.4 oracles of tests/fixtures/resize (made once by scripts/gen-resize-fixtures.py): the inputs and
// Pillow's outputs as raw bytes in two blobs, described by manifest.json.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PixelMode, RawImage } from '../../src/index.js';

const dir = new URL('../fixtures/resize/', import.meta.url);
const read = (file: string) => new Uint8Array(readFileSync(new URL(file, dir)));

export interface FixtureInput {
  mode: PixelMode;
  width: number;
  height: number;
  offset: number;
  length: number;
  palette?: number[];
}
export interface FixtureOutput {
  sha256: string;
  length: number;
  offset?: number;
}
export interface ResizeCase {
  name: string;
  input: FixtureInput;
  filter: string;
  box: [number, number, number, number] | null;
  width: number;
  height: number;
  output: FixtureOutput;
}
export interface ThumbnailCase {
  name: string;
  input: FixtureInput;
  box: [number, number];
  width: number;
  height: number;
  output: FixtureOutput;
}
export interface Float16Case {
  name: string;
  input: FixtureInput;
  filter: string;
  width: number;
  height: number;
  reference: number[];
}
export interface Nearest16Case {
  input: FixtureInput;
  width: number;
  height: number;
  box: [number, number, number, number] | null;
  pillow: number[];
}
export interface JpegThumbnailCase {
  file: string;
  box: [number, number];
  width: number;
  height: number;
  mode: PixelMode;
  sha256: string;
}
interface Manifest {
  resize: ResizeCase[];
  thumbnail: ThumbnailCase[];
  jpegThumbnail: JpegThumbnailCase[];
  float16: Float16Case[];
  nearest16: Nearest16Case[];
  inputsSha256: string;
  outputsSha256: string;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as Manifest;
const inputs = read('inputs.bin');
const outputs = read('outputs.bin');
if (sha256(inputs) !== manifest.inputsSha256 || sha256(outputs) !== manifest.outputsSha256) {
  throw new Error('tests/fixtures/resize: the blobs do not match manifest.json');
}

/** A fixture's input as a RawImage (a fresh copy). */
export function inputImage(input: FixtureInput): RawImage {
  const image: RawImage = {
    width: input.width,
    height: input.height,
    mode: input.mode,
    data: inputs.slice(input.offset, input.offset + input.length),
  };
  if (input.palette !== undefined) image.palette = Uint8Array.from(input.palette);
  return image;
}

/** Pillow's output bytes, when the fixture stores them (small outputs); undefined for sha256-only outputs. */
export function outputBytes(output: FixtureOutput): Uint8Array | undefined {
  return output.offset === undefined ? undefined : outputs.slice(output.offset, output.offset + output.length);
}

export const fixtureFile = (name: string): Uint8Array => read(name);

/** The same pixels with red and blue swapped (RGB ↔ BGR, RGBA ↔ BGRA). */
export function swapRedBlue(data: Uint8Array, channels: number): Uint8Array {
  const out = data.slice();
  for (let p = 0; p < out.length; p += channels) {
    out[p] = data[p + 2]!;
    out[p + 2] = data[p]!;
  }
  return out;
}
