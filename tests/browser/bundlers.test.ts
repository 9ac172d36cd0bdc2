// Issue 5: pixtext bundled by esbuild (platform 'browser') and by Vite (default config), from the packed tarball,
// with no polyfills or aliases, runs in a real Chromium and gives Node's results: the same envelope text, the same
// pixels, byte-identical BMP and JPEG encodes, PNG encodes that decode to the same pixels (the browser deflates
// with fflate, Node with zlib, so PNG bytes may differ). Base64 goes through Chromium's native Uint8Array methods,
// and through the portable codec when those are deleted before the bundle loads.
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PixtextError, decode, encode, imageToText, textToImage, toImageData } from '../../src/index.js';
import type { RawImage } from '../../src/index.js';
import { bundleWithEsbuild, bundleWithVite } from './support/bundlers.js';
import type { BundleResult } from './support/bundlers.js';
import { describeInChromium, launchChromium } from './support/chromium.js';
import { createConsumerProject } from './support/consumer.js';
import type { ConsumerProject } from './support/consumer.js';
import { serveStatic } from './support/static-server.js';
import type { StaticServer } from './support/static-server.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'browser');
const FIXTURE_NAMES = readdirSync(FIXTURES).filter((name) => /\.(png|bmp|jpg)$/.test(name)).sort();
const FORMATS = ['png', 'bmp', 'jpeg'] as const;

type Attempt<T> = { ok: T; error?: undefined } | { ok?: undefined; error: { code: string; name: string } };
/** Byte arrays are hex strings (see the app): they cross the DevTools protocol quickly and compare exactly. */
interface PlainImage {
  width: number;
  height: number;
  mode: string;
  data: string;
  palette?: string;
}
interface PageResult {
  name: string;
  text: string | { code: string };
  image: Attempt<PlainImage>;
  encoded: Record<(typeof FORMATS)[number], Attempt<string>>;
  dataUrlImage: Attempt<PlainImage>;
  rgba: Attempt<string>;
}

const hex = (bytes: Uint8Array | Uint8ClampedArray): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

function attempt<T>(fn: () => T): Attempt<T> {
  try {
    return { ok: fn() };
  } catch (error) {
    if (error instanceof PixtextError) return { error: { code: error.code, name: error.name } };
    throw error;
  }
}

function plain(image: RawImage): PlainImage {
  const result: PlainImage = { width: image.width, height: image.height, mode: image.mode, data: hex(image.data) };
  if (image.palette !== undefined) result.palette = hex(image.palette);
  return result;
}

/** What Node computes for one fixture, in the page result's shape. */
function nodeResult(name: string): PageResult {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
  const text = imageToText(bytes);
  const image = textToImage(text);
  const encoded = Object.fromEntries(FORMATS.map((format) => [format, attempt(() => hex(encode(image, format)))]));
  const dataUrlImage = attempt(() => plain(textToImage(imageToText(bytes, { as: 'data-url', encoding: 'png' }))));
  return {
    name,
    text,
    image: { ok: plain(image) },
    encoded: encoded as PageResult['encoded'],
    dataUrlImage,
    rgba: { ok: hex(toImageData(image).data) },
  };
}

// Counts calls of Chromium's native base64 methods, installed before any page script runs.
const SPY_NATIVE_BASE64 = `(() => {
  const calls = { toBase64: 0, fromBase64: 0, setFromBase64: 0 };
  globalThis.__base64Calls = calls;
  const wrap = (owner, name) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    Object.defineProperty(owner, name, {
      configurable: true, writable: true,
      value: function (...args) { calls[name]++; return original.apply(this, args); },
    });
  };
  wrap(Uint8Array.prototype, 'toBase64');
  wrap(Uint8Array, 'fromBase64');
  wrap(Uint8Array.prototype, 'setFromBase64');
})();`;

// Makes Chromium look like a browser without the native methods, so the portable codec must do the work.
const DELETE_NATIVE_BASE64 = `(() => {
  delete Uint8Array.prototype.toBase64;
  delete Uint8Array.fromBase64;
  delete Uint8Array.prototype.setFromBase64;
  delete Uint8Array.prototype.toHex;
  delete Uint8Array.fromHex;
  delete Uint8Array.prototype.setFromHex;
})();`;

