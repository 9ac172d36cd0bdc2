// Builds the demo page with esbuild for browsers. `pixtext` resolves to this repository's TypeScript source, so the
// page always shows the current code without a package build; esbuild never sees the `*.node.ts` twins, so this
// is the same browser-safe code a bundler gets from the published package.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const librarySource = here('../../src/index.ts');

const pixtextFromSource = {
  name: 'pixtext-from-source',
  setup(builder) {
    builder.onResolve({ filter: /^pixtext$/ }, () => ({ path: librarySource }));
  },
};

/**
 * Builds the page. Returns URL path → file content for a static server (`/` is `/index.html`).
 * @param {{ minify?: boolean }} [options] Defaults to a minified build.
 * @returns {Promise<Map<string, string | Uint8Array>>}
 */
export async function buildDemo({ minify = true } = {}) {
  const result = await build({
    entryPoints: [here('./main.js')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify,
    sourcemap: 'linked',
    write: false,
    outdir: here('./'),
    logLevel: 'silent',
    plugins: [pixtextFromSource],
  });
  const files = new Map([
    ['/index.html', readFileSync(here('./index.html'), 'utf8')],
    ['/style.css', readFileSync(here('./style.css'), 'utf8')],
    ['/sample.png', readFileSync(here('../sample.png'))],
  ]);
  // main.js and its source map (nothing is written to disk: `write: false`).
  for (const file of result.outputFiles) files.set('/' + basename(file.path), file.text);
  return files;
}
