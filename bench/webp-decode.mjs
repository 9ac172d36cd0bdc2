// WebP decode: our codec against image-in-browser's WebP decoder (pure TypeScript) and sharp (libvips + libwebp,
// native), on a lossy and a lossless WebP of the 12 MP synthetic photo (bench/lib/inputs.mjs photoLike), both
// written by sharp (so no input favours pixtext) and cached with the other bench inputs.
// Usage: node bench/webp-decode.mjs [repetitions]
// Bundles src/formats/webp with esbuild in memory, so it measures the TypeScript sources without a build. Times are
// CPU time of this process (user + system, process.cpuUsage), median of the runs; ratios are within this run.
// The lossless outputs are checked to be identical across the three decoders; for the lossy file the largest
// channel difference to sharp's output is reported (sharp's libwebp version may differ from Pillow's 1.2.4).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { inlineConstants } from '../scripts/esbuild-speed.mjs';
import { cacheDir, inputPath, photoLike, PHOTO } from './lib/inputs.mjs';
import { mkdirSync } from 'node:fs';

const reps = Number(process.argv[2] ?? 5);
const { width, height } = PHOTO;
const mp = (width * height) / 1e6;

const bundle = await build({
  entryPoints: [new URL('../src/formats/webp/index.ts', import.meta.url).pathname],
  bundle: true,
  ...inlineConstants,
  write: false,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
});
const { webpCodec } = await import('data:text/javascript;base64,' + Buffer.from(bundle.outputFiles[0].text).toString('base64'));
const sharp = (await import('sharp')).default;
const { decodeWebP } = await import('image-in-browser');

/** The lossy (quality 90) and lossless WebP of the synthetic photo, made once by sharp and cached. */
async function inputs() {
  mkdirSync(cacheDir, { recursive: true });
  const files = { lossy: inputPath(`${PHOTO.id}.q90.webp`), lossless: inputPath(`${PHOTO.id}.lossless.webp`) };
  if (!existsSync(files.lossy) || !existsSync(files.lossless)) {
    const rgb = photoLike(width, height);
    const raw = { raw: { width, height, channels: 3 } };
    writeFileSync(files.lossy, await sharp(Buffer.from(rgb.buffer), raw).webp({ quality: 90 }).toBuffer());
    writeFileSync(files.lossless, await sharp(Buffer.from(rgb.buffer), raw).webp({ lossless: true }).toBuffer());
  }
  return { lossy: new Uint8Array(readFileSync(files.lossy)), lossless: new Uint8Array(readFileSync(files.lossless)) };
}

const options = { maxPixels: Infinity };
const cpuMs = (start) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

async function time(run) {
  await run(); // warm-up
  const times = [];
  for (let i = 0; i < reps; i++) {
    const start = process.cpuUsage();
    await run();
    times.push(cpuMs(start));
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/** RGB bytes of each decoder's output, to compare them. */
const rgbOf = (rgba, channels) => {
  if (channels === 3) return rgba;
  const out = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    out[o] = rgba[i];
    out[o + 1] = rgba[i + 1];
    out[o + 2] = rgba[i + 2];
  }
  return out;
};

const files = await inputs();
for (const [kind, bytes] of Object.entries(files)) {
  const candidates = {
    pixtext: () => webpCodec.decode(bytes, options).data,
    'image-in-browser': () => decodeWebP({ data: bytes }).getBytes(),
    'sharp (native, libvips)': () => sharp(bytes, { limitInputPixels: false }).raw().toBuffer(),
  };
  const ours = candidates.pixtext();
  const theirs = rgbOf(new Uint8Array(candidates['image-in-browser']()), 4);
  const native = new Uint8Array(await candidates['sharp (native, libvips)']());
  let maxDiffSharp = 0;
  let maxDiffIib = 0;
  for (let i = 0; i < ours.length; i++) {
    maxDiffSharp = Math.max(maxDiffSharp, Math.abs(ours[i] - native[i]));
    maxDiffIib = Math.max(maxDiffIib, Math.abs(ours[i] - theirs[i]));
  }
  if (kind === 'lossless' && (maxDiffSharp !== 0 || maxDiffIib !== 0)) throw new Error('lossless outputs disagree');
  console.log(
    `WebP ${kind} ${width}×${height} (${mp.toFixed(1)} MP), ${(bytes.length / 1e6).toFixed(2)} MB, ${reps} runs each, median CPU time` +
      ` (largest channel difference to sharp ${maxDiffSharp}, to image-in-browser ${maxDiffIib}):`,
  );
  const results = {};
  for (const [name, run] of Object.entries(candidates)) results[name] = await time(run);
  for (const [name, ms] of Object.entries(results)) {
    const ratio = results['image-in-browser'] / ms;
    console.log(`  ${name.padEnd(26)} ${ms.toFixed(0).padStart(7)} ms  ${(mp / (ms / 1000)).toFixed(1).padStart(6)} MP/s  ${ratio.toFixed(2)}× image-in-browser`);
  }
}
