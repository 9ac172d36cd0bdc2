// Conformance over every PNG of the shared corpus (copied to tests/fixtures/png), driven by its trimmed oracle.
// Runs with node:zlib in the node project and with fflate in the portable project.
import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { pngCodec } from '../../src/formats/png/index.js';
import { convert } from '../../src/pixel-modes/convert.js';
import { DEFAULT_MAX_PIXELS, PIXEL_MODES, type RawImage } from '../../src/raw-image.js';
import { manifest, readFixture, sha256, type PngManifestEntry } from './png-helpers.js';

const options = { maxPixels: DEFAULT_MAX_PIXELS };
const entries = manifest();
const backend = process.env.PIXTEXT_PROJECT === 'portable' ? 'fflate' : 'node:zlib';

/** What each file that must be refused, or may be, is refused with here (a decision, checked so it cannot drift). */
const REFUSED: Record<string, string> = {
  'pillow/broken.png': ErrorCode.CORRUPT, // text-mode-mangled: the first chunk type is not letters
  'pillow/broken_data_stream.png': ErrorCode.CHECKSUM,
  'pillow/truncated_image.png': ErrorCode.TRUNCATED,
  'pillow/truncated_end_chunk.png': ErrorCode.TRUNCATED, // IEND missing: we require the whole file
  'pillow/unknown_compression_method.png': ErrorCode.CHECKSUM, // iCCP with a bad CRC: every CRC is checked
  'pngsuite/xc1n0g08.png': ErrorCode.CORRUPT, // colour type 1
  'pngsuite/xc9n2c08.png': ErrorCode.CORRUPT, // colour type 9
  'pngsuite/xcrn0g04.png': ErrorCode.CORRUPT, // signature: LF → CR LF
  'pngsuite/xcsn0g01.png': ErrorCode.CHECKSUM, // IDAT CRC
  'pngsuite/xd0n2c08.png': ErrorCode.CORRUPT, // bit depth 0
  'pngsuite/xd3n2c08.png': ErrorCode.CORRUPT, // bit depth 3
  'pngsuite/xd9n2c08.png': ErrorCode.CORRUPT, // bit depth 99
  'pngsuite/xdtn0g01.png': ErrorCode.CORRUPT, // no IDAT
  'pngsuite/xhdn0g08.png': ErrorCode.CHECKSUM, // IHDR CRC
  'pngsuite/xlfn0g04.png': ErrorCode.CORRUPT, // signature: CR LF → LF
  'pngsuite/xs1n0g01.png': ErrorCode.UNKNOWN_FORMAT, // signature byte 1
  'pngsuite/xs2n0g01.png': ErrorCode.UNKNOWN_FORMAT, // signature byte 2
  'pngsuite/xs4n0g01.png': ErrorCode.UNKNOWN_FORMAT, // signature byte 4
  'pngsuite/xs7n0g01.png': ErrorCode.CORRUPT, // signature byte 7
};

function decodeFixture(entry: PngManifestEntry): RawImage {
  return pngCodec.decode(readFixture(entry.file), options);
}

/** The 16-bit samples in PNG channel order, big-endian, without the alpha a colour key added. */
function samplesBigEndian(image: RawImage, keyed: boolean): Uint8Array {
  const channels = PIXEL_MODES[image.mode].channels;
  const kept = keyed ? channels - 1 : channels;
  const out = new Uint8Array((image.data.length / channels) * kept);
  for (let i = 0, o = 0; i < image.data.length; i += 2 * channels) {
    for (let k = 0; k < kept; k++, o += 2) {
      out[o] = image.data[i + 2 * k + 1]!;
      out[o + 1] = image.data[i + 2 * k]!;
    }
  }
  return out;
}

describe(`PNG conformance (${backend})`, () => {
  const decodable = entries.filter((e) => e.expect === 'decode');
  const refused = entries.filter((e) => e.expect !== 'decode');

  it('covers the whole corpus', () => {
    expect(entries).toHaveLength(247);
    expect(decodable).toHaveLength(227);
  });

  it.each(decodable.map((e) => [e.file, e] as const))('decodes %s to the oracle pixels', (_file, entry) => {
    const image = decodeFixture(entry);
    expect([image.width, image.height]).toEqual([entry.width, entry.height]);
    expect(image.mode).toBe(entry.expected_mode);
    expect(sha256(convert(image, 'RGBA').data)).toBe(entry.expected_rgba8_sha256);
    if (entry.native_sha256 !== undefined) expect(sha256(image.data)).toBe(entry.native_sha256);
    if (entry.expected_palette_sha256 !== undefined) expect(sha256(image.palette!)).toBe(entry.expected_palette_sha256);
    else expect(image.palette).toBeUndefined();
    if (entry.png16_samples_be_sha256 !== undefined) {
      expect(sha256(samplesBigEndian(image, entry.color_key === true))).toBe(entry.png16_samples_be_sha256);
    }
  });

  it.each(refused.map((e) => [e.file, e] as const))('refuses %s quickly with a PixtextError', (file, entry) => {
    const start = performance.now();
    let error: unknown;
    try {
      decodeFixture(entry);
    } catch (e) {
      error = e;
    }
    expect(performance.now() - start).toBeLessThan(2000);
    if (entry.expect === 'either' && error === undefined) return;
    expect(error).toBeInstanceOf(PixtextError);
    expect((error as PixtextError).code).toBe(REFUSED[file]);
  });

  it('gives the same pixels for the files the corpus groups as identical', () => {
    // Interlaced and not, IDAT split 1–9 ways, every zlib level: same pixels, same bytes.
    const groups = [
      ['pngsuite/basn0g01.png', 'pngsuite/basi0g01.png'],
      ['pngsuite/basn3p04.png', 'pngsuite/basi3p04.png'],
      ['pngsuite/basn6a16.png', 'pngsuite/basi6a16.png'],
      ['pngsuite/oi1n2c16.png', 'pngsuite/oi2n2c16.png', 'pngsuite/oi4n2c16.png', 'pngsuite/oi9n2c16.png'],
      ['pngsuite/z00n2c08.png', 'pngsuite/z03n2c08.png', 'pngsuite/z06n2c08.png', 'pngsuite/z09n2c08.png'],
    ];
    for (const group of groups) {
      const hashes = group.map((file) => sha256(pngCodec.decode(readFixture(file), options).data));
      expect(new Set(hashes).size, group.join(' ')).toBe(1);
    }
  });
});
