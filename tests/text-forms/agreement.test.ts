// Every reader of a text gives the same answer for it: textToImage of the Node build and of the portable build,
// inspect, textToRawImage, textToImageStream from strings (whole or in pieces) and from UTF-8 bytes, and the
// function the command line's `verify` runs on a file's bytes. Texts are mutated envelopes, Pillow dumps, data URLs
// and bare base64 (byte flips, control characters, repeated keys, byte order marks, truncation, key reorder,
// escapes, whitespace). Both builds are bundled here with esbuild (as scripts/fuzz.mjs does), so each vitest project
// compares the two.
//
// The rules checked, for each text:
// - textToImage: both builds give the same image (or the same error code); verify on the text's UTF-8 bytes too.
// - inspect: both builds agree. When inspect refuses a text, textToImage refuses it with the same code; when
//   textToImage reads it, inspect reports its size and mode. inspect does not decode the payload, so a text whose
//   payload is bad (base64, length, CRC, the stored file) may be inspected and still be refused by textToImage, but
//   never for what inspect reads too (JSON, form, version).
// - textToRawImage: textToImage's answer for a raw envelope; ERR_UNSUPPORTED for an envelope holding a file;
//   ERR_UNRECOGNIZED_TEXT for another form.
// - textToImageStream (strings, pieces, bytes): textToRawImage's answer.
import { build } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64, crcHex, ihdr, pngWith } from '../support/bytes.js';
// @ts-expect-error plain ESM helper without type declarations
import { esbuildNodeTwins } from '../../scripts/node-twins.mjs';
import type * as Entry from './agreement-entry.js';

type Readers = typeof Entry;
type Outcome = { code: string } | { width: number; height: number; mode: string; digest?: string };

const RUNS = 10_000; // per vitest project: 20,000 per `npm test`

async function bundle(twins: boolean): Promise<Readers> {
  const out = await build({
    entryPoints: [new URL('./agreement-entry.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    plugins: twins ? [esbuildNodeTwins()] : [],
    logLevel: 'error',
  });
  const code = out.outputFiles[0]!.text;
  return (await import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Readers;
}

const digest = (data: Uint8Array, palette?: Uint8Array): string => `${base64(data)}|${palette === undefined ? '-' : base64(palette)}`;

function outcome(run: () => { width: number; height: number; mode: string; data?: Uint8Array; palette?: Uint8Array }): Outcome {
  try {
    const r = run();
    return { width: r.width, height: r.height, mode: r.mode, ...(r.data === undefined ? {} : { digest: digest(r.data, r.palette) }) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof Error && error.name === 'PixtextError' && typeof code === 'string') return { code };
    throw error;
  }
}

async function outcomeAsync(run: () => Promise<{ width: number; height: number; mode: string; data: Uint8Array; palette?: Uint8Array }>): Promise<Outcome> {
  try {
    const r = await run();
    return { width: r.width, height: r.height, mode: r.mode, digest: digest(r.data, r.palette) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof Error && error.name === 'PixtextError' && typeof code === 'string') return { code };
    throw error;
  }
}

const headerOf = (o: Outcome) => ('code' in o ? o : { width: o.width, height: o.height, mode: o.mode });

async function* pieces<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

function cutAt<T extends string | Uint8Array>(whole: T, cuts: number[]): T[] {
  const out: T[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= at || cut >= whole.length) continue;
    out.push(whole.slice(at, cut) as T);
    at = cut;
  }
  out.push(whole.slice(at) as T);
  return out;
}

// ---------------------------------------------------------------------------------------------- the base texts
const envelope = (fields: Record<string, unknown>, data: Uint8Array): string =>
  JSON.stringify({ pixtext: 1, ...fields, byteLength: data.length, crc32: crcHex(data), data: base64(data) });

const rgbPng = pngWith(ihdr(2, 1, 8, 2), Uint8Array.from([0, 255, 0, 0, 0, 0, 255]));
const greyPng = pngWith(ihdr(1, 2, 8, 0), Uint8Array.from([0, 7, 0, 200]));

const BASES: string[] = [
  envelope({ width: 2, height: 1, mode: 'RGB', encoding: 'raw' }, Uint8Array.from([255, 0, 0, 0, 255, 0])),
  envelope(
    { width: 2, height: 2, mode: 'P', encoding: 'raw', palette: base64(Uint8Array.from([0, 0, 0, 255, 9, 8, 7, 255])) },
    Uint8Array.from([0, 1, 1, 0]),
  ),
  envelope({ width: 3, height: 1, mode: 'L', encoding: 'raw', metadata: { data: 'x', a: [1, { b: 'c/d' }] } }, Uint8Array.from([1, 2, 3])),
  envelope({ width: 1, height: 1, mode: 'LA16', encoding: 'raw', source: 'png' }, Uint8Array.from([1, 2, 3, 4])),
  envelope({ width: 2, height: 1, mode: 'RGB', encoding: 'png' }, rgbPng),
  envelope({ width: 1, height: 2, mode: 'L', encoding: 'png' }, greyPng),
  `{"img_info": {"format": "PNG", "size": [2, 1], "mode": "RGB"}, "img_data": "${base64(Uint8Array.from([1, 2, 3, 4, 5, 6]))}"}`,
  `{"img_info": {"format": null, "size": [2, 1], "mode": "P", "palette": "${base64(Uint8Array.from([1, 2, 3, 255, 4, 5, 6, 255]))}"}, "img_data": "AAE="}`,
  `{"img_info": {"format": null, "size": [1, 1], "mode": "I;16"}, "img_data": "AQI="}`,
  `data:image/png;base64,${base64(rgbPng)}`,
  `data:image/png,${[...greyPng].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`,
  base64(greyPng),
];

// ---------------------------------------------------------------------------------------------- the mutations
const SPECIAL = ['"', '\\', '{', '}', '[', ']', ',', ':', '/', '=', '+', '-', '_', '0', '9', 'A', 'z', '%', '#', ';', '\u00e9', '\u2028', '\ud800', '\ufeff'];
const anyChar = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
);
const REPEATS = ['"data":"AAAA"', '"data":"!!"', '"data":"/wAAAP8A"', '"pixtext":1', '"pixtext":2', '"width":2', '"mode":"L"', '"img_data":"AAAA"', '"img_info":{"size":[1,1],"mode":"L"}', '"crc32":"00000000"'];

type Mutation = (text: string) => string;
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const at = (text: string, p: number): number => Math.floor(p * (text.length + 1));

function reorder(text: string, seed: number): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return text;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = (seed >>> 0) % (i + 1);
    seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
}

