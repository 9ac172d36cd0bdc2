import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { filesFromList, fnv1a32, inShard, shardOption } from '../../../src/cli/batch/select.js';
import { FileError } from '../../../src/cli/report.js';
import { UsageError } from '../../../src/cli/args.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as FileError).code;
  }
  return undefined;
};

describe('fnv1a32', () => {
  it('gives the published FNV-1a 32-bit values, over UTF-8 bytes', () => {
    // Test vectors of the FNV reference (draft-eastlake-fnv, section 8).
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // 'é' is the two bytes C3 A9: the same as hashing those bytes one by one.
    const manual = [0xc3, 0xa9].reduce((h, b) => Math.imul(h ^ b, 0x01000193) >>> 0, 0x811c9dc5);
    expect(fnv1a32('é')).toBe(manual);
  });
});

describe('shardOption and inShard', () => {
  it('parses K/N and refuses anything else as a usage error', () => {
    expect(shardOption(undefined)).toBeUndefined();
    expect(shardOption('1/1')).toEqual({ index: 1, count: 1 });
    expect(shardOption('7/7')).toEqual({ index: 7, count: 7 });
    for (const bad of ['0/1', '2/1', '1/0', '1', '/1', '1/', ' 1/2', '1/2 ', '01/x', '1e0/2', '1/10000000', true]) {
      expect(() => shardOption(bad as string)).toThrow(UsageError);
    }
  });

  it('puts every path in exactly one of the shards 1/N … N/N', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), fc.integer({ min: 1, max: 50 }), (path, count) => {
        const owners = Array.from({ length: count }, (_, k) => inShard(path, { index: k + 1, count })).filter(Boolean);
        expect(owners).toHaveLength(1);
      }),
    );
    expect(inShard('anything', undefined)).toBe(true);
  });
});

describe('filesFromList', () => {
  it('reads one relative path a line, in order, ignoring CRLF and empty lines', () => {
    const files = filesFromList(bytes('b.png\r\n\r\n\nsub/a.jpg\nc.gif'), 'photos');
    expect(files).toEqual([
      { relPath: 'b.png', fsPath: join('photos', 'b.png') },
      { relPath: 'sub/a.jpg', fsPath: join('photos', 'sub', 'a.jpg') },
      { relPath: 'c.gif', fsPath: join('photos', 'c.gif') },
    ]);
    expect(filesFromList(bytes(''), 'photos')).toEqual([]);
  });

  it('refuses paths that are not plain relative paths of well-formed UTF-8, naming the line', () => {
    expect(codeOf(() => filesFromList(bytes('a.png\n../b.png\n'), 'p'))).toBe('ERR_UNSAFE_PATH');
    expect(() => filesFromList(bytes('a.png\n../b.png\n'), 'p')).toThrow(/^line 2: /);
    for (const bad of ['/abs.png', 'a//b.png', './a.png', 'a\\b.png', 'a\tb.png', 'C:/x.png', 'a\u0000b']) {
      expect(codeOf(() => filesFromList(bytes(`${bad}\n`), 'p')), bad).toBe('ERR_UNSAFE_PATH');
    }
    expect(codeOf(() => filesFromList(new Uint8Array([0x61, 0xed, 0xa0, 0x80, 0x0a]), 'p'))).toBe('ERR_UNSAFE_PATH'); // a UTF-8 surrogate
    expect(() => filesFromList(bytes('a.png\nb.png\na.png\n'), 'p')).toThrow('line 3: "a.png" is listed already on line 1');
    // The same name in two Unicode normal forms is one file on many systems.
    expect(codeOf(() => filesFromList(bytes('\u00e9.png\ne\u0301.png\n'), 'p'))).toBe('ERR_DUPLICATE_PATH');
  });
});
