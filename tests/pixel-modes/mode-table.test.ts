// The mode table is the one description of the modes: the public PIXEL_MODES and the layout helpers are read from it.
import { describe, expect, it } from 'vitest';
import { MODE_TABLE, PIXEL_MODES, PIXEL_MODE_NAMES, bitsPerPixel, colourOffsets, hasAlpha, isGrey } from '../../src/pixel-modes/mode-table.js';
import * as rawImage from '../../src/raw-image.js';

describe('mode table', () => {
  it('gives the public PIXEL_MODES, unchanged in shape and values', () => {
    expect(PIXEL_MODES).toEqual({
      '1': { channels: 1, bitsPerSample: 1, alpha: false },
      L: { channels: 1, bitsPerSample: 8, alpha: false },
      LA: { channels: 2, bitsPerSample: 8, alpha: true },
      P: { channels: 1, bitsPerSample: 8, alpha: false },
      RGB: { channels: 3, bitsPerSample: 8, alpha: false },
      RGBA: { channels: 4, bitsPerSample: 8, alpha: true },
      BGR: { channels: 3, bitsPerSample: 8, alpha: false },
      BGRA: { channels: 4, bitsPerSample: 8, alpha: true },
      L16: { channels: 1, bitsPerSample: 16, alpha: false },
      LA16: { channels: 2, bitsPerSample: 16, alpha: true },
      RGB16: { channels: 3, bitsPerSample: 16, alpha: false },
      RGBA16: { channels: 4, bitsPerSample: 16, alpha: true },
    });
    expect(rawImage.PIXEL_MODES).toBe(PIXEL_MODES);
    expect(rawImage.PIXEL_MODE_NAMES).toBe(PIXEL_MODE_NAMES);
  });

  it('puts alpha last whenever a mode has it', () => {
    for (const mode of PIXEL_MODE_NAMES) {
      const { samples } = MODE_TABLE[mode];
      expect(samples.indexOf('A'), mode).toBe(hasAlpha(mode) ? samples.length - 1 : -1);
    }
  });

  it('says where red, green and blue sit, and which modes are grey', () => {
    expect(colourOffsets('RGB')).toEqual({ red: 0, green: 1, blue: 2 });
    expect(colourOffsets('RGBA16')).toEqual({ red: 0, green: 1, blue: 2 });
    expect(colourOffsets('BGR')).toEqual({ red: 2, green: 1, blue: 0 });
    expect(colourOffsets('BGRA')).toEqual({ red: 2, green: 1, blue: 0 });
    expect(colourOffsets('LA16')).toEqual({ red: 0, green: 0, blue: 0 });
    expect(colourOffsets('1')).toBeUndefined();
    expect(colourOffsets('P')).toBeUndefined();
    expect(PIXEL_MODE_NAMES.filter(isGrey)).toEqual(['L', 'LA', 'L16', 'LA16']);
  });

  it('gives bits per pixel', () => {
    expect(PIXEL_MODE_NAMES.map(bitsPerPixel)).toEqual([1, 8, 16, 8, 24, 32, 24, 32, 16, 32, 48, 64]);
  });
});
