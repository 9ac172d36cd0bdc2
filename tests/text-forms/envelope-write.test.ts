import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeEnvelope, writeEnvelopeBytes } from '../../src/text-forms/envelope-write.js';
import { platform } from '../../src/platform-name.js';
import { codeOf } from '../support/errors.js';
import { GOLDEN_METADATA, MODES, goldenImage, goldenOfMode, readGolden } from './golden-images.js';


describe(`envelope writer (${platform})`, () => {
  it('writes the example of DESIGN §4 exactly', () => {
    const data = new Uint8Array([255, 0, 0, 0, 255, 0]);
    expect(writeEnvelope({ width: 2, height: 1, mode: 'RGB', encoding: 'raw', data })).toBe(
      '{"pixtext":1,"width":2,"height":1,"mode":"RGB","encoding":"raw","byteLength":6,"crc32":"c622f71d","data":"/wAAAP8A"}',
    );
  });

  it.each(MODES)('writes the golden envelope of mode %s byte for byte', (mode) => {
    const { file, image } = goldenOfMode(mode);
    expect(writeEnvelope({ ...image, encoding: 'raw' })).toBe(readGolden(file));
  });

  it('writes the goldens without palette, of an empty image, and with source and metadata', () => {
    const noPalette = goldenImage('P', 3, 2, false);
    expect(writeEnvelope({ ...noPalette, encoding: 'raw' })).toBe(readGolden('raw-P-no-palette.json'));
    expect(writeEnvelope({ ...goldenImage('L', 0, 5), encoding: 'raw' })).toBe(readGolden('raw-L-0x5.json'));
    const withMetadata = { ...goldenImage('RGB', 2, 1), encoding: 'raw' as const, source: 'png', metadata: GOLDEN_METADATA };
    expect(writeEnvelope(withMetadata)).toBe(readGolden('raw-RGB-metadata.json'));
  });

  it('honours a data view at an odd offset', () => {
    const { image, file } = goldenOfMode('RGB');
    const backing = new Uint8Array(image.data.length + 8).fill(0xee);
    backing.set(image.data, 3);
    const view = backing.subarray(3, 3 + image.data.length);
    expect(writeEnvelope({ ...image, data: view, encoding: 'raw' })).toBe(readGolden(file));
  });

  it('is ASCII only and keeps any JSON metadata exactly', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()), (metadata) => {
        const text = writeEnvelope({ width: 0, height: 0, mode: 'L', encoding: 'raw', data: new Uint8Array(0), metadata });
        // ASCII, with JSON's escapes for controls below U+0020; DEL (U+007F) is ASCII and JSON leaves it as is.
        expect(/^[\x20-\x7f]*$/.test(text)).toBe(true);
        // JSON.parse keeps "__proto__" as an own key, so the parsed value compares member by member.
        expect((JSON.parse(text) as { metadata: unknown }).metadata).toStrictEqual(JSON.parse(JSON.stringify(metadata)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps DEL as is and escapes controls and non-ASCII characters', () => {
    const text = writeEnvelope({ width: 0, height: 0, mode: 'L', encoding: 'raw', data: new Uint8Array(0), metadata: { '\x7f': '\x01\u00e9' } });
    expect(text).toContain('"metadata":{"\x7f":"\\u0001\\u00e9"}');
  });

  it('rejects metadata that would not read back as the same JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) deep = { d: deep };
    const bad: unknown[] = [
      [1, 2],
      null,
      'text',
      { a: undefined },
      { f: () => 1 },
      { n: Number.NaN },
      { n: Infinity },
      { b: 1n },
      { s: Symbol('s') },
      { d: new Date(0) },
      { m: new Map() },
      { t: new Uint8Array(2) },
      cyclic,
      deep,
      new (class Meta {})(),
    ];
    for (const metadata of bad) {
      const content = { width: 0, height: 0, mode: 'L' as const, encoding: 'raw' as const, data: new Uint8Array(0) };
      expect(codeOf(() => writeEnvelope({ ...content, metadata: metadata as Record<string, unknown> }))).toBe(
        'ERR_INVALID_ARGUMENT',
      );
    }
  });

  it('accepts an object reached twice (not a cycle), refuses toJSON, and nests up to 256 objects', () => {
    const content = { width: 0, height: 0, mode: 'L' as const, encoding: 'raw' as const, data: new Uint8Array(0) };
    const shared = { k: [1] };
    expect(writeEnvelope({ ...content, metadata: { a: shared, b: [shared, shared] } })).toContain(
      '"metadata":{"a":{"k":[1]},"b":[{"k":[1]},{"k":[1]}]}',
    );
    expect(codeOf(() => writeEnvelope({ ...content, metadata: { a: { toJSON: () => 1 } } }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => writeEnvelope({ ...content, metadata: { toJSON: () => ({}) } }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => writeEnvelope({ ...content, metadata: { a: [1, , 3] } }))).toBe('ERR_INVALID_ARGUMENT');
    const nested = (levels: number): Record<string, unknown> => {
      let value: Record<string, unknown> = {};
      for (let i = 1; i < levels; i++) value = { d: value };
      return value;
    };
    expect(writeEnvelope({ ...content, metadata: nested(256) })).toContain('{"d":{}}');
    expect(codeOf(() => writeEnvelope({ ...content, metadata: nested(257) }))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('accepts metadata with a null prototype and an own "__proto__" key', () => {
    const metadata = Object.create(null) as Record<string, unknown>;
    metadata['x'] = 1;
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"y":2}') as Record<string, unknown>;
    const text = writeEnvelope({ width: 0, height: 0, mode: 'L', encoding: 'raw', data: new Uint8Array(0), metadata });
    expect(text).toContain('"metadata":{"x":1}');
    const text2 = writeEnvelope({ width: 0, height: 0, mode: 'L', encoding: 'raw', data: new Uint8Array(0), metadata: parsed });
    expect(text2).toContain('"metadata":{"__proto__":{"polluted":true},"y":2}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  describe('as bytes (writeEnvelopeBytes)', () => {
    const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

    it.each(MODES)('writes the golden envelope of mode %s byte for byte, with and without a suffix', (mode) => {
      const { file, image } = goldenOfMode(mode);
      const bytes = writeEnvelopeBytes({ ...image, encoding: 'raw' });
      expect(latin1(bytes)).toBe(readGolden(file));
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
      expect(latin1(writeEnvelopeBytes({ ...image, encoding: 'raw' }, '\n'))).toBe(`${readGolden(file)}\n`);
    });

    it('equals the text writer on random content, metadata and views', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 600 }),
          fc.nat(3),
          fc.option(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 2 })), { nil: undefined }),
          fc.option(fc.constantFrom('png', 'bmp', 'jpeg', 'fancy "source" \u00e9'), { nil: undefined }),
          (data, skip, metadata, source) => {
            const view = data.subarray(Math.min(skip, data.length));
            const content = { width: view.length, height: 1, mode: 'L' as const, encoding: 'raw' as const, data: view, metadata, source };
            expect(latin1(writeEnvelopeBytes(content, '\n'))).toBe(`${writeEnvelope(content)}\n`);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('refuses the metadata the text writer refuses', () => {
      const content = { width: 0, height: 0, mode: 'L' as const, encoding: 'raw' as const, data: new Uint8Array(0) };
      expect(codeOf(() => writeEnvelopeBytes({ ...content, metadata: { n: Number.NaN } }))).toBe('ERR_INVALID_ARGUMENT');
    });
  });
});
