import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatImage, formatSummary } from '../../src/cli/summary.js';

describe('formatters', () => {
  it('formatBytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GiB');
  });

  it('formatDuration', () => {
    expect(formatDuration(85.4)).toBe('85 ms');
    expect(formatDuration(1420)).toBe('1.42 s');
    expect(formatDuration(187_000)).toBe('3 min 07 s');
  });

  it('formatImage', () => {
    expect(formatImage(64, 48, 'RGBA')).toBe('64×48 RGBA');
    expect(formatImage(127, 64, '1')).toBe('127×64 1-bit');
  });

  it('formatSummary', () => {
    expect(formatSummary({ verb: 'encoded', done: 20, failed: 1, bytesIn: 2048, bytesOut: 4096, ms: 520 })).toBe(
      'encoded 20 files (2.0 KiB → 4.0 KiB) in 520 ms, 1 failed',
    );
    expect(formatSummary({ verb: 'verified', done: 1, failed: 0, bytesIn: 10, bytesOut: 0, ms: 3 })).toBe('verified 1 file (10 B) in 3 ms, 0 failed');
  });
});
