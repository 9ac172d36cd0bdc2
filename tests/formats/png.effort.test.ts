// The zlib level spent on a PNG's filtered rows: levels 5–6 drop to 4, or to 2 when that costs little, on noisy
// data only.
import { describe, expect, it } from 'vitest';
import { zlibLevelFor } from '../../src/formats/png/effort.js';
import { deflate } from '../../src/zlib/zlib.js';

const ROW = 4001; // a 1000-pixel RGBA row plus its filter byte
const ROWS = 400; // 1.6 MB, above the size where sampling starts

/** Filtered rows of small pseudo-random residuals, as a photograph gives after filtering. */
function noisyRows(): Uint8Array {
  const out = new Uint8Array(ROW * ROWS);
  let s = 12345;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = i % ROW === 0 ? 3 : ((s >>> 24) % 9) - 4;
  }
  return out;
}

describe('zlib level for PNG rows', () => {
  it('uses levels 0–4 and 7–9 as given', () => {
    const rows = noisyRows();
    for (const level of [0, 1, 2, 3, 4, 7, 8, 9]) expect(zlibLevelFor(rows, ROW, level, deflate)).toBe(level);
  });

  it('uses level 4 at levels 5–6 on noise, where level 6 saves little and level 2 would cost over 6 %', () => {
    const noisy = noisyRows();
    // The premises, measured with the backend itself on the whole data.
    expect(deflate(noisy, 6).length).toBeGreaterThan(deflate(noisy, 4).length * 0.85);
    expect(deflate(noisy, 2).length).toBeGreaterThan(deflate(noisy, 4).length * 1.06);
    for (const level of [5, 6]) expect(zlibLevelFor(noisy, ROW, level, deflate)).toBe(4);
  });

  it('keeps level 5–6 when level 6 saves at least 15 % on a sample of 8 bands of whole rows from top to bottom', () => {
    const rows = new Uint8Array(ROW * ROWS);
    for (let y = 0; y < ROWS; y++) rows[y * ROW] = y & 255; // row y's first byte is its number
    const seen: Uint8Array[] = [];
    // Sample sizes: level 6 gives `six`, level 4 gives 100, level 2 gives `two`.
    const sizes = (six: number, two = 100) => (data: Uint8Array, level: number) => {
      seen.push(data);
      return new Uint8Array(level === 6 ? six : level === 2 ? two : 100);
    };
    expect(zlibLevelFor(rows, ROW, 6, sizes(85))).toBe(6);
    expect(zlibLevelFor(rows, ROW, 5, sizes(85))).toBe(5);
    expect(zlibLevelFor(rows, ROW, 6, sizes(86))).toBe(2);
    // 8 bands of ceil(32 KiB / row) = 9 rows, starting at rows floor(391 × b / 7): the top, ..., the last 9 rows.
    const sample = seen[0]!;
    expect(sample.length).toBe(8 * 9 * ROW);
    const firstRows = Array.from({ length: 8 }, (_, b) => sample[b * 9 * ROW]);
    expect(firstRows).toEqual([0, 55, 111, 167, 223, 279 & 255, 335 & 255, 391 & 255]);
    // Level 2 only while its sample is at most 6 % larger than level 4's.
    expect(zlibLevelFor(rows, ROW, 6, sizes(86, 106))).toBe(2);
    expect(zlibLevelFor(rows, ROW, 6, sizes(86, 107))).toBe(4);
    expect(zlibLevelFor(rows, ROW, 5, sizes(86, 107))).toBe(4);
  });

  it('leaves small images, and images too short to sample, at the level given', () => {
    expect(zlibLevelFor(noisyRows().subarray(0, ROW * 100), ROW, 6, deflate)).toBe(6);
    const wide = new Uint8Array(2_000_001 * 2);
    expect(zlibLevelFor(wide, 2_000_001, 6, deflate)).toBe(6);
  });
});
