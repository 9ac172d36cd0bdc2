// Which zlib level to spend on a PNG's filtered rows. On photographs and other noisy images, zlib's lazy matching
// at levels 5–6 costs 2–3 times the time of level 4 for a file a few per cent smaller; on graphics (flat areas,
// repeated shapes) it saves half the size or more. So at levels 5 and 6 (the default) a sample of the rows is
// compressed at levels 6 and 4, and when level 6 would not save at least {@link MIN_SAVING}, level 4 is used, or
// {@link FAST_LEVEL} (zlib's non-lazy matcher, about 1.4 times faster than level 4) when that costs at most
// {@link MAX_FAST_GROWTH} in size. Measured with node:zlib: on a 12 MP photo-like image, level 6 takes 1,165 ms for
// 13.7 MB, level 4 485 ms for 13.95 MB, level 2 337 ms for 14.7 MB (pngjs writes 17.6 MB); on a real 2.56 MP
// photo, level 2's file is 8 % larger than level 4's for no time saved, so it keeps level 4. The choice depends only
// on the data, so output stays deterministic. Levels 0–4 and 7–9 are used as given.
// Spec: https://www.rfc-editor.org/rfc/rfc1951 (deflate), https://www.w3.org/TR/png-3/#10Compression

/** Below this many bytes of filtered data the sample would be the whole image: the level is used as given. */
const MIN_ADAPTIVE_BYTES = 1 << 20;
/** Bands sampled, spread evenly over the image, each of whole consecutive rows. */
const BANDS = 8;
/** Bytes per sampled band, at least (rounded up to whole rows). */
const BAND_BYTES = 32 * 1024;
/** Level 6 must make the sample at least this much smaller than level 4 to be worth its time. */
export const MIN_SAVING = 0.15;
/** The level used at 5–6 on noisy data where it costs little size: zlib's fast (non-lazy) matcher. */
export const FAST_LEVEL = 2;
/** {@link FAST_LEVEL} may make the sample at most this much larger than level 4 does. */
export const MAX_FAST_GROWTH = 0.06;

/**
 * The zlib level to compress `filtered` (rows of `rowBytes` bytes, filter byte included) with, for the requested
 * `level`. See the module comment.
 * @param compress the zlib deflate in use (the sample is measured with the same backend).
 */
export function zlibLevelFor(
  filtered: Uint8Array,
  rowBytes: number,
  level: number,
  compress: (data: Uint8Array, level: number) => Uint8Array,
): number {
  if ((level !== 5 && level !== 6) || filtered.length < MIN_ADAPTIVE_BYTES) return level;
  const rows = filtered.length / rowBytes;
  const bandRows = Math.ceil(BAND_BYTES / rowBytes);
  // A sample that is most of the image (very wide, short images) saves no time: use the level as given.
  if (rows < 2 * BANDS * bandRows) return level;
  const sample = new Uint8Array(BANDS * bandRows * rowBytes);
  for (let b = 0; b < BANDS; b++) {
    const firstRow = Math.floor(((rows - bandRows) * b) / (BANDS - 1));
    const start = firstRow * rowBytes;
    sample.set(filtered.subarray(start, start + bandRows * rowBytes), b * bandRows * rowBytes);
  }
  const matched = compress(sample, 6).length;
  const medium = compress(sample, 4).length;
  if (matched <= medium * (1 - MIN_SAVING)) return level;
  return compress(sample, FAST_LEVEL).length <= medium * (1 + MAX_FAST_GROWTH) ? FAST_LEVEL : 4;
}
