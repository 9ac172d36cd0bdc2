// The images behind the golden envelopes in tests/fixtures/envelopes/, built by the same formula as
// make_goldens.py (byte i is (i * 37 + 11) & 0xff; mode P: i % 3 into a 3-entry palette).
import { readFileSync } from 'node:fs';
import type { PixelMode, RawImage } from '../../src/raw-image.js';

const BITS: Record<PixelMode, number> = {
  '1': 1, L: 8, LA: 16, P: 8, RGB: 24, RGBA: 32, BGR: 24, BGRA: 32, L16: 16, LA16: 32, RGB16: 48, RGBA16: 64,
};

/** Every pixel mode, in the order of DESIGN §3. */
export const MODES = Object.keys(BITS) as PixelMode[];

export const GOLDEN_PALETTE = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0]);

export function goldenImage(mode: PixelMode, width: number, height: number, withPalette = mode === 'P'): RawImage {
  const stride = mode === '1' ? Math.ceil(width / 8) : (width * BITS[mode]) / 8;
  const data = new Uint8Array(stride * height);
  for (let i = 0; i < data.length; i++) data[i] = mode === 'P' ? i % 3 : (i * 37 + 11) & 0xff;
  const image: RawImage = { width, height, mode, data };
  if (withPalette) image.palette = GOLDEN_PALETTE.slice();
  return image;
}

/** The golden of each mode: file name and image. */
export function goldenOfMode(mode: PixelMode): { file: string; image: RawImage } {
  const [w, h] = mode === '1' ? [11, 3] : [3, 2];
  return { file: `raw-${mode}.json`, image: goldenImage(mode, w, h) };
}

/** The metadata stored in raw-RGB-metadata.json. */
export const GOLDEN_METADATA = {
  path: 'dir/caf\u00e9 \u2615 \u{1F600}.png',
  tags: ['a', 'b'],
  n: [1, 2.5, -3, true, null],
  q: '"x"\n\t/\\',
  nested: { k: {} },
};

export function readGolden(file: string): string {
  return readFileSync(new URL(`../fixtures/envelopes/${file}`, import.meta.url), 'latin1');
}
