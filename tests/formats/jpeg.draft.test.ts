// JPEG draft (DCT-domain scaled) decoding against Pillow's `draft('RGB', (w, h))` (oracles made by
// scripts/gen-jpeg-draft-fixtures.py with Pillow 9.4 on libjpeg-turbo 2.1.5): same scale choice, same size, same pixels.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { draftScale } from '../../src/formats/jpeg/decode.js';
import { jpegCodec } from '../../src/formats/jpeg/index.js';

interface Entry {
  file: string;
  sampling: string;
  request: [number, number];
  scale: number;
  width: number;
  height: number;
  mode: 'L' | 'RGB';
  reference: string;
}

const FIXTURES = new URL('../fixtures/jpeg/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const manifest = JSON.parse(readFileSync(new URL('draft/manifest.json', FIXTURES), 'utf8')) as { files: Entry[] };

describe('jpegCodec.decode with draft', () => {
  it.each(manifest.files.map((e) => [`${e.file} (${e.sampling}) at 1/${e.scale}`, e] as const))('decodes %s exactly as Pillow', (_, entry) => {
    const [width, height] = entry.request;
    const image = jpegCodec.decode(fixture(entry.file), { maxPixels: 1e8, draft: { width, height } });
    expect([image.width, image.height, image.mode]).toEqual([entry.width, entry.height, entry.mode]);
    const pillow = fixture(entry.reference);
    expect(image.data.length).toBe(pillow.length);
    const first = image.data.findIndex((v, i) => v !== pillow[i]);
    expect(first === -1 ? 'identical' : `byte ${first}: ${image.data[first]} vs ${pillow[first]}`).toBe('identical');
  });

  it("picks Pillow's scale: the largest of 8, 4, 2 both sides' ratios reach, else 1", () => {
    expect(draftScale(227, 149, undefined)).toBe(1);
    expect(draftScale(227, 149, { width: 227, height: 149 })).toBe(1);
    expect(draftScale(227, 149, { width: 113, height: 74 })).toBe(2);
    expect(draftScale(227, 149, { width: 114, height: 74 })).toBe(1); // 227 // 114 = 1
    expect(draftScale(227, 149, { width: 28, height: 18 })).toBe(8);
    expect(draftScale(227, 149, { width: 1, height: 1 })).toBe(8);
    expect(draftScale(227, 149, { width: 1000, height: 1000 })).toBe(1); // larger than the image: full size
    expect(draftScale(227, 149, { width: 10, height: 40 })).toBe(2); // the smaller ratio decides
  });

  it('gives the full-size decode when the draft asks for the full size', () => {
    const bytes = fixture('generated/pil_testorig_q95_420.jpg');
    expect(jpegCodec.decode(bytes, { maxPixels: 1e8, draft: { width: 227, height: 149 } })).toEqual(jpegCodec.decode(bytes, { maxPixels: 1e8 }));
  });
});
