// Bundle size of pixtext as a browser app gets it: esbuild (platform 'browser', minified, tree-shaken) bundling a
// one-line app that imports `pixtext` by name, resolved through the package's `exports` like any dependency; then
// gzip level 9. The apps: (a) the envelope alone (raw pixels, no codec: rawImageToText/textToRawImage), (b) plus
// PNG, (c) everything an app needs to turn images into text and back (the DESIGN §2 API, all codecs and text forms);
// and two for reference: (a') createPixtext() with nothing configured, (c+) the whole package, which adds the
// streaming and chunked-transport extras of later issues.
//
//   node scripts/bundle-size.mjs            prints the table (builds dist/ first if it is missing)
//   node scripts/bundle-size.mjs --json     the same as JSON
//   node scripts/bundle-size.mjs --source   bundles src/ instead of the built package (one module per file)
//
// The size-budget test (tests/browser/bundle-size.test.ts) calls measureBundleSizes() on the packed tarball.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * The apps measured. `source` is the whole app; `budget` is the gzip limit in bytes (decimal kB: 8 kB is 8,000
 * bytes), where there is one. The ceilings leave room instead of ratcheting: raw pixels only stay within 8 kB; the
 * whole API within 48 kB, which holds a CRC-32 and an inflate written for speed in browsers and leaves the final
 * ceiling to be set as the JPEG, GIF and WebP codecs land.
 */
export const SCENARIOS = [
  {
    id: 'envelope',
    label: '(a) envelope only: rawImageToText/textToRawImage of raw pixels, no codec',
    source: `import { rawImageToText, textToRawImage } from 'pixtext';
const text = rawImageToText({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array(3) });
console.log(text, textToRawImage(text));`,
    budget: 8_000,
  },
  {
    id: 'envelope-instance',
    label: "(a') createPixtext() with nothing configured: its imageToText/textToImage of raw pixels",
    source: `import { createPixtext } from 'pixtext';
const { imageToText, textToImage } = createPixtext();
const text = imageToText({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array(3) });
console.log(text, textToImage(text));`,
  },
  {
    id: 'png',
    label: '(b) envelope + PNG codec',
    source: `import { createPixtext, pngCodec } from 'pixtext';
const { imageToText, textToImage } = createPixtext({ codecs: [pngCodec] });
const text = imageToText(new Uint8Array(0), { encoding: 'png' });
console.log(text, textToImage(text));`,
  },
  {
    id: 'api',
    label: '(c) everything: the DESIGN §2 API with PNG, BMP, JPEG and every text form',
    source: `export { imageToText, textToImage, textToFile, decode, encode, detectFormat, inspect, convert, createPixtext,
  pngCodec, bmpCodec, jpegCodec, toImageData, fromImageData, PixtextError } from 'pixtext';`,
    budget: 48_000,
  },
  {
    id: 'all',
    label: "(c+) the whole package (`export *`): (c) plus streaming and chunked transport",
    source: `export * from 'pixtext';`,
  },
];

const sourceEntry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

// Resolves `pixtext` to the TypeScript source instead of the package: what a build that keeps one file per module
// would give, so the effect of the package's own bundling can be told apart from the code's size.
const pixtextFromSource = {
  name: 'pixtext-from-source',
  setup(builder) {
    builder.onResolve({ filter: /^pixtext$/ }, () => ({ path: sourceEntry }));
  },
};

/**
 * Bundles every scenario from `projectDir` (where `node_modules/pixtext` is installed) and measures it.
 * @param {string} projectDir
 * @param {{ fromSource?: boolean }} [options] `fromSource`: bundle src/ instead of the package. Defaults to false.
 * @returns {Promise<Array<{ id: string, label: string, minified: number, gzip: number, budget?: number, code: string }>>}
 */
export async function measureBundleSizes(projectDir, { fromSource = false } = {}) {
  const results = [];
  for (const scenario of SCENARIOS) {
    const result = await build({
      stdin: { contents: scenario.source, resolveDir: projectDir, sourcefile: `${scenario.id}.js`, loader: 'js' },
      absWorkingDir: projectDir,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      treeShaking: true,
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
      plugins: fromSource ? [pixtextFromSource] : [],
    });
    const code = result.outputFiles[0].text;
    const bytes = new TextEncoder().encode(code);
    results.push({
      id: scenario.id,
      label: scenario.label,
      minified: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      ...(scenario.budget === undefined ? {} : { budget: scenario.budget }),
      code,
    });
  }
  return results;
}

// Decimal kilobytes, the stricter reading of the budgets' "KB".
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

/** A Markdown table of the results, as docs/browser.md quotes it. */
export function formatTable(results) {
  const rows = results.map(
    (r) => `| ${r.label} | ${kb(r.minified)} | **${kb(r.gzip)}** | ${r.budget === undefined ? '–' : `≤ ${kb(r.budget)}`} |`,
  );
  return ['| bundle | minified | min + gzip | budget (gzip) |', '|---|---:|---:|---:|', ...rows].join('\n');
}

async function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(join(root, 'dist', 'esm', 'index.js'))) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 2, 2] });
  // A scratch project whose node_modules/pixtext is this package, so resolution goes through its `exports` map.
  const project = mkdtempSync(join(tmpdir(), 'pixtext-size-'));
  try {
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root, join(project, 'node_modules', 'pixtext'), 'dir');
    const results = await measureBundleSizes(project, { fromSource: process.argv.includes('--source') });
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(results.map(({ code, ...rest }) => rest), null, 2));
    } else {
      console.log(formatTable(results));
    }
    const over = results.filter((r) => r.budget !== undefined && r.gzip > r.budget);
    for (const r of over) console.error(`over budget: ${r.label}: ${r.gzip} B gzip > ${r.budget} B`);
    process.exitCode = over.length > 0 ? 1 : 0;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
