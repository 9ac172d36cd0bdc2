import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { FileError, describeFailure, formatFailure } from '../../src/cli/report.js';

describe('describeFailure', () => {
  it('keeps PixtextError and FileError codes', () => {
    expect(formatFailure('a.json', new PixtextError(ErrorCode.CHECKSUM, 'crc32 differs'))).toBe('a.json: crc32 differs (ERR_CHECKSUM)');
    expect(describeFailure(new FileError('EEXIST', 'already exists'))).toEqual({ message: 'already exists', code: 'EEXIST' });
  });

  it('shortens Node system errors to a description and the errno code', () => {
    const error = Object.assign(new Error("ENOENT: no such file or directory, open 'x.png'"), { code: 'ENOENT', syscall: 'open' });
    expect(formatFailure('x.png', error)).toBe('x.png: no such file or directory (ENOENT)');
    const odd = Object.assign(new Error("EXDEV: cross-device link not permitted, link 'a' -> 'b'"), { code: 'EXDEV' });
    expect(describeFailure(odd).code).toBe('EXDEV');
  });

  it('accepts plain descriptions coming back from worker threads', () => {
    expect(describeFailure({ message: 'bad', code: 'ERR_CORRUPT' })).toEqual({ message: 'bad', code: 'ERR_CORRUPT' });
  });

  it('calls anything else an internal error', () => {
    expect(describeFailure(new TypeError('x is undefined')).code).toBe('ERR_INTERNAL');
    expect(describeFailure(Object.assign(new Error('m'), { code: 'ERR_INVALID_ARG_TYPE' })).code).toBe('ERR_INTERNAL');
    expect(describeFailure('text').code).toBe('ERR_INTERNAL');
  });
});
