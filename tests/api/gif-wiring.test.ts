// GIF through the public API (the codec itself is checked against Pillow in tests/formats/gif/), WebP named without
// its codec, and the containers pixtext recognises but does not read.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FORMAT_IDS,
  ENVELOPE_ENCODINGS,
  PAYLOAD_ENCODINGS,
  createPixtext,
  decode,
  detectFormat,
  encode,
  gifCodec,
  imageToText,
  inspect,
  textToFile,
  textToImage,
} from '../../src/index.js';
import { platform } from '../../src/platform-name.js';
import { expectPixtextError } from '../support/errors.js';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));
const oracle = JSON.parse(readFileSync(new URL('../fixtures/gif/oracle.json', import.meta.url), 'utf8')) as {
  files: Record<string, { ok: boolean; width: number; height: number; mode: string; sha256_tobytes: string; n_frames: number }>;
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const CHI = fixture('gif/pillow/chi.gif'); // 31 frames, P
const HOPPER = fixture('gif/pillow/hopper.gif');

describe(`GIF through the public API (${platform})`, () => {
  it('lists gif as a built-in format and an encoding, and webp as a built-in format', () => {
    expect(FORMAT_IDS).toContain('gif');
    expect(FORMAT_IDS).toContain('webp');
    expect(ENVELOPE_ENCODINGS).toContain('gif');
    expect(PAYLOAD_ENCODINGS).toContain('gif');
  });

  it("decodes the first frame as Pillow 9.4 opens it (the oracle's tobytes digest)", () => {
    for (const [name, bytes] of [['pillow/chi.gif', CHI], ['pillow/hopper.gif', HOPPER]] as const) {
      const want = oracle.files[name]!;
      const image = decode(bytes);
      expect(detectFormat(bytes)).toBe('gif');
      expect([image.width, image.height, image.mode]).toEqual([want.width, want.height, want.mode]);
      expect(sha256(image.data)).toBe(want.sha256_tobytes);
    }
  });

  it('stores a GIF in envelopes and data URLs, and inspect reports its frames', () => {
    const envelope = imageToText(CHI, { encoding: 'original' });
    expect(envelope).toContain('"encoding":"gif"');
    expect(envelope).toContain('"source":"gif"');
    expect(inspect(envelope)).toMatchObject({ form: 'envelope', encoding: 'gif', width: 320, height: 240, mode: 'P', frameCount: 31 });
    expect(textToImage(envelope)).toEqual(decode(CHI));
    expect(textToFile(envelope).bytes).toEqual(CHI);

    const url = imageToText(CHI, { as: 'data-url' });
    expect(url.startsWith('data:image/gif;base64,')).toBe(true);
    expect(inspect(url)).toMatchObject({ form: 'data-url', encoding: 'gif', mimeType: 'image/gif', frameCount: oracle.files['pillow/chi.gif']!.n_frames });
    expect(inspect(imageToText(HOPPER, { as: 'base64' }))).toMatchObject({ form: 'base64', encoding: 'gif', frameCount: 1 });
    // A raw envelope holds pixels only: no frame count to report.
    expect(inspect(imageToText(HOPPER, { encoding: 'raw' })).frameCount).toBeUndefined();
  });

  it("encodes P, L and 1 as GIF (encoding 'gif', encode, textToFile) and reads them back exactly", () => {
    const image = { width: 3, height: 1, mode: 'P' as const, data: Uint8Array.of(0, 1, 2), palette: Uint8Array.of(255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 9, 9, 255) };
    const text = imageToText(image, { encoding: 'gif' });
    expect(JSON.parse(text)).toMatchObject({ encoding: 'gif', mode: 'P' });
    expect(textToImage(text)).toEqual(image);
    expect(decode(encode(image, 'gif'))).toEqual(image);
    const grey = { width: 2, height: 2, mode: 'L' as const, data: Uint8Array.of(0, 50, 100, 250) };
    expect(textToFile(imageToText(grey), { format: 'gif' }).format).toBe('gif');
    expect(decode(textToFile(imageToText(grey), { format: 'gif' }).bytes)).toEqual(grey);
    // RGB would lose colours in a palette: refused, naming the conversion.
    expectPixtextError(() => encode({ width: 1, height: 1, mode: 'RGB', data: Uint8Array.of(1, 2, 3) }, 'gif'), 'ERR_UNSUPPORTED');
  });

  it('names a GIF or WebP file whose codec an instance lacks', () => {
    const none = createPixtext();
    expect(none.detectFormat(CHI)).toBe('gif');
    expect(expectPixtextError(() => none.decode(CHI), 'ERR_UNSUPPORTED').message).toMatch(/a GIF file, and no GIF codec is configured.*gifCodec/);
    const webp = Uint8Array.of(0x52, 0x49, 0x46, 0x46, 26, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c);
    expect(detectFormat(webp)).toBe('webp');
    expect(expectPixtextError(() => none.decode(webp), 'ERR_UNSUPPORTED').message).toMatch(/is a WebP file, and no WebP codec is configured/);
    expect(expectPixtextError(() => none.imageToText(webp), 'ERR_UNSUPPORTED').message).toMatch(/WebP/);
    // The default functions have the WebP codec: this 16-byte stub is a WebP cut short.
    expectPixtextError(() => decode(webp), 'ERR_TRUNCATED');
    // RIFF of another kind (WAVE) is no WebP.
    const wave = webp.slice();
    wave.set([0x57, 0x41, 0x56, 0x45], 8);
    expect(detectFormat(wave)).toBeUndefined();
    expect(createPixtext({ codecs: [gifCodec] }).decode(CHI)).toEqual(decode(CHI));
  });
});

describe(`containers pixtext recognises but does not read (${platform})`, () => {
  const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  const ftyp = (major: string, ...compatible: string[]) => {
    const body = ascii(`ftyp${major}\0\0\0\0${compatible.join('')}`);
    return Uint8Array.of(0, 0, 0, body.length + 4, ...body, 0, 0, 0, 8);
  };
  const ico = Uint8Array.of(0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0);
  const cases: [string, Uint8Array][] = [
    ['TIFF', ascii('II*\0\x08\0\0\0')],
    ['TIFF', ascii('MM\0*\0\0\0\x08')],
    ['HEIC', ftyp('heic', 'mif1', 'heic')],
    ['HEIC', ftyp('heix')],
    ['HEIC', ftyp('mif1', 'mif1', 'heic')],
    ['AVIF', ftyp('avif', 'mif1', 'miaf')],
    ['AVIF', ftyp('mif1', 'avif', 'mif1')],
    ['JPEG XL', Uint8Array.of(0xff, 0x0a, 0xfa, 0x7f)],
    ['JPEG XL', Uint8Array.of(0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a)],
    ['ICO', ico],
    ['CUR', Uint8Array.from(ico, (b, i) => (i === 2 ? 2 : b))],
    ['PSD', ascii('8BPS\0\x01\0\0\0\0\0\0')],
  ];
  it.each(cases)('names a %s file in ERR_UNKNOWN_FORMAT', (name, bytes) => {
    const message = expectPixtextError(() => decode(bytes), 'ERR_UNKNOWN_FORMAT').message;
    expect(message).toContain(`The input is a ${name} file, a format pixtext does not read`);
    expect(expectPixtextError(() => imageToText(bytes), 'ERR_UNKNOWN_FORMAT').message).toContain(`a ${name} file`);
    expect(detectFormat(bytes)).toBeUndefined();
  });

  it('names nothing for other bytes, an MP4 ftyp, or an ICO directory with no images', () => {
    for (const bytes of [Uint8Array.of(1, 2, 3), ftyp('isom', 'mp41'), Uint8Array.from(ico, (b, i) => (i === 4 ? 0 : b)), new Uint8Array(0)]) {
      expect(expectPixtextError(() => decode(bytes), 'ERR_UNKNOWN_FORMAT').message).toMatch(/is not an image file pixtext knows \(first bytes: /);
    }
  });
});
