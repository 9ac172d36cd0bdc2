// The encoder's building blocks against the spec's own numbers and independent formulations.
import { describe, expect, it } from 'vitest';
import { downsampleH2V1, downsampleH2V2, fillStrips } from '../../../../src/formats/jpeg/color-downsample.js';
import { forwardDctIslow } from '../../../../src/formats/jpeg/forward-dct.js';
import { deriveTable, EntropyWriter } from '../../../../src/formats/jpeg/huffman-encode.js';
import { countBlock, newFrequencies, optimalTable } from '../../../../src/formats/jpeg/huffman-optimize.js';
import { qualityScaling, qualityTables, quantizeBlock, quantTable } from '../../../../src/formats/jpeg/quant-tables.js';
import { STD_AC_LUMINANCE, STD_DC_LUMINANCE, ZIGZAG_TO_NATURAL } from '../../../../src/formats/jpeg/standard-tables.js';

/**
 * libjpeg-turbo jcdctmgr.c compute_reciprocal + quantize, written out independently: the reciprocal method the
 * library (and its SIMD quantizers) use in place of division. `elementBits` is the width of DCTELEM: 16 in SIMD
 * builds (as Debian's), 32 in plain C ones. Returns the quantizer for one divisor.
 */
function reciprocal(divisor: number, elementBits: 16 | 32): (x: number) => number {
  if (divisor === 1) return (x) => x;
  const b = 31 - Math.clz32(divisor); // flss(divisor) - 1
  let r = elementBits + b;
  let fq = Math.floor(2 ** r / divisor);
  const fr = 2 ** r % divisor;
  let c = Math.floor(divisor / 2);
  if (fr === 0) {
    fq = Math.floor(fq / 2);
    r--;
  } else if (fr <= Math.floor(divisor / 2)) c++;
  else fq++;
  const scale = 2 ** r;
  return (x) => {
    const magnitude = Math.floor(((Math.abs(x) + c) * fq) / scale);
    return x < 0 ? -magnitude : magnitude;
  };
}

describe('quantization', () => {
  it('IJG quality scaling (jcparam.c jpeg_quality_scaling)', () => {
    expect([1, 10, 25, 49, 50, 51, 75, 90, 95, 100].map(qualityScaling)).toEqual([5000, 500, 200, 102, 100, 98, 50, 20, 10, 0]);
  });

  it('scales T.81 Table K.1/K.2 as (t × s + 50) / 100 clamped to 1–255', () => {
    // Worked by hand: 16 × 20 % = 3.2 → 3; 99 × 5000 % = 4950 → 255; quality 100 makes every step 1.
    expect(qualityTables(90).luminance.natural[0]).toBe(3);
    expect(qualityTables(90).chrominance.natural[63]).toBe(20);
    expect(qualityTables(1).chrominance.natural[63]).toBe(255);
    expect(Array.from(qualityTables(100).luminance.natural)).toEqual(new Array(64).fill(1));
    expect(Array.from(qualityTables(50).luminance.natural.subarray(0, 8))).toEqual([16, 11, 10, 16, 24, 40, 51, 61]);
  });

  it("rounds like libjpeg-turbo's reciprocal quantizer for every step and every 16-bit coefficient", () => {
    const block = new Int32Array(64);
    const out = new Int32Array(64);
    let mismatches = 0;
    for (let step = 1; step <= 255; step++) {
      const table = quantTable(new Uint8Array(64).fill(step));
      const [simd, plain] = [reciprocal(step << 3, 16), reciprocal(step << 3, 32)];
      for (let base = -32768; base < 32768; base += 64) {
        for (let k = 0; k < 64; k++) block[ZIGZAG_TO_NATURAL[k]!] = base + k;
        quantizeBlock(block, table, out);
        for (let k = 0; k < 64; k++) {
          const x = base + k;
          if (out[k] !== simd(x) || out[k] !== plain(x)) mismatches++;
        }
      }
    }
    expect(mismatches).toBe(0);
  });
});

describe('forwardDctIslow', () => {
  /** The DCT of T.81 A.3.3, in floating point, times 8 as libjpeg leaves it. */
  function referenceDct(samples: number[]): number[] {
    const out: number[] = [];
    for (let v = 0; v < 8; v++) {
      for (let u = 0; u < 8; u++) {
        let sum = 0;
        for (let y = 0; y < 8; y++) {
          for (let x = 0; x < 8; x++) sum += samples[y * 8 + x]! * Math.cos(((2 * x + 1) * u * Math.PI) / 16) * Math.cos(((2 * y + 1) * v * Math.PI) / 16);
        }
        const cu = u === 0 ? Math.SQRT1_2 : 1;
        const cv = v === 0 ? Math.SQRT1_2 : 1;
        out.push(8 * 0.25 * cu * cv * sum);
      }
    }
    return out;
  }

  it('gives exact results for a flat block and stays within fixed-point error of the true DCT', () => {
    const flat = new Int32Array(64);
    forwardDctIslow(new Uint8Array(64).fill(28), 0, 8, flat);
    expect(flat[0]).toBe(-6400); // 8 × (8 × −100)
    expect(Array.from(flat.subarray(1)).every((c) => c === 0)).toBe(true);

    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % 256;
    for (let trial = 0; trial < 200; trial++) {
      const samples = Array.from({ length: 64 }, () => random() - 128);
      const data = new Int32Array(64);
      // The block sits inside a wider strip (stride 20, offset 3) as the encoder reads it.
      const strip = new Uint8Array(8 * 20 + 3);
      samples.forEach((s, i) => (strip[3 + (i >> 3) * 20 + (i & 7)] = s + 128));
      forwardDctIslow(strip, 3, 20, data);
      const reference = referenceDct(samples);
      const worst = Math.max(...reference.map((r, i) => Math.abs(r - data[i]!)));
      expect(worst).toBeLessThan(16); // two passes of 13-bit constants: a few units of the ×8 scale
    }
  });
});

