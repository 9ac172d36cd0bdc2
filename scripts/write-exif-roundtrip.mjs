#!/usr/bin/env node
// Writes PNG, JPEG and WebP files with pixtext's public API (an envelope with `orientation` N, then textToFile) for an
// outside check by Pillow:
//
//   node scripts/write-exif-roundtrip.mjs tests/fixtures/exif/written
//   /usr/bin/python3 scripts/check-exif-roundtrip.py tests/fixtures/exif/written
//
// The files are committed; tests/api/orientation.test.ts writes them again and compares byte for byte, so Pillow's
// verdict (pillow.json) is about what pixtext writes today. Deterministic: the same files every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/write-exif-roundtrip.mjs OUT_DIR');
  process.exit(2);
}
const bundle = await build({ entryPoints: [join(ROOT, 'src/index.ts')], bundle: true, format: 'esm', platform: 'neutral', write: false });
const pixtext = await import('data:text/javascript;base64,' + Buffer.from(bundle.outputFiles[0].text).toString('base64'));
const { exifRoundTripFiles } = await import('../tests/fixtures/exif/written/files.mjs');
mkdirSync(out, { recursive: true });
for (const [name, bytes] of exifRoundTripFiles(pixtext)) writeFileSync(join(out, name), bytes);
console.log(`wrote ${exifRoundTripFiles(pixtext).length} files to ${out}`);
