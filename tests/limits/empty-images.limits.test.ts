// Images without pixels whose other side is huge (0 × 2^32 is a valid RawImage, and envelopes and Pillow dumps can
// declare one): reading, converting and encoding them must take no time in proportion to the empty side.
// The first case was found by the fuzzer (tests/fuzz/regressions/textToImage-timeout-1f70d8e914.json).
import { describe, expect, it } from 'vitest';
import { ErrorCode, PIXEL_MODE_NAMES, convert, encode, imageToText, textToImage } from '../../src/index.js';
import type { PixelMode, RawImage } from '../../src/index.js';
import { expectAccepted, expectRefused } from './measure.js';

const HUGE = 2 ** 31 - 1;

describe('empty images with a huge other side', () => {
  it('reads a 0×2^32 envelope and converts it on the way out, in bounded time', () => {
    const text = '{"pixtext":1,"width":0,"height":4294967296,"mode":"L","encoding":"raw","byteLength":0,"crc32":"00000000","data":""}';
    const image = expectAccepted(() => textToImage(text, { mode: 'RGB16' }), 100);
    expect(image).toEqual({ width: 0, height: 4294967296, mode: 'RGB16', data: new Uint8Array(0) });
  });

  it.each(PIXEL_MODE_NAMES)('converts 0×(2^31 − 1) and (2^31 − 1)×0 L images to %s in bounded time', (mode) => {
    for (const [width, height] of [[0, HUGE], [HUGE, 0]] as const) {
      const source: RawImage = { width, height, mode: 'L', data: new Uint8Array(0) };
      const image = expectAccepted(() => convert(source, mode as PixelMode), 100);
      expect([image.width, image.height, image.mode, image.data.length]).toEqual([width, height, mode, 0]);
    }
  });

  it('converts an empty palette image to RGBA and back in bounded time', () => {
    const source: RawImage = { width: 0, height: HUGE, mode: 'P', data: new Uint8Array(0), palette: Uint8Array.of(1, 2, 3, 255) };
    const rgba = expectAccepted(() => convert(source, 'RGBA'), 100);
    expect(expectAccepted(() => convert(rgba, 'P'), 100)).toMatchObject({ width: 0, height: HUGE, mode: 'P', data: new Uint8Array(0) });
  });

  it('encodes a 0×(2^31 − 1) image as BMP in bounded time, with the height in its header', () => {
    const bytes = expectAccepted(() => encode({ width: 0, height: HUGE, mode: 'RGB', data: new Uint8Array(0) }, 'bmp'), 100);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect([view.getInt32(18, true), view.getInt32(22, true)]).toEqual([0, HUGE]);
  });

  it('refuses to store a 0×2^32 image as BMP, whose height field cannot hold it', () => {
    expectRefused(() => imageToText({ width: 0, height: 2 ** 32, mode: 'L', data: new Uint8Array(0) }, { encoding: 'bmp' }), ErrorCode.TOO_LARGE, 100);
  });
});
