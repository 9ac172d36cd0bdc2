// The LZW decoder of lzw-decode.ts for the common frame: full width, not interlaced, so its indices land in one run
// of memory. Same decisions, same pixels; faster because no table string is walked backwards through its links:
// every table entry is the string the previous code wrote followed by the first index of the one after it, and both
// already lie side by side in the output. An entry is kept as where that string starts and how long it is, and a
// code is decoded by copying from there (as an LZ77 back-reference), a forward copy that also covers the entry being
// defined by the code itself (KwKwK).
import { broken, MAX_BITS, READ_BLOCK, readMore, TABLE, type LzwTarget } from './lzw-decode.js';

/**
 * decodeLzw for a target with `left` 0, `width` equal to `stride` and no interlacing.
 * @throws PixtextError `ERR_CORRUPT`, `ERR_TRUNCATED`, as decodeLzw
 */
export function decodeLzwLinear(bytes: Uint8Array, start: number, minCodeSize: number, target: LzwTarget): void {
  const pixels = target.pixels;
  const end = bytes.length;
  let avail = Math.min(end, start + READ_BLOCK);

  /** Where each entry's string starts in `pixels`, and its length. */
  const from = new Int32Array(TABLE);
  const lengths = new Uint16Array(TABLE);

  const clear = 1 << minCodeSize;
  const endCode = clear + 1;
  let next = clear + 2;
  let codeSize = minCodeSize + 1;
  let codeMask = (1 << codeSize) - 1;
  let afterClear = true;
  let lastCode = 0;
  /** Where the last code's string was written, and its length. */
  let lastAt = 0;
  let lastLength = 0;

  let pos = start;
  let blockLeft = 0;
  let bitBuffer = 0;
  let bitCount = 0;

  let out = target.top * target.stride;
  const outEnd = out + target.height * target.stride;

  for (;;) {
    while (bitCount < codeSize) {
      if (blockLeft > 0) {
        bitBuffer |= (bytes[pos++] as number) << bitCount;
        bitCount += 8;
        blockLeft--;
      } else {
        while (pos >= avail || avail - pos < (bytes[pos] as number) + 1) avail = readMore(avail, end, target);
        blockLeft = bytes[pos++] as number;
      }
    }
    const code = bitBuffer & codeMask;
    bitBuffer >>>= codeSize;
    bitCount -= codeSize;

    if (code === clear) {
      if (!afterClear) {
        next = clear + 2;
        codeSize = minCodeSize + 1;
        codeMask = (1 << codeSize) - 1;
        afterClear = true;
      }
      continue;
    }
    if (code === endCode) {
      avail = readMore(avail, end, target);
      continue;
    }

    if (afterClear) {
      if (code > clear) throw broken(`code ${code} after a clear code is not a literal`, pos);
      lastCode = code;
      afterClear = false;
      lastAt = out;
      lastLength = 1;
      pixels[out++] = code & 0xff;
      if (out >= outEnd) return;
      continue;
    }

    if (code > next) throw broken(`code ${code} is beyond the next table entry ${next}`, pos);
    let length: number;
    if (code < clear) {
      length = 1;
      pixels[out] = code & 0xff;
    } else {
      let at: number;
      if (code === next) {
        if (lastCode >= TABLE) throw broken(`code ${code} expands past the 4096-entry table`, pos);
        // KwKwK: the last string and its own first index, which is where this copy starts.
        at = lastAt;
        length = lastLength + 1;
      } else {
        at = from[code] as number;
        length = lengths[code] as number;
      }
      // Only as far as the frame's end: the rest of a string past the last row is dropped, as row by row.
      const n = Math.min(length, outEnd - out);
      if (n > 32 && at + n <= out) pixels.copyWithin(out, at, at + n);
      else for (let i = 0; i < n; i++) pixels[out + i] = pixels[at + i] as number;
    }
    if (next < TABLE) {
      // The new entry: the last string followed by this string's first index, side by side from lastAt.
      from[next] = lastAt;
      lengths[next] = lastLength + 1;
      if (next === codeMask && codeSize < MAX_BITS) {
        codeSize++;
        codeMask = (1 << codeSize) - 1;
      }
      next++;
    }
    lastCode = code;
    lastAt = out;
    lastLength = length;
    out += length;
    if (out >= outEnd) return;
  }
}
