// `decode(bytes, { draft })` through the public API: the same size and pixels as Pillow's `draft('RGB', (w, h))`
// (the oracles of tests/fixtures/jpeg/draft, made by scripts/gen-jpeg-draft-fixtures.py), checked options, and no
// silent effect anywhere else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, encode, imageToText, textToImage } from '../../src/index.js';
import { expectPixtextError } from '../support/errors.js';

interface Entry {
  file: string;
  request: [number, number];
  scale: number;
  width: number;
  height: number;
  mode: 'L' | 'RGB';
  reference: string;
}

const FIXTURES = new URL('../fixtures/jpeg/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const { files } = JSON.parse(readFileSync(new URL('draft/manifest.json', FIXTURES), 'utf8')) as { files: Entry[] };

describe('decode with draft (public API)', () => {
  it.each(files.map((e) => [`${e.file} at 1/${e.scale}`, e] as const))('gives Pillow\'s draft pixels for %s', (_, entry) => {
    const [width, height] = entry.request;
    const image = decode(fixture(entry.file), { draft: { width, height } });
    expect([image.width, image.height, image.mode]).toEqual([entry.width, entry.height, entry.mode]);
    expect(Buffer.compare(Buffer.from(image.data), Buffer.from(fixture(entry.reference)))).toBe(0);
  });

  it('decodes at full size without draft, or when the box is the full size', () => {
    const entry = files[0]!;
    const full = decode(fixture(entry.file));
    const same = decode(fixture(entry.file), { draft: { width: full.width, height: full.height } });
    expect([same.width, same.height]).toEqual([full.width, full.height]);
    expect(Buffer.compare(Buffer.from(same.data), Buffer.from(full.data))).toBe(0);
  });

  it('applies mode after the scaled decode', () => {
    const entry = files.find((e) => e.mode === 'RGB')!;
    const [width, height] = entry.request;
    const grey = decode(fixture(entry.file), { draft: { width, height }, mode: 'L' });
    expect([grey.width, grey.height, grey.mode]).toEqual([entry.width, entry.height, 'L']);
  });

  it('is ignored by formats without a cheap scaled decode (PNG)', () => {
    const image = { width: 4, height: 2, mode: 'RGB' as const, data: new Uint8Array(24).map((_, i) => i * 10) };
    const png = encode(image, 'png');
    expect(decode(png, { draft: { width: 1, height: 1 } })).toEqual(decode(png));
  });

  it('refuses a malformed draft with ERR_INVALID_ARGUMENT', () => {
    const bytes = fixture(files[0]!.file);
    for (const draft of [null, 5, 'half', {}, { width: 0, height: 1 }, { width: 1.5, height: 1 }, { width: 1, height: 70_000 }, { width: 1 }]) {
      expectPixtextError(() => decode(bytes, { draft } as never), 'ERR_INVALID_ARGUMENT');
    }
  });

  it('is refused by textToImage, never silently dropped', () => {
    const text = imageToText(fixture(files[0]!.file), { encoding: 'original' });
    expectPixtextError(() => textToImage(text, { draft: { width: 8, height: 8 } } as never), 'ERR_INVALID_ARGUMENT');
  });
});
