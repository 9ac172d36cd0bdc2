// Loads the built package as users get it: `import('pixtext')` (the package's own name, so the `node` condition of
// its exports map picks the Node build), or the browser build: the file the exports map gives bundlers (the
// `import` condition without `node`). PIXTEXT_BENCH_DIST may point at another build folder holding index.node.js
// and index.js (to compare a change without rebuilding dist/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './inputs.mjs';

const dist = process.env.PIXTEXT_BENCH_DIST;

function browserBuild() {
  if (dist !== undefined) return join(dist, 'index.js');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return join(root, pkg.exports['.'].import.default);
}

/** The Node build (or, with `browser`, the browser build) of the package. */
export function loadPixtext(browser = false) {
  if (browser) return import(pathToFileURL(browserBuild()).href);
  return dist === undefined ? import('pixtext') : import(pathToFileURL(join(dist, 'index.node.js')).href);
}