function escapeAt(text: string, i: number, style: number): string {
  const c = text[i];
  if (c === undefined) return text;
  const escaped = style === 0 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : style === 1 && c === '/' ? '\\/' : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return text.slice(0, i) + escaped + text.slice(i + 1);
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(position, anyChar).map(([p, c]): Mutation => (t) => t.slice(0, at(t, p)) + c + t.slice(at(t, p) + 1)),
  fc.tuple(position, anyChar).map(([p, c]): Mutation => (t) => t.slice(0, at(t, p)) + c + t.slice(at(t, p))),
  fc.tuple(position, fc.integer({ min: 0, max: 0x1f })).map(([p, c]): Mutation => (t) => t.slice(0, at(t, p)) + String.fromCharCode(c) + t.slice(at(t, p))),
  fc.tuple(fc.constantFrom(...REPEATS), fc.boolean()).map(([member, first]): Mutation => (t) => {
    const open = t.indexOf('{');
    const close = t.lastIndexOf('}');
    if (open < 0 || close < 0) return t;
    return first ? `${t.slice(0, open + 1)}${member},${t.slice(open + 1)}` : `${t.slice(0, close)},${member}${t.slice(close)}`;
  }),
  fc.constantFrom<Mutation>((t) => `\ufeff${t}`, (t) => `\ufeff\ufeff${t}`, (t) => ` \ufeff${t}`, (t) => `${t}\n`, (t) => `\n ${t} \r\n`),
  position.map((p): Mutation => (t) => t.slice(0, at(t, p))),
  position.map((p): Mutation => (t) => t.slice(0, at(t, p)) + t.slice(at(t, p) + 1)),
  fc.integer().map((seed): Mutation => (t) => reorder(t, seed)),
  fc.tuple(position, fc.nat(2)).map(([p, s]): Mutation => (t) => escapeAt(t, Math.min(at(t, p), t.length - 1), s)),
  fc.tuple(position, fc.constantFrom(' ', '\n', '\t', '\r', '\f', '\r\n')).map(([p, w]): Mutation => (t) => t.slice(0, at(t, p)) + w + t.slice(at(t, p))),
);

const textCase = fc.record({
  base: fc.nat(BASES.length - 1),
  mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
  cuts: fc.array(fc.nat(400), { maxLength: 4 }),
});

// ------------------------------------------------------------------------------------------------- the checks
const utf8 = new TextEncoder();
// A text read from bytes is its UTF-8 decoding, a byte order mark kept as U+FEFF for the text rules to handle.
const fromBytes = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
// What inspect reads too: a text textToImage refuses with one of these codes is refused by inspect with it.
const READ_BY_INSPECT = ['ERR_NOT_JSON', 'ERR_UNRECOGNIZED_TEXT', 'ERR_ENVELOPE_VERSION', 'ERR_DATA_URL', 'ERR_INVALID_ARGUMENT'];

let node: Readers;
let portable: Readers;

