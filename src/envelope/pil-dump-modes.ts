// Pillow's raw pixel layouts (`Image.tobytes()`) and how each maps to a pixtext mode, both ways.
// Spec: Pillow's "Modes" (https://pillow.readthedocs.io/en/stable/handbook/concepts.html#modes); the CMYK formula is
// Pillow's Convert.c `cmyk2rgb` (checked against Pillow 9.4 on every C×K pair).
import type { PixelMode } from '../raw-image.js';

/** The Pillow modes the dump reader accepts. */
export const PIL_DUMP_MODES = ['1', 'L', 'LA', 'P', 'RGB', 'RGBA', 'RGBX', 'CMYK', 'I;16', 'I;16B'] as const;
/** One of {@link PIL_DUMP_MODES}. */
export type PilDumpMode = (typeof PIL_DUMP_MODES)[number];

interface PilModeInfo {
  /** The pixtext mode the pixels are read into. */
  mode: PixelMode;
  /** Bytes one row of `width` pixels takes in `tobytes()`. */
  rowBytes: (width: number) => number;
}

export const PIL_MODE_INFO: Record<PilDumpMode, PilModeInfo> = {
  '1': { mode: '1', rowBytes: (w) => Math.ceil(w / 8) },
  L: { mode: 'L', rowBytes: (w) => w },
  LA: { mode: 'LA', rowBytes: (w) => 2 * w },
  P: { mode: 'P', rowBytes: (w) => w },
  RGB: { mode: 'RGB', rowBytes: (w) => 3 * w },
  RGBA: { mode: 'RGBA', rowBytes: (w) => 4 * w },
  RGBX: { mode: 'RGB', rowBytes: (w) => 4 * w },
  CMYK: { mode: 'RGB', rowBytes: (w) => 4 * w },
  'I;16': { mode: 'L16', rowBytes: (w) => 2 * w },
  'I;16B': { mode: 'L16', rowBytes: (w) => 2 * w },
};

export const isPilDumpMode = (value: unknown): value is PilDumpMode =>
  typeof value === 'string' && (PIL_DUMP_MODES as readonly string[]).includes(value);

/**
 * Pillow's bytes in `pil` mode → pixtext data. Modes with the same layout come back as they are (no copy);
 * RGBX drops the pad byte, CMYK goes through Pillow's `cmyk2rgb`, I;16B is byte-swapped to little-endian.
 */
export function fromPilBytes(pil: PilDumpMode, bytes: Uint8Array, pixels: number): Uint8Array {
  switch (pil) {
    case 'RGBX': {
      const out = new Uint8Array(pixels * 3);
      for (let i = 0, o = 0; o < out.length; i += 4, o += 3) {
        out[o] = bytes[i]!;
        out[o + 1] = bytes[i + 1]!;
        out[o + 2] = bytes[i + 2]!;
      }
      return out;
    }
    case 'CMYK': {
      const out = new Uint8Array(pixels * 3);
      for (let i = 0, o = 0; o < out.length; i += 4, o += 3) {
        const nk = 255 - bytes[i + 3]!;
        // Pillow: CLIP8(nk - MULDIV255(c, nk)), MULDIV255(a, b) = ((a·b + 128) >> 8 + a·b + 128) >> 8.
        for (let c = 0; c < 3; c++) {
          const t = bytes[i + c]! * nk + 128;
          out[o + c] = nk - (((t >> 8) + t) >> 8);
        }
      }
      return out;
    }
    case 'I;16B':
      return swapBytePairs(bytes);
    default:
      return bytes;
  }
}

/** A copy with each 2-byte sample's bytes swapped (big- ↔ little-endian). */
export function swapBytePairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  return out;
}

/** The Pillow mode that holds each pixtext mode exactly, and how to get there; absent = no exact Pillow mode. */
export const PIL_MODE_FOR: Partial<Record<PixelMode, { pil: PilDumpMode; swapRedBlue?: number }>> = {
  '1': { pil: '1' },
  L: { pil: 'L' },
  LA: { pil: 'LA' },
  P: { pil: 'P' },
  RGB: { pil: 'RGB' },
  RGBA: { pil: 'RGBA' },
  BGR: { pil: 'RGB', swapRedBlue: 3 },
  BGRA: { pil: 'RGBA', swapRedBlue: 4 },
  L16: { pil: 'I;16' },
};

/** A copy with the first and third byte of each `stride`-byte pixel swapped (BGR(A) ↔ RGB(A)). */
export function swapRedBlue(bytes: Uint8Array, stride: number): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i < out.length; i += stride) {
    out[i] = bytes[i + 2]!;
    out[i + 2] = bytes[i]!;
  }
  return out;
}
