// Every GIF of tests/fixtures/gif (Pillow 9.4's test images and the synthetic corners) against what Pillow 9.4
// itself made of it (oracle.json, written by scripts/gen-gif-fixtures.py).
import { describe, expect, it } from 'vitest';
import { PixtextError } from '../../../src/errors.js';
import { decodeGif, readGifHeader } from '../../../src/formats/gif/decode.js';
import { DEFAULT_MAX_PIXELS } from '../../../src/raw-image.js';
import { gifOracle, readGifFixture, sha256, toRgba } from './gif-helpers.js';

const oracle = gifOracle();
const options = { maxPixels: DEFAULT_MAX_PIXELS };

/** The error code expected for each file Pillow refuses, by what Pillow said. */
function expectedCode(error: string): string {
  if (error.includes('truncated')) return 'ERR_TRUNCATED';
  if (error.includes('DecompressionBomb')) return 'ERR_TOO_LARGE';
  return 'ERR_CORRUPT';
}

describe('GIF first frame equals Pillow 9.4', () => {
  it('the oracle covers the fixtures', () => {
    expect(Object.keys(oracle).length).toBeGreaterThan(70);
  });
  for (const [file, want] of Object.entries(oracle)) {
    it(file, () => {
      const bytes = readGifFixture(file);
      if (!want.ok) {
        // Pillow refuses this file (want.error); so do we, with a PixtextError.
        const maxPixels = want.error?.includes('DecompressionBomb') ? 178_956_970 : DEFAULT_MAX_PIXELS;
        let caught: unknown;
        try {
          decodeGif(bytes, { maxPixels });
        } catch (error) {
          caught = error;
        }
        expect(caught, want.error).toBeInstanceOf(PixtextError);
        expect((caught as PixtextError).code, `${(caught as Error).message} / Pillow: ${want.error}`).toBe(
          expectedCode(want.error ?? ''),
        );
        return;
      }
      const image = decodeGif(bytes, options);
      expect([image.width, image.height]).toEqual([want.width, want.height]);
      // Pillow's L with a transparent index comes back as P over the grey ramp; everything else keeps its mode.
      // Pillow's L is our P when it has a transparent index (grey ramp palette) or when Pillow's core image is P
      // (a local grey-ramp table under a global one: Pillow says L but renders through the global table).
      const mode = want.mode === 'L' && (want.transparency != null || want.core_mode === 'P') ? 'P' : want.mode;
      expect(image.mode).toBe(mode);
      expect(sha256(image.data)).toBe(want.sha256_tobytes);
      expect(sha256(toRgba(image))).toBe(want.sha256_rgba);
      if (want.indices_base64 !== undefined) {
        expect(Array.from(image.data)).toEqual(Array.from(Buffer.from(want.indices_base64, 'base64')));
      }
      if (want.palette_rgb_base64 !== undefined && image.palette !== undefined) {
        const rgb = Buffer.from(want.palette_rgb_base64, 'base64');
        for (let i = 0; i * 4 < image.palette.length && i * 3 < rgb.length; i++) {
          expect(Array.from(image.palette.subarray(i * 4, i * 4 + 3)), `palette entry ${i}`).toEqual(
            Array.from(rgb.subarray(i * 3, i * 3 + 3)),
          );
        }
      }
      const header = readGifHeader(bytes);
      expect({ width: header.width, height: header.height, mode: header.mode }).toEqual({
        width: image.width,
        height: image.height,
        mode: image.mode,
      });
      if (want.n_frames != null) expect(header.frameCount).toBe(want.n_frames);
    });
  }
});
