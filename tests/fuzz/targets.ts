// The readers under fuzz, each with its input generator, its call, and the invariants its output must meet.
import { inspect, textToImage } from '../../src/api/default.js';
import { parseDataUrl } from '../../src/text-forms/data-url.js';
import { readEnvelope } from '../../src/text-forms/envelope-read.js';
import { parseJsonObject } from '../../src/text-forms/json-scan.js';
import { readPilDump } from '../../src/text-forms/pil-dump.js';
import { PixtextError } from '../../src/errors.js';
import { bmpCodec } from '../../src/formats/bmp/index.js';
import { jpegCodec } from '../../src/formats/jpeg/index.js';
import { pngCodec } from '../../src/formats/png/index.js';
import { webpCodec } from '../../src/formats/webp/index.js';
import type { PixelMode, RawImage } from '../../src/raw-image.js';
import { mutateBmp } from './bmp-mutators.js';
import { createGifExifTargets } from './gif-exif-targets.js';
import { mutateBareBase64, mutateDataUrl, mutateEnvelope, mutatePilDump } from './form-mutators.js';
import type { FileFormat, FileMutator, TextSeed } from './form-mutators.js';
import { checkDataUrl, checkEnvelope, checkImage } from './invariants.js';
import { mutateJpeg, parseJpegSeed } from './jpeg-mutators.js';
import type { JpegSeed } from './jpeg-mutators.js';
import { mutatePng, parsePngSeed } from './png-mutators.js';
import type { PngSeed } from './png-mutators.js';
import { mutateWebp } from './webp-mutators.js';
import type { Rng } from './rng.js';
import type { Seeds } from './seeds.js';

