// Nearest-neighbour resizing as Pillow 9.4 does it: Image.resize(NEAREST) becomes an affine transform
// (src/_imaging.c _resize) that ImagingScaleAffine carries out (src/libImaging/Geometry.c). The source position of
// output column x is `box[0] + a0 * 0.5`, then `+= a0` once per column (an accumulated double, rounding included),
// truncated by COORD (negative → -1); a position outside the source leaves the output pixel 0 (fill = 1).
// 16-bit samples: Pillow's I;16 takes ImagingGenericTransform instead, `a0 * (x + 0.5) + box[0]` for each pixel;
// we follow that for the 16-bit modes, so L16 picks the pixels Pillow's I;16 does.

/** The source index of each output index, -1 where the output keeps the fill value 0. */
function accumulatedIndices(inSize: number, in0: number, scale: number, outSize: number): Int32Array {
  const table = new Int32Array(outSize);
  let pos = in0 + scale * 0.5;
  for (let i = 0; i < outSize; i++) {
    const v = pos < 0.0 ? -1 : Math.trunc(pos);
    table[i] = v >= 0 && v < inSize ? v : -1;
    pos += scale;
  }
  return table;
}

function perPixelIndices(inSize: number, in0: number, scale: number, outSize: number): Int32Array {
  const table = new Int32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const pos = scale * (i + 0.5) + in0;
    const v = pos < 0.0 ? -1 : Math.trunc(pos);
    table[i] = v >= 0 && v < inSize ? v : -1;
  }
  return table;
}

/** The geometry of a nearest resize: box edges already as C floats (float32 values). */
export interface NearestGeometry {
  readonly inWidth: number;
  readonly inHeight: number;
  readonly outWidth: number;
  readonly outHeight: number;
  readonly box: readonly [number, number, number, number];
}

/**
 * Nearest resize of whole pixels of `bytesPerPixel` bytes each (mode 1 unpacked to a byte a pixel by the caller).
 * `perPixel` selects the I;16 rule (see the file comment).
 */
export function nearestPixels(src: Uint8Array, bytesPerPixel: number, g: NearestGeometry, perPixel: boolean): Uint8Array {
  const { inWidth, inHeight, outWidth, outHeight, box } = g;
  // a[0] = (double)(box[2] - box[0]) / xsize, the float difference widened to double.
  const ax = Math.fround(box[2] - box[0]) / outWidth;
  const ay = Math.fround(box[3] - box[1]) / outHeight;
  const indices = perPixel ? perPixelIndices : accumulatedIndices;
  const xs = indices(inWidth, box[0], ax, outWidth);
  const ys = indices(inHeight, box[1], ay, outHeight);
  const out = new Uint8Array(outWidth * outHeight * bytesPerPixel);
  const inStride = inWidth * bytesPerPixel;
  let o = 0;
  for (let y = 0; y < outHeight; y++) {
    const yi = ys[y]!;
    if (yi < 0) {
      o += outWidth * bytesPerPixel;
      continue;
    }
    const row = yi * inStride;
    for (let x = 0; x < outWidth; x++) {
      const xi = xs[x]!;
      if (xi < 0) {
        o += bytesPerPixel;
        continue;
      }
      const p = row + xi * bytesPerPixel;
      for (let b = 0; b < bytesPerPixel; b++) out[o++] = src[p + b]!;
    }
  }
  return out;
}
