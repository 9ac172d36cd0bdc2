// The end-of-run summary of a batch and the small formatters it and the progress display share.

/**
 * A byte count for people: `812 B`, `4.2 KiB`, `31.0 MiB`, `1.50 GiB`.
 *
 * @example
 * ```ts
 * formatBytes(1536); // "1.5 KiB"
 * ```
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit >= 2 ? 2 : 1)} ${units[unit]}`;
}

/**
 * A duration for people: `85 ms`, `1.42 s`, `3 min 07 s`.
 *
 * @example
 * ```ts
 * formatDuration(1420); // "1.42 s"
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * An image for people: `64×48 RGBA`; mode `1` reads `1-bit`, since a bare "1" after the size looks like a count.
 *
 * @example
 * ```ts
 * formatImage(127, 64, '1'); // "127×64 1-bit"
 * ```
 */
export function formatImage(width: number, height: number, mode: string): string {
  return `${width}×${height} ${mode === '1' ? '1-bit' : mode}`;
}

/** The counts a batch reports at the end. */
export interface BatchTotals {
  /** Past tense of what was done to each file: `encoded`, `decoded`, `verified`. */
  readonly verb: string;
  /** Files (or lines) that succeeded. */
  readonly done: number;
  /** Files (or lines) that failed and were skipped. */
  readonly failed: number;
  /** Bytes read: image files for encode, text for decode. */
  readonly bytesIn: number;
  /** Bytes written: text for encode, image files for decode (0 for verify). */
  readonly bytesOut: number;
  /** Wall-clock time of the run. */
  readonly ms: number;
  /** Files a folder walk left out, with the reason of each (a folder encode); undefined for other batches. */
  readonly skipped?: readonly { readonly reason: string }[] | undefined;
  /** Items left alone because their output was there already (`--skip-existing`); undefined when not asked. */
  readonly present?: number | undefined;
}

/**
 * `3 skipped (2 TIFF, 1 not an image)`: the count of skipped files and how many had each reason, most common first.
 *
 * @example
 * ```ts
 * formatSkipped([{ reason: 'TIFF' }, { reason: 'not an image' }, { reason: 'TIFF' }]); // '3 skipped (2 TIFF, 1 not an image)'
 * ```
 */
export function formatSkipped(skipped: readonly { readonly reason: string }[]): string {
  const counts = new Map<string, number>();
  for (const { reason } of skipped) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([reason, n]) => `${n} ${reason}`);
  return `${skipped.length} skipped${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/**
 * The summary line: `pixtext: encoded 20 files (1.2 MiB → 3.4 MiB) in 0.52 s, 1 failed`.
 *
 * @example
 * ```ts
 * formatSummary({ verb: 'decoded', done: 3, failed: 0, bytesIn: 900, bytesOut: 600, ms: 40 });
 * // "decoded 3 files (900 B → 600 B) in 40 ms, 0 failed"
 * ```
 */
export function formatSummary(totals: BatchTotals): string {
  const files = `${totals.done} file${totals.done === 1 ? '' : 's'}`;
  const bytes = totals.bytesOut > 0 ? ` (${formatBytes(totals.bytesIn)} → ${formatBytes(totals.bytesOut)})` : ` (${formatBytes(totals.bytesIn)})`;
  const skipped = totals.skipped === undefined ? '' : `, ${formatSkipped(totals.skipped)}`;
  const present = totals.present === undefined ? '' : `, ${totals.present} already present`;
  return `${totals.verb} ${files}${bytes} in ${formatDuration(totals.ms)}${skipped}${present}, ${totals.failed} failed`;
}
