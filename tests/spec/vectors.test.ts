// The shared vectors of spec/vectors: envelopes written by the Python companion (python/pixtext.py) from seeded
// pixels, with the sha256 of the pixels computed by NumPy (or, for a JPEG, of what Pillow decodes). The same
// vectors are checked by python/test_pixtext.py, so both implementations read and write the same texts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { imageToText, inspect, textToImage } from '../../src/api/default.js';
import { rawImageToText, textToRawImage } from '../../src/api/raw.js';
import { PIXEL_MODE_NAMES, type PixelMode } from '../../src/raw-image.js';

const DIR = fileURLToPath(new URL('../../spec/vectors/', import.meta.url));

interface Vector {
  name: string;
  file: string;
  mode: PixelMode;
  width: number;
  height: number;
  encoding: 'raw' | 'png' | 'jpeg' | 'bmp' | 'npy';
  /** 'text': this library must write the same text from the pixels; 'decode': the file is Pillow's, pixels only. */
  check: 'text' | 'decode';
  sha256: string;
  byteLength: number;
  metadata?: Record<string, unknown>;
  paletteSha256?: string;
}

const manifest = JSON.parse(readFileSync(DIR + 'manifest.json', 'utf8')) as { writer: string; vectors: Vector[] };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('spec/vectors: envelopes written by the Python companion', () => {
  it('cover every mode raw and every mode npy holds, both as texts to write the same, metadata, palettes and files written by Pillow', () => {
    const modesOf = (encoding: Vector['encoding']) => new Set(manifest.vectors.filter((v) => v.encoding === encoding && v.check === 'text').map((v) => v.mode));
    expect(modesOf('raw')).toEqual(new Set(PIXEL_MODE_NAMES));
    expect(modesOf('npy')).toEqual(new Set(PIXEL_MODE_NAMES.filter((mode) => mode !== '1' && mode !== 'P')));
    expect(new Set(manifest.vectors.map((v) => v.encoding))).toEqual(new Set(['raw', 'npy', 'png', 'bmp', 'jpeg']));
    expect(manifest.vectors.some((v) => v.metadata !== undefined)).toBe(true);
  });

  for (const vector of manifest.vectors) {
    it(`${vector.name}: ${vector.check === 'text' ? 'the same text both ways' : 'the same pixels'}`, () => {
      const text = readFileSync(DIR + vector.file, 'utf8');
      const image = textToImage(text);
      expect({ width: image.width, height: image.height, mode: image.mode }).toEqual({ width: vector.width, height: vector.height, mode: vector.mode });
      expect(image.data.length).toBe(vector.byteLength);
      expect(sha256(image.data)).toBe(vector.sha256);
      if (vector.paletteSha256 !== undefined) expect(sha256(image.palette!)).toBe(vector.paletteSha256);
      else if (vector.encoding === 'raw') expect(image.palette).toBeUndefined();
      expect(inspect(text)).toMatchObject({ width: vector.width, height: vector.height, mode: vector.mode, encoding: vector.encoding });
      if (vector.check === 'text') {
        const options = { encoding: vector.encoding, ...(vector.metadata === undefined ? {} : { metadata: vector.metadata }) };
        expect(imageToText(image, options)).toBe(text);
        if (vector.encoding === 'raw') {
          expect(rawImageToText(image, vector.metadata === undefined ? {} : { metadata: vector.metadata })).toBe(text);
          expect(sha256(textToRawImage(text).data)).toBe(vector.sha256);
        }
      }
    });
  }
});

interface TypeScriptVector {
  name: string;
  file: string;
  mode: PixelMode;
  width: number;
  height: number;
  encoding: 'png' | 'jpeg' | 'bmp' | 'gif' | 'webp' | 'npy';
  sha256: string;
  lossy: boolean;
}

const fromTypeScript = JSON.parse(readFileSync(DIR + 'from-typescript/manifest.json', 'utf8')) as { vectors: TypeScriptVector[] };

describe('spec/vectors/from-typescript: envelopes this library wrote, for the Python companion to read', () => {
  it('carry every file format this library writes', () => {
    expect(new Set(fromTypeScript.vectors.map((v) => v.encoding))).toEqual(new Set(['png', 'jpeg', 'bmp', 'gif', 'webp', 'npy']));
  });

  for (const vector of fromTypeScript.vectors) {
    it(`${vector.name}: decodes to NumPy's hash${vector.lossy ? ' (lossy: its own decode)' : ''}`, () => {
      const text = readFileSync(DIR + 'from-typescript/' + vector.file, 'utf8');
      const image = textToImage(text);
      expect({ width: image.width, height: image.height, mode: image.mode }).toEqual({ width: vector.width, height: vector.height, mode: vector.mode });
      expect(sha256(image.data)).toBe(vector.sha256);
      // PNG bytes depend on the deflate (node:zlib in Node, fflate elsewhere), so only the other lossless ones are
      // rewritten exactly.
      if (['bmp', 'gif', 'webp', 'npy'].includes(vector.encoding)) expect(imageToText(image, { encoding: vector.encoding })).toBe(text);
    });
  }
});
