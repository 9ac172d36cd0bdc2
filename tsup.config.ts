import { defineConfig } from 'tsup';
// @ts-expect-error plain ESM helper without type declarations
import { esbuildNodeTwins } from './scripts/node-twins.mjs';

const shared = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  target: 'es2022',
  dts: true,
  sourcemap: true,
  splitting: false,
  treeshake: true,
  // Keep `node:zlib` as written: the prefix is what marks a Node-only import.
  removeNodeProtocol: false,
};

export default defineConfig([
  // Browser-safe build: what bundlers and the `import`/`require` conditions load.
  { ...shared, entry: { index: 'src/index.ts' }, platform: 'neutral', clean: true },
  // Node build (the `node` condition): the same API with Buffer/node:zlib twins swapped in.
  {
    ...shared,
    entry: { 'index.node': 'src/index.ts' },
    platform: 'node',
    esbuildPlugins: [esbuildNodeTwins()],
  },
  // The `pixtext` command and its batch worker thread: Node only, with the Node twins, ESM, no declarations.
  {
    entry: { cli: 'src/cli/main.ts', 'cli-worker': 'src/cli/batch/worker.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: false,
    sourcemap: true,
    splitting: false,
    treeshake: true,
    esbuildPlugins: [esbuildNodeTwins()],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
