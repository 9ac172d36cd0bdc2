// Bundles a small browser app the way an application author would: esbuild with `platform: 'browser'`, and Vite with
// its default configuration (no config file). No polyfills, no aliases: `pixtext` must resolve from node_modules
// through its `exports` map with the browser/import conditions, and the result must run in a real browser.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild, createLogger } from 'vite';
import type { StaticFiles } from './static-server.js';

export interface BundleResult {
  /** URL path → content, ready for {@link serveStatic}; `/index.html` loads the app. */
  files: StaticFiles;
  /** The JavaScript the page loads, concatenated (for assertions on what was bundled). */
  code: string;
  /** Warnings the bundler printed (a Node built-in "externalized for browser compatibility" shows up here). */
  warnings: string[];
}

function pageHtml(script: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>pixtext app</title></head>` +
    `<body><script type="module" src="${script}"></script></body></html>\n`;
}

/** esbuild, `platform: 'browser'`, ESM; `entry` is relative to `projectDir`. */
export async function bundleWithEsbuild(projectDir: string, entry: string): Promise<BundleResult> {
  const result = await esbuild({
    absWorkingDir: projectDir,
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    outfile: join(projectDir, 'out', 'app.js'),
    logLevel: 'silent',
  });
  const code = result.outputFiles.map((file) => file.text).join('\n');
  return {
    files: new Map<string, string>([
      ['/index.html', pageHtml('./app.js')],
      ['/app.js', code],
    ]),
    code,
    warnings: result.warnings.map((warning) => warning.text),
  };
}

function readTree(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) files.set('/' + relative(dir, path).split(sep).join('/'), readFileSync(path));
  }
  return files;
}

/** `vite build` with no config file; `entry` is relative to `projectDir` and becomes the page's module script. */
export async function bundleWithVite(projectDir: string, entry: string): Promise<BundleResult> {
  writeFileSync(join(projectDir, 'index.html'), pageHtml('./' + entry));
  const warnings: string[] = [];
  const logger = createLogger('warn', { allowClearScreen: false });
  const customLogger = {
    ...logger,
    info: () => {},
    warn: (message: string) => warnings.push(message),
    warnOnce: (message: string) => warnings.push(message),
    error: (message: string) => warnings.push(message),
  };
  // Everything else is Vite's default, including the output folder `dist/` under the root.
  await viteBuild({ root: projectDir, configFile: false, logLevel: 'warn', customLogger });
  const files = readTree(join(projectDir, 'dist'));
  const code = [...files]
    .filter(([path]) => path.endsWith('.js'))
    .map(([, bytes]) => Buffer.from(bytes).toString('utf8'))
    .join('\n');
  return { files, code, warnings };
}
