#!/usr/bin/env node
// Writes GIFs with pixtext's GIF encoder for an outside check by Pillow:
//
//   node scripts/write-gif-roundtrip.mjs tests/fixtures/gif/ours
//   /usr/bin/python3 scripts/check-gif-roundtrip.py tests/fixtures/gif/ours tests/fixtures/gif/ours/list.json
//
// OUT_DIR/list.json uses the list format of the shared corpus's roundtrip_check.py (file, width, height, mode,
// sha256_of_raw_rgba), with the source pixels' RGBA computed independently of the codec (rgbaOf). The images come
// from tests/fixtures/gif/ours/images.mjs (seeded: the same files every run); the files, the list and Pillow's
// verdict (pillow.json) are committed, and tests/formats/gif/gif.encode.test.ts writes them again and compares.
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

const { gifRoundTripImages, rgbaOf } = await import('../tests/fixtures/gif/ours/images.mjs');
const images = gifRoundTripImages();

mkdirSync(out, { recursive: true });
const list = [];
for (const [file, image] of Object.entries(images)) {
  writeFileSync(join(out, file), encodeGif(image));
  const rgba = rgbaOf(image);
  list.push({
    file,
    format: 'gif',
    width: image.width,
    height: image.height,
    mode: image.mode,
    sha256_of_raw_rgba: createHash('sha256').update(rgba).digest('hex'),
  });
}
writeFileSync(join(out, 'list.json'), JSON.stringify(list, null, 1) + '\n');
console.log(`wrote ${list.length} GIFs and list.json to ${out}`);
