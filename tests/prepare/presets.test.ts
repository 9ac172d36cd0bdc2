// imageToText's preset: a model API's block form, box and text budget from MODEL_PRESETS, each overridable.
import { describe, expect, it } from 'vitest';
import { MODEL_PRESETS, encode, imageToText, imageToTextWithReport, inspect } from '../../src/index.js';
import type { RawImage } from '../../src/raw-image.js';
import { expectPixtextError } from '../support/errors.js';

const photo = (width: number, height: number): RawImage => ({
  width,
  height,
  mode: 'RGB',
  data: Uint8Array.from({ length: width * height * 3 }, (_, i) => (((i / 3) % width) * 7 + Math.floor(i / 3 / width) * 3 + (i % 3) * 50) & 255),
});

describe('preset', () => {
  it('holds each provider as data: block form, formats, box, budget and where the values come from', () => {
    expect(MODEL_PRESETS.anthropic).toMatchObject({ as: 'anthropic', fit: { width: 1568, height: 1568 }, maxTextLength: 5_000_000 });
    expect(MODEL_PRESETS.openai).toMatchObject({ as: 'openai', fit: { width: 2048, height: 2048 }, maxTextLength: 50_000_000 });
    for (const preset of Object.values(MODEL_PRESETS)) {
      expect(preset.orientation).toBe('apply');
      expect(preset.formats).toEqual(['png', 'jpeg', 'gif', 'webp']);
      expect(preset.source.url).toMatch(/^https:\/\//);
      expect(preset.source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("'anthropic': a large JPEG becomes an Anthropic block of a JPEG thumbnail inside 1568 × 1568", () => {
    const jpeg = encode(photo(2000, 1000), 'jpeg');
    const { text, report } = imageToTextWithReport(jpeg, { preset: 'anthropic' });
    expect(text.startsWith('{"type":"image","source":{"type":"base64","media_type":"image/jpeg"')).toBe(true);
    expect(inspect(text)).toMatchObject({ form: 'anthropic', width: 1568, height: 784, encoding: 'jpeg' });
    expect(report.textLength).toBeLessThanOrEqual(5_000_000);
  });

  it('a small PNG within the box travels unchanged in the block', () => {
    const png = encode(photo(300, 200), 'png');
    expect(imageToText(png, { preset: 'openai' })).toBe(imageToText(png, { as: 'openai' }));
  });

  it('explicit options win over the preset', () => {
    const png = encode(photo(300, 200), 'png');
    expect(inspect(imageToText(png, { preset: 'anthropic', as: 'mcp' })).form).toBe('mcp');
    expect(inspect(imageToText(png, { preset: 'anthropic', fit: { width: 100, height: 100 } }))).toMatchObject({ width: 100, height: 67 });
    expectPixtextError(() => imageToText(png, { preset: 'anthropic', maxTextLength: 20 }), 'ERR_TOO_LARGE');
  });

  it('refuses an unknown preset, naming the known ones', () => {
    expectPixtextError(() => imageToText(encode(photo(4, 4), 'png'), { preset: 'gemini' as never }), 'ERR_INVALID_ARGUMENT');
    expect(() => imageToText(encode(photo(4, 4), 'png'), { preset: 'gemini' as never })).toThrow(/'anthropic', 'openai'/);
  });
});
