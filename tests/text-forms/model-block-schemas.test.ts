// The JSON Schemas of the model API image blocks (schema/*.json) accept what imageToText writes and reject the
// shapes the readers refuse.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encode, imageToText } from '../../src/index.js';
import { validate } from './json-schema-subset.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const SCHEMAS = { anthropic: load('anthropic-image-block.json'), openai: load('openai-image-block.json'), mcp: load('mcp-image-content.json') };
const png = encode({ width: 2, height: 1, mode: 'RGB', data: new Uint8Array([1, 2, 3, 4, 5, 6]) }, 'png');
const jpeg = encode({ width: 2, height: 1, mode: 'L', data: new Uint8Array([1, 200]) }, 'jpeg');

describe('model API block schemas', () => {
  it.each(Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[])('%s: accepts every block imageToText writes', (as) => {
    for (const file of [png, jpeg]) expect(validate(SCHEMAS[as], JSON.parse(imageToText(file, { as })))).toEqual([]);
  });

  it('rejects blocks of the wrong shape', () => {
    const block = JSON.parse(imageToText(png, { as: 'anthropic' })) as { source: Record<string, unknown> };
    expect(validate(SCHEMAS.anthropic, { ...block, type: 'text' })).not.toEqual([]);
    expect(validate(SCHEMAS.anthropic, { ...block, source: { ...block.source, media_type: 'image/bmp' } })).not.toEqual([]);
    expect(validate(SCHEMAS.anthropic, { ...block, source: { ...block.source, data: 'ab*c' } })).not.toEqual([]);
    expect(validate(SCHEMAS.openai, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } })).not.toEqual([]);
    expect(validate(SCHEMAS.openai, { type: 'input_image', image_url: 'data:image/png;base64,AAAA' })).toEqual([]);
    expect(validate(SCHEMAS.mcp, { type: 'image', data: 'AAAA' })).not.toEqual([]);
  });
});
