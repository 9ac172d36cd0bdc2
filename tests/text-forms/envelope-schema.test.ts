import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platform } from '../../src/platform-name.js';
import { validate } from './json-schema-subset.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/envelope-v1.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const goldenDir = new URL('../fixtures/envelopes/', import.meta.url);
const goldens = readdirSync(goldenDir).filter((f) => f.endsWith('.json'));
const EXAMPLE = JSON.parse(
  '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}',
) as Record<string, unknown>;

describe(`envelope v1 JSON Schema (${platform})`, () => {
  it('is a draft 2020-12 schema', () => {
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it.each(goldens)('accepts the golden envelope %s', (file) => {
    expect(goldens.length).toBeGreaterThanOrEqual(15);
    const envelope = JSON.parse(readFileSync(new URL(file, goldenDir), 'latin1')) as unknown;
    expect(validate(schema, envelope)).toEqual([]);
  });

  it('accepts unknown keys and whitespace in data, as readers do', () => {
    expect(validate(schema, { ...EXAMPLE, future: { x: 1 }, data: '/wAA\nAP8A' })).toEqual([]);
  });

  it('rejects what readers reject', () => {
    const bad: Record<string, unknown>[] = [
      { ...EXAMPLE, pixtext: 2 },
      { ...EXAMPLE, width: -1 },
      { ...EXAMPLE, height: 1.5 },
      { ...EXAMPLE, mode: 'CMYK' },
      { ...EXAMPLE, encoding: 'tiff' },
      { ...EXAMPLE, crc32: 'C622F71D' },
      { ...EXAMPLE, data: '/wAA!P8A' },
      { ...EXAMPLE, metadata: [1] },
      { ...EXAMPLE, palette: '/wAA/w==' }, // palette with mode RGB
      { ...EXAMPLE, mode: 'P', encoding: 'png', palette: '/wAA/w==' },
      Object.fromEntries(Object.entries(EXAMPLE).filter(([k]) => k !== 'data')),
      Object.fromEntries(Object.entries(EXAMPLE).filter(([k]) => k !== 'crc32')),
    ];
    for (const envelope of bad) expect(validate(schema, envelope)).not.toEqual([]);
    expect(validate(schema, [EXAMPLE])).not.toEqual([]);
  });
});
