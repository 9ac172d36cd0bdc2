// The pixel modes of a RawImage, described once as data: what each sample of a pixel holds, in storage order, and
// how many bits it has. Everything else about a mode (channel count, alpha, bits per pixel, where red sits) is read
// from this table, never from the spelling of the mode's name.

/** What one sample holds: a grey level, red, green, blue, alpha, a palette index, or the bit of a bilevel pixel. */
export type SampleName = 'L' | 'R' | 'G' | 'B' | 'A' | 'P' | '1';

/** What one pixel mode holds: channels per pixel, bits per sample, and whether the last channel is alpha. */
interface ModeInfo<Channels extends number, Bits extends number, Alpha extends boolean> {
  readonly channels: Channels;
  readonly bitsPerSample: Bits;
  readonly alpha: Alpha;
}

/** The type of {@link PIXEL_MODES}: every mode with its exact channel count, sample size and alpha. */
export interface PixelModeTable {
  readonly '1': ModeInfo<1, 1, false>;
  readonly L: ModeInfo<1, 8, false>;
  readonly LA: ModeInfo<2, 8, true>;
  readonly P: ModeInfo<1, 8, false>;
  readonly RGB: ModeInfo<3, 8, false>;
  readonly RGBA: ModeInfo<4, 8, true>;
  readonly BGR: ModeInfo<3, 8, false>;
  readonly BGRA: ModeInfo<4, 8, true>;
  readonly L16: ModeInfo<1, 16, false>;
  readonly LA16: ModeInfo<2, 16, true>;
  readonly RGB16: ModeInfo<3, 16, false>;
  readonly RGBA16: ModeInfo<4, 16, true>;
}

/** A pixel mode name: `'1' | 'L' | 'LA' | 'P' | 'RGB' | 'RGBA' | 'BGR' | 'BGRA' | 'L16' | 'LA16' | 'RGB16' | 'RGBA16'`. */
export type PixelMode = keyof PixelModeTable;

/** One row of {@link MODE_TABLE}. */
export interface ModeLayout {
  /** The samples of one pixel in storage order; 16-bit samples are little-endian. */
  readonly samples: readonly SampleName[];
  readonly bitsPerSample: 1 | 8 | 16;
}

/** Every mode, in the order users see them listed. */
export const MODE_TABLE: Readonly<Record<PixelMode, ModeLayout>> = {
  '1': { samples: ['1'], bitsPerSample: 1 },
  L: { samples: ['L'], bitsPerSample: 8 },
  LA: { samples: ['L', 'A'], bitsPerSample: 8 },
  P: { samples: ['P'], bitsPerSample: 8 },
  RGB: { samples: ['R', 'G', 'B'], bitsPerSample: 8 },
  RGBA: { samples: ['R', 'G', 'B', 'A'], bitsPerSample: 8 },
  BGR: { samples: ['B', 'G', 'R'], bitsPerSample: 8 },
  BGRA: { samples: ['B', 'G', 'R', 'A'], bitsPerSample: 8 },
  L16: { samples: ['L'], bitsPerSample: 16 },
  LA16: { samples: ['L', 'A'], bitsPerSample: 16 },
  RGB16: { samples: ['R', 'G', 'B'], bitsPerSample: 16 },
  RGBA16: { samples: ['R', 'G', 'B', 'A'], bitsPerSample: 16 },
};

/** Every mode, in table order. */
export const PIXEL_MODE_NAMES = Object.keys(MODE_TABLE) as PixelMode[];

/** Bits one pixel of `mode` takes. */
export const bitsPerPixel = (mode: PixelMode): number => MODE_TABLE[mode].samples.length * MODE_TABLE[mode].bitsPerSample;

/** True when the last sample of `mode` is alpha. */
export const hasAlpha = (mode: PixelMode): boolean => MODE_TABLE[mode].samples.includes('A');

/** True for the grey modes (`L`, `LA`, `L16`, `LA16`): one level sample, perhaps with alpha. */
export const isGrey = (mode: PixelMode): boolean => MODE_TABLE[mode].samples[0] === 'L';

/**
 * Where red, green and blue sit among a pixel's samples (0 for all three in grey modes: the level is each of them);
 * undefined for `1` and `P`, whose samples are not colours.
 * @example colourOffsets('BGRA') // { red: 2, green: 1, blue: 0 }
 */
export function colourOffsets(mode: PixelMode): { red: number; green: number; blue: number } | undefined {
  const { samples } = MODE_TABLE[mode];
  if (isGrey(mode)) return { red: 0, green: 0, blue: 0 };
  if (!samples.includes('R')) return undefined;
  return { red: samples.indexOf('R'), green: samples.indexOf('G'), blue: samples.indexOf('B') };
}

function publicTable(): PixelModeTable {
  const table: Record<string, ModeInfo<number, number, boolean>> = {};
  for (const mode of PIXEL_MODE_NAMES) {
    table[mode] = { channels: MODE_TABLE[mode].samples.length, bitsPerSample: MODE_TABLE[mode].bitsPerSample, alpha: hasAlpha(mode) };
  }
  return table as unknown as PixelModeTable;
}

/**
 * The pixel modes of a {@link RawImage}: channels, bits per sample and alpha. 16-bit modes hold little-endian
 * samples, so a `Uint16Array` view over `data` works on every platform JavaScript runs on.
 * @example
 * ```ts
 * PIXEL_MODES.LA16; // { channels: 2, bitsPerSample: 16, alpha: true }
 * ```
 */
export const PIXEL_MODES: PixelModeTable = /* @__PURE__ */ publicTable();