describeInChromium('pixtext bundled for the browser, run in Chromium', () => {
  let browser: Browser;
  let project: ConsumerProject;
  const bundles = new Map<string, BundleResult>();
  const servers = new Map<string, StaticServer>();
  const expected = new Map<string, PageResult>();

  beforeAll(async () => {
    const launching = launchChromium();
    project = createConsumerProject();
    mkdirSync(join(project.dir, 'src'));
    copyFileSync(join(import.meta.dirname, 'app', 'roundtrip-app.js'), join(project.dir, 'src', 'app.js'));
    bundles.set('esbuild', await bundleWithEsbuild(project.dir, 'src/app.js'));
    bundles.set('vite', await bundleWithVite(project.dir, 'src/app.js'));
    const fixtures = FIXTURE_NAMES.map((name) => [`/fixtures/${name}`, readFileSync(join(FIXTURES, name))] as const);
    for (const [bundler, bundle] of bundles) servers.set(bundler, await serveStatic(new Map([...bundle.files, ...fixtures])));
    for (const name of FIXTURE_NAMES) expected.set(name, nodeResult(name));
    browser = await launching;
  });

  afterAll(async () => {
    await browser?.close();
    for (const server of servers.values()) await server.close();
    project?.dispose();
  });

  /** Opens the app page with `initScript` run first; fails the test on any uncaught page error. */
  async function openApp(bundler: string, initScript: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    if (initScript) await page.addInitScript(initScript);
    await page.goto(servers.get(bundler)!.url);
    await page.waitForFunction(() => 'pixtextApp' in window, undefined, { timeout: 15_000 });
    return { page, errors };
  }

  function compareWithNode(results: PageResult[]): void {
    expect(results.map((r) => r.name)).toEqual(FIXTURE_NAMES);
    for (const result of results) {
      const node = expected.get(result.name)!;
      // Canonical envelopes: the same file gives the same text, so the same pixels, palette and checksum.
      expect(result.text, result.name).toBe(node.text);
      expect(result.image, result.name).toEqual(node.image);
      expect(result.rgba, result.name).toEqual(node.rgba);
      expect(result.dataUrlImage, result.name).toEqual(node.dataUrlImage);
      // BMP and JPEG encoders are deterministic pure JS: byte-identical. Refusals must match too (e.g. RGBA → JPEG).
      expect(result.encoded.bmp, `${result.name} → bmp`).toEqual(node.encoded.bmp);
      expect(result.encoded.jpeg, `${result.name} → jpeg`).toEqual(node.encoded.jpeg);
      // PNG: deflate differs between fflate and zlib, so compare what the bytes decode to.
      const [pagePng, nodePng] = [result.encoded.png, node.encoded.png];
      expect(pagePng.error, `${result.name} → png`).toEqual(nodePng.error);
      if (pagePng.ok !== undefined && nodePng.ok !== undefined) {
        const [fromPage, fromNode] = [pagePng.ok, nodePng.ok].map((bytes) => plain(decode(Buffer.from(bytes, 'hex'))));
        expect(fromPage, `${result.name} → png`).toEqual(fromNode);
      }
    }
  }

  for (const bundler of ['esbuild', 'vite'] as const) {
    it(`${bundler}: the bundle pulls in no Node built-in and the bundler reports no warning`, () => {
      const bundle = bundles.get(bundler)!;
      expect(bundle.warnings).toEqual([]);
      expect(bundle.code).not.toMatch(/["'](node:)?(fs|zlib|path|os|stream|crypto|buffer|worker_threads|util)["']/);
      expect(bundle.code).not.toMatch(/["']node:/);
    });

    it(`${bundler}: PNG, BMP and JPEG round trips in Chromium, with native base64, equal Node's`, async () => {
      const { page, errors } = await openApp(bundler, SPY_NATIVE_BASE64);
      const environment = await page.evaluate(() => (window as any).pixtextApp.environment());
      expect(environment).toEqual({ buffer: 'undefined', process: 'undefined', nativeToBase64: 'function', nativeFromBase64: 'function' });
      const results: PageResult[] = await page.evaluate((names) => (window as any).pixtextApp.roundTrip(names), FIXTURE_NAMES);
      compareWithNode(results);
      // Proof the native path ran: every envelope is written with toBase64 and read with fromBase64/setFromBase64.
      const calls = await page.evaluate(() => (window as any).__base64Calls);
      expect(calls.toBase64).toBeGreaterThanOrEqual(FIXTURE_NAMES.length);
      expect(calls.fromBase64 + calls.setFromBase64).toBeGreaterThanOrEqual(FIXTURE_NAMES.length);
      // The JPEG encoder must not leave a Buffer shim behind.
      expect(await page.evaluate(() => typeof (globalThis as any)['Buf' + 'fer'])).toBe('undefined');
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`${bundler}: the same round trips with the native base64 methods deleted (portable codec) equal Node's`, async () => {
      const { page, errors } = await openApp(bundler, DELETE_NATIVE_BASE64);
      const environment = await page.evaluate(() => (window as any).pixtextApp.environment());
      expect(environment).toEqual({ buffer: 'undefined', process: 'undefined', nativeToBase64: 'undefined', nativeFromBase64: 'undefined' });
      const results: PageResult[] = await page.evaluate((names) => (window as any).pixtextApp.roundTrip(names), FIXTURE_NAMES);
      compareWithNode(results);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('ImageData from a canvas goes into imageToText, and toImageData output draws back the same pixels', async () => {
    const { page, errors } = await openApp('esbuild', '');
    const result = await page.evaluate(() => (window as any).pixtextApp.imageDataInterop());
    expect(result.image).toEqual({ width: 3, height: 2, mode: 'RGBA', data: Buffer.from(result.pixels).toString('hex') });
    expect(result.text).toBe(imageToText({ width: 3, height: 2, mode: 'RGBA', data: new Uint8Array(result.pixels) }));
    expect(result.isImageData).toBe(true);
    expect(result.redrawn).toEqual(result.pixels);
    expect(errors).toEqual([]);
    await page.close();
  });
});
