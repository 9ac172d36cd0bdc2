import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Progress, renderBar } from '../../src/cli/progress.js';

function sink(tty: boolean): Writable & { isTTY?: boolean; columns?: number; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  }) as Writable & { isTTY?: boolean; columns?: number; text: () => string };
  if (tty) {
    stream.isTTY = true;
    stream.columns = 100;
  }
  stream.text = () => chunks.join('');
  return stream;
}

describe('Progress', () => {
  it('prints failures only when not on a terminal, unless verbose', () => {
    const stream = sink(false);
    const p = new Progress({ stream, totalItems: 3 });
    p.item('a.png', '1×1 L');
    p.failure('b.png: bad (ERR_CORRUPT)');
    p.item('c.png', '2×2 RGB');
    p.finish();
    expect(stream.text()).toBe('b.png: bad (ERR_CORRUPT)\n');
  });

  it('prints one plain line per item when verbose and not on a terminal, and failures as given', () => {
    const stream = sink(false);
    const p = new Progress({ stream, verbose: true, totalItems: 3 });
    p.item('a.png', '1×1 L');
    p.failure('b.png: bad (ERR_CORRUPT)');
    p.item('c.png', '2×2 RGB');
    p.finish();
    expect(stream.text()).toBe('[1/3] a.png: 1×1 L\nb.png: bad (ERR_CORRUPT)\n[3/3] c.png: 2×2 RGB\n');
  });

  it('counts without a total', () => {
    const stream = sink(false);
    const p = new Progress({ stream, verbose: true });
    p.item('a', 'ok');
    expect(stream.text()).toBe('[1] a: ok\n');
  });

  it('prints only failures when quiet', () => {
    for (const tty of [false, true]) {
      const stream = sink(tty);
      const p = new Progress({ stream, quiet: true, totalItems: 2 });
      p.item('a.png', 'ok');
      p.failure('b.png: bad (ERR_CORRUPT)');
      p.finish();
      expect(stream.text()).toBe('b.png: bad (ERR_CORRUPT)\n');
    }
  });

  it('redraws a bar in place on a terminal, at most once per interval, and clears it at the end', () => {
    const stream = sink(true);
    let now = 0;
    const p = new Progress({ stream, totalItems: 4, now: () => now, redrawMs: 100 });
    p.item('a', 'ok');
    p.item('b', 'ok'); // within 100 ms of the last draw: no redraw
    now = 150;
    p.setBytes(2048);
    p.item('c', 'ok');
    const text = stream.text();
    expect(text.split('\r').filter((s) => s.includes('files'))).toHaveLength(2);
    expect(text).toContain(`[${'='.repeat(23)}${' '.repeat(7)}] 3/4 files, 2.0 KiB, 150 ms`);
    expect(text).not.toContain('\n');
    p.failure('d: bad (ERR_X)');
    p.finish();
    expect(stream.text().endsWith('\r\x1b[K')).toBe(true);
    expect(stream.text()).toContain('\r\x1b[Kd: bad (ERR_X)\n');
  });

  it('follows input bytes when the item count is unknown', () => {
    const stream = sink(true);
    const p = new Progress({ stream, totalBytes: 1000, now: () => 0 });
    p.setBytes(500);
    p.item('a', 'ok');
    expect(stream.text()).toContain(`[${'='.repeat(15)}${' '.repeat(15)}] 1 files, 500 B, 0 ms`);
  });
});

describe('renderBar', () => {
  it('fills in proportion', () => {
    expect(renderBar(0, 4)).toBe('    ');
    expect(renderBar(0.5, 4)).toBe('==  ');
    expect(renderBar(1, 4)).toBe('====');
  });
});
