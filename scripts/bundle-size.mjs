// Bundle size of pixtext per feature, as a browser app gets it: esbuild (platform 'browser', minified, tree-shaken)
// bundling a small app that imports `pixtext` by name, resolved through the package's `exports` like any dependency
// (so the browser build); then gzip level 9. One app per feature: raw pixels only, the default entry, each codec
// alone, each text form alone, and the whole package. FEATURES below is the one table of ceilings.
//
//   npm run size                                  builds, prints the table; exit code 1 if a ceiling is exceeded
//   node scripts/bundle-size.mjs --json           the same as JSON
//   node scripts/bundle-size.mjs --write          also writes docs/bundle-sizes.md (the size report)
//   node scripts/bundle-size.mjs --no-build       measures dist/ as it is
//   node scripts/bundle-size.mjs --source         bundles src/ instead of the built package (one module per file)
//
// The size test (tests/browser/bundle-size.test.ts) calls measureBundleSizes() on the packed tarball.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * One row per feature: the app that uses it, and its ceiling in bytes of minified + gzip -9 output (decimal: 8 kB is
 * 8,000 bytes) with the reason for that ceiling. This table is the only place ceilings are written; the size test
 * (tests/browser/bundle-size.test.ts) and `npm run size` both read it. Codec and form rows use createPixtext with that
 * one feature, so each row shows what the feature costs on its own (compare with `instance`). Ceilings leave room for
 * the planned GIF and WebP codecs wherever those will land: in the default entry and the whole package.
 */
export const FEATURES = [
  {
    id: 'raw-only',
    label: 'raw pixels only: rawImageToText / textToRawImage',
    source: `import { rawImageToText, textToRawImage } from 'pixtext';
const text = rawImageToText({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array(3) });
console.log(text, textToRawImage(text));`,
    ceiling: 8_000,
    why: 'the smallest useful pixtext (envelope, base64, CRC-32, validation): pages that only move pixels must not pay for codecs; 8 kB is the agreed limit',
  },
  {
    id: 'instance',
    label: 'createPixtext() with nothing configured (what each codec and form row adds to)',
    source: `import { createPixtext } from 'pixtext';
const { imageToText, textToImage } = createPixtext();
const text = imageToText({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array(3) });
console.log(text, textToImage(text));`,
    ceiling: 18_000,
    why: "raw-only plus option handling and the dispatch every feature plugs into, the EXIF orientation transposes (orientation: 'apply' of RawImage input and envelopes) and the magic bytes that name TIFF, HEIC, AVIF, JPEG XL, ICO and PSD in errors (raised from 12 kB for these two, 2.2 kB together); reading and writing EXIF come with the PNG and JPEG codecs, GIF/WebP add nothing here; raised to 18 kB as the flows took on fit with JPEG draft, the text budget and presets, headerless pixels and the recognisers of seven text forms (15.6 kB in all)",
  },
  {
    id: 'default',
    label: 'the default entry: imageToText, textToImage, textToFile, decode, encode, detectFormat, inspect, convert',
    source: `export { imageToText, textToImage, textToFile, decode, encode, detectFormat, inspect, convert } from 'pixtext';`,
    ceiling: 90_000,
    why: 'every codec and text form: about 56 kB today with GIF and EXIF orientation; WebP (lossy and lossless decoders and a lossless encoder, est. 30 kB; an existing pure-TS WebP decoder measured 57 kB) needs room',
  },
  codecRow('png', 'pngCodec', 32_000, 'the PNG codec with our strict inflate and the deflate of fflate'),
  codecRow('bmp', 'bmpCodec', 24_000, 'the BMP codec: headers, bitfields, RLE, a row loop per stored layout (speed over size)'),
  codecRow('npy', 'npyCodec', 20_000, 'the NumPy .npy codec: a strict reader of the header dict and the header np.save writes; raised from 19 kB when the instance under it took on maxExpansion and the refusals of P indices past the palette and of envelopes whose mode contradicts their file'),
  codecRow('jpeg', 'jpegCodec', 40_000, 'our own JPEG decoder (baseline, extended, progressive, draft) and encoder (baseline, optimize, progressive)'),
  codecRow('gif', 'gifCodec', 22_000, "the GIF codec (about 3.5 kB): LZW decoder and encoder and Pillow's first-frame rules"),
  codecRow('webp', 'webpCodec', 39_000, 'the WebP codec (own budget 25 kB): lossy VP8 and lossless VP8L decoders, alpha, the container, the lossless encoder; raised from 35 kB for the lossless decoder\'s speed paths (0.6 kB: a 32-bit peek per code, rows written as words) and when the instance under it took on refusing envelopes whose mode contradicts their file and P indices past the palette (0.4 kB), to 37 kB when the codec took on reading and writing the EXIF orientation (1.1 kB), as the PNG and JPEG codecs do, and to 38 kB for the decoders\' per-row functions and kept shapes that hold their optimised code across garbage collections (0.5 kB; the probability tables stay written out as RFC 6386 prints them), and to 39 kB when VP8L sub-images got a plain reader of their own and the level-0 pixel loop one call per row, so V8 optimises that loop on the image\'s own feedback in the first decode (0.5 kB)'),
  formRow('pil-dump', 'pilDumpForm', 'Pillow dump JSON', 'its reader and writer and the Pillow mode conversions it needs (CMYK, RGBX, I;16)'),
  formRow('data-url', 'dataUrlForm', 'data URL', 'the WHATWG data URL parser and writer'),
  formRow('base64', 'base64Form', 'bare base64 of a file', 'detection of bare base64 and the file sniffing it needs'),
  formRow('anthropic', 'anthropicBlockForm', 'Anthropic image block', 'the block layout over the shared model-block reader (base64, data URL parser, media-type check)'),
  formRow('openai', 'openaiBlockForm', 'OpenAI image block', 'the block layout over the shared model-block reader (base64, data URL parser, media-type check)'),
  formRow('mcp', 'mcpBlockForm', 'MCP image content', 'the block layout over the shared model-block reader (base64, data URL parser, media-type check)'),
  {
    id: 'whole-package',
    label: 'the whole package (`export *`): the default entry plus streaming and chunked transport',
    source: `export * from 'pixtext';`,
    ceiling: 100_000,
    why: 'the default entry plus streams and transport (about 9 kB today), with the same room for WebP',
  },
];

