// EXIF orientation: reading (files and payloads against Pillow 9.4's getexif), finding the payload in JPEG/PNG/WebP,
// applying it (against ImageOps.exif_transpose), and random bytes never throwing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOrientation,
  findExif,
  findJpegExif,
  findPngExif,
  findWebpExif,
  readExifOrientation,
  readFileOrientation,
} from '../../../src/formats/exif/index.js';
import { PIXEL_MODE_NAMES, type PixelMode, type RawImage, rowStride } from '../../../src/raw-image.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/exif/', import.meta.url));

interface Transpose {
  kind: 'index' | 'bytes';
  mode?: '1' | 'I;16';
  width: number;
  height: number;
  orientation: number;
  out_width: number;
  out_height: number;
  source?: number[];
  in_hex?: string;
  out_hex?: string;
}

const oracle = JSON.parse(readFileSync(FIXTURES + 'oracle.json', 'utf8')) as {
  files: Record<string, number | null>;
  payloads: Record<string, { hex: string; orientation: number | null }>;
  transposes: Transpose[];
};

const hex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('readExifOrientation agrees with Pillow 9.4', () => {
  it('on every file (Pillow test images; Pillow-written PNG eXIf, text and XMP chunks, JPEG APP1, WebP EXIF)', () => {
    expect(Object.keys(oracle.files).length).toBeGreaterThan(40);
    for (const [file, want] of Object.entries(oracle.files)) {
      const bytes = new Uint8Array(readFileSync(FIXTURES + file));
      expect(readFileOrientation(bytes) ?? null, file).toBe(want);
    }
  });

  it('findExif with readExifOrientation gives the same on files whose orientation is in an EXIF block', () => {
    for (const file of Object.keys(oracle.files).filter((f) => /orientation_\d\.|jpeg|webp|exif_gps|ifd-offset/.test(f))) {
      const bytes = new Uint8Array(readFileSync(FIXTURES + file));
      const payload = findExif(bytes);
      expect((payload === undefined ? undefined : readExifOrientation(payload)) ?? null, file).toBe(oracle.files[file]);
    }
  });

  it('on crafted payloads (types, byte orders, duplicates, cut and bad offsets) and 400 mutated or random ones', () => {
    let oriented = 0;
    for (const [name, { hex: h, orientation }] of Object.entries(oracle.payloads)) {
      expect(readExifOrientation(hex(h)) ?? null, name).toBe(orientation);
      if (orientation !== null) oriented++;
    }
    expect(oriented).toBeGreaterThan(50);
  });

  it('finds each container only in its own format', () => {
    const png = new Uint8Array(readFileSync(FIXTURES + 'generated/png_orientation_3.png'));
    const jpeg = new Uint8Array(readFileSync(FIXTURES + 'generated/jpeg_orientation_6.jpg'));
    const webp = new Uint8Array(readFileSync(FIXTURES + 'generated/webp_orientation_7.webp'));
    expect(findPngExif(png)).toBeDefined();
    expect(findJpegExif(png) ?? findWebpExif(png)).toBeUndefined();
    expect(toHex((findJpegExif(jpeg) as Uint8Array).subarray(0, 6))).toBe('457869660000'); // "Exif\0\0"
    expect(findPngExif(jpeg) ?? findWebpExif(jpeg)).toBeUndefined();
    expect(findWebpExif(webp)).toBeDefined();
    expect(findJpegExif(webp) ?? findPngExif(webp)).toBeUndefined();
  });
});

/** An image whose pixels are distinct byte patterns, in any mode. */
function patterned(mode: PixelMode, width: number, height: number): RawImage {
  const data = new Uint8Array(rowStride(mode, width) * height);
  for (let i = 0; i < data.length; i++) data[i] = (i * 73 + 11) & 0xff;
  if (mode === '1') {
    // Clear the padding bits: they carry no pixel.
    const stride = rowStride('1', width);
    for (let y = 0; y < height; y++) if (width % 8) data[y * stride + stride - 1] = (data[y * stride + stride - 1] as number) & (0xff00 >> width % 8);
  }
  // P: a full palette, so every index the pattern uses is in it (a RawImage rule).
  return mode === 'P' ? { width, height, mode, data, palette: Uint8Array.from({ length: 1024 }, (_, i) => (i * 29) & 0xff) } : { width, height, mode, data };
}

