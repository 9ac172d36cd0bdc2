// ArgbToBytes, the VP8L row writer: whole-word stores on little-endian platforms and the inverse subtract-green
// folded in. Checked byte for byte against the plain per-byte reading of the ARGB words (RFC 9649: alpha in bits
// 24–31, red 16–23, green 8–15, blue 0–7; subtract-green inverted as red + green and blue + green, modulo 256).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgbToBytes } from '../../../../src/formats/webp/vp8l/argb-bytes.js';

function expected(argb: Int32Array, width: number, height: number, channels: 3 | 4, addGreen: boolean): Uint8Array {
  const out = new Uint8Array(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    const v = argb[i]!;
    const g = (v >>> 8) & 0xff;
    const r = ((v >>> 16) & 0xff) + (addGreen ? g : 0);
    const b = (v & 0xff) + (addGreen ? g : 0);
    out.set(channels === 4 ? [r % 256, g, b % 256, v >>> 24] : [r % 256, g, b % 256], i * channels);
  }
  return out;
}

describe('ArgbToBytes', () => {
  it('writes a worked-out 5 × 1 row as RGB and RGBA, with and without green added', () => {
    const row = new Int32Array([0x80102030, 0xff0000ff, 0x01fe01fe, 0x00000000, 0xffffffff]);
    const rgb = new Uint8Array(15);
    new ArgbToBytes(rgb, 3).write(row, 0, 5, 0, false);
    expect([...rgb]).toEqual([0x10, 0x20, 0x30, 0x00, 0x00, 0xff, 0xfe, 0x01, 0xfe, 0, 0, 0, 0xff, 0xff, 0xff]);
    const rgba = new Uint8Array(20);
    new ArgbToBytes(rgba, 4).write(row, 0, 5, 0, true);
    // Green 0x20 added to 0x10 and 0x30; 0x01 added to 0xfe wraps to 0xff; 0xff added to 0xff wraps to 0xfe.
    expect([...rgba]).toEqual([0x30, 0x20, 0x50, 0x80, 0, 0, 0xff, 0xff, 0xff, 0x01, 0xff, 0x01, 0, 0, 0, 0, 0xfe, 0xff, 0xfe, 0xff]);
  });

  it('matches the per-byte reading for any width, row by row, in both channel counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom<3 | 4>(3, 4),
        fc.boolean(),
        fc.integer({ min: 0, max: 0xffffffff }),
        (width, height, channels, addGreen, seed) => {
          const argb = new Int32Array(width * height);
          let s = seed >>> 0 || 1;
          for (let i = 0; i < argb.length; i++) {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            argb[i] = s >>> 0;
          }
          const out = new Uint8Array(width * height * channels);
          const sink = new ArgbToBytes(out, channels);
          for (let y = 0; y < height; y++) sink.write(argb, y * width, width, y * width, addGreen);
          expect(out).toEqual(expected(argb, width, height, channels, addGreen));
        },
      ),
      { numRuns: 300 },
    );
  });
});
