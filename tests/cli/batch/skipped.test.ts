import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { skipReason, skippedReport } from '../../../src/cli/batch/skipped.js';
import { formatSkipped, formatSummary } from '../../../src/cli/summary.js';

const dir = mkdtempSync(join(tmpdir(), 'pixtext-skipped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: number[] | string) => {
  writeFileSync(join(dir, name), typeof bytes === 'string' ? bytes : Uint8Array.from(bytes));
  return skipReason({ relPath: name, fsPath: join(dir, name) }).reason;
};

describe('skipReason', () => {
  it('names what the first bytes say', () => {
    expect(file('a.tif', [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0])).toBe('TIFF');
    expect(file('b.psd', '8BPS\0\x01')).toBe('PSD');
    expect(file('c.heic', [0, 0, 0, 24, ...Buffer.from('ftypheic\0\0\0\0mif1heic')])).toBe('HEIC');
    expect(file('d.riff', [...Buffer.from('RIFF'), 20, 0, 0, 0, ...Buffer.from('WEBPVP8L')])).toBe('WebP without an image extension');
    expect(file('e.dat', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61])).toBe('GIF without an image extension');
    expect(file('f.txt', 'hello')).toBe('not an image');
    expect(file('empty', [])).toBe('not an image');
    expect(skipReason({ relPath: 'gone', fsPath: join(dir, 'gone') }).reason).toBe('unreadable');
  });
});

describe('the skipped report', () => {
  it('counts reasons, most common first', () => {
    expect(formatSkipped([{ reason: 'not an image' }, { reason: 'TIFF' }, { reason: 'TIFF' }])).toBe('3 skipped (2 TIFF, 1 not an image)');
    expect(formatSkipped([])).toBe('0 skipped');
    expect(formatSummary({ verb: 'encoded', done: 14, failed: 0, bytesIn: 0, bytesOut: 0, ms: 1200, skipped: [{ reason: 'TIFF' }] })).toMatch(
      /^encoded 14 files \(.+\) in .+, 1 skipped \(1 TIFF\), 0 failed$/,
    );
    expect(formatSummary({ verb: 'decoded', done: 1, failed: 0, bytesIn: 0, bytesOut: 0, ms: 5 })).not.toContain('skipped');
  });

  it('lists each file and says how to include or exclude them; nothing when nothing was skipped', () => {
    const report = skippedReport([{ relPath: 'a.tif', fsPath: 'p/a.tif', reason: 'TIFF' }], 'p');
    expect(report).toMatch(/^pixtext encode: skipped a\.tif: TIFF\npixtext encode: the 1 skipped file is not in the output\. .*to include.*to exclude.*\n$/s);
    expect(skippedReport([], 'p')).toBe('');
  });
});
