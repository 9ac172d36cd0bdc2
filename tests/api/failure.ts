// The PixtextError a call throws, as { code, message }; `code: 'no error'` when it returns. Any other throw escapes,
// so a test sees a crash for what it is.
import { PixtextError } from '../../src/errors.js';

export function failure(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof PixtextError) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: 'no error', message: '' };
}
