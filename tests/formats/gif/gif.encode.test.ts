// GIF encoder: exact bytes for a hand-worked case, what each mode reads back as, refusals, and the files Pillow read
// back identically (tests/fixtures/gif/ours, checked once by scripts/check-gif-roundtrip.py).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PixtextError } from '../../../src/errors.js';
import { decodeGif } from '../../../src/formats/gif/decode.js';
import { encodeGif, GIF_ENCODABLE_MODES } from '../../../src/formats/gif/encode.js';
import type { ImageCodec } from '../../../src/formats/codec.js';
import { gifCodec } from '../../../src/formats/gif/index.js';
import { DEFAULT_MAX_PIXELS, type PixelMode, type RawImage, rowStride } from '../../../src/raw-image.js';
import { gifRoundTripImages, rgbaOf } from '../../fixtures/gif/ours/images.mjs';
import { readGifFixture, sha256, toRgba } from './gif-helpers.js';

const options = { maxPixels: DEFAULT_MAX_PIXELS };
const roundTrip = (image: RawImage): RawImage => decodeGif(encodeGif(image), options);

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    if (error instanceof PixtextError) return error.code;
    throw error;
  }
  return undefined;
}

describe('encodeGif bytes', () => {
  it('writes a 2×2 L image as worked out by hand', () => {
    // Indices 0 1 1 1, table grey 0 and 1 (1 bit), LZW minimum code size 2:
    // codes clear(4) 0 1 7 in 3 bits (7 = "1 1", the KwKwK case), then end(5) in 4 bits because the decoder widens
    // its codes on adding entry 7. Bits LSB first: 001 000 100 111 1010 → bytes 0x44 0x5E.
    const bytes = encodeGif({ width: 2, height: 2, mode: 'L', data: Uint8Array.of(0, 1, 1, 1) });
    expect(Array.from(bytes)).toEqual([
      ...Array.from('GIF89a', (c) => c.charCodeAt(0)),
      2, 0, 2, 0, 0x80, 0, 0, // screen 2×2, global table of 2 entries
      0, 0, 0, 1, 1, 1, // grey 0, grey 1
      0x2c, 0, 0, 0, 0, 2, 0, 2, 0, 0, // image descriptor
      2, 2, 0x44, 0x5e, 0, // LZW: minimum code size, one sub-block, terminator
      0x3b,
    ]);
  });

  it('writes a GCE with the transparent index for one alpha-0 palette entry', () => {
    const palette = Uint8Array.of(10, 20, 30, 255, 40, 50, 60, 0, 70, 80, 90, 255);
    const bytes = encodeGif({ width: 3, height: 1, mode: 'P', data: Uint8Array.of(0, 1, 2), palette });
    const at = 13 + 4 * 3; // after the 4-entry global table
    expect(Array.from(bytes.subarray(at, at + 8))).toEqual([0x21, 0xf9, 4, 1, 0, 0, 1, 0]);
  });
});

