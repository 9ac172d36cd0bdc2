// The main job on the bundled sample image, through the command line as a user would run it:
// PNG → envelope text (pixtext encode) → header (pixtext info) → PNG again (pixtext decode), then a pixel comparison.
// Run with `npm run demo` (builds first). Prints the sizes and whether the round trip was exact.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from 'pixtext';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const sample = join(root, 'examples', 'sample.png');
const work = mkdtempSync(join(tmpdir(), 'pixtext-demo-'));
// Run in a scratch folder with relative names, so what it prints is what a user would see.
function pixtext(...args) {
  console.log(`$ pixtext ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8' });
  process.stdout.write(run.stdout + run.stderr);
  if (run.status !== 0) throw new Error(`pixtext ${args[0]} exited with ${run.status}`);
}

try {
  copyFileSync(sample, join(work, 'sample.png'));
  pixtext('encode', 'sample.png', '-o', 'sample.json');
  pixtext('info', 'sample.json');
  pixtext('decode', 'sample.json', '-o', 'copy.png');
  const textFile = join(work, 'sample.json');
  const copy = join(work, 'copy.png');

  const original = decode(readFileSync(sample));
  const restored = decode(readFileSync(copy));
  const exact =
    original.width === restored.width &&
    original.height === restored.height &&
    original.mode === restored.mode &&
    Buffer.compare(Buffer.from(original.data), Buffer.from(restored.data)) === 0;
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log('');
  console.log(`image:      ${original.width}×${original.height} ${original.mode}`);
  console.log(`file:       ${kib(statSync(sample).size)} (PNG)`);
  console.log(`raw pixels: ${kib(original.data.length)}`);
  console.log(`text:       ${kib(statSync(textFile).size)} (envelope, raw pixels as base64)`);
  console.log(`round trip: ${exact ? 'exact (every pixel identical)' : 'NOT EXACT'}`);
  process.exitCode = exact ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
