// Progress of a batch on stderr: a bar redrawn in place when stderr is a terminal; otherwise (logs, CI, a Spark
// executor's stderr) nothing per item unless --verbose asks for one plain line each, since thousands of lines bury
// the failures; nothing with --quiet. Failures are always shown: they are the run's result, not progress.
// Plain lines are written in batches (at most one write per redraw interval): a write to a pipe is a system call
// on the thread that hands out the batch's work, and one per file would cost as much as a small file's handling.
import type { Writable } from 'node:stream';
import { formatBytes, formatDuration } from './summary.js';

/** A stream that may be a terminal (process.stderr is). */
export type MaybeTty = Writable & { isTTY?: boolean; columns?: number };

/** How progress is shown. */
export interface ProgressOptions {
  /** Where to draw; normally process.stderr. */
  readonly stream: MaybeTty;
  /** Show nothing but failures. Defaults to false. */
  readonly quiet?: boolean;
  /** One plain line per item when the stream is not a terminal. Defaults to false (failures and the summary only). */
  readonly verbose?: boolean | undefined;
  /** Items expected, when known (files of a folder); otherwise the bar follows {@link Progress.setBytes}. */
  readonly totalItems?: number;
  /** Input bytes expected, when known (size of a JSONL file). */
  readonly totalBytes?: number;
  /** Clock in milliseconds. Defaults to `performance.now`. */
  readonly now?: () => number;
  /** Least time between two redraws of the bar, or two writes of plain lines. Defaults to 100 ms. */
  readonly redrawMs?: number;
}

/**
 * Reports a batch's progress.
 *
 * @example
 * ```ts
 * const progress = new Progress({ stream: process.stderr, totalItems: files.length });
 * progress.item('a/b.png', 'ok', '64×64 RGBA');
 * progress.finish();
 * ```
 */
export class Progress {
  private readonly tty: boolean;
  private readonly quiet: boolean;
  private readonly now: () => number;
  private readonly started: number;
  private readonly redrawMs: number;
  private items = 0;
  private bytes = 0;
  private lastDraw = -Infinity;
  private barShown = false;
  /** Plain lines not written yet (they wait at most one interval). */
  private pending = '';
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: ProgressOptions) {
    this.tty = options.stream.isTTY === true;
    this.quiet = options.quiet === true;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.redrawMs = options.redrawMs ?? 100;
  }

  /** Records the bytes of input handled so far (drives the bar when the item count is unknown). */
  setBytes(bytes: number): void {
    this.bytes = bytes;
  }

  /** One item finished successfully: a bar update on a terminal, else a plain line if verbose. */
  item(name: string, detail: string): void {
    this.items += 1;
    if (this.quiet) return;
    if (this.tty) this.draw(false);
    else if (this.options.verbose === true) this.queueLine(`${this.counter()} ${name}: ${detail}\n`);
  }

  /** One item failed: the line is always printed (above the bar on a terminal). */
  failure(line: string): void {
    this.items += 1;
    this.clearBar();
    this.options.stream.write(`${this.takePending()}${line}\n`);
    if (this.tty && !this.quiet) this.draw(true);
  }

  /** Removes the bar; call before printing the summary. */
  finish(): void {
    this.clearBar();
    const rest = this.takePending();
    if (rest !== '') this.options.stream.write(rest);
  }

  private queueLine(line: string): void {
    this.pending += line;
    const t = this.now();
    if (t - this.lastDraw >= this.redrawMs) {
      this.lastDraw = t;
      this.options.stream.write(this.takePending());
      return;
    }
    // Lines that arrive just before a long pause (a large file) still appear within about one interval.
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.lastDraw = this.now();
      const lines = this.takePending();
      if (lines !== '') this.options.stream.write(lines);
    }, this.redrawMs).unref();
  }

  /** The queued plain lines, now owned by the caller (which writes them). */
  private takePending(): string {
    const lines = this.pending;
    this.pending = '';
    if (this.flushTimer !== undefined) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    return lines;
  }

  private counter(): string {
    const total = this.options.totalItems;
    return total === undefined ? `[${this.items}]` : `[${this.items}/${total}]`;
  }

  private draw(force: boolean): void {
    const t = this.now();
    if (!force && t - this.lastDraw < this.redrawMs) return;
    this.lastDraw = t;
    const { totalItems, totalBytes } = this.options;
    let fraction: number | undefined;
    if (totalItems !== undefined && totalItems > 0) fraction = this.items / totalItems;
    else if (totalBytes !== undefined && totalBytes > 0) fraction = this.bytes / totalBytes;
    // A terminal that reports no width (0 or undefined) gets the common 80 columns.
    const width = Math.max(10, Math.min(30, (this.options.stream.columns || 80) - 50));
    const bar = fraction === undefined ? '' : `[${renderBar(Math.min(1, fraction), width)}] `;
    const count = totalItems === undefined ? `${this.items}` : `${this.items}/${totalItems}`;
    const line = `${bar}${count} files, ${formatBytes(this.bytes)}, ${formatDuration(t - this.started)}`;
    this.options.stream.write(`\r${line}\x1b[K`);
    this.barShown = true;
  }

  private clearBar(): void {
    if (!this.barShown) return;
    this.options.stream.write('\r\x1b[K');
    this.barShown = false;
  }
}

/**
 * A text bar `=====>     ` of `width` characters for `fraction` in [0, 1].
 *
 * @example
 * ```ts
 * renderBar(0.5, 10); // "=====     "
 * ```
 */
export function renderBar(fraction: number, width: number): string {
  const filled = Math.round(fraction * width);
  return '='.repeat(filled) + ' '.repeat(width - filled);
}
