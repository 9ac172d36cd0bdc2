// Truncations and seeded one-byte changes of six small WebP files (scripts/gen-webp-fixtures.py), against Pillow
// 9.4's answer for each (oracle-variants.json): the same pixels where Pillow decodes the damaged file, a
// PixtextError where it refuses it; never another exception.
import { describe, expect, it } from 'vitest';
import { PixtextError } from '../../../src/errors.js';
import { decodeWebp } from '../../../src/formats/webp/decode.js';
import { DEFAULT_MAX_PIXELS } from '../../../src/raw-image.js';
import { readWebpFixture, sha256, toRgba, webpOracle } from './webp-helpers.js';

const variants = webpOracle('oracle-variants.json');
const options = { maxPixels: DEFAULT_MAX_PIXELS };

/** The bytes a variant name describes: `file#cutN` (the first N bytes) or `file#setP=V` (byte P set to V). */
function variantBytes(name: string): Uint8Array {
  const [file, change] = name.split('#') as [string, string];
  const bytes = readWebpFixture(file);
  const cut = /^cut(\d+)$/.exec(change);
  if (cut) return bytes.slice(0, Number(cut[1]));
  const set = /^set(\d+)=(\d+)$/.exec(change)!;
  const copy = bytes.slice();
  copy[Number(set[1])] = Number(set[2]);
  return copy;
}

describe('damaged WebP files: as Pillow 9.4', () => {
  it('covers truncations and byte changes', () => {
    expect(Object.keys(variants).length).toBeGreaterThan(2000);
  });
  it('every variant decodes to Pillow\'s pixels or is refused where Pillow refuses it', () => {
    const mismatches: string[] = [];
    for (const [name, want] of Object.entries(variants)) {
      const bytes = variantBytes(name);
      let got: string;
      try {
        got = sha256(toRgba(decodeWebp(bytes, options)));
      } catch (error) {
        if (!(error instanceof PixtextError)) throw error;
        got = 'refused';
      }
      const expected = want.ok ? want.sha256_rgba! : 'refused';
      if (got !== expected) mismatches.push(`${name}: ${got === 'refused' ? 'refused' : 'decoded'}, Pillow ${want.ok ? 'decoded' : want.error}`);
    }
    expect(mismatches).toEqual([]);
  });
});
