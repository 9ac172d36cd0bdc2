import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
// @ts-expect-error plain ESM helper without type declarations
import { viteNodeTwins } from './scripts/node-twins.mjs';

// Every test runs twice: once with the Node fast paths (`*.node.ts` twins) and once with the portable,
// browser-safe code forced, so a fast path can never hide a bug in the path browsers take.
// Tests of Node-only surfaces (CLI, packaging, real browsers) run once, in the node project.
const nodeOnly = ['tests/cli/**', 'tests/package/**', 'tests/browser/**'];

// Examples and docs import the package by name; in tests that name resolves to the source.
const alias = { pixtext: fileURLToPath(new URL('./src/index.ts', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        plugins: [viteNodeTwins()],
        test: { name: 'node', include: ['tests/**/*.test.ts'], env: { PIXTEXT_PROJECT: 'node' } },
      },
      {
        extends: true,
        test: {
          name: 'portable',
          include: ['tests/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...nodeOnly],
          env: { PIXTEXT_PROJECT: 'portable' },
        },
      },
    ],
  },
});
