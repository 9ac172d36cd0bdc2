import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
// @ts-expect-error plain ESM helper without type declarations
import { viteNodeTwins } from './scripts/node-twins.mjs';

// `npm run test:fast`: the quick loop while working (docs/ARCHITECTURE.md#6-tests). The unit, conformance and
// property tests of the node project, with each property run at most PIXTEXT_FAST_RUNS times (25 unless set); without
// the tests that spawn processes or worker threads (the command line end to end and its batch pool, the packed
// package), start a browser or open sockets (the examples), and without the long fuzz pass (its replayed regressions
// stay), the tests of huge inputs and the command line's sweep of every fixture file (tests/cli/library.test.ts).
// `npm test` still runs everything, in both projects.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const slow = [
  'tests/browser/**',
  'tests/package/**',
  'tests/cli/cli.test.ts',
  'tests/cli/demo.test.ts',
  'tests/cli/packed-bin.test.ts',
  'tests/cli/signals.test.ts',
  'tests/cli/commands/**',
  'tests/cli/help-examples.test.ts',
  // Huge texts, and sweeps of thousands of damaged files (fuzz-like): npm test runs them.
  'tests/limits/text.limits.test.ts',
  'tests/formats/gif/gif.hostile.test.ts',
  'tests/formats/webp/webp.variants.test.ts',
  'tests/zlib/zlib-errors.test.ts',
  'tests/cli/batch/dataset.test.ts',
  'tests/cli/batch/formats-roundtrip.test.ts',
  'tests/cli/batch/shard.test.ts',
  'tests/cli/parquet/parquet.test.ts',
  'tests/cli/batch/pool.test.ts',
  'tests/cli/library.test.ts',
  'tests/fuzz/quick.test.ts',
  'tests/**/large.test.ts',
  'tests/examples/**',
  'tests/fuzz/engine.test.ts',
];

export default defineConfig({
  resolve: {
    alias: [
      { find: 'pixtext', replacement: here('./src/index.ts') },
      { find: /^fast-check$/, replacement: here('./tests/support/fast-check-fast.mjs') },
      { find: /^fast-check-real$/, replacement: fileURLToPath(import.meta.resolve('fast-check')) },
    ],
  },
  plugins: [viteNodeTwins()],
  test: {
    name: 'fast',
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...slow],
    testTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, which doubles the wall time.
    maxWorkers: 2,
    // One module graph per worker instead of one per test file: half the wall time here was importing and transforming
    // the same sources again for each of the ~100 files (30 s of 58 s). No test in this set depends on a fresh module
    // state; `npm test` keeps vitest's default isolation, so a test that starts to depend on it still fails there.
    isolate: false,
    env: { PIXTEXT_PROJECT: 'node' },
  },
});
