// Limits of the text forms through textToImage: envelope and Pillow dump dimensions up to 2^31 and beyond, zero
// sizes, palettes beyond 256 entries, declared lengths that cannot be right, and data URLs or bare base64 that are
// enormous next to what maxPixels allows.
import { describe, expect, it } from 'vitest';
import { ErrorCode, textToImage } from '../../src/index.js';
import { base64, bmp, crcHex, ihdr, png, pngChunk, pngWith } from '../support/bytes.js';
import { MiB, expectAccepted, expectRefused } from './measure.js';

/** A raw envelope with the given header fields and data (byteLength and crc32 right for `data` unless given). */
function envelope(fields: Record<string, unknown>, data: Uint8Array): string {
  const all = { pixtext: 1, encoding: 'raw', byteLength: data.length, crc32: crcHex(data), ...fields, data: base64(data) };
  return JSON.stringify(all);
}

/** A Pillow dump. */
const pilDump = (size: unknown, mode: string, data: string, extra = '') =>
  `{"img_info": {"format": "PNG", "size": ${JSON.stringify(size)}, "mode": "${mode}"${extra}}, "img_data": "${data}"}`;

describe('envelope: zero and 2^31 dimensions', () => {
  it.each([
    [0, 5],
    [5, 0],
    [0, 0],
  ])('reads a %i×%i raw envelope as an empty image', (width, height) => {
    const text = envelope({ width, height, mode: 'RGB' }, new Uint8Array(0));
    expect(expectAccepted(() => textToImage(text))).toEqual({ width, height, mode: 'RGB', data: new Uint8Array(0) });
  });

  it.each([
    [2 ** 31, 2 ** 31],
    [2 ** 31, 1],
    [1, 2 ** 31],
  ])('refuses %i×%i as too large, with the default limit and with none', (width, height) => {
    const text = envelope({ width, height, mode: 'RGB' }, Uint8Array.of(1, 2, 3));
    expectRefused(() => textToImage(text), ErrorCode.TOO_LARGE, 50);
    expectRefused(() => textToImage(text, { maxPixels: Infinity }), ErrorCode.TOO_LARGE, 50);
  });

  it.each([2 ** 53, -1, 1.5, '2'])('refuses width %s as a malformed envelope', (width) => {
    const text = envelope({ width, height: 1, mode: 'L' }, Uint8Array.of(1));
    expectRefused(() => textToImage(text), ErrorCode.ENVELOPE);
  });

  it('refuses a byteLength of 2^40 for a 1×1 image before decoding its data', () => {
    const text = envelope({ width: 1, height: 1, mode: 'L', byteLength: 2 ** 40 }, Uint8Array.of(1));
    expect(expectRefused(() => textToImage(text), ErrorCode.LENGTH_MISMATCH).chunk).toBe('byteLength');
  });

  it('refuses a 16000×16000 RGB envelope (within the default limit) whose data is 4 bytes, without allocating 768 MB', () => {
    const text = envelope({ width: 16000, height: 16000, mode: 'RGB', byteLength: 768_000_000 }, Uint8Array.of(1, 2, 3, 4));
    expectRefused(() => textToImage(text), ErrorCode.LENGTH_MISMATCH, 50);
  });
});

describe('envelope: huge palettes', () => {
  it.each([257, 4096])('refuses a palette of %i entries', (entries) => {
    const text = envelope({ width: 1, height: 1, mode: 'P', palette: base64(new Uint8Array(entries * 4)) }, Uint8Array.of(0));
    expectRefused(() => textToImage(text), ErrorCode.ENVELOPE);
  });
});

