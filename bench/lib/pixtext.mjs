// Loads the built package as users get it: `import('pixtext')` (the package's own name, so the `node` condition of
// its exports map picks the Node build), or the browser build, dist/index.js. PIXTEXT_BENCH_DIST may point at
// another build folder (to compare a change without rebuilding dist/).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.PIXTEXT_BENCH_DIST;

/** The Node build (or, with `browser`, the browser build) of the package. */
export function loadPixtext(browser = false) {
  if (browser) return import(pathToFileURL(join(dist ?? new URL('../../dist', import.meta.url).pathname, 'index.js')).href);
  return dist === undefined ? import('pixtext') : import(pathToFileURL(join(dist, 'index.node.js')).href);
}
