// The `*.node.ts` convention: a browser-safe module `foo.ts` may have a Node twin `foo.node.ts` with the same
// exports (Buffer, node:zlib fast paths). The Node build and the "node" test project resolve every relative
// import of `foo.js` to the twin when one exists; the browser build and the "portable" tests never see it.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Returns the absolute path of the Node twin of a relative import, or undefined. */
export function nodeTwinOf(specifier, importer) {
  if (!importer || !specifier.startsWith('.') || !specifier.endsWith('.js')) return undefined;
  if (importer.endsWith('.node.ts')) {
    // A twin importing its own portable sibling must get the portable file.
    const own = importer.slice(importer.lastIndexOf('/') + 1).replace(/\.node\.ts$/, '.js');
    if (specifier.endsWith('/' + own) || specifier === './' + own) return undefined;
  }
  const twin = resolve(dirname(importer), specifier.replace(/\.js$/, '.node.ts'));
  return existsSync(twin) ? twin : undefined;
}

/** esbuild plugin (used by tsup) that swaps in Node twins. */
export function esbuildNodeTwins() {
  return {
    name: 'pixtext-node-twins',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
        const twin = nodeTwinOf(args.path, args.importer);
        return twin ? { path: twin } : undefined;
      });
    },
  };
}

/** Vite plugin (used by vitest's "node" project) that swaps in Node twins. */
export function viteNodeTwins() {
  return {
    name: 'pixtext-node-twins',
    enforce: 'pre',
    resolveId(source, importer) {
      return nodeTwinOf(source, importer?.split('?')[0]) ?? null;
    },
  };
}
