// Hostile GIFs: truncations (every byte of the first 300, then every 7th) and seeded one-byte changes of small
// files give what Pillow 9.4 gives (the same image, or a refusal: then a PixtextError), and crafted files neither
// hang nor allocate what they declare.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PixtextError } from '../../../src/errors.js';
import { decodeGif, readGifHeader } from '../../../src/formats/gif/decode.js';
import { readGifFixture, sha256, toRgba } from './gif-helpers.js';

interface Variant {
  cut?: number;
  at?: number;
  value?: number;
  ok: boolean;
  error?: string;
  width?: number;
  height?: number;
  mode?: string;
  core_mode?: string;
  transparency?: number | null;
  sha256_tobytes?: string;
  sha256_rgba?: string;
}

const variants = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/gif/oracle-variants.json', import.meta.url)), 'utf8')) as {
    files: Record<string, Variant[]>;
  }
).files;

// Pillow refuses above 2 × Image.MAX_IMAGE_PIXELS (DecompressionBombError); the same limit here.
const PILLOW_BOMB_LIMIT = 178_956_970;

describe('variants of small files agree with Pillow 9.4', () => {
  for (const [file, cases] of Object.entries(variants)) {
    it(`${file}: ${cases.length} truncations and one-byte changes`, () => {
      const original = readGifFixture(file);
      let decoded = 0;
      for (const v of cases) {
        let bytes: Uint8Array;
        if (v.cut !== undefined) bytes = original.subarray(0, v.cut);
        else {
          bytes = original.slice();
          bytes[v.at as number] = v.value as number;
        }
        const label = v.cut !== undefined ? `cut at ${v.cut}` : `byte ${v.at} = ${v.value}`;
        let result: ReturnType<typeof decodeGif> | undefined;
        let error: unknown;
        try {
          result = decodeGif(bytes, { maxPixels: PILLOW_BOMB_LIMIT });
        } catch (e) {
          error = e;
        }
        if (!v.ok) {
          expect(error, `${label}: Pillow says ${v.error}`).toBeInstanceOf(PixtextError);
          continue;
        }
        expect(error, `${label}: Pillow decodes it`).toBeUndefined();
        const image = result as NonNullable<typeof result>;
        expect([image.width, image.height], label).toEqual([v.width, v.height]);
        const mode = v.mode === 'L' && (v.transparency != null || v.core_mode === 'P') ? 'P' : v.mode;
        expect(image.mode, label).toBe(mode);
        expect(sha256(image.data).slice(0, 16), label).toBe(v.sha256_tobytes);
        expect(sha256(toRgba(image)).slice(0, 16), label).toBe(v.sha256_rgba);
        decoded++;
      }
      expect(decoded).toBeGreaterThan(100);
    });
  }
});

/** A GIF with the given screen, one descriptor and raw image data after the minimum code size byte. */
function craft(screen: [number, number], frame: [number, number], minCodeSize: number, data: number[]): Uint8Array {
  const le = (v: number) => [v & 0xff, v >> 8];
  return Uint8Array.from([
    ...Array.from('GIF89a', (c) => c.charCodeAt(0)),
    ...le(screen[0]), ...le(screen[1]), 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
    0x2c, 0, 0, 0, 0, ...le(frame[0]), ...le(frame[1]), 0,
    minCodeSize, ...data,
  ]);
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    if (error instanceof PixtextError) return error.code;
    throw error;
  }
  return undefined;
}

describe('crafted files', () => {
  it('a screen over maxPixels is ERR_TOO_LARGE from the header, before allocating', () => {
    const bytes = craft([65535, 65535], [1, 1], 2, [2, 0x44, 0x01, 0, 0x3b]);
    expect(codeOf(() => decodeGif(bytes, { maxPixels: 1e6 }))).toBe('ERR_TOO_LARGE');
    expect(readGifHeader(bytes)).toMatchObject({ width: 65535, height: 65535, mode: 'P', frameCount: 1 });
  });

  it('a 65535×65535 frame with a few bytes of data is refused without allocating 4 GB, even with no pixel limit', () => {
    const bytes = craft([65535, 65535], [65535, 65535], 2, [3, 0x04, 0x00, 0x00, 0, 0x3b]);
    // By default the header alone refuses it as a decompression bomb; with both limits lifted the short data must.
    expect(codeOf(() => decodeGif(bytes, { maxPixels: Infinity }))).toBe('ERR_TOO_LARGE');
    const start = performance.now();
    expect(codeOf(() => decodeGif(bytes, { maxPixels: Infinity, maxExpansion: Infinity }))).toBe('ERR_TRUNCATED');
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('a long run of clear codes, and of end codes, ends in bounded time', () => {
    // 3-bit codes, least significant bit first: 0x24 0x49 0x92 repeated is clear (4) after clear, 0x6d 0xdb 0xb6
    // is end (5) after end (3 bytes = 8 codes). About 5 MB of 255-byte sub-blocks each.
    const stream = (pattern: number[]): number[] => [255, ...Array.from({ length: 255 }, (_, i) => pattern[i % 3] as number)];
    for (const pattern of [
      [0x24, 0x49, 0x92],
      [0x6d, 0xdb, 0xb6],
    ]) {
      const head = craft([300, 300], [300, 300], 2, []);
      const blocks = 20_000;
      const block = stream(pattern);
      const bytes = new Uint8Array(head.length + blocks * 256 + 2);
      bytes.set(head);
      for (let b = 0; b < blocks; b++) bytes.set(block, head.length + b * 256);
      bytes[bytes.length - 1] = 0x3b;
      const start = performance.now();
      const code = codeOf(() => decodeGif(bytes, { maxPixels: Infinity }));
      expect(code === 'ERR_TRUNCATED' || code === 'ERR_CORRUPT').toBe(true);
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });

  it('random bytes after a GIF signature never throw anything but a PixtextError', () => {
    let seed = 99;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    };
    for (let n = 0; n < 3000; n++) {
      const bytes = Uint8Array.from({ length: 6 + (n % 200) }, (_, i) => (i < 6 ? 'GIF89a'.charCodeAt(i) : next()));
      for (const run of [() => decodeGif(bytes, { maxPixels: 1e6 }), () => readGifHeader(bytes)]) {
        try {
          run();
        } catch (error) {
          expect(error).toBeInstanceOf(PixtextError);
        }
      }
    }
  });
});
