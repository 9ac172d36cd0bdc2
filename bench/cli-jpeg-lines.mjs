// CLI dataset decode by format: `pixtext decode <dataset.jsonl> -o <folder>` over 300 lines of raw pixels whose paths
// end in .jpg (so each line is encoded as a JPEG file) against the same 300 images with paths ending in .png. The
// lines are made by `pixtext encode <folder> --jsonl --encoding raw` from two folders holding the same deterministic
// photo-like images, written by pngjs and jpeg-js (peers' encoders, so no input favours pixtext). Target: the JPEG
// dataset takes at most 2× the PNG one (JPEG's fixed cost per file used to make it 20×).
// Each run is a fresh `node dist/cli.js` process with one worker; runs alternate; medians of REPS runs.
// Usage: node bench/cli-jpeg-lines.mjs [--files 300] [--size 192] [--reps 5]   (needs `npm run build` first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpegJs from 'jpeg-js';
import { PNG } from 'pngjs';
import { photoLike } from './lib/inputs.mjs';
import { median } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const FILES = opt('--files', 300);
const SIZE = opt('--size', 192);
const REPS = opt('--reps', 5);
export const JPEG_LINES_TARGET = 2;

/** Runs the CLI; returns wall ms, and throws with its output when it fails. */
function run(cliArgs) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...cliArgs], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`pixtext ${cliArgs.join(' ')} exited ${r.status}: ${r.stderr.slice(-400)}`);
  return ms;
}

/** Makes the two folders and their datasets once (cached in the temporary folder). */
function prepare() {
  const work = join(tmpdir(), `pixtext-cli-jpeg-lines-${FILES}x${SIZE}`);
  const sets = { jpeg: join(work, 'jpeg.jsonl'), png: join(work, 'png.jsonl') };
  if (existsSync(sets.jpeg) && existsSync(sets.png)) return { work, sets };
  rmSync(work, { recursive: true, force: true });
  const big = photoLike(SIZE * 10, SIZE * Math.ceil(FILES / 10));
  for (const format of ['jpeg', 'png']) mkdirSync(join(work, format), { recursive: true });
  for (let i = 0; i < FILES; i++) {
    // Tile i of the large photo-like image: every file differs.
    const rgb = new Uint8Array(SIZE * SIZE * 3);
    const rgba = new Uint8Array(SIZE * SIZE * 4);
    const x0 = (i % 10) * SIZE;
    const y0 = Math.floor(i / 10) * SIZE;
    for (let y = 0; y < SIZE; y++) {
      rgb.set(big.subarray(((y0 + y) * SIZE * 10 + x0) * 3, ((y0 + y) * SIZE * 10 + x0 + SIZE) * 3), y * SIZE * 3);
    }
    for (let p = 0; p < SIZE * SIZE; p++) {
      rgba[p * 4] = rgb[p * 3];
      rgba[p * 4 + 1] = rgb[p * 3 + 1];
      rgba[p * 4 + 2] = rgb[p * 3 + 2];
      rgba[p * 4 + 3] = 255;
    }
    const name = `img-${String(i).padStart(4, '0')}`;
    writeFileSync(join(work, 'jpeg', `${name}.jpg`), jpegJs.encode({ width: SIZE, height: SIZE, data: rgba }, 90).data);
    const png = new PNG({ width: SIZE, height: SIZE, colorType: 2, inputColorType: 2, inputHasAlpha: false });
    png.data = Buffer.from(rgb.buffer);
    writeFileSync(join(work, 'png', `${name}.png`), PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false }));
  }
  for (const format of ['jpeg', 'png']) {
    run(['encode', join(work, format), '--jsonl', '--encoding', 'raw', '--jobs', '1', '-q', '-o', sets[format]]);
  }
  return { work, sets };
}

export function runJpegLines() {
  if (!existsSync(cli)) return { error: 'dist/cli.js is missing: run `npm run build` first' };
  const { work, sets } = prepare();
  const times = { jpeg: [], png: [] };
  for (let rep = 0; rep < REPS; rep++) {
    for (const format of rep % 2 === 0 ? ['jpeg', 'png'] : ['png', 'jpeg']) {
      const out = join(work, `out-${format}`);
      rmSync(out, { recursive: true, force: true });
      times[format].push(run(['decode', sets[format], '-o', out, '--jobs', '1', '-q']));
      const written = readdirSync(out).length;
      if (written !== FILES) throw new Error(`decode of ${format} lines wrote ${written} files, not ${FILES}`);
    }
  }
  const jpegMs = median(times.jpeg);
  const pngMs = median(times.png);
  return { files: FILES, size: SIZE, reps: REPS, jpegMs, pngMs, ratio: jpegMs / pngMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = runJpegLines();
  if (r.error) {
    console.error(r.error);
    process.exit(1);
  }
  console.log(
    `${r.files} lines of ${r.size}×${r.size} → files, 1 worker, median of ${r.reps}: ` +
      `.jpg ${r.jpegMs.toFixed(0)} ms, .png ${r.pngMs.toFixed(0)} ms, ratio ${r.ratio.toFixed(2)}× (target ≤ ${JPEG_LINES_TARGET}×)`,
  );
}
