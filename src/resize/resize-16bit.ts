// The 16-bit modes (L16, LA16, RGB16, RGBA16), which Pillow 9.4 cannot resample with a filter (its I;16 takes only
// NEAREST). Our rule, documented on `resize`: Pillow's plan and double coefficients (precompute_coeffs), applied to
// the samples as doubles with no rounding between the passes (the source is read into a Float64Array, four times
// its bytes), and each result rounded half up and clamped to 0…65535. With alpha, colour is premultiplied first
// (c × a / 65535) and divided by the rounded result alpha afterwards (kept as it is where that alpha is 0 or
// 65535), the order Pillow follows for LA and RGBA. Every result is within 1 of the same computation done in double
// precision with the weights applied as a dense matrix (the numpy reference of scripts/gen-resize-fixtures.py).
import { resampleFloat } from './resample.js';
import type { ResampleJob } from './resample.js';

const round16 = (v: number): number => {
  const r = Math.floor(v + 0.5);
  return r < 0 ? 0 : r > 65535 ? 65535 : r;
};

/** Reads little-endian 16-bit samples as floats, premultiplying colour by alpha when the pixel has alpha. */
function toFloat(data: Uint8Array, channels: number, alpha: boolean): Float64Array {
  const n = data.length >> 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = data[i * 2]! | (data[i * 2 + 1]! << 8);
  if (alpha) {
    const colours = channels - 1;
    for (let p = 0; p < n; p += channels) {
      const a = out[p + colours]!;
      for (let c = 0; c < colours; c++) out[p + c] = (out[p + c]! * a) / 65535;
    }
  }
  return out;
}

/** Resizes 16-bit little-endian samples by the rule above. Returns the new data bytes. */
export function resample16(data: Uint8Array, job: ResampleJob, alpha: boolean): Uint8Array {
  const { channels } = job;
  const result = resampleFloat(toFloat(data, channels, alpha), job);
  const out = new Uint8Array(result.length * 2);
  const colours = alpha ? channels - 1 : channels;
  for (let p = 0; p < result.length; p += channels) {
    let divide = 1;
    if (alpha) {
      const a = round16(result[p + colours]!);
      out[(p + colours) * 2] = a & 0xff;
      out[(p + colours) * 2 + 1] = a >> 8;
      if (a !== 0 && a !== 65535) divide = a / 65535;
    }
    for (let c = 0; c < colours; c++) {
      const v = round16(result[p + c]! / divide);
      out[(p + c) * 2] = v & 0xff;
      out[(p + c) * 2 + 1] = v >> 8;
    }
  }
  return out;
}
