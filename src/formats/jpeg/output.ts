// From decoded component samples to output pixels, one output row at a time, as libjpeg-turbo 2.1.5 does by default:
// fancy (triangle) upsampling where jdsample.c uses it (h2v1 and h2v2 when the component is over 2 samples wide,
// h1v2 always; none at 1/8 scale), plain replication elsewhere, edges replicated (jdmainct.c), then jdcolor.c's
// fixed-point YCbCr → RGB or YCCK → CMYK. CMYK becomes RGB as Pillow 9.4 does it (Adobe-inverted CMYK, then
// Convert.c's cmyk2rgb), so the pixels equal Pillow's `convert('RGB')`.
// Spec: ITU-T T.81 A.1.1 (sampling), JFIF 1.02 §7 (YCbCr ↔ RGB).

/** How samples become pixels (jdapimin.c default_decompress_parms picks the colour space). */
export const enum Color { Grey, Ycc, Rgb, Cmyk, Ycck }

/** One component's decoded samples: a ring of rows, and how they reach output resolution. */
export interface Plane {
  ring: Uint8Array;
  stride: number;
  /** Rows in the ring; sample row r lives at (r % ringRows) · stride. */
  ringRows: number;
  /** The component's (scaled) size in samples, libjpeg's downsampled_width/height. */
  width: number;
  height: number;
  /** Output pixels per sample horizontally and vertically. */
  he: number;
  ve: number;
  /** Use jdsample.c's fancy filter (only for he/ve of 2). */
  fancy: boolean;
  /** A row of output width, for upsampled components. */
  row: Uint8Array;
  /** Where the last row asked for lies: `ring` or `row`. */
  src: Uint8Array;
}

// jdcolor.c build_ycc_rgb_table: 16-bit fixed point, rounded, for Cb/Cr = 0…255 (centred on 128).
let tables: Int32Array[] | undefined;
function yccTables(): Int32Array[] {
  if (tables !== undefined) return tables;
  const fix = (x: number) => Math.floor(x * 65536 + 0.5);
  const t = [new Int32Array(256), new Int32Array(256), new Int32Array(256), new Int32Array(256)];
  for (let i = 0; i < 256; i++) {
    const x = i - 128;
    t[0]![i] = (fix(1.402) * x + 32768) >> 16; // Cr → R
    t[1]![i] = (fix(1.772) * x + 32768) >> 16; // Cb → B
    t[2]![i] = -fix(0.71414) * x; // Cr → G
    t[3]![i] = -fix(0.34414) * x + 32768; // Cb → G
  }
  return (tables = t);
}

/** The sample row `r` of a plane, clamped to its real rows (jdmainct.c replicates the first and last). */
const rowAt = (p: Plane, r: number): number => ((r < 0 ? 0 : r >= p.height ? p.height - 1 : r) % p.ringRows) * p.stride;

/**
 * Output row `y` of component `p` at output width `width`: sets `p.src` to the buffer holding it (the ring itself
 * where no filtering is needed, else `p.row` filled by jdsample.c's method) and returns its offset there.
 */
function upsampledRow(p: Plane, y: number, width: number): number {
  const { ring, he, ve } = p;
  p.src = ring;
  if (he === 1 && ve === 1) return rowAt(p, y);
  const out = p.row;
  const w = p.width;
  if (p.fancy && ve === 2 && he <= 2) {
    p.src = out;
    const near = rowAt(p, y >> 1);
    const far = rowAt(p, (y & 1) === 1 ? (y >> 1) + 1 : (y >> 1) - 1);
    if (he === 1) {
      // h1v2_fancy_upsample: 3/4 nearer row + 1/4 further row, rounding up below and down above.
      const bias = 1 + (y & 1);
      for (let x = 0; x < w; x++) out[x] = (ring[near + x]! * 3 + ring[far + x]! + bias) >> 2;
      return 0;
    }
    // h2v2_fancy_upsample: the same vertically, then horizontally on the column sums.
    let last = ring[near]! * 3 + ring[far]!;
    let next = ring[near + 1]! * 3 + ring[far + 1]!;
    out[0] = (last * 4 + 8) >> 4;
    out[1] = (last * 3 + next + 7) >> 4;
    let at = 2;
    let cur = next;
    for (let x = 2; x < w; x++, at += 2) {
      next = ring[near + x]! * 3 + ring[far + x]!;
      out[at] = (cur * 3 + last + 8) >> 4;
      out[at + 1] = (cur * 3 + next + 7) >> 4;
      last = cur;
      cur = next;
    }
    out[at] = (cur * 3 + last + 8) >> 4;
    out[at + 1] = (cur * 4 + 7) >> 4;
    return 0;
  }
  const src = rowAt(p, Math.floor(y / ve));
  if (he === 1) return src;
  p.src = out;
  if (p.fancy) {
    // h2v1_fancy_upsample.
    let v = ring[src]!;
    out[0] = v;
    out[1] = (v * 3 + ring[src + 1]! + 2) >> 2;
    let at = 2;
    for (let x = 1; x < w - 1; x++, at += 2) {
      v = ring[src + x]! * 3;
      out[at] = (v + ring[src + x - 1]! + 1) >> 2;
      out[at + 1] = (v + ring[src + x + 1]! + 2) >> 2;
    }
    v = ring[src + w - 1]!;
    out[at] = (v * 3 + ring[src + w - 2]! + 1) >> 2;
    out[at + 1] = v;
    return 0;
  }
  // int_upsample (and h2v1/h2v2_upsample): replication.
  for (let x = 0; x < width; x++) out[x] = ring[src + Math.floor(x / he)]!;
  return 0;
}

