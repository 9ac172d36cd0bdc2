// Pillow's raw pixel layouts (`Image.tobytes()`) and how each maps to a pixtext mode, both ways.
// Spec: Pillow's "Modes" (https://pillow.readthedocs.io/en/stable/handbook/concepts.html#modes); the CMYK formula is
// Pillow's Convert.c `cmyk2rgb` (checked against Pillow 9.4 on every C×K pair).
import { PixtextError } from '../errors.js';
import { rowStride } from '../raw-image.js';
import type { PixelMode } from '../raw-image.js';

/** The Pillow modes the dump reader accepts, each with the pixtext mode its pixels are read into. */
export const PIL_READ_MODES = {
  '1': '1',
  L: 'L',
  LA: 'LA',
  P: 'P',
  RGB: 'RGB',
  RGBA: 'RGBA',
  RGBX: 'RGB',
  CMYK: 'RGB',
  'I;16': 'L16',
  'I;16B': 'L16',
  // 32-bit signed integers: how Pillow 9.4 opens a 16-bit grey PNG. Read as L16 when every value fits 0..65535.
  I: 'L16',
} as const satisfies Record<string, PixelMode>;
/** One of the keys of {@link PIL_READ_MODES}. */
export type PilDumpMode = keyof typeof PIL_READ_MODES;

export const isPilDumpMode = (value: unknown): value is PilDumpMode =>
  typeof value === 'string' && Object.hasOwn(PIL_READ_MODES, value);

/** Bytes one row of `width` pixels takes in `tobytes()`: the pixtext layout, except the 4-byte RGBX, CMYK and I. */
export function pilRowBytes(pil: PilDumpMode, width: number): number {
  return pil === 'RGBX' || pil === 'CMYK' || pil === 'I' ? 4 * width : rowStride(PIL_READ_MODES[pil], width);
}

/**
 * Pillow's bytes in `pil` mode → pixtext data. Modes with the same layout come back as they are (no copy);
 * RGBX drops the pad byte, CMYK goes through Pillow's `cmyk2rgb`, I;16B is byte-swapped to little-endian, I (Pillow's
 * `tobytes()` raw mode "I": native int32, little-endian on every machine Pillow ships for) becomes 16-bit samples.
 * @throws PixtextError `ERR_UNSUPPORTED` for an I value outside 0..65535, naming the range found.
 */
export function fromPilBytes(pil: PilDumpMode, bytes: Uint8Array, pixels: number): Uint8Array {
  switch (pil) {
    case 'RGBX': {
      // The fourth byte is padding.
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
        out[o] = cmykChannel(bytes[i]!, nk);
        out[o + 1] = cmykChannel(bytes[i + 1]!, nk);
        out[o + 2] = cmykChannel(bytes[i + 2]!, nk);
      }
      return out;
    }
    case 'I;16B':
      return swapBytePairs(bytes);
    case 'I':
      return int32ToUint16(bytes, pixels);
    default:
      return bytes;
  }
}

/**
 * One channel of Pillow's `cmyk2rgb` (Convert.c): CLIP8(nk − MULDIV255(c, nk)) with nk = 255 − k and
 * MULDIV255(a, b) = ((a·b + 128) >> 8 + a·b + 128) >> 8; the result is always within 0–255.
 */
function cmykChannel(c: number, nk: number): number {
  const t = c * nk + 128;
  return nk - (((t >> 8) + t) >> 8);
}

/** The largest value an `L16` sample holds. */
const MAX_L16 = 65535;

/** Little-endian int32 values → little-endian uint16 samples, when every value fits (else no sample is dropped silently). */
function int32ToUint16(bytes: Uint8Array, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * 2);
  let min = 0;
  let max = 0;
  for (let i = 0, o = 0; o < out.length; i += 4, o += 2) {
    const v = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    if (v < min) min = v;
    if (v > max) max = v;
    out[o] = v & 0xff;
    out[o + 1] = (v >> 8) & 0xff;
  }
  if (min < 0 || max > MAX_L16) {
    throw new PixtextError(
      'ERR_UNSUPPORTED',
      `Pillow dump mode "I" holds values ${min}..${max}, outside 0..${MAX_L16}: pixtext reads I as L16 only when every value fits (rescale or clip to 0..${MAX_L16} in Python first, e.g. Image.fromarray(numpy.clip(numpy.asarray(im), 0, ${MAX_L16}).astype('uint16')))`,
      { chunk: 'img_data' },
    );
  }
  return out;
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
