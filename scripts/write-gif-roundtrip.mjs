#!/usr/bin/env node
// Writes GIFs with pixtext's GIF encoder for an outside check by Pillow:
//
//   node scripts/write-gif-roundtrip.mjs OUT_DIR
//   /usr/bin/python3 scripts/check-gif-roundtrip.py OUT_DIR OUT_DIR/list.json
//
// OUT_DIR/list.json uses the list format of the shared corpus's roundtrip_check.py (file, width, height, mode,
// sha256_of_raw_rgba, raw_rgba), with the source pixels' RGBA computed here independently of the codec (a P index
// past its palette is grey, as RawImage and Pillow mean it). Seeded: the same files every run.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/write-gif-roundtrip.mjs OUT_DIR');
  process.exit(2);
}
const bundle = await build({
  entryPoints: [join(ROOT, 'src/formats/gif/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
});
const { encodeGif } = await import('data:text/javascript;base64,' + Buffer.from(bundle.outputFiles[0].text).toString('base64'));

let seed = 20261206;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed >>> 8;
};
const bytes = (n, limit = 256) => Uint8Array.from({ length: n }, () => random() % limit);
const stride1 = (w) => Math.ceil(w / 8);

function rgbaOf(image) {
  const { width, height, mode, data, palette } = image;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      let px;
      if (mode === '1') {
        const v = ((data[y * stride1(width) + (x >> 3)] >> (7 - (x & 7))) & 1) * 255;
        px = [v, v, v, 255];
      } else {
        const v = data[i];
        px = mode === 'P' && palette && v * 4 < palette.length ? Array.from(palette.subarray(v * 4, v * 4 + 4)) : [v, v, v, 255];
      }
      rgba.set(px, i * 4);
    }
  }
  return rgba;
}

function paletteOf(entries, transparent) {
  const p = bytes(entries * 4);
  for (let i = 0; i < entries; i++) p[i * 4 + 3] = i === transparent ? 0 : 255;
  return p;
}

const images = {
  'one_1x1.gif': { width: 1, height: 1, mode: '1', data: Uint8Array.of(0x80) },
  'one_37x23.gif': { width: 37, height: 23, mode: '1', data: bytes(stride1(37) * 23) },
  'l_1x1.gif': { width: 1, height: 1, mode: 'L', data: Uint8Array.of(200) },
  'l_noise_64x48.gif': { width: 64, height: 48, mode: 'L', data: bytes(64 * 48) },
  'l_four_levels_33x17.gif': { width: 33, height: 17, mode: 'L', data: bytes(33 * 17, 4) },
  'l_gradient_256x64.gif': { width: 256, height: 64, mode: 'L', data: Uint8Array.from({ length: 256 * 64 }, (_, i) => i & 255) },
  'p_2_colours_50x30.gif': { width: 50, height: 30, mode: 'P', data: bytes(50 * 30, 2), palette: paletteOf(2) },
  'p_5_colours_transparent_40x40.gif': { width: 40, height: 40, mode: 'P', data: bytes(1600, 5), palette: paletteOf(5, 3) },
  'p_indices_past_palette_20x20.gif': { width: 20, height: 20, mode: 'P', data: bytes(400, 12), palette: paletteOf(9) },
  'p_256_noise_300x200.gif': { width: 300, height: 200, mode: 'P', data: bytes(60000), palette: paletteOf(256) },
  'p_256_transparent_0_97x61.gif': { width: 97, height: 61, mode: 'P', data: bytes(97 * 61), palette: paletteOf(256, 0) },
  'p_grey_ramp_4_9x9.gif': { width: 9, height: 9, mode: 'P', data: bytes(81, 4), palette: Uint8Array.from({ length: 16 }, (_, i) => (i % 4 === 3 ? 255 : i >> 2)) },
  'p_no_palette_16x16.gif': { width: 16, height: 16, mode: 'P', data: bytes(256) },
  'p_runs_512x512.gif': { width: 512, height: 512, mode: 'P', data: Uint8Array.from({ length: 512 * 512 }, (_, i) => ((i >> 5) ^ (i >> 14)) & 15), palette: paletteOf(16) },
};

mkdirSync(out, { recursive: true });
const list = [];
for (const [file, image] of Object.entries(images)) {
  writeFileSync(join(out, file), encodeGif(image));
  const rgba = rgbaOf(image);
  writeFileSync(join(out, file + '.rgba'), rgba);
  list.push({
    file,
    format: 'gif',
    width: image.width,
    height: image.height,
    mode: image.mode,
    sha256_of_raw_rgba: createHash('sha256').update(rgba).digest('hex'),
    raw_rgba: file + '.rgba',
  });
}
writeFileSync(join(out, 'list.json'), JSON.stringify(list, null, 1) + '\n');
console.log(`wrote ${list.length} GIFs and list.json to ${out}`);
