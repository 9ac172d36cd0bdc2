// JPEG limits through the public API: absurd frame dimensions, component counts and sampling factors are refused
// from the headers, and memory follows the data rather than the header, before the decoder allocates anything large.
import { describe, expect, it } from 'vitest';
import { ErrorCode, decode } from '../../src/index.js';
import { dht, dqt, jpeg, sof, sos } from '../support/bytes.js';
import { expectAccepted, expectRefused } from './measure.js';

/**
 * A grey baseline JPEG whose every block is DC difference 0 and end-of-block: with one-code Huffman tables that is
 * 2 bits a block, so `dataBytes` zero bytes code 4 × dataBytes blocks of mid grey.
 */
function greyJpeg(width: number, height: number, dataBytes: number, components: Array<[number, number, number]> = [[1, 0x11, 0]]): Uint8Array {
  return jpeg(dqt(), sof(width, height, components), dht(0), dht(1), sos([components[0]![0]]), new Uint8Array(dataBytes));
}

describe('JPEG: the minimal file the limit cases are made from', () => {
  it('decodes 16×16 of mid grey from 1 byte of image data', () => {
    expect(expectAccepted(() => decode(greyJpeg(16, 16, 1)))).toEqual({ width: 16, height: 16, mode: 'L', data: new Uint8Array(256).fill(128) });
  });
});

describe('JPEG: components no scan codes', () => {
  const colour: Array<[number, number, number]> = [[1, 0x11, 0], [2, 0x11, 0], [3, 0x11, 0]];

  it('refuses a colour frame whose only scan codes Y as corrupt: Cb and Cr would cost no data and come out blank', () => {
    const error = expectRefused(() => decode(greyJpeg(16, 16, 1, colour)), ErrorCode.CORRUPT, 50);
    expect([error.message, error.chunk]).toEqual(['JPEG: component 2 of the frame is in no scan', 'SOS']);
    expectRefused(() => decode(greyJpeg(4096, 4096, 4096 * 4096 / 256, colour)), ErrorCode.CORRUPT, 200);
  });

  it('decodes the same frame when each component has a scan of its own', () => {
    const file = jpeg(dqt(), sof(16, 16, colour), dht(0), dht(1), sos([1]), new Uint8Array(1), sos([2]), new Uint8Array(1), sos([3]), new Uint8Array(1));
    const image = expectAccepted(() => decode(file));
    expect([image.width, image.height, image.mode, image.data.every((v) => v === 128)]).toEqual([16, 16, 'RGB', true]);
  });
});

describe('JPEG: absurd dimensions', () => {
  it('refuses 65535×65535 colour as too large, with the default limit and with none (13 GB of RGB)', () => {
    const file = greyJpeg(65535, 65535, 4, [[1, 0x11, 0], [2, 0x11, 0], [3, 0x11, 0]]);
    expectRefused(() => decode(file), ErrorCode.TOO_LARGE, 50);
    expectRefused(() => decode(file, { maxPixels: Infinity }), ErrorCode.TOO_LARGE, 50);
  });

  it('refuses 65535×65535 grey without a limit as truncated: 4 bytes cannot code 67 million blocks', () => {
    expectRefused(() => decode(greyJpeg(65535, 65535, 4), { maxPixels: Infinity, maxExpansion: Infinity }), ErrorCode.TRUNCATED, 50);
    expectRefused(() => decode(greyJpeg(65535, 65535, 4), { maxPixels: Infinity }), ErrorCode.TOO_LARGE, 50);
  });

  it('refuses 16000×16000 grey (within the default maxPixels) from a 200-byte file before allocating', () => {
    // A decompression bomb by its header; without maxExpansion, by its scan being too short for its blocks.
    expectRefused(() => decode(greyJpeg(16000, 16000, 64)), ErrorCode.TOO_LARGE, 50);
    expectRefused(() => decode(greyJpeg(16000, 16000, 64), { maxExpansion: Infinity }), ErrorCode.TRUNCATED, 50);
  });

  it('refuses 4096×4096 grey with enough data for its blocks when maxPixels is smaller, before decoding', () => {
    const file = greyJpeg(4096, 4096, (4096 * 4096) / 64 / 4);
    expectRefused(() => decode(file, { maxPixels: 4096 * 4096 - 1 }), ErrorCode.TOO_LARGE, 50);
  });

  it('refuses a width of 0 as corrupt and a height of 0 (defined later by DNL) as unsupported', () => {
    expectRefused(() => decode(greyJpeg(0, 8, 1)), ErrorCode.CORRUPT);
    expectRefused(() => decode(greyJpeg(8, 0, 1)), ErrorCode.UNSUPPORTED);
  });
});

