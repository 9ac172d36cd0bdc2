// fast-check for `npm run test:fast` (vitest.fast.config.ts aliases `fast-check` here): the same library, with every
// property run at most PIXTEXT_FAST_RUNS times (default 25) instead of the hundreds the full suite uses. The
// properties and their generators are unchanged; only how many cases each draws.
import * as real from 'fast-check-real';

export * from 'fast-check-real';

const RUNS = Number(process.env.PIXTEXT_FAST_RUNS ?? 25);
const capped = (params) => ({ ...params, numRuns: Math.min(params?.numRuns ?? 100, RUNS) });

export function assert(property, params) {
  return real.assert(property, capped(params));
}

export function check(property, params) {
  return real.check(property, capped(params));
}

export default { ...real.default, assert, check };
