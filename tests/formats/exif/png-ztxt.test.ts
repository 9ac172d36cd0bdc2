// Orientation from a zTXt "Raw profile type exif" chunk, whose zlib stream Pillow 9.4 inflates with zlib: a wrong
// Adler-32 is a zlib.error there, on which PngImagePlugin's chunk_zTXt reads the text as empty. Expected values were
// read from Pillow 9.4 (`Image.open(f).getexif().get(0x0112)`) on PNGs built the same way: 6 for the intact stream and for
// one cut before its trailer, None for the one with its last Adler-32 byte flipped.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readFileOrientation } from '../../../src/formats/exif/file-orientation.js';
import { concat, ihdr, pngWith, pngChunk } from '../../support/bytes.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

// Pillow's Image.Exif() with 0x0112 = 6, .tobytes(): "Exif\0\0" and a big-endian TIFF block.
const EXIF_HEX = '4578696600004d4d002a00000008000101120003000000010006000000000000';
// ImageMagick's "Raw profile" text: a blank line, the profile name, the byte count, then hex in lines of 72.
const PROFILE = ascii(`\nexif\n${String(EXIF_HEX.length / 2).padStart(8)}\n${EXIF_HEX}\n`);

function pngWithProfile(stream: Uint8Array): Uint8Array {
  const ztxt = pngChunk('zTXt', concat(ascii('Raw profile type exif'), Uint8Array.of(0, 0), stream));
  return pngWith(ihdr(1, 1, 8, 0), Uint8Array.of(0, 0), ztxt);
}

describe('PNG zTXt orientation and the zlib Adler-32', () => {
  it('reads the orientation from an intact compressed profile', () => {
    expect(readFileOrientation(pngWithProfile(new Uint8Array(deflateSync(PROFILE))))).toBe(6);
  });

  it('reads nothing when the stream fails its Adler-32, as Pillow does', () => {
    const stream = new Uint8Array(deflateSync(PROFILE));
    stream[stream.length - 1]! ^= 1;
    expect(readFileOrientation(pngWithProfile(stream))).toBeUndefined();
  });

  it('still reads a stream whose trailer is cut off (zlib gives what it has)', () => {
    const stream = new Uint8Array(deflateSync(PROFILE));
    expect(readFileOrientation(pngWithProfile(stream.subarray(0, stream.length - 4)))).toBe(6);
  });
});