describe('Pillow dump: zero and 2^31 dimensions, huge palettes', () => {
  it.each([
    [[0, 0], ''],
    [[0, 7], ''],
    [[7, 0], ''],
  ])('reads size %j as an empty image', (size) => {
    const image = expectAccepted(() => textToImage(pilDump(size, 'RGB', '')));
    expect(image).toEqual({ width: size[0], height: size[1], mode: 'RGB', data: new Uint8Array(0) });
  });

  it.each([
    [[2 ** 31, 2 ** 31]],
    [[2 ** 31, 1]],
    [[1, 2 ** 31]],
    [[2 ** 32, 2 ** 32]],
  ])('refuses size %j as too large, with the default limit and with none', (size) => {
    expectRefused(() => textToImage(pilDump(size, 'RGBA', 'AAAA')), ErrorCode.TOO_LARGE, 50);
    expectRefused(() => textToImage(pilDump(size, 'RGBA', 'AAAA'), { maxPixels: Infinity }), ErrorCode.TOO_LARGE, 50);
  });

  it('refuses a 1-bit dump of 2^31 × 2 pixels without a limit when its data is 3 bytes, without allocating 512 MB', () => {
    expectRefused(() => textToImage(pilDump([2 ** 31, 2], '1', 'AAAA'), { maxPixels: Infinity }), ErrorCode.LENGTH_MISMATCH, 50);
  });

  it.each([257, 4096])('refuses a P palette of %i entries', (entries) => {
    const extra = `, "palette": "${base64(new Uint8Array(entries * 4))}"`;
    expectRefused(() => textToImage(pilDump([1, 1], 'P', 'AA==', extra)), ErrorCode.ENVELOPE);
  });
});

describe('data URLs and base64 enormous next to maxPixels', () => {
  // A 1000×1000 grey PNG whose header comes first and whose 96 MB of padding follows in an ancillary chunk.
  const padding = 96 * MiB;
  const head = png(pngChunk('IHDR', ihdr(1000, 1000, 8, 0)));
  // Base64 of the head, then of a chunk header and 96 MiB of zero bytes (zero bytes in base64 are "A"s), cut at a
  // multiple of 3 bytes so the pieces join.
  const headText = base64(head.subarray(0, head.length - (head.length % 3)));
  const rest = head.subarray(head.length - (head.length % 3));
  const chunkHead = Uint8Array.of(...rest, (padding >>> 24) & 255, (padding >>> 16) & 255, (padding >>> 8) & 255, padding & 255, 0x7a, 0x7a, 0x7a, 0x7a);
  const chunkText = base64(chunkHead.subarray(0, chunkHead.length - (chunkHead.length % 3)));
  /** The text, flattened now: V8 builds concatenations lazily, and flattening inside the call would count 128 MB. */
  const flat = (text: string) => {
    expect(text.indexOf('\0')).toBe(-1);
    return text;
  };

  it('refuses a 128 MB data URL whose PNG header is over maxPixels, without decoding it all', () => {
    const text = flat(`data:image/png;base64,${headText}${chunkText}${'A'.repeat(Math.floor((padding - (chunkHead.length % 3)) / 3) * 4)}`);
    expectRefused(() => textToImage(text, { maxPixels: 999_999 }), ErrorCode.TOO_LARGE);
  });

  it('refuses a 128 MB data URL of a BMP whose header is over maxPixels, without decoding it all', () => {
    const head = bmp({ width: 4000, height: 4000, bitsPerPixel: 24 }).subarray(0, 54);
    const text = flat(`data:image/bmp;base64,${base64(head)}${'A'.repeat((padding / 3) * 4)}`);
    expectRefused(() => textToImage(text, { maxPixels: 15_999_999 }), ErrorCode.TOO_LARGE);
  });

  it('still reads a long data URL and long base64 whose image is within maxPixels, exactly', () => {
    // 400×400 grey noise: about 213,000 base64 characters, past the length where the header is checked first.
    const pixels = Uint8Array.from({ length: 160_000 }, (_, i) => (i * 2654435761) >>> 24);
    const rows = new Uint8Array(400 * 401);
    for (let y = 0; y < 400; y++) rows.set(pixels.subarray(y * 400, y * 400 + 400), y * 401 + 1);
    const file = pngWith(ihdr(400, 400, 8, 0), rows);
    const expected = { width: 400, height: 400, mode: 'L', data: pixels };
    expect(textToImage(`data:image/png;base64,${base64(file)}`, { maxPixels: 160_000 })).toEqual(expected);
    expect(textToImage(base64(file).replace(/.{76}/g, '$&\n'), { maxPixels: 160_000 })).toEqual(expected);
  });

  it('refuses the same as bare base64, without decoding it all', () => {
    const text = flat(`${headText}${chunkText}${'A'.repeat(Math.floor((padding - (chunkHead.length % 3)) / 3) * 4)}`);
    expectRefused(() => textToImage(text, { maxPixels: 999_999 }), ErrorCode.TOO_LARGE);
  });
});
