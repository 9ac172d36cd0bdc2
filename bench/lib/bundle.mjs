// Bundles of source modules the built package does not export on their own, made with esbuild for the harness.
import { build } from 'esbuild';
import { join } from 'node:path';
import { inputPath, root } from './inputs.mjs';
import { inlineConstants } from '../../scripts/esbuild-speed.mjs';

/** The portable base64 codec as one ES module, without Node twins (exactly the browser build's code). */
export async function bundlePortableBase64() {
  await build({
    entryPoints: [join(root, 'src/base64/portable.ts')],
    bundle: true,
    ...inlineConstants,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile: inputPath('portable-base64.mjs'),
    logLevel: 'warning',
  });
}
