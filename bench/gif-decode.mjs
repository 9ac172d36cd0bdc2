// GIF decode (and encode) throughput: our codec against omggif 1.0.10 on a deterministic GIF written by our encoder.
// Usage: node bench/gif-decode.mjs [width] [height] [repetitions]
// Bundles src/formats/gif with esbuild in memory, so it measures the TypeScript sources without a build.
// omggif decodes straight to RGBA; ours gives palette indices, so ours is timed both alone and with the palette
// expansion to RGBA that a caller needing RGBA would add. Every run's output is checked against omggif's.
import { build } from 'esbuild';
import omggif from 'omggif';
import { inlineConstants } from '../scripts/esbuild-speed.mjs';

const width = Number(process.argv[2] ?? 4000);
const height = Number(process.argv[3] ?? 3000);
const reps = Number(process.argv[4] ?? 7);
const mp = (width * height) / 1e6;

const bundle = await build({
  entryPoints: [new URL('../src/formats/gif/index.ts', import.meta.url).pathname],
  bundle: true,
  ...inlineConstants,
  write: false,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
});
const { gifCodec } = await import('data:text/javascript;base64,' + Buffer.from(bundle.outputFiles[0].text).toString('base64'));

/** A photo-like 256-colour image: smooth gradients quantised to a 6×6×6 cube plus grey, with a little noise. */
function photoLike() {
  const data = new Uint8Array(width * height);
  let seed = 12345;
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = (seed >>> 30) & 1;
      const r = Math.min(5, Math.floor((x * 6) / width) + noise);
      const g = Math.floor((y * 6) / height);
      const b = Math.floor(((x + y) * 3) / (width + height)) * 2;
      data[o] = r * 36 + g * 6 + b;
    }
  }
  const palette = new Uint8Array(256 * 4);
  for (let i = 0; i < 216; i++) palette.set([((i / 36) | 0) * 51, (((i / 6) | 0) % 6) * 51, (i % 6) * 51, 255], i * 4);
  for (let i = 216; i < 256; i++) palette.set([(i - 216) * 6, (i - 216) * 6, (i - 216) * 6, 255], i * 4);
  return { width, height, mode: 'P', data, palette };
}

const file = gifCodec.encode(photoLike());
const options = { maxPixels: Infinity };

function toRgba(image) {
  const out = new Uint8Array(image.data.length * 4);
  const lut = new Int32Array(256); // Int32: values of 2^31 and more would not stay small integers in V8
  const p = image.palette;
  for (let i = 0; i < 256; i++) lut[i] = i * 4 < p.length ? (p[i * 4] | (p[i * 4 + 1] << 8) | (p[i * 4 + 2] << 16) | (p[i * 4 + 3] << 24)) : i | (i << 8) | (i << 16) | (0xff << 24);
  const view = new Int32Array(out.buffer); // little-endian hosts: R in the low byte
  const data = image.data;
  const n = data.length;
  for (let i = 0; i < n; i++) view[i] = lut[data[i]];
  return out;
}

function omg() {
  const reader = new omggif.GifReader(file);
  const rgba = new Uint8Array(reader.width * reader.height * 4);
  reader.decodeAndBlitFrameRGBA(0, rgba);
  return rgba;
}

const reference = omg();
const candidates = {
  'pixtext decode (indices)': () => gifCodec.decode(file, options),
  'pixtext decode + RGBA': () => toRgba(gifCodec.decode(file, options)),
  'omggif decodeAndBlitFrameRGBA': omg,
};
const ours = toRgba(gifCodec.decode(file, options));
if (Buffer.compare(Buffer.from(ours), Buffer.from(reference)) !== 0) throw new Error('pixtext and omggif disagree');

const source = photoLike();
const omgPalette = Array.from({ length: 256 }, (_, i) => (source.palette[i * 4] << 16) | (source.palette[i * 4 + 1] << 8) | source.palette[i * 4 + 2]);
const omgOut = new Uint8Array(file.length * 2 + 65536);
candidates['pixtext encode'] = () => gifCodec.encode(source);
candidates['omggif GifWriter encode'] = () => {
  const writer = new omggif.GifWriter(omgOut, width, height, { palette: omgPalette });
  writer.addFrame(0, 0, width, height, source.data);
  return writer.end();
};
console.log(`omggif writes ${(candidates['omggif GifWriter encode']() / 1e6).toFixed(2)} MB for the same image`);

console.log(`GIF ${width}×${height} (${mp.toFixed(1)} MP), ${(file.length / 1e6).toFixed(2)} MB, ${reps} runs each, median:`);
for (const [name, run] of Object.entries(candidates)) {
  run(); // warm-up
  const times = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  console.log(`  ${name.padEnd(32)} ${median.toFixed(1).padStart(8)} ms  ${(mp / (median / 1000)).toFixed(1).padStart(7)} MP/s`);
}