/** A row for one codec alone: an instance with that codec, turning its files into text and back. */
function codecRow(id, codec, ceiling, what) {
  return {
    id,
    label: `${id.toUpperCase()} codec alone: createPixtext({ codecs: [${codec}] })`,
    source: `import { createPixtext, ${codec} } from 'pixtext';
const { imageToText, textToImage, textToFile } = createPixtext({ codecs: [${codec}] });
const text = imageToText(new Uint8Array(0), { encoding: '${id}' });
console.log(text, textToImage(text), textToFile(text, { format: '${id}' }));`,
    ceiling,
    why: `the instance plus ${what}, with about a quarter of room for fixes; GIF/WebP are rows of their own`,
  };
}

/** A row for one text form alone: an instance with that form and no codec. */
function formRow(id, form, what, detail) {
  return {
    id,
    label: `${what} alone: createPixtext({ forms: [${form}] })`,
    source: `import { createPixtext, ${form} } from 'pixtext';
const { imageToText, textToImage } = createPixtext({ forms: [${form}] });
console.log(imageToText({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array(3) }), textToImage('x'));`,
    ceiling: 20_000,
    why: `the instance plus ${detail}; forms do not grow with new codecs (the instance under them is 15.6 kB, see its row)`,
  };
}

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
 * Bundles every feature's app from `projectDir` (where `node_modules/pixtext` is installed) and measures it.
 * @param {string} projectDir
 * @param {{ fromSource?: boolean }} [options] `fromSource`: bundle src/ instead of the package. Defaults to false.
 * @returns {Promise<Array<{ id: string, label: string, minified: number, gzip: number, ceiling: number, why: string, code: string }>>}
 */
export async function measureBundleSizes(projectDir, { fromSource = false } = {}) {
  const results = [];
  for (const feature of FEATURES) {
    const result = await build({
      stdin: { contents: feature.source, resolveDir: projectDir, sourcefile: `${feature.id}.js`, loader: 'js' },
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
    const { id, label, ceiling, why } = feature;
    results.push({ id, label, minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, ceiling, why, code });
  }
  return results;
}

// Decimal kilobytes, the stricter reading of "KB".
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

/** A Markdown table of the results: sizes, ceilings, room left and why each ceiling is what it is. */
export function formatTable(results) {
  const rows = results.map((r) => {
    const mark = r.gzip <= r.ceiling ? '✅' : '❌ over';
    return `| ${r.label} | ${kb(r.minified)} | **${kb(r.gzip)}** | ≤ ${kb(r.ceiling)} ${mark} | ${kb(r.ceiling - r.gzip)} | ${r.why} |`;
  });
  return ['| feature | minified | min + gzip | ceiling (gzip) | room | why this ceiling |', '|---|---:|---:|---:|---:|---|', ...rows].join('\n');
}

/** The size report, docs/bundle-sizes.md. */
function report(results) {
  return `# Bundle sizes per feature

Written by \`node scripts/bundle-size.mjs --write\`; \`npm run size\` prints the same table and fails when a ceiling is
exceeded, and \`tests/browser/bundle-size.test.ts\` checks the ceilings on the packed package. Each row is a small app
bundled with esbuild from the package's browser build (\`platform: 'browser'\`, minified, tree-shaken), then gzip -9.
Sizes in decimal kB (1 kB = 1,000 bytes). The ceilings are written once, in \`FEATURES\` in scripts/bundle-size.mjs.

${formatTable(results)}

Codec and form rows are an instance with that one feature: their cost on their own is the difference from the
\`createPixtext()\` row. Bundle size is watched, not ratcheted: a change that costs a little size for clearly
faster or clearer code is welcome as long as every row stays under its ceiling.
`;
}

async function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!process.argv.includes('--no-build') && !process.argv.includes('--source')) {
    execFileSync('npx', ['--no-install', 'tsup', '--silent'], { cwd: root, stdio: ['ignore', 2, 2] });
  }
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
    if (process.argv.includes('--write')) writeFileSync(join(root, 'docs', 'bundle-sizes.md'), report(results));
    const over = results.filter((r) => r.gzip > r.ceiling);
    for (const r of over) console.error(`over its ceiling: ${r.label}: ${r.gzip} B gzip > ${r.ceiling} B`);
    process.exitCode = over.length > 0 ? 1 : 0;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