describe('Huffman coding', () => {
  it('derives the codes T.81 Table K.3 and K.5 print', () => {
    const dc = deriveTable(STD_DC_LUMINANCE);
    const show = (t: ReturnType<typeof deriveTable>, s: number) => t.codes[s]!.toString(2).padStart(t.lengths[s]!, '0');
    // Table K.3: category 0 → 00, 1 → 010, 5 → 110, 6 → 1110, 11 → 111111110.
    expect([0, 1, 5, 6, 11].map((s) => show(dc, s))).toEqual(['00', '010', '110', '1110', '111111110']);
    const ac = deriveTable(STD_AC_LUMINANCE);
    // Table K.5: 0/0 (EOB) → 1010, 0/1 → 00, F/0 (ZRL) → 11111111001, F/A → 1111111111111110.
    expect([0x00, 0x01, 0xf0, 0xfa].map((s) => show(ac, s))).toEqual(['1010', '00', '11111111001', '1111111111111110']);
  });

  it('stuffs a zero after 0xFF and pads the last byte with ones', () => {
    const w = new EntropyWriter(new Uint8Array(4), 0);
    w.reserve(16);
    w.put(0xff, 8);
    w.put(0b101, 3);
    w.flush();
    expect(Array.from(w.bytes.subarray(0, w.length))).toEqual([0xff, 0x00, 0b10111111]);
    const aligned = new EntropyWriter(new Uint8Array(4), 0);
    aligned.put(0x12, 8);
    aligned.flush();
    expect(aligned.length).toBe(1);
  });

  it('codes a block as DC difference, AC runs with ZRL, and EOB', () => {
    const dc = deriveTable(STD_DC_LUMINANCE);
    const ac = deriveTable(STD_AC_LUMINANCE);
    const zz = new Int32Array(64);
    zz[0] = 5; // difference −3 from 8: category 2 (011), bits of −3 − 1 = …100 → 00
    zz[18] = 1; // after 17 zeros: ZRL, then run 1 size 1 (1100) and bit 1
    const w = new EntropyWriter(new Uint8Array(64), 0);
    w.encodeBlock(zz, 8, dc, ac);
    w.flush();
    const bits = Array.from(w.bytes.subarray(0, w.length), (b) => b.toString(2).padStart(8, '0')).join('');
    expect(bits).toBe(('011' + '00' + '11111111001' + '1100' + '1' + '1010').padEnd(32, '1'));
  });
  it('packs long codes with large coefficients, after ZRLs, across the 32-bit buffer', () => {
    const dc = deriveTable(STD_DC_LUMINANCE);
    const ac = deriveTable(STD_AC_LUMINANCE);
    const code = (t: ReturnType<typeof deriveTable>, s: number) => t.codes[s]!.toString(2).padStart(t.lengths[s]!, '0');
    const zz = new Int32Array(64);
    zz[0] = -2047; // category 11 (DC code 111111110), bits of −2048: 00000000000
    zz[1] = 1023; // 0/A: a 16-bit code and 10 bits
    zz[63] = -1023; // after 61 zeros: three ZRLs, then D/A and the bits of −1024
    for (let pending = 0; pending < 8; pending++) {
      const w = new EntropyWriter(new Uint8Array(64), 0);
      w.put(0, pending); // start at every bit offset
      w.encodeBlock(zz, 0, dc, ac);
      w.flush();
      // Unstuffed: the 0x00 after each 0xFF dropped.
      const bytes = Array.from(w.bytes.subarray(0, w.length)).filter((b, i, all) => !(b === 0 && all[i - 1] === 0xff));
      const bits = bytes.map((b) => b.toString(2).padStart(8, '0')).join('');
      const expected =
        '0'.repeat(pending) + code(dc, 11) + '00000000000' + code(ac, 0x0a) + '1111111111' + code(ac, 0xf0).repeat(3) + code(ac, 0xda) + '0000000000';
      expect(bits).toBe(expected.padEnd(Math.ceil(expected.length / 8) * 8, '1'));
    }
  });
});

