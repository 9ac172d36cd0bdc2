// Helpers for the GIF tests: fixture reading, the Pillow oracle, and an independent RGBA expansion.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawImage } from '../../../src/raw-image.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/gif/', import.meta.url));

export interface GifOracleEntry {
  ok: boolean;
  error?: string;
  width?: number;
  height?: number;
  mode?: 'P' | 'L';
  core_mode?: 'P' | 'L';
  transparency?: number | null;
  sha256_tobytes?: string;
  sha256_rgba?: string;
  indices_base64?: string;
  palette_rgb_base64?: string;
  n_frames?: number | null;
}

export function readGifFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export function gifOracle(): Record<string, GifOracleEntry> {
  return (JSON.parse(readFileSync(FIXTURES + 'oracle.json', 'utf8')) as { files: Record<string, GifOracleEntry> }).files;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** RGBA8 of an `L` or `P` image; a `P` index past the palette is grey (Pillow's palette starts as a grey ramp). */
export function toRgba(image: RawImage): Uint8Array {
  const n = image.width * image.height;
  const out = new Uint8Array(n * 4);
  const palette = image.palette;
  for (let i = 0; i < n; i++) {
    const v = image.data[i] as number;
    if (image.mode === 'P' && palette !== undefined && v * 4 < palette.length) {
      out.set(palette.subarray(v * 4, v * 4 + 4), i * 4);
    } else if (image.mode === 'P' || image.mode === 'L') {
      out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = v;
      out[i * 4 + 3] = 255;
    } else {
      throw new Error(`toRgba: mode ${image.mode} not handled`);
    }
  }
  return out;
}
