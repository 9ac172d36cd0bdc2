// The lossless WebP writer: exact round trips of every accepted mode (fast-check), the files it wrote once and
// Pillow 9.4 checked (tests/fixtures/webp/ours, see its README), hand-checked bytes, refusals, and the codec
// plugged into createPixtext.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPixtext } from '../../../src/api/pixtext.js';
import { decodeWebp } from '../../../src/formats/webp/decode.js';
import { encodeWebp, webpCodec } from '../../../src/formats/webp/index.js';
import { DEFAULT_MAX_PIXELS, type PixelMode, type RawImage } from '../../../src/raw-image.js';
import { expectPixtextError } from '../../support/errors.js';
import { readWebpFixture } from './webp-helpers.js';

const options = { maxPixels: DEFAULT_MAX_PIXELS };
const CHANNELS: Record<string, number> = { L: 1, LA: 2, RGB: 3, RGBA: 4 };

/** What a WebP reader gives back for `image`: grey as R = G = B, alpha kept for LA and RGBA (written out here). */
function expected(image: RawImage): { mode: string; data: Uint8Array } {
  const c = CHANNELS[image.mode]!;
  const alpha = image.mode === 'LA' || image.mode === 'RGBA';
  const out = new Uint8Array(image.width * image.height * (alpha ? 4 : 3));
  for (let i = 0, o = 0; i < image.width * image.height; i++) {
    const s = image.data.subarray(i * c, i * c + c);
    const rgb = c <= 2 ? [s[0]!, s[0]!, s[0]!] : [s[0]!, s[1]!, s[2]!];
    out.set(rgb, o);
    o += 3;
    if (alpha) out[o++] = s[c - 1]!;
  }
  return { mode: alpha ? 'RGBA' : 'RGB', data: out };
}

function arbitraryImage(mode: PixelMode): fc.Arbitrary<RawImage> {
  return fc
    .record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 40 }), few: fc.boolean() })
    .chain(({ width, height, few }) => {
      const length = width * height * CHANNELS[mode]!;
      const data = few
        ? fc.array(fc.constantFrom(0, 1, 128, 255), { minLength: length, maxLength: length }).map((a) => Uint8Array.from(a))
        : fc.uint8Array({ minLength: length, maxLength: length });
      return data.map((d) => ({ width, height, mode, data: d }));
    });
}

describe('WebP encoder', () => {
  for (const mode of ['L', 'LA', 'RGB', 'RGBA'] as const) {
    it(`${mode}: decode(encode(image)) is the image (fast-check)`, () => {
      fc.assert(
        fc.property(arbitraryImage(mode), (image) => {
          const decoded = decodeWebp(encodeWebp(image), options);
          const want = expected(image);
          expect(decoded.mode).toBe(want.mode);
          expect([decoded.width, decoded.height]).toEqual([image.width, image.height]);
          expect(decoded.data).toEqual(want.data);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('decodes the files it wrote, which Pillow 9.4 read back identically, to their source pixels', () => {
    const sources = JSON.parse(new TextDecoder().decode(readWebpFixture('ours/sources.json'))) as Array<{
      file: string; width: number; height: number; mode: PixelMode; data: string;
    }>;
    expect(sources.length).toBe(84);
    for (const s of sources) {
      const image = { width: s.width, height: s.height, mode: s.mode, data: new Uint8Array(Buffer.from(s.data, 'base64')) };
      const file = readWebpFixture(`ours/${s.file}`);
      // What Pillow checked is what we write today.
      expect(Buffer.from(encodeWebp(image)).equals(Buffer.from(file)), s.file).toBe(true);
      const decoded = decodeWebp(file, options);
      const want = expected(image);
      expect(decoded.mode, s.file).toBe(want.mode);
      expect(Buffer.from(decoded.data).equals(Buffer.from(want.data)), s.file).toBe(true);
    }
  });

  it('writes a RIFF/WEBP file with one VP8L chunk whose header holds the size and alpha hint', () => {
    const bytes = encodeWebp({ width: 3, height: 2, mode: 'LA', data: new Uint8Array(12) });
    expect(Array.from(bytes.subarray(0, 4), (b) => String.fromCharCode(b)).join('')).toBe('RIFF');
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)).toBe(bytes.length - 8);
    expect(Array.from(bytes.subarray(8, 16), (b) => String.fromCharCode(b)).join('')).toBe('WEBPVP8L');
    // 0x2f, then width-1 = 2 (14 bits), height-1 = 1 (14 bits), alpha 1, version 0: bits LSB first.
    const bits = new DataView(bytes.buffer, bytes.byteOffset).getUint32(21, true);
    expect(bytes[20]).toBe(0x2f);
    expect([bits & 0x3fff, (bits >>> 14) & 0x3fff, (bits >>> 28) & 1, bits >>> 29]).toEqual([2, 1, 1, 0]);
  });

  it('refuses modes it cannot hold, naming the conversion', () => {
    const p = expectPixtextError(() => encodeWebp({ width: 1, height: 1, mode: 'P', data: new Uint8Array(1), palette: new Uint8Array(4) }), 'ERR_UNSUPPORTED');
    expect(p.message).toContain('RGBA');
    expectPixtextError(() => encodeWebp({ width: 1, height: 1, mode: 'RGB16', data: new Uint8Array(6) }), 'ERR_UNSUPPORTED');
    expectPixtextError(() => encodeWebp({ width: 16385, height: 1, mode: 'L', data: new Uint8Array(16385) }), 'ERR_UNSUPPORTED');
    expectPixtextError(() => encodeWebp({ width: 2, height: 1, mode: 'L', data: new Uint8Array(1) }), 'ERR_INVALID_IMAGE');
  });

  it('works as a codec passed to createPixtext', () => {
    const pixtext = createPixtext({ codecs: [webpCodec] });
    const image: RawImage = { width: 2, height: 1, mode: 'RGB', data: new Uint8Array([1, 2, 3, 250, 251, 252]) };
    const bytes = pixtext.encode(image, 'webp');
    expect(pixtext.detectFormat(bytes)).toBe('webp');
    expect(pixtext.decode(bytes)).toEqual({ ...image, data: image.data });
    expect(webpCodec.header(bytes)).toEqual({ width: 2, height: 1, mode: 'RGB', frames: 1, animated: false });
    expect(createPixtext({ codecs: [] }).detectFormat(bytes)).toBe('webp');
  });
});
