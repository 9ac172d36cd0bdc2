// The fit option of imageToText and textToFile: Pillow 9.4's thumbnail() pixels, a JPEG through draft() as
// thumbnail does, refusals of contradictory options, a stored file left unchanged when it already fits.
import { describe, expect, it } from 'vitest';
import { decode, imageToText, textToFile, textToImage } from '../../src/index.js';
import { expectPixtextError } from '../support/errors.js';
import { fixtureFile, inputImage, manifest, sha256 } from '../resize/pillow-fixtures.js';

const jpeg = fixtureFile('jpeg-thumb.jpg');

describe('imageToText({ fit })', () => {
  it.each(manifest.jpegThumbnail.map((c) => [`${c.box[0]}x${c.box[1]}`, c] as const))(
    'a JPEG fitted in %s has the pixels of Pillow thumbnail() (draft, reduce, bicubic)',
    (_, c) => {
      const image = textToImage(imageToText(jpeg, { fit: { width: c.box[0], height: c.box[1] } }));
      expect([image.width, image.height, image.mode]).toEqual([c.width, c.height, c.mode]);
      expect(sha256(image.data)).toBe(c.sha256);
    },
  );

  it('fits pixels as fit() and Pillow do', () => {
    const c = manifest.thumbnail.find((t) => t.input.mode === 'RGB' && t.box[0] === 20)!;
    const image = textToImage(imageToText(inputImage(c.input), { fit: { width: c.box[0], height: c.box[1] } }));
    expect([image.width, image.height]).toEqual([c.width, c.height]);
    expect(sha256(image.data)).toBe(c.output.sha256);
  });

  it('fits before converting the mode', () => {
    const c = manifest.thumbnail.find((t) => t.input.mode === 'RGB' && t.box[0] === 20)!;
    const image = textToImage(imageToText(inputImage(c.input), { fit: { width: 20, height: 20 }, mode: 'RGBA' }));
    expect([image.width, image.height, image.mode]).toEqual([c.width, c.height, 'RGBA']);
  });

  it('a data URL of a fitted file holds a PNG, not the original', () => {
    const url = imageToText(jpeg, { as: 'data-url', fit: { width: 40, height: 40 } });
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
  });

  it('refuses fit with the original file, and malformed boxes', () => {
    expectPixtextError(() => imageToText(jpeg, { as: 'data-url', encoding: 'original', fit: { width: 4, height: 4 } }), 'ERR_INVALID_ARGUMENT');
    for (const fit of [null, 5, { width: 0, height: 3 }, { width: 3 }, { width: 2.5, height: 3 }, [3, 3]]) {
      const error = expectPixtextError(() => imageToText(jpeg, { fit: fit as never }), 'ERR_INVALID_ARGUMENT');
      expect(error.message).toMatch(/^Expected an object \{ width, height \} .* for fit/);
    }
  });
});

describe('textToFile({ fit })', () => {
  it('a stored JPEG fitted to PNG has the pixels of Pillow thumbnail()', () => {
    const c = manifest.jpegThumbnail[0]!;
    const text = imageToText(jpeg, { as: 'base64' });
    const file = textToFile(text, { format: 'png', fit: { width: c.box[0], height: c.box[1] } });
    expect(file.format).toBe('png');
    expect(sha256(decode(file.bytes).data)).toBe(c.sha256);
  });

  it('hands the stored file out unchanged when it already fits', () => {
    const text = imageToText(jpeg, { as: 'data-url' });
    expect(textToFile(text, { fit: { width: 320, height: 200 } }).bytes).toEqual(jpeg);
    expect(textToFile(text, { fit: { width: 319, height: 200 } }).bytes).not.toEqual(jpeg);
  });

  it('fits raw pixels', () => {
    const c = manifest.thumbnail.find((t) => t.input.mode === 'L' && t.box[0] === 25)!;
    const file = textToFile(imageToText(inputImage(c.input)), { fit: { width: 25, height: 25 } });
    expect(sha256(decode(file.bytes).data)).toBe(c.output.sha256);
  });
});

describe('fit is a feature of createPixtext', () => {
  it('an instance without fit refuses the option, naming what to pass; with it, fits', async () => {
    const { createPixtext, fit } = await import('../../src/index.js');
    const image = { width: 4, height: 2, mode: 'L' as const, data: new Uint8Array(8) };
    const error = expectPixtextError(() => createPixtext().imageToText(image, { fit: { width: 2, height: 2 } }), 'ERR_UNSUPPORTED');
    expect(error.message).toContain('createPixtext({ fit })');
    expect(textToImage(createPixtext({ fit }).imageToText(image, { fit: { width: 2, height: 2 } })).width).toBe(2);
    expectPixtextError(() => createPixtext({ fit: 3 as never }), 'ERR_INVALID_ARGUMENT');
  });

  it("fit's draft option refuses a scale that does not match the image", async () => {
    const { fit } = await import('../../src/index.js');
    const image = { width: 10, height: 5, mode: 'L' as const, data: new Uint8Array(50) };
    expectPixtextError(() => fit(image, { width: 2, height: 2, draft: { width: 80, height: 40, scale: 4 } }), 'ERR_INVALID_ARGUMENT');
    expect(fit(image, { width: 2, height: 2, draft: { width: 80, height: 40, scale: 8 } }).width).toBe(2);
  });
});
