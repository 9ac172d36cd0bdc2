// The Snappy guard of Parquet reading: a page header claiming more than Snappy can expand to is refused before the
// allocation it asks for; honest pages decompress as hyparquet's own Snappy does.
import { describe, expect, it } from 'vitest';
import { boundedDecompressors } from '../../../src/cli/parquet/parquet-input.js';
import { PixtextError } from '../../../src/index.js';

// Snappy of "abcabcabcabc" (12 bytes): length varint 12, a 3-byte literal "abc", a copy of 9 bytes at offset 3.
const SNAPPY_ABC = new Uint8Array([12, 0x08, 0x61, 0x62, 0x63, 0x15, 0x03]);

describe('boundedDecompressors', () => {
  it('decompresses an honest Snappy page', async () => {
    const { SNAPPY } = await boundedDecompressors();
    expect(new TextDecoder().decode(SNAPPY!(SNAPPY_ABC, 12))).toBe('abcabcabcabc');
  });

  it('refuses a page size no Snappy stream of that length can reach, before allocating it', async () => {
    const { SNAPPY } = await boundedDecompressors();
    let thrown: unknown;
    try {
      SNAPPY!(SNAPPY_ABC, 2 ** 31);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PixtextError);
    expect((thrown as PixtextError).code).toBe('ERR_CORRUPT');
    expect((thrown as PixtextError).message).toContain('claims 2147483648 bytes from 7 compressed bytes');
  });
});
