// Mode `1` rows end in a byte whose bits past the last pixel are padding.
import { describe, expect, it } from 'vitest';
import { lastByteMask1 } from '../src/raw-image.js';

describe('lastByteMask1', () => {
  it('keeps exactly the bits of the pixels in the last byte, most significant first', () => {
    const expected = [0xff, 0x80, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc, 0xfe]; // width % 8 = 0 … 7
    for (const width of [1, 2, 3, 7, 8, 9, 15, 16, 17, 1000]) expect([width, lastByteMask1(width)]).toEqual([width, expected[width % 8]]);
  });
});
