// Helpers for the WebP tests: fixture reading, the Pillow 9.4 oracles, and an RGBA expansion of our output.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawImage } from '../../../src/raw-image.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/webp/', import.meta.url));

/** What Pillow 9.4 made of one file (scripts/gen-webp-fixtures.py). */
export interface WebpOracleEntry {
  ok: boolean;
  error?: string;
  width?: number;
  height?: number;
  mode?: 'RGB' | 'RGBA';
  n_frames?: number;
  sha256_tobytes?: string;
  sha256_rgba?: string;
}

export function readWebpFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export function webpOracle(file = 'oracle.json'): Record<string, WebpOracleEntry> {
  return JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as Record<string, WebpOracleEntry>;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** RGBA8 of an `RGB` or `RGBA` image, alpha 255 for RGB (as Pillow's convert('RGBA')). */
export function toRgba(image: RawImage): Uint8Array {
  if (image.mode === 'RGBA') return image.data;
  const n = image.width * image.height;
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    out[4 * i] = image.data[3 * i]!;
    out[4 * i + 1] = image.data[3 * i + 1]!;
    out[4 * i + 2] = image.data[3 * i + 2]!;
    out[4 * i + 3] = 255;
  }
  return out;
}
