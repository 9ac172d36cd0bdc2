// Benchmark inputs: a deterministic 12-megapixel photo-like image and one real photo, with their PNG, BMP and JPEG
// files. Made once by the parent process (peers' own encoders, so no input favours pixtext) and cached on disk, so
// every child process only reads them.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
// Bump when an input changes, so stale caches are not reused.
export const cacheDir = join(tmpdir(), 'pixtext-bench-v1');

/** The synthetic image: 4000 × 3000 RGB, photo-like (smooth colour fields, vignette, texture, sensor-like noise). */
export const PHOTO = { id: 'photo12', width: 4000, height: 3000, label: 'synthetic photo 4000×3000 (12 MP)' };
/** The real photo: a 1280 × 2000 baseline JPEG from jpeg-js's test fixtures (copied under tests/fixtures/jpeg). */
export const REAL = {
  id: 'real',
  width: 1280,
  height: 2000,
  file: join(root, 'tests/fixtures/jpeg/jpeg-js/truecolor.jpg'),
  label: 'real photo 1280×2000 (2.56 MP, truecolor.jpg)',
};

/** A 64 × 64 RGB crop of the synthetic photo (made by the codec workload): the small-image case, where fixed per-call costs show. */
export const TINY = { id: 'tiny64', width: 64, height: 64, label: '64×64 crop of the synthetic photo' };

/**
 * Deterministic photo-like RGB pixels (xorshift32 noise, fixed seed). `variant` (an integer) moves the colour fields
 * and reseeds the noise, so many different images can be made; variant 0 is the benchmark photo.
 */
export function photoLike(width, height, variant = 0) {
  const data = new Uint8Array(width * height * 3);
  let seed = (0x9e3779b9 ^ Math.imul(variant, 0x85ebca6b)) >>> 0 || 1;
  const phase = variant * 0.7;
  for (let y = 0, o = 0; y < height; y++) {
    const v = y / height;
    const wobble = Math.sin(y / 11.1) * 3;
    for (let x = 0; x < width; x++, o += 3) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      const u = x / width;
      const vignette = 1 - 0.5 * ((u - 0.5) ** 2 + (v - 0.5) ** 2);
      const texture = 12 * Math.sin(x / 7.3 + wobble);
      const n = ((seed >>> 0) / 4294967296 - 0.5) * 10;
      const r = (120 + 90 * Math.sin(u * 3.1 + v * 1.7 + phase) + texture) * vignette + n;
      const g = (110 + 80 * Math.sin(u * 2.3 - v * 2.9 + 1 - phase * 1.3) + texture * 0.8) * vignette + n;
      const b = (100 + 70 * Math.cos(u * 1.3 + v * 3.7 + phase * 0.6) + texture * 0.6) * vignette + n;
      data[o] = r < 0 ? 0 : r > 255 ? 255 : r;
      data[o + 1] = g < 0 ? 0 : g > 255 ? 255 : g;
      data[o + 2] = b < 0 ? 0 : b > 255 ? 255 : b;
    }
  }
  return data;
}

/** Deterministic bytes for raw-pixel workloads (xorshift32 words: base64 and CRC do not care what they hold). */
export function pseudoRandomBytes(length, seed = 0x2545f491) {
  const out = new Uint8Array(length);
  const words = new Uint32Array(out.buffer, 0, length >>> 2);
  let s = seed;
  for (let i = 0; i < words.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    words[i] = s >>> 0;
  }
  return out;
}

export function rgbToRgba(rgb) {
  const rgba = new Uint8Array((rgb.length / 3) * 4);
  for (let i = 0, o = 0; i < rgb.length; i += 3, o += 4) {
    rgba[o] = rgb[i];
    rgba[o + 1] = rgb[i + 1];
    rgba[o + 2] = rgb[i + 2];
    rgba[o + 3] = 255;
  }
  return rgba;
}

