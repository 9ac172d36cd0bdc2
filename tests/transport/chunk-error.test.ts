import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { ChunkError, describeIndexes } from '../../src/transport/chunk-error.js';

describe('ChunkError', () => {
  it('is a PixtextError carrying the chunk index, position and missing list', () => {
    const e = new ChunkError(ErrorCode.CHUNK_MISSING, 'lacks 2', { missing: [1, 4], index: 3, position: 7 });
    expect(e).toBeInstanceOf(PixtextError);
    expect(e.name).toBe('PixtextError');
    expect([e.code, e.index, e.position, e.missing]).toEqual([ErrorCode.CHUNK_MISSING, 3, 7, [1, 4]]);
  });
});

describe('describeIndexes', () => {
  it('renders ascending indexes as ranges and cuts long lists', () => {
    expect(describeIndexes([])).toBe('');
    expect(describeIndexes([0])).toBe('0');
    expect(describeIndexes([0, 1, 2, 5, 7, 8])).toBe('0-2, 5, 7-8');
    expect(describeIndexes([1, 3, 5, 7, 9], 2)).toBe('1, 3 and 3 more');
  });
});