/** The readers, in report order. */
export const TARGET_NAMES = ['png', 'bmp', 'jpeg', 'envelope', 'pil-dump', 'data-url', 'textToImage', 'gif', 'exif', 'webp'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** One fuzz input: file bytes or text, and for textToImage an optional `mode` option. */
export interface FuzzInput {
  bytes?: Uint8Array;
  text?: string;
  mode?: PixelMode;
}

/** A reader under fuzz. */
export interface Target {
  name: TargetName;
  /** Builds one input; a pure function of the generator's state. */
  generate(rng: Rng): FuzzInput;
  /** Calls the reader. Throws what the reader throws. */
  run(input: FuzzInput, maxPixels: number): unknown;
  /** What is wrong with a returned value, or undefined. */
  check(output: unknown, input: FuzzInput, maxPixels: number): string | undefined;
  /** Unmutated inputs, candidates for the known-good check after each batch. */
  pristine: FuzzInput[];
}

const MODES: PixelMode[] = ['1', 'L', 'LA', 'P', 'RGB', 'RGBA', 'BGR', 'BGRA', 'L16', 'LA16', 'RGB16', 'RGBA16'];

/** The file mutator the text forms use, parsing each file seed once. */
function fileMutator(seeds: Seeds): FileMutator {
  const pngs = new Map<Uint8Array, PngSeed>();
  const jpegs = new Map<Uint8Array, JpegSeed>();
  return (rng: Rng, format: FileFormat, bytes: Uint8Array): Uint8Array => {
    if (format === 'png') {
      let seed = pngs.get(bytes);
      if (seed === undefined) pngs.set(bytes, (seed = parsePng(bytes)));
      return mutatePng(rng, seed, seeds.png);
    }
    if (format === 'jpeg') {
      let seed = jpegs.get(bytes);
      if (seed === undefined) jpegs.set(bytes, (seed = parseJpegSeed(bytes)));
      return mutateJpeg(rng, seed, seeds.jpeg);
    }
    return mutateBmp(rng, bytes, seeds.bmp);
  };
}

/** Parses a seed PNG; the few corpus files with broken zlib data keep an empty image data. */
function parsePng(bytes: Uint8Array): PngSeed {
  try {
    return parsePngSeed(bytes);
  } catch {
    return { bytes, chunks: [], filtered: new Uint8Array(0) };
  }
}

function fileTarget(name: 'png' | 'bmp' | 'jpeg', seeds: Seeds, modes: readonly PixelMode[]): Target {
  const codec = name === 'png' ? pngCodec : name === 'bmp' ? bmpCodec : jpegCodec;
  const files = seeds[name];
  const parsedPng = name === 'png' ? files.map(parsePng).filter((s) => s.chunks.length > 0) : [];
  const parsedJpeg = name === 'jpeg' ? files.map(parseJpegSeed) : [];
  return {
    name,
    generate(rng) {
      if (name === 'png') return { bytes: mutatePng(rng, rng.pick(parsedPng), files) };
      if (name === 'jpeg') return { bytes: mutateJpeg(rng, rng.pick(parsedJpeg), files) };
      return { bytes: mutateBmp(rng, rng.pick(files), files) };
    },
    run: (input, maxPixels) => codec.decode(input.bytes!, { maxPixels }),
    check: (output, _input, maxPixels) => checkImage(output, maxPixels, modes),
    pristine: files.map((bytes) => ({ bytes })),
  };
}

function textTarget(
  name: 'envelope' | 'pil-dump' | 'data-url',
  pool: TextSeed[],
  mutate: (rng: Rng, seed: TextSeed) => string,
  run: (text: string, maxPixels: number) => unknown,
  check: (output: unknown, input: FuzzInput, maxPixels: number) => string | undefined,
): Target {
  return {
    name,
    generate: (rng) => ({ text: mutate(rng, rng.pick(pool)) }),
    run: (input, maxPixels) => run(input.text!, maxPixels),
    check,
    pristine: pool.map((s) => ({ text: s.text })),
  };
}

/** textToImage and inspect on the same text: both must hold, and agree on what the text holds. */
function runWhole(input: FuzzInput, maxPixels: number): { image: RawImage; info: ReturnType<typeof inspect> | undefined } {
  let info: ReturnType<typeof inspect> | undefined;
  try {
    info = inspect(input.text!);
  } catch (error) {
    if (!(error instanceof PixtextError)) throw error;
  }
  const options = input.mode === undefined ? { maxPixels } : { maxPixels, mode: input.mode };
  return { image: textToImage(input.text!, options), info };
}

function checkWhole(output: unknown, input: FuzzInput, maxPixels: number): string | undefined {
  const { image, info } = output as ReturnType<typeof runWhole>;
  const problem = checkImage(image, maxPixels, input.mode === undefined ? undefined : [input.mode]);
  if (problem !== undefined || info === undefined) return problem;
  if (info.width !== image.width || info.height !== image.height) return `inspect says ${info.width}×${info.height}, textToImage gives ${image.width}×${image.height}`;
  if (input.mode === undefined && info.mode !== image.mode) return `inspect says mode ${info.mode}, textToImage gives ${image.mode}`;
  return undefined;
}

/** Every target over one set of seeds. */
export function createTargets(seeds: Seeds): Target[] {
  const mutateFile = fileMutator(seeds);
  const whole = [...seeds.envelope, ...seeds.pil, ...seeds.dataUrl, ...seeds.base64];
  const mutateAny = (rng: Rng, seed: TextSeed): string => {
    if (seed.form === 'envelope') return mutateEnvelope(rng, seed, mutateFile);
    if (seed.form === 'pil') return mutatePilDump(rng, seed);
    if (seed.form === 'data-url') return mutateDataUrl(rng, seed, mutateFile);
    return mutateBareBase64(rng, seed, mutateFile);
  };
  return [
    fileTarget('png', seeds, MODES),
    fileTarget('bmp', seeds, ['1', 'L', 'P', 'RGB', 'RGBA']),
    fileTarget('jpeg', seeds, ['L', 'RGB']),
    textTarget(
      'envelope',
      seeds.envelope,
      (rng, seed) => mutateEnvelope(rng, seed, mutateFile),
      (text, maxPixels) => readEnvelope(text, { maxPixels }),
      (output, _input, maxPixels) => checkEnvelope(output, maxPixels),
    ),
    textTarget(
      'pil-dump',
      seeds.pil,
      (rng, seed) => mutatePilDump(rng, seed),
      (text, maxPixels) => readPilDump(parseJsonObject(text, 'The text'), { maxPixels }),
      (output, _input, maxPixels) => checkImage(output, maxPixels),
    ),
    textTarget(
      'data-url',
      seeds.dataUrl,
      (rng, seed) => mutateDataUrl(rng, seed, mutateFile),
      (text) => parseDataUrl(text),
      (output, input) => checkDataUrl(output, input.text!),
    ),
    {
      name: 'textToImage',
      generate(rng) {
        const text = mutateAny(rng, rng.pick(whole));
        return rng.chance(0.15) ? { text, mode: rng.pick(MODES) } : { text };
      },
      run: runWhole,
      check: checkWhole,
      pristine: whole.map((s) => ({ text: s.text })),
    },
    {
      name: 'webp',
      generate: (rng) => ({ bytes: mutateWebp(rng, rng.pick(seeds.webp), seeds.webp) }),
      run: (input, maxPixels) => webpCodec.decode(input.bytes!, { maxPixels }),
      check: (output, _input, maxPixels) => checkImage(output, maxPixels, ['RGB', 'RGBA']),
      pristine: seeds.webp.map((bytes) => ({ bytes })),
    },
    ...createGifExifTargets(seeds),
  ];
}
