// The inverse VP8L transforms (RFC 9649 §4; libwebp 1.2.4 src/dsp/lossless.c): predictor, cross colour,
// subtract green and colour indexing with pixel bundling, applied in the reverse of the order they were read.

/** One transform as read: type 0 predictor, 1 cross colour, 2 subtract green, 3 colour indexing. */
export interface Vp8lTransform {
  readonly type: number;
  /** Tile size bits (0, 1) or bits per packed index (3). */
  readonly bits: number;
  /** Image width and height when the transform was read (before colour indexing packs the width). */
  readonly xsize: number;
  readonly ysize: number;
  /** Tile data (0, 1) or the palette expanded to 1 << (8 >> bits) entries (3). */
  readonly data: Int32Array;
}

/** Per-byte average, rounding down (lossless.c Average2). */
const avg2 = (a: number, b: number): number => ((((a ^ b) & 0xfefefefe) >>> 1) + (a & b)) >>> 0;

/** Per-byte sum modulo 256 (lossless_common.h VP8LAddPixels). */
const addPixels = (a: number, b: number): number =>
  ((((a & 0xff00ff00) + (b & 0xff00ff00)) & 0xff00ff00) | (((a & 0x00ff00ff) + (b & 0x00ff00ff)) & 0x00ff00ff)) >>> 0;

const clip255 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

function clampedAddSubtractFull(c0: number, c1: number, c2: number): number {
  const a = clip255((c0 >>> 24) + (c1 >>> 24) - (c2 >>> 24));
  const r = clip255(((c0 >> 16) & 0xff) + ((c1 >> 16) & 0xff) - ((c2 >> 16) & 0xff));
  const g = clip255(((c0 >> 8) & 0xff) + ((c1 >> 8) & 0xff) - ((c2 >> 8) & 0xff));
  const b = clip255((c0 & 0xff) + (c1 & 0xff) - (c2 & 0xff));
  return ((a << 24) | (r << 16) | (g << 8) | b) >>> 0;
}

// C's integer division truncates toward zero: (a - b) / 2, not >> 1.
const addSubtractHalf = (a: number, b: number): number => clip255(a + ((a - b) / 2 | 0));

function clampedAddSubtractHalf(c0: number, c1: number, c2: number): number {
  const ave = avg2(c0, c1);
  const a = addSubtractHalf(ave >>> 24, c2 >>> 24);
  const r = addSubtractHalf((ave >> 16) & 0xff, (c2 >> 16) & 0xff);
  const g = addSubtractHalf((ave >> 8) & 0xff, (c2 >> 8) & 0xff);
  const b = addSubtractHalf(ave & 0xff, c2 & 0xff);
  return ((a << 24) | (r << 16) | (g << 8) | b) >>> 0;
}

const sub3 = (a: number, b: number, c: number): number => Math.abs(b - c) - Math.abs(a - c);

/** The predictor choosing top or left by gradient (lossless.c Select). */
function select(a: number, b: number, c: number): number {
  const paMinusPb =
    sub3(a >>> 24, b >>> 24, c >>> 24) +
    sub3((a >> 16) & 0xff, (b >> 16) & 0xff, (c >> 16) & 0xff) +
    sub3((a >> 8) & 0xff, (b >> 8) & 0xff, (c >> 8) & 0xff) +
    sub3(a & 0xff, b & 0xff, c & 0xff);
  return paMinusPb <= 0 ? a : b;
}