/** bmp-js's pixel order: A, B, G, R per pixel. */
export function rgbToAbgr(rgb) {
  const abgr = new Uint8Array((rgb.length / 3) * 4);
  for (let i = 0, o = 0; i < rgb.length; i += 3, o += 4) {
    abgr[o] = 255;
    abgr[o + 1] = rgb[i + 2];
    abgr[o + 2] = rgb[i + 1];
    abgr[o + 3] = rgb[i];
  }
  return abgr;
}

function writeAtomic(path, bytes) {
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

export const inputPath = (name) => join(cacheDir, name);

/** Makes the cached input files if they are missing. Returns the image descriptions with their dimensions. */
export async function prepareInputs(log = () => {}) {
  mkdirSync(cacheDir, { recursive: true });
  const { PNG } = (await import('pngjs')).default;
  const bmp = (await import('bmp-js')).default;
  const jpeg = (await import('jpeg-js')).default;
  const images = [];
  for (const image of [PHOTO, REAL]) {
    const raw = inputPath(`${image.id}.rgb`);
    const { width, height } = image;
    if (!existsSync(raw)) {
      log(`making ${image.id} inputs`);
      let rgb;
      if (image.file !== undefined) {
        const decoded = jpeg.decode(readFileSync(image.file), { useTArray: true, formatAsRGBA: false });
        if (decoded.width !== width || decoded.height !== height) throw new Error(`${image.file} is not ${width}×${height}`);
        rgb = decoded.data;
      } else {
        rgb = photoLike(width, height);
      }
      writeAtomic(raw, rgb);
      const rgba = rgbToRgba(rgb);
      writeAtomic(
        inputPath(`${image.id}.png`),
        PNG.sync.write({ width, height, data: Buffer.from(rgb.buffer, rgb.byteOffset, rgb.length) }, { colorType: 2, inputColorType: 2, inputHasAlpha: false }),
      );
      writeAtomic(inputPath(`${image.id}.bmp`), bmp.encode({ width, height, data: Buffer.from(rgbToAbgr(rgb)) }).data);
      writeAtomic(inputPath(`${image.id}.jpg`), image.file !== undefined ? readFileSync(image.file) : jpeg.encode({ width, height, data: rgba }, 90).data);
    }
  }
  // WebP of the synthetic photo, lossy (quality 90) and lossless, written by sharp (libwebp).
  if (!existsSync(inputPath(`${PHOTO.id}.q90.webp`)) || !existsSync(inputPath(`${PHOTO.id}.lossless.webp`))) {
    log('making the WebP inputs');
    const sharp = (await import('sharp')).default;
    const { width, height } = PHOTO;
    const rgb = readFileSync(inputPath(`${PHOTO.id}.rgb`));
    const raw = { raw: { width, height, channels: 3 } };
    writeAtomic(inputPath(`${PHOTO.id}.q90.webp`), await sharp(rgb, raw).webp({ quality: 90 }).toBuffer());
    writeAtomic(inputPath(`${PHOTO.id}.lossless.webp`), await sharp(rgb, raw).webp({ lossless: true }).toBuffer());
  }
  // GIF of the synthetic photo, written by sharp (libimagequant's 256 colours, dithered, through cgif).
  if (!existsSync(inputPath(`${PHOTO.id}.gif`))) {
    log('making the GIF input');
    const sharp = (await import('sharp')).default;
    const { width, height } = PHOTO;
    const rgb = readFileSync(inputPath(`${PHOTO.id}.rgb`));
    writeAtomic(inputPath(`${PHOTO.id}.gif`), await sharp(rgb, { raw: { width, height, channels: 3 } }).gif().toBuffer());
  }
  return [PHOTO, REAL];
}

/** Reads a cached input: `.rgb` as a RawImage, anything else as bytes. */
export function readInput(image, ext) {
  const bytes = new Uint8Array(readFileSync(inputPath(`${image.id}.${ext}`)));
  return ext === 'rgb' ? { width: image.width, height: image.height, mode: 'RGB', data: bytes } : bytes;
}
