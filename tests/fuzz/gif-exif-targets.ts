// The GIF decoder and the EXIF orientation reader under fuzz. GIF: the fixture files (Pillow's test images, the
// image-gif crash and regression files, our synthetic ones) mutated format-blind and at the header fields that steer
// the decoder (screen size, colour table flags, LZW code size). EXIF: the fixture JPEG/PNG/WebP files mutated whole,
// and the oracle's EXIF payloads mutated and wrapped afresh in a JPEG APP1 segment, a PNG eXIf chunk (valid CRC) or
// a WebP EXIF chunk, so the IFD reader sees broken blocks inside well-formed containers.
import { crc32 } from 'node:zlib';
import { PixtextError } from '../../src/errors.js';
import { applyOrientation, readExifOrientation, readFileOrientation } from '../../src/formats/exif/index.js';
import { gifCodec } from '../../src/formats/gif/index.js';
import type { RawImage } from '../../src/raw-image.js';
import { concat, mutateBytes, putUint, someU16 } from './byte-mutators.js';
import { checkImage } from './invariants.js';
import type { Rng } from './rng.js';
import type { FuzzInput, Target } from './targets.js';

/** The seeds of the two targets: GIF files, and EXIF container files and bare payloads. */
export interface GifExifSeeds {
  gif: Uint8Array[];
  exifFiles: Uint8Array[];
  exifPayloads: Uint8Array[];
}

// Logical screen width/height (LE u16 at 6 and 8), the packed flags at 10, background index, aspect.
const GIF_FIELDS = [6, 8, 10, 11, 12] as const;

function mutateGif(rng: Rng, bytes: Uint8Array, others: readonly Uint8Array[]): Uint8Array {
  if (bytes.length > 13 && rng.chance(0.3)) {
    const out = bytes.slice();
    const at = rng.pick(GIF_FIELDS);
    if (at <= 8) putUint(out, at, 2, someU16(rng), false);
    else out[at] = rng.below(256);
    // The LZW minimum code size of the first image: the byte after its descriptor (and local table) is hard to
    // find blind, so a byte near the first 0x2c is set to an edge value instead.
    const descriptor = out.indexOf(0x2c, 13);
    if (descriptor > 0 && descriptor + 10 < out.length && rng.chance(0.3)) out[descriptor + 10] = rng.pick([0, 1, 2, 8, 11, 12, 13, 255]);
    return out;
  }
  return mutateBytes(rng, bytes, others);
}

function u32be(n: number): Uint8Array {
  return new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

/** A payload in a fresh container: JPEG APP1 "Exif\0\0", PNG eXIf (CRC right), WebP EXIF, or bare. */
function wrapPayload(rng: Rng, payload: Uint8Array): Uint8Array {
  const tiff = payload[0] === 0x45 && payload[1] === 0x78 ? payload.subarray(6) : payload; // drop "Exif\0\0"
  const kind = rng.below(4);
  if (kind === 0) {
    const body = concat(new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0]), tiff.subarray(0, 65527));
    const length = body.length + 2;
    return concat(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, length >> 8, length & 255]), body, new Uint8Array([0xff, 0xd9]));
  }
  if (kind === 1) {
    const ihdr = new Uint8Array([0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    const exif = concat(new Uint8Array([0x65, 0x58, 0x49, 0x66]), tiff);
    const chunk = (typeAndData: Uint8Array) => concat(u32be(typeAndData.length - 4), typeAndData, u32be(crc32(typeAndData) >>> 0));
    const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return concat(signature, chunk(ihdr), chunk(exif), chunk(new Uint8Array([0x49, 0x45, 0x4e, 0x44])));
  }
  if (kind === 2) {
    const data = rng.chance(0.5) ? payload : tiff;
    const padded = data.length % 2 === 0 ? data : concat(data, new Uint8Array(1));
    const le = (n: number) => new Uint8Array([n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24]);
    const chunk = concat(new Uint8Array([0x45, 0x58, 0x49, 0x46]), le(data.length), padded);
    return concat(new Uint8Array([0x52, 0x49, 0x46, 0x46]), le(chunk.length + 4), new Uint8Array([0x57, 0x45, 0x42, 0x50]), chunk);
  }
  return payload;
}

const SAMPLE: RawImage = { width: 3, height: 2, mode: 'RGB', data: Uint8Array.from({ length: 18 }, (_, i) => i) };

/** The two targets over their seeds. */
export function createGifExifTargets(seeds: GifExifSeeds): Target[] {
  return [
    {
      name: 'gif',
      generate: (rng) => ({ bytes: mutateGif(rng, rng.pick(seeds.gif), seeds.gif) }),
      run(input, maxPixels) {
        const bytes = input.bytes!;
        let header: ReturnType<typeof gifCodec.header> | undefined;
        try {
          header = gifCodec.header(bytes);
        } catch (error) {
          if (!(error instanceof PixtextError)) throw error;
        }
        return { image: gifCodec.decode(bytes, { maxPixels }), header };
      },
      check(output, _input, maxPixels) {
        const { image, header } = output as { image: RawImage; header: ReturnType<typeof gifCodec.header> | undefined };
        const problem = checkImage(image, maxPixels, ['L', 'P']);
        if (problem !== undefined) return problem;
        if (header === undefined) return 'decode succeeds where header() refuses';
        if (header.width !== image.width || header.height !== image.height || header.mode !== image.mode) {
          return `header says ${header.width}×${header.height} ${header.mode}, decode gives ${image.width}×${image.height} ${image.mode}`;
        }
        if (!Number.isSafeInteger(header.frameCount) || header.frameCount < 1) return `frameCount ${header.frameCount}`;
        return undefined;
      },
      pristine: seeds.gif.map((bytes) => ({ bytes })),
    },
    {
      name: 'exif',
      generate(rng): FuzzInput {
        if (rng.chance(0.5)) return { bytes: mutateBytes(rng, rng.pick(seeds.exifFiles), seeds.exifFiles) };
        return { bytes: wrapPayload(rng, mutateBytes(rng, rng.pick(seeds.exifPayloads), seeds.exifPayloads)) };
      },
      run(input) {
        const bytes = input.bytes!;
        const orientation = readFileOrientation(bytes);
        const fromPayload = readExifOrientation(bytes);
        // The orientation is applied as decode(bytes, { orientation: 'apply' }) would, to a small image.
        return { orientation, fromPayload, image: applyOrientation(SAMPLE, orientation) };
      },
      check(output) {
        const { orientation, fromPayload, image } = output as { orientation: unknown; fromPayload: unknown; image: RawImage };
        for (const value of [orientation, fromPayload]) {
          if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 8)) return `orientation ${String(value)}`;
        }
        const swapped = typeof orientation === 'number' && orientation >= 5;
        if (image.width !== (swapped ? 2 : 3) || image.height !== (swapped ? 3 : 2)) return `orientation ${String(orientation)} gives ${image.width}×${image.height}`;
        return checkImage(image, Infinity, ['RGB']);
      },
      pristine: seeds.exifFiles.map((bytes) => ({ bytes })),
    },
  ];
}
