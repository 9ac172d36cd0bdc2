// Finished VP8L rows (ARGB words) to the output bytes, RGB or RGBA. On little-endian platforms (every common one)
// the bytes go out as whole 32-bit words: four RGB pixels are three words, an RGBA pixel one, instead of a store per
// byte. The inverse subtract-green (lossless.c VP8LAddGreenToBlueAndRed_C) can be folded in, as the row is read here
// anyway.
import { LITTLE_ENDIAN } from '../../../pixel-modes/byte-order.js';

/** Adds green to red and blue, each modulo 256 (the inverse subtract-green transform). */
const plusGreen = (v: number): number => (v & 0xff00ff00) | (((v & 0x00ff00ff) + (((v >>> 8) & 0xff) * 0x10001)) & 0x00ff00ff);

/** Writes `argb` words to bytes; `out` is one image of `channels`-byte pixels starting at pixel 0. */
export class ArgbToBytes {
  readonly #out: Uint8Array;
  readonly #words: Uint32Array | null;
  readonly #channels: 3 | 4;
  readonly #width: number;

  /** `width` (pixels of a row) is only needed by `row`. */
  constructor(out: Uint8Array, channels: 3 | 4, width = 0) {
    this.#out = out;
    this.#channels = channels;
    this.#width = width;
    this.#words = LITTLE_ENDIAN && out.byteOffset % 4 === 0 ? new Uint32Array(out.buffer, out.byteOffset, out.length >> 2) : null;
  }

  /** Row `y` of the image, p[start, start + width), to its place in `out` (a Vp8lRowSink). */
  row(p: Int32Array, start: number, y: number, addGreen: boolean): void {
    this.write(p, start, this.#width, y * this.#width, addGreen);
  }

  /** Pixels p[start, start + n) of the image go to pixels at, at + n of `out`; green added first when `addGreen`. */
  write(p: Int32Array, start: number, n: number, at: number, addGreen: boolean): void {
    const words = this.#words;
    const channels = this.#channels;
    let i = start;
    const end = start + n;
    let o = at * channels;
    if (words !== null) {
      if (channels === 4) {
        for (let w = at; i < end; i++, w++) {
          const v = addGreen ? plusGreen(p[i]!) : p[i]!;
          words[w] = (v & 0xff00ff00) | ((v >>> 16) & 0xff) | ((v & 0xff) << 16);
        }
        return;
      }
      // Byte by byte up to a pixel whose first byte starts a word, then four pixels to three words.
      for (; i < end && (o & 3) !== 0; i++, o += 3) this.#bytes(addGreen ? plusGreen(p[i]!) : p[i]!, o);
      for (let w = o >> 2; i + 4 <= end; i += 4, w += 3, o += 12) {
        let a = p[i]!, b = p[i + 1]!, c = p[i + 2]!, d = p[i + 3]!;
        if (addGreen) {
          a = plusGreen(a);
          b = plusGreen(b);
          c = plusGreen(c);
          d = plusGreen(d);
        }
        words[w] = ((a >>> 16) & 0xff) | (a & 0xff00) | ((a & 0xff) << 16) | (b << 8 & 0xff000000);
        words[w + 1] = ((b >>> 8) & 0xff) | ((b & 0xff) << 8) | (c & 0xff0000) | ((c << 16) & 0xff000000);
        words[w + 2] = (c & 0xff) | ((d >>> 8) & 0xff00) | ((d & 0xff00) << 8) | (d << 24);
      }
    }
    for (; i < end; i++, o += channels) this.#bytes(addGreen ? plusGreen(p[i]!) : p[i]!, o);
  }

  /** One pixel's bytes at `out[o]`: R, G, B and, for 4 channels, A. */
  #bytes(v: number, o: number): void {
    const out = this.#out;
    out[o] = v >>> 16;
    out[o + 1] = v >>> 8;
    out[o + 2] = v;
    if (this.#channels === 4) out[o + 3] = v >>> 24;
  }
}
