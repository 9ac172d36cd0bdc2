// Every WebP of tests/fixtures/webp (Pillow 9.4's test images and the files made by scripts/gen-webp-fixtures.py)
// against what Pillow 9.4 (libwebp 1.2.4) itself made of it (oracle.json): the same size, mode and RGBA pixels,
// or a PixtextError where Pillow refuses the file.
import { describe, expect, it } from 'vitest';
import { PixtextError } from '../../../src/errors.js';
import { decodeWebp, readWebpHeader } from '../../../src/formats/webp/decode.js';
import { DEFAULT_MAX_PIXELS } from '../../../src/raw-image.js';
import { readWebpFixture, sha256, toRgba, webpOracle } from './webp-helpers.js';

const oracle = webpOracle();
const options = { maxPixels: DEFAULT_MAX_PIXELS };

describe('WebP first frame equals Pillow 9.4', () => {
  it('the oracle covers the fixtures', () => {
    expect(Object.keys(oracle).length).toBeGreaterThanOrEqual(84);
  });
  for (const [file, want] of Object.entries(oracle)) {
    it(file, () => {
      const bytes = readWebpFixture(file);
      if (!want.ok) {
        expect(() => decodeWebp(bytes, options), want.error).toThrow(PixtextError);
        return;
      }
      const header = readWebpHeader(bytes);
      expect([header.width, header.height, header.mode, header.frames]).toEqual([want.width, want.height, want.mode, want.n_frames]);
      const image = decodeWebp(bytes, options);
      expect([image.width, image.height, image.mode]).toEqual([want.width, want.height, want.mode]);
      expect(sha256(image.data)).toBe(want.sha256_tobytes);
      expect(sha256(toRgba(image))).toBe(want.sha256_rgba);
    });
  }
});