describe('JPEG: absurd component counts and sampling factors', () => {
  const ids = (n: number): Array<[number, number, number]> => Array.from({ length: n }, (_, i): [number, number, number] => [i + 1, 0x11, 0]);

  it('refuses a frame with no components as corrupt', () => {
    expectRefused(() => decode(jpeg(dqt(), sof(8, 8, []), dht(0), dht(1), new Uint8Array(1))), ErrorCode.CORRUPT);
  });

  it.each([2, 5, 16, 255])('refuses %i components as unsupported', (count) => {
    expectRefused(() => decode(greyJpeg(8, 8, 1, ids(count))), ErrorCode.UNSUPPORTED);
  });

  it('refuses 4 components without an Adobe marker (plain CMYK) as unsupported', () => {
    expectRefused(() => decode(greyJpeg(8, 8, 1, ids(4))), ErrorCode.UNSUPPORTED);
  });

  it('refuses a component count the segment length does not match as corrupt', () => {
    const frame = sof(8, 8, ids(3));
    frame[9] = 200; // Nf says 200, the segment holds 3
    expectRefused(() => decode(jpeg(dqt(), frame, dht(0), dht(1), sos([1]), new Uint8Array(1))), ErrorCode.CORRUPT);
  });

  it.each([0x00, 0x50, 0x15, 0xff])('refuses sampling factors 0x%s as corrupt', (sampling) => {
    expectRefused(() => decode(greyJpeg(8, 8, 1, [[1, sampling, 0]])), ErrorCode.CORRUPT);
  });

  it.each([12, 16, 0])('refuses %i-bit samples as unsupported', (precision) => {
    const file = jpeg(dqt(), sof(8, 8, ids(1), 0xc1, precision), dht(0), dht(1), sos([1]), new Uint8Array(1));
    expectRefused(() => decode(file), ErrorCode.UNSUPPORTED);
  });
});

describe('JPEG: memory follows the data, not the header', () => {
  /** A progressive scan over `ids` with spectral band ss…se (successive approximation 0/0). */
  function progressiveScan(ids: number[], ss: number, se: number): Uint8Array {
    const scan = sos(ids);
    scan[scan.length - 3] = ss;
    scan[scan.length - 2] = se;
    return scan;
  }

  it('refuses a 160-byte progressive file declaring 16383×16383 with one AC-only scan in milliseconds', () => {
    // No DC scan comes first (T.81 G.1.1.1.1), so nothing can bound the coefficient memory by the data: the
    // jpeg-js decoder allocated gigabytes for this file.
    const file = jpeg(dqt(), sof(16383, 16383, [[1, 0x11, 0]], 0xc2), dht(1), progressiveScan([1], 1, 63), new Uint8Array(42));
    expect(file.length).toBe(160);
    expectRefused(() => decode(file), ErrorCode.TOO_LARGE, 50); // a decompression bomb by its header
    expectRefused(() => decode(file, { maxExpansion: Infinity }), ErrorCode.CORRUPT, 50);
    expectRefused(() => decode(file, { maxPixels: Infinity, maxExpansion: Infinity }), ErrorCode.CORRUPT, 50);
  });

  it('refuses the same with a DC scan too short for its blocks, and with colour components', () => {
    const colour: Array<[number, number, number]> = [[1, 0x22, 0], [2, 0x11, 0], [3, 0x11, 0]];
    const dcThenAc = jpeg(dqt(), sof(16383, 16383, colour, 0xc2), dht(0), dht(1), progressiveScan([1, 2, 3], 0, 0), new Uint8Array(64),
      progressiveScan([1], 1, 63), new Uint8Array(64));
    expectRefused(() => decode(dcThenAc), ErrorCode.TOO_LARGE, 50);
    expectRefused(() => decode(dcThenAc, { maxExpansion: Infinity }), ErrorCode.TRUNCATED, 50);
    const acFirst = jpeg(dqt(), sof(16383, 16383, colour, 0xc2), dht(1), progressiveScan([2], 1, 5), new Uint8Array(64));
    expectRefused(() => decode(acFirst, { maxExpansion: Infinity }), ErrorCode.CORRUPT, 50);
  });

  it('decodes a progressive file whose DC scan codes every block, committing memory in proportion', () => {
    // 64×64 grey: 64 blocks, each DC difference 0 in 1 bit, then an AC scan of EOB codes: mid grey.
    const file = jpeg(dqt(), sof(64, 64, [[1, 0x11, 0]], 0xc2), dht(0), dht(1), progressiveScan([1], 0, 0), new Uint8Array(8),
      progressiveScan([1], 1, 63), new Uint8Array(8));
    expect(expectAccepted(() => decode(file))).toEqual({ width: 64, height: 64, mode: 'L', data: new Uint8Array(64 * 64).fill(128) });
  });
});
