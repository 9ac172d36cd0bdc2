// The one error for a feature an instance was made without (a codec, a text form, mode conversion).
import { PixtextError } from '../errors.js';

/**
 * `ERR_UNSUPPORTED`: `<what> is not configured in this pixtext instance: pass createPixtext(<config>)`.
 * @example
 * ```ts
 * throw notConfigured('The png codec', '{ codecs: [pngCodec] }');
 * ```
 */
export function notConfigured(what: string, config: string): PixtextError {
  return new PixtextError('ERR_UNSUPPORTED', `${what} is not configured: pass createPixtext(${config})`);
}