describe('applyOrientation equals ImageOps.exif_transpose', () => {
  it('moves every pixel where Pillow moves it, in every mode', () => {
    const index = oracle.transposes.filter((t) => t.kind === 'index');
    expect(index.length).toBe(32);
    for (const t of index) {
      for (const mode of PIXEL_MODE_NAMES) {
        if (mode === '1') continue; // below, bit for bit
        const image = patterned(mode, t.width, t.height);
        const out = applyOrientation(image, t.orientation);
        expect([out.width, out.height, out.mode]).toEqual([t.out_width, t.out_height, mode]);
        const bpp = rowStride(mode, 1);
        (t.source as number[]).forEach((s, k) => {
          expect(toHex(out.data.subarray(k * bpp, k * bpp + bpp)), `${mode} o${t.orientation} pixel ${k}`).toBe(
            toHex(image.data.subarray(s * bpp, s * bpp + bpp)),
          );
        });
        if (mode === 'P') expect(out.palette).toEqual(image.palette);
        // The same from a view at an odd byte offset (no word-sized copies possible there).
        const shifted = new Uint8Array(image.data.length + 1);
        shifted.set(image.data, 1);
        const viewed = applyOrientation({ ...image, data: shifted.subarray(1) }, t.orientation);
        expect(viewed.data, `${mode} o${t.orientation} from an odd offset`).toEqual(out.data);
      }
    }
  });

  it("mode 1 (bit-packed rows) and 16-bit samples: Pillow's exact bytes", () => {
    const bytes = oracle.transposes.filter((t) => t.kind === 'bytes');
    expect(bytes.length).toBe(32);
    for (const t of bytes) {
      const mode: PixelMode = t.mode === '1' ? '1' : 'L16'; // I;16 is little-endian 16-bit grey, as L16
      const out = applyOrientation({ width: t.width, height: t.height, mode, data: hex(t.in_hex as string) }, t.orientation);
      expect([out.width, out.height], `${mode} o${t.orientation}`).toEqual([t.out_width, t.out_height]);
      expect(toHex(out.data), `${mode} o${t.orientation}`).toBe(t.out_hex);
    }
  });

  it('a 2×3 RGB image, worked out by hand for 6 (clockwise) and 8 (counter-clockwise)', () => {
    // Pixels a b / c d / e f (one byte each as L for readability).
    const image: RawImage = { width: 2, height: 3, mode: 'L', data: Uint8Array.of(1, 2, 3, 4, 5, 6) };
    expect(applyOrientation(image, 6)).toEqual({ width: 3, height: 2, mode: 'L', data: Uint8Array.of(5, 3, 1, 6, 4, 2) });
    expect(applyOrientation(image, 8)).toEqual({ width: 3, height: 2, mode: 'L', data: Uint8Array.of(2, 4, 6, 1, 3, 5) });
    expect(applyOrientation(image, 1)).toEqual(image);
    expect(applyOrientation(image, undefined).data).not.toBe(image.data); // a copy, as exif_transpose's copy()
  });

  it('undoes itself: 2, 3, 4, 5, 7 are their own inverse, 6 and 8 invert each other', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PIXEL_MODE_NAMES), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (mode, w, h) => {
        const image = patterned(mode, w, h);
        for (const [o, inverse] of [[2, 2], [3, 3], [4, 4], [5, 5], [7, 7], [6, 8], [8, 6]] as const) {
          expect(applyOrientation(applyOrientation(image, o), inverse)).toEqual(image);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('never throws on hostile bytes', () => {
  it('random payloads and files', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('', 'Exif\0\0', 'II*\0', 'MM\0*', 'Exif\0\0MM\0*\0\0\0\x08'), (tail, head) => {
        const bytes = Uint8Array.from([...Array.from(head, (c) => c.charCodeAt(0)), ...tail]);
        const o = readExifOrientation(bytes);
        expect(o === undefined || (o >= 1 && o <= 8)).toBe(true);
        findExif(bytes);
        readFileOrientation(bytes);
        for (const magic of [[0xff, 0xd8], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], Array.from('RIFF\0\0\0\0WEBP', (c) => c.charCodeAt(0))]) {
          const file = Uint8Array.from([...magic, ...tail]);
          findExif(file);
          const o2 = readFileOrientation(file);
          expect(o2 === undefined || (o2 >= 1 && o2 <= 8)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