describe('optimal Huffman tables (jchuff.c jpeg_gen_optimal_table)', () => {
  /** Code length of every listed symbol, from a DHT-style spec. */
  const lengthsOf = (spec: { bits: readonly number[]; values: readonly number[] }) => {
    const lengths = new Map<number, number>();
    let k = 0;
    spec.bits.forEach((n, i) => {
      for (let j = 0; j < n; j++) lengths.set(spec.values[k++]!, i + 1);
    });
    return lengths;
  };

  it('gives two symbols with counts 3 and 1 (plus the reserved pseudo-symbol) lengths 1 and 2', () => {
    const freq = newFrequencies();
    freq[0] = 3;
    freq[5] = 1;
    // Huffman merges 5 (1) with the pseudo-symbol 256 (1), then that pair with 0 (3): 0 → 1 bit, 5 and 256 → 2 bits;
    // 256 is then dropped from the longest length.
    expect(optimalTable(freq)).toEqual({ bits: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], values: [0, 5] });
    expect(freq[256]).toBe(0); // the counts passed in are left alone
  });

  it('folds lengths over 16 back (T.81 Figure K.3) and keeps a free all-ones code', () => {
    // Counts 3^s each exceed the sum of all smaller ones, so plain Huffman builds a chain 20 deep (19 symbols and
    // the pseudo-symbol).
    const freq = newFrequencies();
    for (let symbol = 0; symbol < 19; symbol++) freq[symbol] = 3 ** symbol;
    const spec = optimalTable(freq);
    const lengths = lengthsOf(spec);
    expect(spec.values.length).toBe(19);
    expect(Math.max(...lengths.values())).toBe(16);
    // Kraft sum strictly below 1: some code of the longest length (all ones) stays unused.
    const kraft = [...lengths.values()].reduce((sum, l) => sum + 2 ** -l, 0);
    expect(kraft).toBeLessThan(1);
    // More frequent symbols never get longer codes.
    for (let s = 1; s < 19; s++) expect(lengths.get(s)!).toBeLessThanOrEqual(lengths.get(s - 1)!);
  });

  it('counts the symbols encodeBlock writes', () => {
    const zz = new Int32Array(64);
    zz[0] = 5;
    zz[18] = -1; // ZRL, then run 1 size 1
    zz[20] = 300; // run 1, size 9; then EOB
    const dc = newFrequencies();
    const ac = newFrequencies();
    countBlock(zz, 8, dc, ac);
    const nonZero = (f: Float64Array) => Object.fromEntries([...f.entries()].filter(([, n]) => n > 0));
    expect(nonZero(dc)).toEqual({ 2: 1 });
    expect(nonZero(ac)).toEqual({ 0x00: 1, 0x11: 1, 0x19: 1, 0xf0: 1 });
  });
});

describe('colour conversion and downsampling', () => {
  it('converts with jccolor.c fixed point and repeats the edges', () => {
    const data = Uint8Array.from([255, 0, 0, 0, 0, 255]); // red, blue: a 2×1 image
    const [y, cb, cr] = [new Uint8Array(8), new Uint8Array(8), new Uint8Array(8)];
    fillStrips({ data, width: 2, height: 1, channels: 3, red: 0, blue: 2 }, 0, 2, 4, y, cb, cr);
    // Red: Y = round(0.299 × 255) = 76, Cb = 128 − 0.16874 × 255 = 84.97 → 85, Cr = 255.5 → 255 (rounded with 0.5 − ε).
    // Blue: Y = 29, Cb = 255, Cr = 128 − 0.08131 × 255 = 107.27 → 107.
    expect(Array.from(y)).toEqual([76, 29, 29, 29, 76, 29, 29, 29]);
    expect(Array.from(cb)).toEqual([85, 255, 255, 255, 85, 255, 255, 255]);
    expect(Array.from(cr)).toEqual([255, 107, 107, 107, 255, 107, 107, 107]);
  });

  it('averages with the alternating bias of jcsample.c', () => {
    const src = Uint8Array.from([0, 1, 0, 1, 0, 1, 0, 1]); // pairs summing to 1
    const h2v1 = new Uint8Array(4);
    downsampleH2V1(src, 8, h2v1, 4, 1);
    expect(Array.from(h2v1)).toEqual([0, 1, 0, 1]); // (1 + 0) >> 1, (1 + 1) >> 1, …
    const square = Uint8Array.from([0, 1, 0, 1, 1, 0, 1, 0]); // 2×2 squares summing to 2
    const h2v2 = new Uint8Array(2);
    downsampleH2V2(square, 4, h2v2, 2, 1, 0);
    expect(Array.from(h2v2)).toEqual([0, 1]); // (2 + 1) >> 2, (2 + 2) >> 2
  });

  it('repeats the last real chroma row below it rather than averaging repeated image rows', () => {
    // Image rows 10, 20 (height 2): the chroma row is 15; a second output row copies it (not (20 + 20) / 2).
    const src = Uint8Array.from([10, 10, 20, 20, 20, 20, 20, 20]);
    const dst = new Uint8Array(2);
    downsampleH2V2(src, 2, dst, 1, 2, 0);
    expect(Array.from(dst)).toEqual([15, 15]);
  });
});
