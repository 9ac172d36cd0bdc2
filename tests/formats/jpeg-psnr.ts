// PSNR between two 8-bit sample arrays, the measure the shared conformance corpus recommends for JPEG decoders.

/** Peak signal-to-noise ratio in dB of `a` against `b` (same length); `Infinity` when identical. */
export function psnr(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`PSNR of arrays of different lengths: ${a.length} and ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.length) / sum);
}
