// The shared failure helpers must be able to fail: a test built on them is only as strict as they are.
import { describe, expect, it } from 'vitest';
import { PixtextError } from '../../src/errors.js';
import { codeOf, expectPixtextError, failure } from './errors.js';

const throwsCode = (code: string) => () => {
  throw new PixtextError(code as never, 'a message', { offset: 3, chunk: 'data' });
};

describe('test support: failures', () => {
  it('reports the code and place of a PixtextError, and "no error" when the call returns', () => {
    expect(failure(throwsCode('ERR_BASE64'))).toEqual({ code: 'ERR_BASE64', offset: 3, chunk: 'data' });
    expect(failure(() => 1)).toEqual({ code: 'no error' });
    expect(codeOf(throwsCode('ERR_CHECKSUM'))).toBe('ERR_CHECKSUM');
  });

  it('lets anything that is not a PixtextError escape', () => {
    expect(() => failure(() => JSON.parse('{'))).toThrow(SyntaxError);
  });

  it('expectPixtextError returns the error with the expected code, and fails the test otherwise', () => {
    expect(expectPixtextError(throwsCode('ERR_TOO_LARGE'), 'ERR_TOO_LARGE').message).toBe('a message');
    expect(() => expectPixtextError(throwsCode('ERR_TOO_LARGE'), 'ERR_CHECKSUM')).toThrow();
    expect(() => expectPixtextError(() => 1, 'ERR_CHECKSUM')).toThrow(/returned/);
    expect(() => expectPixtextError(() => JSON.parse('{'), 'ERR_NOT_JSON')).toThrow(/SyntaxError/);
  });
});
