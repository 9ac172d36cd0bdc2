// Every .npy vector of tests/fixtures/npy against what NumPy 1.24 made and read (manifest.json, written by
// scripts/gen-npy-fixtures.py): decoded pixels, np.save's bytes from encoding them, and the refusals.
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../../../src/formats/npy/decode.js';
import { encodeNpy, npyHeaderText, wrapNpyHeader } from '../../../src/formats/npy/encode.js';
import { npyCodec } from '../../../src/formats/npy/index.js';
import { DEFAULT_MAX_PIXELS } from '../../../src/raw-image.js';
import { expectPixtextError } from '../../support/errors.js';
import { npyManifest, readNpyFixture } from './npy-helpers.js';

const manifest = npyManifest();
const options = { maxPixels: DEFAULT_MAX_PIXELS };

describe('npy vectors made by NumPy', () => {
  it('cover every mode at 1×1 (each also as np.save bytes to match), big-endian uint16, headers 2.0 and 3.0, Fortran order, other dtypes and shapes', () => {
    const files = manifest.files;
    const modes = new Set(files.filter((f) => f.width === 1 && f.height === 1).map((f) => f.mode));
    expect([...modes].sort()).toEqual(['L', 'L16', 'LA', 'LA16', 'RGB', 'RGB16', 'RGBA', 'RGBA16']);
    // np.save's bytes to match: every mode (uint8 and little-endian uint16, (H, W) and (H, W, 2|3|4)), empty images too.
    const encodes = files.filter((f) => f.encodes === true);
    expect([...new Set(encodes.map((f) => f.mode))].sort()).toEqual(['L', 'L16', 'LA', 'LA16', 'RGB', 'RGB16', 'RGBA', 'RGBA16']);
    expect(encodes.filter((f) => f.width === 0 || f.height === 0).length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.numpy.descr === '>u2' && f.pixels !== undefined).length).toBeGreaterThanOrEqual(4);
    expect(new Set(files.map((f) => f.numpy.version))).toEqual(new Set(['1.0', '2.0', '3.0']));
    expect(files.some((f) => f.numpy.fortran_order && f.error === 'ERR_UNSUPPORTED')).toBe(true);
    expect(files.filter((f) => f.error !== undefined).length).toBeGreaterThanOrEqual(15);
  });

  for (const vector of manifest.files) {
    it(`${vector.file}: ${vector.error ?? `${vector.mode} ${vector.width}×${vector.height}`}`, () => {
      const bytes = readNpyFixture(vector.file);
      expect(npyCodec.sniff(bytes)).toBe(true);
      if (vector.error !== undefined) {
        const error = expectPixtextError(() => decodeNpy(bytes, options), vector.error);
        expect(error.message).toContain(vector.mentions);
        return;
      }
      const want = Buffer.from(vector.pixels!, 'base64');
      const image = decodeNpy(bytes, options);
      expect({ width: image.width, height: image.height, mode: image.mode }).toEqual({ width: vector.width, height: vector.height, mode: vector.mode });
      expect(Buffer.from(image.data).equals(want)).toBe(true);
      expect(npyCodec.header(bytes)).toEqual({ width: vector.width, height: vector.height, mode: vector.mode });
      if (vector.encodes) {
        const encoded = encodeNpy({ width: vector.width!, height: vector.height!, mode: vector.mode!, data: new Uint8Array(want) });
        expect(Buffer.from(encoded).equals(Buffer.from(bytes))).toBe(true);
      }
    });
  }

  it('BGR and BGRA are written as 3 and 4 channels in their own order (np.save of the same array)', () => {
    for (const name of ['RGB_7x5.npy', 'RGBA_7x5.npy']) {
      const bytes = readNpyFixture(name);
      const image = decodeNpy(bytes, options);
      const mode = image.mode === 'RGB' ? 'BGR' : 'BGRA';
      expect(Buffer.from(encodeNpy({ ...image, mode })).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  describe('header wrapping as numpy _wrap_header_guess_version', () => {
    for (const vector of manifest.wrap) {
      it(`a header text of ${vector.textLength} characters: ${vector.totalLength} bytes, padding ${vector.padding}`, () => {
        const text = vector.textLength === 0 ? '' : '{' + 'x'.repeat(vector.textLength - 1);
        const wrapped = wrapNpyHeader(text);
        expect(wrapped.length).toBe(vector.totalLength);
        expect(Array.from(wrapped.subarray(0, 12))).toEqual(vector.prefix);
        expect(wrapped[wrapped.length - 1]).toBe(0x0a);
        const preamble = wrapped[6] === 1 ? 10 : 12;
        const padding = wrapped.subarray(preamble + text.length, wrapped.length - 1);
        expect(padding.length).toBe(vector.padding);
        expect(padding.every((b) => b === 0x20)).toBe(true);
      });
    }
  });

  it('the header text is the dict numpy prints, with the spare spaces for the first axis', () => {
    expect(npyHeaderText('|u1', [2, 3])).toBe(`{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }` + ' '.repeat(20));
    expect(npyHeaderText('<u2', [1000, 3, 4])).toBe(`{'descr': '<u2', 'fortran_order': False, 'shape': (1000, 3, 4), }` + ' '.repeat(17));
  });
});