describe('what each mode reads back as', () => {
  it('1 → P with the palette black, white and one index a pixel', () => {
    // Row of 10 pixels: 1011 0010 01 (padding bits set to 1, which must not leak).
    const image: RawImage = { width: 10, height: 1, mode: '1', data: Uint8Array.of(0b1011_0010, 0b0111_1111) };
    const back = roundTrip(image);
    expect(back.mode).toBe('P');
    expect(Array.from(back.palette ?? [])).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(Array.from(back.data)).toEqual([1, 0, 1, 1, 0, 0, 1, 0, 0, 1]);
  });

  it('L → L, same bytes', () => {
    const data = Uint8Array.from({ length: 60 }, (_, i) => (i * 37) % 256);
    const back = roundTrip({ width: 6, height: 10, mode: 'L', data });
    expect(back.mode).toBe('L');
    expect(back.palette).toBeUndefined();
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it('P whose palette is a short grey ramp stays P (black entries keep Pillow from dropping it)', () => {
    const palette = Uint8Array.of(0, 0, 0, 255, 1, 1, 1, 255);
    const back = roundTrip({ width: 2, height: 1, mode: 'P', data: Uint8Array.of(1, 0), palette });
    expect(back.mode).toBe('P');
    expect(Array.from(back.palette ?? [])).toEqual([0, 0, 0, 255, 1, 1, 1, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
  });

  it('P whose palette is the full 256-entry grey ramp reads back as L with the same bytes', () => {
    const palette = new Uint8Array(1024);
    for (let i = 0; i < 256; i++) palette.set([i, i, i, 255], i * 4);
    const data = Uint8Array.of(0, 128, 255, 7);
    const back = roundTrip({ width: 2, height: 2, mode: 'P', data, palette });
    expect(back.mode).toBe('L');
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it('P without a palette (grey i) reads back as L', () => {
    const data = Uint8Array.of(3, 200, 0, 17);
    const back = roundTrip({ width: 4, height: 1, mode: 'P', data });
    expect(back.mode).toBe('L');
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it('a 300×200 noise image of 256 colours (the LZW table fills and clears many times)', () => {
    let seed = 12345;
    const data = Uint8Array.from({ length: 300 * 200 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    });
    const palette = Uint8Array.from({ length: 1024 }, (_, i) => (i % 4 === 3 ? 255 : (i * 7) & 255));
    const back = roundTrip({ width: 300, height: 200, mode: 'P', data, palette });
    expect(back.mode).toBe('P');
    expect(back.data.every((v, i) => v === data[i])).toBe(true);
    expect(Array.from(back.palette ?? [])).toEqual(Array.from(palette));
  });
});

/** Any image of `mode` up to 40×40; P palettes of 1–256 entries, maybe one transparent, indices maybe past them. */
function arbitraryImage(mode: PixelMode): fc.Arbitrary<RawImage> {
  return fc
    .record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 40 }), entries: fc.integer({ min: 1, max: 256 }) })
    .chain(({ width, height, entries }) => {
      const length = rowStride(mode, width) * height;
      const data = fc.uint8Array({ minLength: length, maxLength: length });
      if (mode !== 'P') return data.map((d): RawImage => ({ width, height, mode, data: d }));
      const colours = fc.uint8Array({ minLength: entries * 4, maxLength: entries * 4 });
      return fc
        .tuple(data, colours, fc.option(fc.nat(entries - 1)))
        .map(([d, p, transparent]): RawImage => {
          const indices = d.map((v) => v % entries); // every index in the palette (a RawImage rule)
          const palette = p.map((v, i) => (i % 4 === 3 ? 255 : v));
          if (transparent !== null) palette[transparent * 4 + 3] = 0;
          return { width, height, mode, data: indices, palette };
        });
    });
}

describe('decode(encode(image)) property', () => {
  it('L: identical image', () => {
    fc.assert(
      fc.property(arbitraryImage('L'), (image) => {
        const back = roundTrip(image);
        expect(back).toEqual({ width: image.width, height: image.height, mode: 'L', data: image.data });
      }),
      { numRuns: 150 },
    );
  });

  it('1: P black/white with the same bits', () => {
    fc.assert(
      fc.property(arbitraryImage('1'), (image) => {
        const back = roundTrip(image);
        const stride = rowStride('1', image.width);
        expect(back.mode).toBe('P');
        for (let y = 0; y < image.height; y++) {
          for (let x = 0; x < image.width; x++) {
            const bit = ((image.data[y * stride + (x >> 3)] as number) >> (7 - (x & 7))) & 1;
            expect(back.data[y * image.width + x]).toBe(bit);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('P: same indices, same palette entries (then padding), same RGBA', () => {
    fc.assert(
      fc.property(arbitraryImage('P'), (image) => {
        const back = roundTrip(image);
        expect(Array.from(back.data)).toEqual(Array.from(image.data));
        expect(Array.from(toRgba(back))).toEqual(Array.from(toRgba(image)));
        if (back.mode === 'P') {
          const palette = image.palette as Uint8Array;
          expect(Array.from((back.palette as Uint8Array).subarray(0, palette.length))).toEqual(Array.from(palette));
        } else {
          // Only the 256-entry grey ramp reads back as L.
          expect(back.mode).toBe('L');
          expect(image.palette?.length).toBe(1024);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('refusals', () => {
  it('modes GIF cannot hold', () => {
    for (const mode of ['RGB', 'RGBA', 'LA', 'L16'] as const) {
      const data = new Uint8Array(rowStride(mode, 2) * 2);
      expect(codeOf(() => encodeGif({ width: 2, height: 2, mode, data }))).toBe('ERR_UNSUPPORTED');
    }
  });
  it('partial alpha, or two transparent entries, naming the conversion', () => {
    const partial = Uint8Array.of(1, 2, 3, 128);
    expect(codeOf(() => encodeGif({ width: 1, height: 1, mode: 'P', data: Uint8Array.of(0), palette: partial }))).toBe(
      'ERR_UNSUPPORTED',
    );
    const two = Uint8Array.of(1, 2, 3, 0, 4, 5, 6, 0);
    expect(() => encodeGif({ width: 1, height: 1, mode: 'P', data: Uint8Array.of(0), palette: two })).toThrow(/'RGBA'/);
  });
  it('sides over 65535 or of 0', () => {
    expect(codeOf(() => encodeGif({ width: 65536, height: 1, mode: 'L', data: new Uint8Array(65536) }))).toBe('ERR_UNSUPPORTED');
    expect(codeOf(() => encodeGif({ width: 0, height: 5, mode: 'L', data: new Uint8Array(0) }))).toBe('ERR_UNSUPPORTED');
  });
  it('a malformed RawImage', () => {
    expect(codeOf(() => encodeGif({ width: 2, height: 2, mode: 'L', data: new Uint8Array(3) }))).toBe('ERR_INVALID_IMAGE');
  });
});

describe('gifCodec', () => {
  it('is an ImageCodec of a built-in format', () => {
    // Type-level: gifCodec is one of the codecs createPixtext takes, under a FormatId.
    const shape: ImageCodec = gifCodec;
    expect(shape.extensions).toEqual(['gif']);
    expect([gifCodec.id, gifCodec.mimeType, gifCodec.extensions]).toEqual(['gif', 'image/gif', ['gif']]);
    expect(gifCodec.encodableModes).toEqual(['1', 'L', 'P']);
    const bytes = gifCodec.encode({ width: 1, height: 1, mode: 'L', data: Uint8Array.of(9) });
    expect(gifCodec.sniff(bytes)).toBe(true);
    expect(gifCodec.sniff(Uint8Array.of(0x89, 0x50))).toBe(false);
    expect(gifCodec.header(bytes)).toEqual({ width: 1, height: 1, mode: 'L', frameCount: 1 });
  });
});

describe('an independent decoder reads what we write', () => {
  it('omggif decodes the same RGBA (transparent pixels aside, which it leaves unwritten)', async () => {
    // @ts-expect-error omggif ships no type declarations
    const { GifReader } = (await import('omggif')) as { GifReader: new (b: Uint8Array) => OmgReader };
    interface OmgReader {
      width: number;
      height: number;
      decodeAndBlitFrameRGBA(frame: number, pixels: Uint8Array): void;
    }
    let seed = 7;
    const next = (limit: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % limit;
    };
    const palette = Uint8Array.from({ length: 40 * 4 }, (_, i) => (i % 4 === 3 ? (i === 4 * 5 + 3 ? 0 : 255) : next(256)));
    const images: RawImage[] = [
      { width: 123, height: 77, mode: 'P', data: Uint8Array.from({ length: 123 * 77 }, () => next(40)), palette },
      { width: 200, height: 150, mode: 'L', data: Uint8Array.from({ length: 30000 }, () => next(256)) },
      { width: 64, height: 3, mode: 'L', data: Uint8Array.from({ length: 192 }, (_, i) => i & 7) },
      { width: 9, height: 5, mode: '1', data: Uint8Array.from({ length: 10 }, () => next(256)) },
    ];
    for (const image of images) {
      const reader = new GifReader(encodeGif(image));
      const theirs = new Uint8Array(reader.width * reader.height * 4);
      reader.decodeAndBlitFrameRGBA(0, theirs);
      const ours = toRgba(decodeGif(encodeGif(image), options));
      for (let i = 0; i < ours.length; i += 4) {
        if (ours[i + 3] === 0) continue;
        expect(Array.from(theirs.subarray(i, i + 4)), `${image.mode} pixel ${i / 4}`).toEqual(Array.from(ours.subarray(i, i + 4)));
      }
    }
  });
});

describe('Pillow reads what we write', () => {
  it('the committed files Pillow 9.4 read back with the source RGBA are what encodeGif writes today', () => {
    const ours = (name: string) => readGifFixture(`ours/${name}`);
    const list = JSON.parse(new TextDecoder().decode(ours('list.json'))) as { file: string; width: number; height: number; mode: string; sha256_of_raw_rgba: string }[];
    const pillow = JSON.parse(new TextDecoder().decode(ours('pillow.json'))) as { files: Record<string, { pass: boolean; problems: string[] }> };
    const images = gifRoundTripImages();
    // Every mode the writer accepts is among them.
    expect(new Set(Object.values(images).map((image) => image.mode))).toEqual(new Set(GIF_ENCODABLE_MODES));
    expect(list.map((entry) => entry.file)).toEqual(Object.keys(images));
    for (const entry of list) {
      const image = images[entry.file]!;
      expect(pillow.files[entry.file], entry.file).toEqual({ pass: true, problems: [], pillowMode: expect.any(String) });
      expect(sha256(rgbaOf(image)), entry.file).toBe(entry.sha256_of_raw_rgba);
      const written = encodeGif(image);
      expect(sha256(written), entry.file).toBe(sha256(ours(entry.file))); // what Pillow checked is what we write today
      expect(sha256(toRgba(decodeGif(written, options))), entry.file).toBe(entry.sha256_of_raw_rgba);
    }
  });
});
