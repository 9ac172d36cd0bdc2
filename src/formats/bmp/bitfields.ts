// Channel masks of 16- and 32-bit BMPs (BI_BITFIELDS, BI_ALPHABITFIELDS and the BI_RGB defaults).
// Spec: https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv5header (bV5RedMask …)
// and https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapinfoheader (biCompression).

import { PixtextError } from '../../errors.js';

/** The four channel masks of a BMP pixel, as unsigned 32-bit integers; 0 means the channel is absent. */
export interface BmpMasks {
  red: number;
  green: number;
  blue: number;
  alpha: number;
}

/** One channel of a bitfield layout: where its bits sit and how many there are. */
export interface BmpChannel {
  /** Position of the lowest bit of the mask. */
  shift: number;
  /** Width of the mask in bits, 0 for an absent channel. */
  bits: number;
}

/** The default 16-bit layout of BI_RGB: 5 bits each of red, green and blue, the top bit unused. */
export const MASKS_RGB555: Readonly<BmpMasks> = { red: 0x7c00, green: 0x03e0, blue: 0x001f, alpha: 0 };
/** The default 32-bit layout of BI_RGB: bytes B, G, R and an unused fourth byte. */
export const MASKS_XRGB8888: Readonly<BmpMasks> = { red: 0x00ff0000, green: 0x0000ff00, blue: 0x000000ff, alpha: 0 };

const badMasks = (message: string) => new PixtextError('ERR_CORRUPT', `BMP ${message}`, { chunk: 'bitfields' });

/**
 * Splits a mask into shift and width.
 * @throws PixtextError `ERR_CORRUPT` when the set bits are not contiguous or do not fit in `bitsPerPixel`.
 * @example analyzeMask(0x07e0, 16, 'green') // { shift: 5, bits: 6 }
 */
export function analyzeMask(mask: number, bitsPerPixel: number, name: string): BmpChannel {
  const m = mask >>> 0;
  if (m === 0) return { shift: 0, bits: 0 };
  let shift = 0;
  while (((m >>> shift) & 1) === 0) shift++;
  const field = m >>> shift;
  // A contiguous run of ones is one less than a power of two: field & (field + 1) is then zero.
  const beyond = bitsPerPixel < 32 && m >= 2 ** bitsPerPixel;
  if (beyond || ((field & (field + 1)) !== 0 && field !== 0xffffffff)) {
    const what = beyond ? `has bits beyond the ${bitsPerPixel} bits of a pixel` : 'is not one contiguous run of bits';
    throw badMasks(`${name} mask 0x${m.toString(16).padStart(8, '0')} ${what}`);
  }
  return { shift, bits: 32 - Math.clz32(field) };
}

/**
 * Validates a mask set and returns its four channels.
 * @throws PixtextError `ERR_CORRUPT` when a mask is not contiguous, masks overlap, or no colour mask is set.
 * @example analyzeMasks({ red: 0xf800, green: 0x07e0, blue: 0x001f, alpha: 0 }, 16)[0] // { shift: 11, bits: 5 }
 */
export function analyzeMasks(masks: BmpMasks, bitsPerPixel: number): [BmpChannel, BmpChannel, BmpChannel, BmpChannel] {
  const r = analyzeMask(masks.red, bitsPerPixel, 'red');
  const g = analyzeMask(masks.green, bitsPerPixel, 'green');
  const b = analyzeMask(masks.blue, bitsPerPixel, 'blue');
  const a = analyzeMask(masks.alpha, bitsPerPixel, 'alpha');
  const all = [masks.red >>> 0, masks.green >>> 0, masks.blue >>> 0, masks.alpha >>> 0];
  for (let i = 0; i < 4; i++) {
    for (let j = i + 1; j < 4; j++) {
      if ((all[i]! & all[j]!) !== 0) {
        throw badMasks('channel masks overlap');
      }
    }
  }
  if (r.bits === 0 && g.bits === 0 && b.bits === 0) {
    throw badMasks('bitfields define no colour channel');
  }
  return [r, g, b, a];
}
