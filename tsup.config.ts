import { defineConfig, type Options } from 'tsup';
// @ts-expect-error plain ESM helper without type declarations
import { esbuildNodeTwins } from './scripts/node-twins.mjs';
// @ts-expect-error plain ESM helper without type declarations
import { inlineConstants } from './scripts/esbuild-speed.mjs';

const shared = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  target: 'es2022',
  dts: true,
  // No source maps: the package ships no src/, so maps would point at files nobody has (and were most of its size).
  sourcemap: false,
  splitting: false,
  treeshake: true,
  // Keep `node:zlib` as written: the prefix is what marks a Node-only import.
  removeNodeProtocol: false,
  // Named constants inlined at their uses: bundling would otherwise leave hot loops reading them as module `var`s.
  ...inlineConstants,
};

/** What both command-line builds share. */
const cliShared = {
  target: 'node20',
  platform: 'node',
  dts: false,
  sourcemap: false,
  splitting: false,
  treeshake: true,
  ...inlineConstants,
  esbuildPlugins: [esbuildNodeTwins()],
} satisfies Options;

export default defineConfig([
  // Browser-safe ESM, one file per module (what bundlers load through the `import` condition). Unbundled on purpose:
  // a bundler can then drop every module an app never reaches, including the import of jpeg-js (CommonJS, not
  // side-effect free), which a single flat file would force into every bundle.
  {
    ...shared,
    entry: ['src/**/*.ts', '!src/**/*.node.ts', '!src/cli/**'],
    format: ['esm'],
    bundle: false,
    outDir: 'dist/esm',
    platform: 'neutral',
    dts: { entry: { index: 'src/index.ts' } },
    clean: true,
  },
  // Browser-safe CommonJS (the `require` condition without `node`): one file, as CommonJS is not tree-shaken anyway.
  { ...shared, entry: { index: 'src/index.ts' }, format: ['cjs'], platform: 'neutral' },
  // Node build (the `node` condition): the same API with Buffer/node:zlib twins swapped in.
  {
    ...shared,
    entry: { 'index.node': 'src/index.ts' },
    platform: 'node',
    esbuildPlugins: [esbuildNodeTwins()],
  },
  // The `pixtext` command: Node only, with the Node twins, ESM, no declarations.
  {
    ...cliShared,
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    banner: { js: '#!/usr/bin/env node' },
  },
  // Its batch worker thread, as CommonJS. Every worker loads it anew, so it starts the way that costs least: no ES
  // module loader, and dependencies come through require(), with no cjs-module-lexer pass over jpeg-js (milliseconds
  // of start-up per worker, which a batch pays once per core).
  {
    ...cliShared,
    entry: { 'cli-worker': 'src/cli/batch/worker.ts' },
    format: ['cjs'],
  },
]);