/** Adds mode `mode`'s predictions to the residuals p[i, end) of one row segment, in place. */
function predictSpan(p: Int32Array, i: number, end: number, width: number, mode: number): void {
  switch (mode) {
    case 1:
      for (; i < end; i++) p[i] = addPixels(p[i]!, p[i - 1]!);
      return;
    case 2:
      for (; i < end; i++) p[i] = addPixels(p[i]!, p[i - width]!);
      return;
    case 3:
      for (; i < end; i++) p[i] = addPixels(p[i]!, p[i - width + 1]!);
      return;
    case 4:
      for (; i < end; i++) p[i] = addPixels(p[i]!, p[i - width - 1]!);
      return;
    case 5:
      for (; i < end; i++) p[i] = addPixels(p[i]!, avg2(avg2(p[i - 1]!, p[i - width + 1]!), p[i - width]!));
      return;
    case 6:
      for (; i < end; i++) p[i] = addPixels(p[i]!, avg2(p[i - 1]!, p[i - width - 1]!));
      return;
    case 7:
      for (; i < end; i++) p[i] = addPixels(p[i]!, avg2(p[i - 1]!, p[i - width]!));
      return;
    case 8:
      for (; i < end; i++) p[i] = addPixels(p[i]!, avg2(p[i - width - 1]!, p[i - width]!));
      return;
    case 9:
      for (; i < end; i++) p[i] = addPixels(p[i]!, avg2(p[i - width]!, p[i - width + 1]!));
      return;
    case 10:
      for (; i < end; i++) p[i] = addPixels(p[i]!, avg2(avg2(p[i - 1]!, p[i - width - 1]!), avg2(p[i - width]!, p[i - width + 1]!)));
      return;
    case 11:
      for (; i < end; i++) p[i] = addPixels(p[i]!, select(p[i - width]!, p[i - 1]!, p[i - width - 1]!));
      return;
    case 12:
      for (; i < end; i++) p[i] = addPixels(p[i]!, clampedAddSubtractFull(p[i - 1]!, p[i - width]!, p[i - width - 1]!));
      return;
    case 13:
      for (; i < end; i++) p[i] = addPixels(p[i]!, clampedAddSubtractHalf(p[i - 1]!, p[i - width]!, p[i - width - 1]!));
      return;
    default:
      // Modes 0, 14 and 15: opaque black (lossless.c kPredictorsAdd[14], [15] are PredictorAdd0).
      for (; i < end; i++) p[i] = addPixels(p[i]!, 0xff000000);
  }
}

/** Inverse predictor transform of row `y` in place: residuals + predictions (lossless.c PredictorInverseTransform_C). */
function predictorRow(t: Vp8lTransform, p: Int32Array, y: number): void {
  const width = t.xsize;
  if (y === 0) {
    // First row: black for the first pixel, then L.
    p[0] = addPixels(p[0]!, 0xff000000);
    for (let x = 1; x < width; x++) p[x] = addPixels(p[x]!, p[x - 1]!);
    return;
  }
  const tile = 1 << t.bits;
  const tilesPerRow = (width + tile - 1) >> t.bits;
  const row = y * width;
  const modes = (y >> t.bits) * tilesPerRow;
  // First column: T.
  p[row] = addPixels(p[row]!, p[row - width]!);
  for (let x = 1; x < width; ) {
    const end = Math.min(width, (x & ~(tile - 1)) + tile);
    predictSpan(p, row + x, row + end, width, (t.data[modes + (x >> t.bits)]! >> 8) & 0xf);
    x = end;
  }
}

/** Inverse cross-colour transform of row `y` in place (lossless.c TransformColorInverse), one tile at a time. */
function crossColorRow(t: Vp8lTransform, p: Int32Array, y: number): void {
  const width = t.xsize;
  const tile = 1 << t.bits;
  const tiles = (y >> t.bits) * ((width + tile - 1) >> t.bits);
  const row = y * width;
  for (let x0 = 0; x0 < width; x0 += tile) {
    const code = t.data[tiles + (x0 >> t.bits)]!;
    const greenToRed = (code << 24) >> 24;
    const greenToBlue = (code << 16) >> 24;
    const redToBlue = (code << 8) >> 24;
    const end = row + Math.min(width, x0 + tile);
    for (let i = row + x0; i < end; i++) {
      const argb = p[i]!;
      const green = (argb << 16) >> 24;
      const red = ((argb >> 16) + ((greenToRed * green) >> 5)) & 0xff;
      const blue = (argb + ((greenToBlue * green) >> 5) + ((redToBlue * ((red << 24) >> 24)) >> 5)) & 0xff;
      p[i] = ((argb & 0xff00ff00) | (red << 16) | blue) >>> 0;
    }
  }
}

/** Inverse subtract-green of p[i, end) in place (lossless.c VP8LAddGreenToBlueAndRed_C). */
function addGreen(p: Int32Array, i: number, end: number): void {
  for (; i < end; i++) {
    const argb = p[i]!;
    const green = (argb >> 8) & 0xff;
    const redBlue = ((argb & 0x00ff00ff) + ((green << 16) | green)) & 0x00ff00ff;
    p[i] = ((argb & 0xff00ff00) | redBlue) >>> 0;
  }
}

/** Undoes one transform other than colour indexing on row `y` in place. */
function inverseRow(t: Vp8lTransform, p: Int32Array, y: number): void {
  if (t.type === 0) predictorRow(t, p, y);
  else if (t.type === 1) crossColorRow(t, p, y);
  else addGreen(p, y * t.xsize, (y + 1) * t.xsize);
}

