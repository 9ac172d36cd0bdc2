// The seed inputs: small files from the fixture folders (PngSuite, the BMP Suite, the JPEG sets, the envelope and
// Pillow dump goldens) and the text forms built around them. Nothing here comes from the shared corpus directly.
import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { imageToText } from '../../src/api/default.js';
import type { TextSeed } from './form-mutators.js';
import type { Member } from './text-mutators.js';

/** Every seed, by reader. */
export interface Seeds {
  png: Uint8Array[];
  bmp: Uint8Array[];
  jpeg: Uint8Array[];
  /** WebP files of tests/fixtures/webp (Pillow's, the synthetic ones, ours) of at most 4 KB: for the webp reader only. */
  webp: Uint8Array[];
  envelope: TextSeed[];
  pil: TextSeed[];
  dataUrl: TextSeed[];
  base64: TextSeed[];
  gif: Uint8Array[];
  exifFiles: Uint8Array[];
  exifPayloads: Uint8Array[];
}

const MIME = { png: 'image/png', bmp: 'image/bmp', jpeg: 'image/jpeg' } as const;

function filesIn(dir: string, ext: RegExp, maxBytes: number): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) out.push(...filesIn(path, ext, maxBytes));
    else if (ext.test(name) && stat.size <= maxBytes) out.push(path);
  }
  return out;
}

const read = (path: string) => new Uint8Array(readFileSync(path));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** The top-level members of a JSON object text, each value as its JSON text (values re-serialised compactly). */
function membersOf(text: string): Member[] {
  return Object.entries(JSON.parse(text) as Record<string, unknown>).map(([k, v]) => [k, JSON.stringify(v)]);
}

/** A spread of `count` items across `items` (every n-th), so seeds cover the whole list. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

/**
 * Loads the seeds from `fixtures` (the tests/fixtures folder). Files are kept small so one decode costs well under a
 * millisecond: PngSuite, the BMP Suite's good, questionable and bad files, JPEG files of at most 8 KB.
 */
export function loadSeeds(fixtures: string): Seeds {
  const png = filesIn(join(fixtures, 'png/pngsuite'), /\.png$/, 8192).map(read);
  const bmp = ['g', 'q', 'b'].flatMap((d) => filesIn(join(fixtures, 'bmp/bmpsuite', d), /\.bmp$/, 40_000)).map(read);
  const jpeg = ['generated', 'jpeg-decoder', 'pillow', 'jpeg-js', 'jpeg-decoder-crash']
    .flatMap((d) => filesIn(join(fixtures, 'jpeg', d), /\.jpe?g$/, 8192))
    .map(read)
    .filter((b) => b[0] === 0xff && b[1] === 0xd8);
  const webp = ['pillow', 'synthetic', 'ours'].flatMap((d) => filesIn(join(fixtures, 'webp', d), /\.webp$/, 4096)).map(read);

  const files: Array<{ format: 'png' | 'bmp' | 'jpeg'; bytes: Uint8Array }> = [
    ...spread(png.filter((b) => b.length < 2000), 8).map((bytes) => ({ format: 'png' as const, bytes })),
    ...spread(bmp.filter((b) => b.length < 10_000), 8).map((bytes) => ({ format: 'bmp' as const, bytes })),
    ...spread(jpeg.filter((b) => b.length < 3000), 8).map((bytes) => ({ format: 'jpeg' as const, bytes })),
  ];

  const envelope: TextSeed[] = filesIn(join(fixtures, 'envelopes'), /\.json$/, 65536).map((path) => {
    const text = readFileSync(path, 'utf8').trim();
    const members = membersOf(text);
    const data = JSON.parse(text) as { data: string };
    return { form: 'envelope', text, members, payload: new Uint8Array(Buffer.from(data.data, 'base64')) };
  });
  for (const file of files) {
    let text: string;
    try {
      text = imageToText(file.bytes, { encoding: 'original' });
    } catch {
      continue; // a seed the library refuses is still a seed for the decoders, not for envelopes
    }
    envelope.push({ form: 'envelope', text, members: membersOf(text), payload: file.bytes, file });
  }

  const pil: TextSeed[] = ['from-pillow', 'writer'].flatMap((d) =>
    filesIn(join(fixtures, 'pil-dump', d), /\.json$/, 65536).flatMap((path): TextSeed[] => {
      const text = readFileSync(path, 'utf8').trim();
      const value = JSON.parse(text) as { img_info?: Record<string, unknown>; img_data?: string };
      if (value.img_info === undefined || value.img_data === undefined) return []; // a list of cases, not a dump
      return [{
        form: 'pil',
        text,
        members: membersOf(text),
        info: Object.entries(value.img_info).map(([k, v]): Member => [k, JSON.stringify(v)]),
        payload: new Uint8Array(Buffer.from(value.img_data, 'base64')),
      }];
    }),
  );

  const dataUrl: TextSeed[] = files.map((file) => ({ form: 'data-url', text: `data:${MIME[file.format]};base64,${b64(file.bytes)}`, file }));
  const base64: TextSeed[] = files.map((file, i) => {
    const text = b64(file.bytes);
    return { form: 'base64', text: i % 3 === 0 ? text.replace(/.{1,76}/g, '$&\n') : text, file };
  });
  const gif = filesIn(join(fixtures, 'gif'), /\.gif$/, 8192).map(read);
  const exifFiles = filesIn(join(fixtures, 'exif'), /\.(jpe?g|png|webp)$/, 40_000).map(read);
  const oracle = JSON.parse(readFileSync(join(fixtures, 'exif/oracle.json'), 'utf8')) as { payloads: Record<string, { hex: string }> };
  const exifPayloads = Object.values(oracle.payloads).map((p) => new Uint8Array(Buffer.from(p.hex, 'hex')));
  return { png, bmp, jpeg, webp, envelope, pil, dataUrl, base64, gif, exifFiles, exifPayloads };
}
