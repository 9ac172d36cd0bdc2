// Mutated .npy files (fast-check): changed, inserted and removed bytes and cuts, mostly inside the header, and
// whole random headers. Decoding either gives a well-formed RawImage or a PixtextError; never another exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PixtextError } from '../../../src/errors.js';
import { decodeNpy } from '../../../src/formats/npy/decode.js';
import { readNpyImageHeader } from '../../../src/formats/npy/header.js';
import { validateRawImage } from '../../../src/raw-image.js';
import { npyBytes, npyManifest, readNpyFixture } from './npy-helpers.js';

const seeds = npyManifest().files.map((f) => readNpyFixture(f.file)).filter((b) => b.length <= 4096);

/** Runs `fn`; a PixtextError is a fine answer, anything else thrown fails the property. */
function settles(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof PixtextError)) throw error;
  }
}

const edit = fc.record({
  kind: fc.constantFrom('set', 'insert', 'delete', 'cut'),
  // Most edits land in the first 140 bytes: the preamble and the header.
  at: fc.oneof(fc.integer({ min: 0, max: 140 }), fc.nat()),
  byte: fc.oneof(fc.constantFrom(...Array.from("{}()[]',: TrueFalse-0123456789\\\"\n", (c) => c.charCodeAt(0))), fc.integer({ min: 0, max: 255 })),
});

function mutate(seed: Uint8Array, edits: { kind: string; at: number; byte: number }[]): Uint8Array {
  let bytes = Array.from(seed);
  for (const { kind, at, byte } of edits) {
    const i = at % (bytes.length + 1);
    if (kind === 'set' && i < bytes.length) bytes[i] = byte;
    if (kind === 'insert') bytes.splice(i, 0, byte);
    if (kind === 'delete') bytes.splice(i, 1);
    if (kind === 'cut') bytes = bytes.slice(0, i);
  }
  return new Uint8Array(bytes);
}

describe('npy: hostile files', () => {
  it('mutated vectors decode to a valid image or fail with a PixtextError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 }), (seed, edits) => {
        const bytes = mutate(seed, edits);
        settles(() => readNpyImageHeader(bytes));
        settles(() => {
          const image = decodeNpy(bytes, { maxPixels: 1 << 20 });
          expect(validateRawImage(image)).toBe(image);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('random header texts fail with a PixtextError or read as an image', () => {
    const token = fc.constantFrom("{", "}", "(", ")", "[", "]", ",", ":", " ", "'descr'", "'fortran_order'", "'shape'", "'|u1'", "'<u2'", 'True', 'False', '0', '3', '-1', "'", '"', '\\', '\n');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.constantFrom<[number, number]>([1, 0], [2, 0], [3, 0]), (tokens, version) => {
        settles(() => decodeNpy(npyBytes(tokens.join(''), [1, 2, 3, 4, 5, 6, 7, 8, 9], version), { maxPixels: 1 << 20 }));
      }),
      { numRuns: 2000 },
    );
  });
});
