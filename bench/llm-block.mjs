// The whole "phone JPEG → Anthropic image block" path, end to end: a 12 MP JPEG (4000×3000, quality 90, EXIF
// orientation 6 as phones write it) becomes the text of an Anthropic image block with `preset: 'anthropic'` (EXIF
// orientation applied, Pillow's thumbnail() into 1568 × 1568 with the JPEG decoded at a DCT scale first, a JPEG
// written at quality 90, base64, the block's JSON), and the same with sharp doing the image work (rotate, resize
// into 1568 × 1568 with its default Lanczos, JPEG at quality 90) and Node's Buffer the base64.
// Usage: node bench/llm-block.mjs [repetitions]   (needs `npm run build`: it measures the built package)
// Reported: median wall and CPU time per conversion, the text length, the block's image size, and the ratio.
import { cpuUsage } from 'node:process';
import sharp from 'sharp';
import { photoLike } from './lib/inputs.mjs';
import { root } from './lib/inputs.mjs';

const reps = Number(process.argv[2] ?? 5);
const { encode, imageToTextWithReport, inspect } = await import(`${root}/dist/index.node.js`);

// The input: our JPEG encoder writes the photo, and our PNG-JPEG EXIF writer adds orientation 6, as a phone would.
const width = 4000;
const height = 3000;
const plain = encode({ width, height, mode: 'RGB', data: photoLike(width, height), orientation: 6 }, 'jpeg', { quality: 90 });

function pixtextBlock() {
  const { text, report } = imageToTextWithReport(plain, { preset: 'anthropic' });
  return { text, size: `${report.width}×${report.height}` };
}

async function sharpBlock() {
  const out = await sharp(plain).rotate().resize(1568, 1568, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 90 }).toBuffer({ resolveWithObject: true });
  const text = JSON.stringify({ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: out.data.toString('base64') } });
  return { text, size: `${out.info.width}×${out.info.height}` };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
async function measure(name, run) {
  await run();
  const wall = [];
  const cpu = [];
  let last;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const c0 = cpuUsage();
    last = await run();
    const c = cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { name, wall: median(wall), cpu: median(cpu), length: last.text.length, size: last.size };
}

const results = [await measure('pixtext (preset anthropic)', pixtextBlock), await measure('sharp + Buffer base64', sharpBlock)];
const check = inspect(pixtextBlock().text);
console.log(`phone JPEG ${width}×${height} (EXIF orientation 6, ${(plain.length / 2 ** 20).toFixed(2)} MiB) → Anthropic image block, median of ${reps}, Node ${process.version}`);
for (const r of results) {
  console.log(`${r.name.padEnd(28)} ${r.wall.toFixed(0).padStart(6)} ms wall ${r.cpu.toFixed(0).padStart(6)} ms CPU   block image ${r.size}, text ${(r.length / 1e6).toFixed(2)} M characters`);
}
console.log(`pixtext block: ${check.form}, ${check.width}×${check.height} ${check.mode} ${check.encoding}, no orientation left: ${check.orientation === undefined}`);
console.log(`sharp (native) is ${(results[0].cpu / results[1].cpu).toFixed(2)}× faster in CPU time, ${(results[0].wall / results[1].wall).toFixed(2)}× in wall time`);
