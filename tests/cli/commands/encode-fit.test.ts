// `pixtext encode --fit WxH`, spawning the built binary: Pillow 9.4's thumbnail() pixels for a JPEG (draft, reduce,
// bicubic), the refusals of a malformed size and of --encoding original.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../resize/pillow-fixtures.js';
import { ensureBuilt, pixtext, root } from '../run-cli.js';

const jpeg = join(root, 'tests', 'fixtures', 'resize', 'jpeg-thumb.jpg'); // 320×200
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(() => ensureBuilt());

describe('pixtext encode --fit', () => {
  it('fits a JPEG as Pillow thumbnail() does', async () => {
    const c = manifest.jpegThumbnail.find((t) => t.box[0] === 70)!;
    const run = await pixtext(['encode', jpeg, '--fit', `${c.box[0]}x${c.box[1]}`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const env = JSON.parse(run.stdout.toString()) as { width: number; height: number; mode: string; data: string };
    expect([env.width, env.height, env.mode]).toEqual([c.width, c.height, c.mode]);
    expect(sha256(Buffer.from(env.data, 'base64'))).toBe(c.sha256);
  });

  it('holds a PNG in a data URL of a fitted file', async () => {
    const run = await pixtext(['encode', jpeg, '--fit', '40x40', '--as', 'data-url']);
    expect(run.code).toBe(0);
    expect(run.stdout.toString().startsWith('data:image/png;base64,')).toBe(true);
  });

  it.each(['40', '40x', 'x40', '0x40', '40x40x', '4e1x40', '-4x40', '99999999999x1'])('refuses --fit %s as a usage error', async (value) => {
    const run = await pixtext(['encode', jpeg, '--fit', value]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--fit');
    expect(run.stdout.length).toBe(0);
  });

  it('refuses --fit with --encoding original, saying why', async () => {
    const run = await pixtext(['encode', jpeg, '--fit', '40x40', '--encoding', 'original']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("Expected no fit with encoding 'original' for fit");
  });
});
