// EXIF orientation through the public API: kept (decode, envelopes, textToImage, inspect, the PNG/JPEG files pixtext
// writes) or applied (exactly Pillow 9.4's ImageOps.exif_transpose: tests/fixtures/exif/orientation/oracle.json from
// scripts/gen-exif-orientation-fixtures.py), and refused where a target has no place for it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as pixtext from '../../src/index.js';
import { decode, encode, imageToText, inspect, jpegCodec, pngCodec, textToImage } from '../../src/index.js';
import type { RawImage } from '../../src/index.js';
import { findJpegExif, findPngExif, findWebpExif, readExifOrientation, readFileOrientation } from '../../src/formats/exif/index.js';
import { platform } from '../../src/platform-name.js';
import { exifRoundTripFiles } from '../fixtures/exif/written/files.mjs';
import { expectPixtextError } from '../support/errors.js';

const read = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/exif/${path}`, import.meta.url)));
const json = (path: string) => JSON.parse(readFileSync(new URL(`../fixtures/exif/${path}`, import.meta.url), 'utf8'));
const oracle = json('orientation/oracle.json') as {
  files: Record<string, { orientation: number; width: number; height: number; mode: string; hex: string }>;
};
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const RGB: RawImage = { width: 2, height: 1, mode: 'RGB', data: Uint8Array.of(1, 2, 3, 4, 5, 6) };

describe(`EXIF orientation through the API (${platform})`, () => {
  it.each(Object.entries(oracle.files))("%s: decode keeps the tag; 'apply' gives Pillow's exif_transpose", (name, want) => {
    const bytes = read(`orientation/${name}`);
    const kept = decode(bytes);
    expect(kept.orientation).toBe(want.orientation);
    const applied = decode(bytes, { orientation: 'apply' });
    expect({ width: applied.width, height: applied.height, mode: applied.mode, hex: hex(applied.data) }).toEqual({
      width: want.width, height: want.height, mode: want.mode, hex: want.hex,
    });
    expect('orientation' in applied).toBe(false);
    // The same through text: an envelope of the file keeps the tag, textToImage applies it on request.
    const text = imageToText(bytes);
    expect(JSON.parse(text).orientation).toBe(want.orientation);
    expect(inspect(text).orientation).toBe(want.orientation);
    expect(hex(textToImage(text, { orientation: 'apply' }).data)).toBe(want.hex);
    expect(textToImage(text).orientation).toBe(want.orientation);
    const turned = imageToText(bytes, { orientation: 'apply' });
    expect(JSON.parse(turned)).not.toHaveProperty('orientation');
    expect(hex(textToImage(turned).data)).toBe(want.hex);
    expect(inspect(imageToText(bytes, { as: 'data-url' })).orientation).toBe(want.orientation);
  });

  it('writes the envelope key after metadata and before byteLength, and reads it back', () => {
    const text = imageToText({ ...RGB, orientation: 6 }, { metadata: { a: 1 } });
    expect(text).toBe(
      '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","metadata":{"a":1},"orientation":6,"byteLength":6,"crc32":"81f67724","data":"AQIDBAUG"}',
    );
    expect(textToImage(text)).toEqual({ ...RGB, orientation: 6 });
    expect(textToImage(text, { orientation: 'apply' })).toEqual({ width: 1, height: 2, mode: 'RGB', data: Uint8Array.of(1, 2, 3, 4, 5, 6) });
    expect(textToImage(text, { mode: 'L' }).orientation).toBe(6);
    expect(imageToText(RGB)).not.toContain('orientation');
  });

  it('PNG, JPEG and WebP files pixtext writes carry the tag: the committed files, Pillow read them as tag N', () => {
    const pillow = json('written/pillow.json') as { files: Record<string, { orientation: number }> };
    const files = exifRoundTripFiles(pixtext) as [string, Uint8Array][];
    expect(files).toHaveLength(24);
    for (const [name, bytes] of files) {
      const n = Number(/_o(\d)/.exec(name)![1]);
      expect(hex(bytes), name).toBe(hex(read(`written/${name}`))); // what Pillow checked is what we write today
      expect(pillow.files[name]!.orientation, name).toBe(n);
      expect(readFileOrientation(bytes), name).toBe(n);
      const payload = name.endsWith('.png') ? findPngExif(bytes) : name.endsWith('.webp') ? findWebpExif(bytes) : findJpegExif(bytes);
      expect(readExifOrientation(payload!), name).toBe(n);
      expect(decode(bytes).orientation).toBe(n);
    }
  });

  it('inserts APP1 after APP0 and eXIf before IDAT, the files otherwise unchanged (JPEG still Pillow-identical)', () => {
    const image: RawImage = { width: 9, height: 5, mode: 'RGB', data: Uint8Array.from({ length: 135 }, (_, i) => (i * 37) & 255) };
    const plainJpeg = jpegCodec.encode(image, { quality: 90, compressionLevel: 6 });
    expect(encode(image, 'jpeg')).toEqual(plainJpeg);
    const tagged = encode({ ...image, orientation: 3 }, 'jpeg');
    const app0End = 4 + ((plainJpeg[4]! << 8) | plainJpeg[5]!);
    expect(Array.from(tagged.subarray(app0End, app0End + 10))).toEqual([0xff, 0xe1, 0, 34, 0x45, 0x78, 0x69, 0x66, 0, 0]);
    expect(tagged.subarray(0, app0End)).toEqual(plainJpeg.subarray(0, app0End));
    expect(tagged.subarray(app0End + 36)).toEqual(plainJpeg.subarray(app0End));
    const plainPng = pngCodec.encode(image, { quality: 90, compressionLevel: 6 });
    const taggedPng = encode({ ...image, orientation: 8 }, 'png');
    expect(taggedPng.length).toBe(plainPng.length + 12 + 26);
    expect(decode(taggedPng)).toEqual({ ...decode(plainPng), orientation: 8 });
  });

  it('WebP: a VP8X chunk flags EXIF (and alpha as the VP8L header has it), the VP8L chunk unchanged, EXIF last', () => {
    const modes = { L: 1, LA: 2, RGB: 3, RGBA: 4 } as const;
    for (const [mode, channels] of Object.entries(modes)) {
      const image: RawImage = { width: 5, height: 3, mode: mode as RawImage['mode'], data: Uint8Array.from({ length: 15 * channels }, (_, i) => (i * 41 + 3) & 255) };
      const plain = encode(image, 'webp');
      const tagged = encode({ ...image, orientation: 7 }, 'webp');
      const ascii = (at: number) => String.fromCharCode(...tagged.subarray(at, at + 4));
      const le32 = (at: number) => new DataView(tagged.buffer, tagged.byteOffset + at, 4).getUint32(0, true);
      expect([ascii(0), le32(4), ascii(8), ascii(12), le32(16)], mode).toEqual(['RIFF', tagged.length - 8, 'WEBP', 'VP8X', 10]);
      const alpha = channels % 2 === 0 ? 0x10 : 0;
      expect(Array.from(tagged.subarray(20, 30)), mode).toEqual([0x08 | alpha, 0, 0, 0, 4, 0, 0, 2, 0, 0]);
      expect(tagged.subarray(30, 30 + plain.length - 12), mode).toEqual(plain.subarray(12));
      const exifAt = 30 + plain.length - 12;
      expect([ascii(exifAt), le32(exifAt + 4)], mode).toEqual(['EXIF', 26]);
      expect(tagged.length, mode).toBe(exifAt + 8 + 26);
      expect(decode(tagged), mode).toEqual({ ...decode(plain), orientation: 7 });
    }
  });

  it('refuses what would drop an orientation, and bad values', () => {
    const turned = { ...RGB, orientation: 6 };
    expectPixtextError(() => imageToText(turned, { as: 'pil' }), 'ERR_UNSUPPORTED');
    expect(imageToText(turned, { as: 'pil', orientation: 'apply' })).toContain('"size": [1, 2]');
    expectPixtextError(() => encode(turned, 'bmp'), 'ERR_UNSUPPORTED');
    expectPixtextError(() => imageToText(turned, { as: 'data-url', encoding: 'bmp' }), 'ERR_UNSUPPORTED');
    // An envelope records it itself, so a BMP payload is fine there.
    expect(textToImage(imageToText(turned, { encoding: 'bmp' }))).toEqual(turned);
    const jpeg = read('orientation/rgb_o6.jpg');
    expectPixtextError(() => imageToText(jpeg, { encoding: 'original', orientation: 'apply' }), 'ERR_INVALID_ARGUMENT');
    expect(JSON.parse(imageToText(jpeg, { encoding: 'original' })).orientation).toBe(6);
    expectPixtextError(() => imageToText({ ...RGB, orientation: 9 }), 'ERR_INVALID_IMAGE');
    expectPixtextError(() => decode(jpeg, { orientation: 'rotate' as never }), 'ERR_INVALID_ARGUMENT');
    const bad = imageToText(turned).replace('"orientation":6', '"orientation":0');
    expect(expectPixtextError(() => textToImage(bad), 'ERR_ENVELOPE').chunk).toBe('orientation');
  });
});