beforeAll(async () => {
  [node, portable] = await Promise.all([bundle(true), bundle(false)]);
});

async function checkText(text: string, cuts: number[]): Promise<void> {
  const image = outcome(() => node.textToImage(text));
  expect(outcome(() => portable.textToImage(text)), 'portable textToImage').toEqual(image);

  const bytes = utf8.encode(text);
  const decoded = fromBytes(bytes);
  const imageOfBytes = decoded === text ? image : outcome(() => node.textToImage(decoded));
  for (const build of [node, portable]) {
    expect(outcome(() => build.verifyText(build.bytesToText(Buffer.from(bytes)))), 'verify').toEqual(imageOfBytes);
  }

  const info = outcome(() => node.inspect(text));
  expect(outcome(() => portable.inspect(text)), 'portable inspect').toEqual(info);
  if ('code' in info) expect(image, 'textToImage of a text inspect refuses').toEqual(info);
  else if (!('code' in image)) expect(info, 'inspect of a text textToImage reads').toEqual(headerOf(image));
  else expect(READ_BY_INSPECT, `inspect accepts a text textToImage refuses with ${image.code}`).not.toContain(image.code);

  // textToRawImage: textToImage's answer for a raw envelope (the form found by the one recognition ladder).
  let form: string | undefined;
  try {
    form = node.formOf(text);
  } catch {
    form = undefined; // no form: the same refusal from every reader
  }
  const raw = outcome(() => node.textToRawImage(text));
  expect(outcome(() => portable.textToRawImage(text)), 'portable textToRawImage').toEqual(raw);
  if (form === undefined) expect(raw, 'textToRawImage').toEqual(image);
  else if (form !== 'envelope') expect(raw, 'textToRawImage of another form').toEqual({ code: 'ERR_UNRECOGNIZED_TEXT' });
  else if ('code' in info || (node.inspect(text) as { encoding: string }).encoding === 'raw') expect(raw, 'textToRawImage').toEqual(image);
  else expect(raw, 'textToRawImage of a file envelope').toEqual({ code: 'ERR_UNSUPPORTED' });

  // The stream reader: textToRawImage's answer, however the text is cut.
  const rawOfBytes = decoded === text ? raw : outcome(() => node.textToRawImage(decoded));
  for (const build of [node, portable]) {
    expect(await outcomeAsync(() => build.textToImageStream(pieces([text]))), 'stream of one string').toEqual(raw);
    expect(await outcomeAsync(() => build.textToImageStream(pieces(cutAt(text, cuts)))), 'stream of strings').toEqual(raw);
    expect(await outcomeAsync(() => build.textToImageStream(pieces(cutAt(bytes, cuts)))), 'stream of bytes').toEqual(rawOfBytes);
  }
}

describe('every reader gives the same answer for a text', () => {
  it('on the unmutated texts (all read)', async () => {
    for (const text of BASES) {
      expect('code' in outcome(() => node.textToImage(text)), text).toBe(false);
      await checkText(text, [1, 17, 40]);
    }
  });

  it('on mutated envelopes, Pillow dumps, data URLs and bare base64', async () => {
    await fc.assert(
      fc.asyncProperty(textCase, async ({ base, mutations, cuts }) => {
        const text = mutations.reduce((t, m) => m(t), BASES[base]!);
        await checkText(text, cuts);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it.each([
    ['a raw control character in data', `{"pixtext":1,"width":1,"height":1,"mode":"L","encoding":"raw","byteLength":1,"crc32":"a505df1b","data":"AA\u0001=="}`],
    ['a raw control character in a key', `{"pixtext":1,"width\u0007":1,"height":1,"mode":"L","encoding":"raw","byteLength":1,"crc32":"a505df1b","data":"AA=="}`],
    ['a repeated data key, the first bad', `{"pixtext":1,"width":1,"height":1,"mode":"L","encoding":"raw","byteLength":1,"crc32":"d202ef8d","data":"!!","data":"AA=="}`],
    ['a repeated data key, the last bad', `{"pixtext":1,"width":1,"height":1,"mode":"L","encoding":"raw","byteLength":1,"crc32":"d202ef8d","data":"AA==","data":"!!"}`],
    ['a leading byte order mark', `\ufeff{"pixtext":1,"width":1,"height":1,"mode":"L","encoding":"raw","byteLength":1,"crc32":"d202ef8d","data":"AA=="}`],
    ['two leading byte order marks', `\ufeff\ufeff{"pixtext":1,"width":1,"height":1,"mode":"L","encoding":"raw","byteLength":1,"crc32":"d202ef8d","data":"AA=="}`],
    ['a data URL', 'data:image/png;base64,AAAA'],
    ['an empty text', ''],
  ])('%s', async (_, text) => {
    await checkText(text, [3, 30]);
  });
});
