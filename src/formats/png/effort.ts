// Which zlib level to spend on a PNG's filtered rows. On photographs and other noisy images, zlib's lazy matching
// at levels 5–6 costs 2–3 times the time of level 4, and level 4 about 1.5 times that of level 2, for files only
// 5–7 % smaller than level 2's; on graphics (flat areas, repeated shapes) level 6 saves half the size or more. So at
// levels 5 and 6 (the default) a sample of the rows is compressed at levels 6 and 4, and {@link FAST_LEVEL} is used
// when level 6 would not save at least {@link MIN_SAVING}. Measured on a 12 MP photo-like image (node:zlib): level 6
// 1,165 ms / 13.7 MB, level 4 485 ms / 13.95 MB, level 2 337 ms / 14.7 MB; pngjs (level 9, run-length only) writes
// 17.6 MB. The choice depends only on the data, so output stays deterministic. Levels 0–4 and 7–9 are used as given.
// Spec: https://www.rfc-editor.org/rfc/rfc1951 (deflate), https://www.w3.org/TR/png-3/#10Compression

/** Below this many bytes of filtered data the sample would be the whole image: the level is used as given. */
const MIN_ADAPTIVE_BYTES = 1 << 20;
/** Bands sampled, spread evenly over the image, each of whole consecutive rows. */
const BANDS = 8;
/** Bytes per sampled band, at least (rounded up to whole rows). */
const BAND_BYTES = 32 * 1024;
/** Level 6 must make the sample at least this much smaller than level 4 to be worth its time. */
export const MIN_SAVING = 0.15;
/** The level used at 5–6 on noisy data: zlib's fast (non-lazy) matcher. */
export const FAST_LEVEL = 2;

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
  const fast = compress(sample, 4).length;
  return matched <= fast * (1 - MIN_SAVING) ? level : FAST_LEVEL;
}
