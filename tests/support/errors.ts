// How tests look at failures. Every failure of pixtext is a PixtextError with a stable code (and an offset or chunk
// when the place is known); anything else thrown is a crash, and escapes so the test shows it for what it is.
import { expect } from 'vitest';
import { PixtextError } from '../../src/errors.js';

/** A failure as tests compare it: the stable parts (messages may be reworded, so they are checked apart). */
export interface Failure {
  code: string;
  offset?: number | undefined;
  chunk?: string | undefined;
}

/**
 * The PixtextError `fn` throws, as `{ code, offset, chunk }`; `code: 'no error'` when it returns. Any other throw
 * escapes.
 */
export function failure(fn: () => unknown): Failure {
  try {
    fn();
  } catch (e) {
    if (e instanceof PixtextError) return { code: e.code, offset: e.offset, chunk: e.chunk };
    throw e;
  }
  return { code: 'no error' };
}

/** The code of the PixtextError `fn` throws; `'no error'` when it returns. Any other throw escapes. */
export function codeOf(fn: () => unknown): string {
  return failure(fn).code;
}

/**
 * The PixtextError `fn` throws, checked to have `code`: the test fails when `fn` returns, throws another code, or
 * throws anything that is not a PixtextError. Returned for further checks (message, offset, chunk).
 */
export function expectPixtextError(fn: () => unknown, code: string): PixtextError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (!(thrown instanceof PixtextError)) {
    expect.fail(thrown === undefined ? `expected ${code}, but the call returned` : `expected ${code}, but it threw ${String(thrown)}`);
  }
  expect(thrown.code, thrown.message).toBe(code);
  return thrown;
}
