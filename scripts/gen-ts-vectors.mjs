// Writes spec/vectors/from-typescript: envelopes written by this library (the built package, `npm run build` first)
// that carry PNG, BMP, JPEG, GIF, WebP (lossless) and npy files, for the Python companion to read through Pillow and
// NumPy (python/test_pixtext.py). The pixels are those of the Python-written raw vectors, whose sha256 NumPy computed;
// each entry keeps that hash, so what Python decodes is checked against NumPy's numbers, not against this library.
//
//   npm run build && node scripts/gen-ts-vectors.mjs
//
// Run once; its outputs are committed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { imageToText, textToImage } from '../dist/index.node.js';

const root = new URL('../spec/vectors/', import.meta.url);
const out = new URL('from-typescript/', root);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', root), 'utf8'));
const byName = new Map(manifest.vectors.map((v) => [v.name, v]));

// Source vector, encoding, and for JPEG the note that its pixels are lossy (the hash is then of what this library
// decoded; Python compares with Pillow's decode of the same file, which must agree).
const PLAN = [
  ['raw-1', 'png'], ['raw-L', 'png'], ['raw-LA', 'png'], ['raw-P', 'png'], ['raw-RGB', 'png'], ['raw-RGBA', 'png'],
  ['raw-BGR', 'png'], ['raw-BGRA', 'png'], ['raw-L16', 'png'],
  ['raw-1', 'bmp'], ['raw-L', 'bmp'], ['raw-RGB', 'bmp'], ['raw-BGR', 'bmp'],
  ['raw-L', 'npy'], ['raw-RGBA16', 'npy'], ['raw-BGR', 'npy'],
  ['raw-RGB', 'jpeg'], ['raw-L', 'jpeg'],
  ['raw-1', 'gif'], ['raw-L', 'gif'], ['raw-P-rgb-palette', 'gif'],
  ['raw-L', 'webp'], ['raw-RGB', 'webp'], ['raw-RGBA', 'webp'],
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const entries = [];
for (const [source, encoding] of PLAN) {
  const vector = byName.get(source);
  const image = textToImage(readFileSync(new URL(vector.file, root), 'utf8'));
  const text = imageToText(image, { encoding });
  const name = `${encoding}-${vector.mode}`;
  writeFileSync(new URL(`${name}.json`, out), text);
  const lossy = encoding === 'jpeg';
  const decoded = textToImage(text);
  entries.push({
    name,
    file: `${name}.json`,
    from: source,
    mode: vector.mode,
    width: vector.width,
    height: vector.height,
    encoding,
    sha256: lossy ? createHash('sha256').update(decoded.data).digest('hex') : vector.sha256,
    lossy,
  });
}
writeFileSync(new URL('manifest.json', out), JSON.stringify({ generator: 'scripts/gen-ts-vectors.mjs', vectors: entries }, null, 1) + '\n');
console.log(`${entries.length} vectors written`);