/** Inverse colour indexing: unpacks bundled indices (green) and maps them through the palette. */
function inverseColorIndexing(t: Vp8lTransform, src: Int32Array): Int32Array {
  const width = t.xsize;
  const out = new Int32Array(width * t.ysize);
  const palette = t.data;
  const bitsPerPixel = 8 >> t.bits;
  const packedWidth = (width + (1 << t.bits) - 1) >> t.bits;
  if (t.bits === 0) {
    for (let i = 0; i < out.length; i++) out[i] = palette[(src[i]! >> 8) & 0xff]!;
    return out;
  }
  const countMask = (1 << t.bits) - 1;
  const bitMask = (1 << bitsPerPixel) - 1;
  let o = 0;
  for (let y = 0; y < t.ysize; y++) {
    let s = y * packedWidth;
    let packed = 0;
    for (let x = 0; x < width; x++) {
      if ((x & countMask) === 0) packed = (src[s++]! >> 8) & 0xff;
      out[o++] = palette[packed & bitMask]!;
      packed >>= bitsPerPixel;
    }
  }
  return out;
}

/**
 * Receives each finished row of ARGB words: `p[start, start + width)` is row `y`, still to have green added to red
 * and blue when `addGreen` is true (the inverse subtract-green left to the sink, which reads every pixel anyway).
 * An object rather than a callback: a closure made per decode would be a constant in the optimised code that calls
 * it, and that code would be dropped when the closure is collected.
 */
export interface Vp8lRowSink {
  row(p: Int32Array, start: number, y: number, addGreen: boolean): void;
}

/** Undoes the transforms before `end` (down to `first`) on row `y`, then hands it to `emit`. */
function finishRow(coded: Int32Array, transforms: readonly Vp8lTransform[], end: number, first: number, y: number, width: number, emit: Vp8lRowSink | undefined, addGreen: boolean): void {
  for (let n = end - 1; n >= first; n--) inverseRow(transforms[n]!, coded, y);
  if (emit) emit.row(coded, y * width, y, addGreen);
}

/**
 * Undoes `transforms` (in reverse order) on the decoded `coded` pixels; returns `width` × `height` ARGB words and
 * hands each finished row to `emit`, top to bottom. With `emit`, a last subtract-green is left to it (see
 * Vp8lRowSink) and the returned words lack it.
 */
export function applyInverseTransforms(
  coded: Int32Array,
  transforms: readonly Vp8lTransform[],
  width: number,
  height: number,
  emit?: Vp8lRowSink,
): Int32Array {
  // Plain loops rather than some()/findIndex() with arrow functions: an arrow called twice a decode never gets a
  // feedback vector of its own (V8 allocates one lazily), and once inlined into this function's optimised code it
  // made that code deoptimise on every decode until V8 gave up inlining it.
  let predictor = -1;
  let indexing = false;
  for (let n = 0; n < transforms.length; n++) {
    if (transforms[n]!.type === 0) predictor = n;
    else if (transforms[n]!.type === 3) indexing = true;
  }
  if (indexing) {
    // Colour indexing changes the width: whole image, one transform after the other.
    let pixels = coded;
    for (let n = transforms.length - 1; n >= 0; n--) {
      const t = transforms[n]!;
      if (t.type === 3) pixels = inverseColorIndexing(t, pixels);
      else for (let y = 0; y < t.ysize; y++) inverseRow(t, pixels, y);
    }
    if (emit) for (let y = 0; y < height; y++) emit.row(pixels, y * width, y, false);
    return pixels.length === width * height ? pixels : pixels.subarray(0, width * height);
  }
  // Row by row, every transform on a row while it is in cache (as libwebp's ApplyInverseTransforms works on a few
  // rows at a time). The predictor reads the row above as the predictor left it, so the transforms undone after it
  // run one row behind, once the row below has been predicted.
  const sinkAddsGreen = emit !== undefined && transforms.length > 0 && transforms[0]!.type === 2;
  const first = sinkAddsGreen ? 1 : 0;
  const end = predictor < 0 ? transforms.length : predictor;
  for (let y = 0; y < height; y++) {
    if (predictor < 0) {
      finishRow(coded, transforms, end, first, y, width, emit, sinkAddsGreen);
      continue;
    }
    for (let n = transforms.length - 1; n > predictor; n--) inverseRow(transforms[n]!, coded, y);
    predictorRow(transforms[predictor]!, coded, y);
    if (y > 0) finishRow(coded, transforms, end, first, y - 1, width, emit, sinkAddsGreen);
  }
  if (predictor >= 0 && height > 0) finishRow(coded, transforms, end, first, height - 1, width, emit, sinkAddsGreen);
  return coded;
}