/** jdmaster.c's sample_range_limit as a table: index v + 384 gives v clamped to 0…255, for -384 ≤ v < 640. */
const CLAMP = /* @__PURE__ */ Uint8Array.from({ length: 1024 }, (_, i) => Math.min(255, Math.max(0, i - 384)));

/** Writes output row `y` (`width` pixels) of `planes` converted from `color` into `out` (1 channel for Grey, else 3) at `o`. */
export function writeRow(planes: Plane[], color: Color, y: number, width: number, out: Uint8Array, o: number): void {
  const p0 = planes[0]!;
  const o0 = upsampledRow(p0, y, width);
  const b0 = p0.src;
  if (color === Color.Grey) {
    out.set(b0.subarray(o0, o0 + width), o);
    return;
  }
  const p1 = planes[1]!;
  const p2 = planes[2]!;
  const o1 = upsampledRow(p1, y, width);
  const o2 = upsampledRow(p2, y, width);
  if (color === Color.Ycc) yccRow(b0, o0, p1.src, o1, p2.src, o2, width, out, o);
  else if (color === Color.Rgb) {
    const b1 = p1.src;
    const b2 = p2.src;
    for (let x = 0; x < width; x++, o += 3) {
      out[o] = b0[o0 + x]!;
      out[o + 1] = b1[o1 + x]!;
      out[o + 2] = b2[o2 + x]!;
    }
  } else {
    const p3 = planes[3]!;
    const o3 = upsampledRow(p3, y, width);
    cmykRow(color === Color.Ycck, b0, o0, p1.src, o1, p2.src, o2, p3.src, o3, width, out, o);
  }
}

/** jdcolor.c ycc_rgb_convert of one row. */
function yccRow(b0: Uint8Array, o0: number, b1: Uint8Array, o1: number, b2: Uint8Array, o2: number, width: number, out: Uint8Array, o: number): void {
  const t = yccTables();
  const crR = t[0]!, cbB = t[1]!, crG = t[2]!, cbG = t[3]!;
  const clamp = CLAMP;
  for (let x = 0; x < width; x++, o += 3) {
    const l = b0[o0 + x]! + 384;
    const cb = b1[o1 + x]!;
    const cr = b2[o2 + x]!;
    out[o] = clamp[l + crR[cr]!]!;
    out[o + 1] = clamp[l + ((cbG[cb]! + crG[cr]!) >> 16)]!;
    out[o + 2] = clamp[l + cbB[cb]!]!;
  }
}

/**
 * CMYK (Adobe) or YCCK (converted by jdcolor.c ycck_cmyk_convert) to RGB as Pillow does: its decoder inverts the
 * samples ("CMYK;I"), then Convert.c cmyk2rgb gives each channel nk - (255 - c)·nk/255 with nk = K, rounded.
 */
function cmykRow(
  ycck: boolean, b0: Uint8Array, o0: number, b1: Uint8Array, o1: number, b2: Uint8Array, o2: number, b3: Uint8Array, o3: number,
  width: number, out: Uint8Array, o: number,
): void {
  const t = yccTables();
  const crR = t[0]!, cbB = t[1]!, crG = t[2]!, cbG = t[3]!;
  const mix = (c: number, k: number) => {
    const t = (255 - c) * k + 128;
    return k - (((t >> 8) + t) >> 8);
  };
  for (let x = 0; x < width; x++, o += 3) {
    let c = b0[o0 + x]!;
    let m = b1[o1 + x]!;
    let yy = b2[o2 + x]!;
    const k = b3[o3 + x]!;
    if (ycck) {
      const l = 639 - c; // 255 - Y, offset into CLAMP
      const cb = m;
      c = CLAMP[l - crR[yy]!]!;
      m = CLAMP[l - ((cbG[cb]! + crG[yy]!) >> 16)]!;
      yy = CLAMP[l - cbB[cb]!]!;
    }
    out[o] = mix(c, k);
    out[o + 1] = mix(m, k);
    out[o + 2] = mix(yy, k);
  }
}
