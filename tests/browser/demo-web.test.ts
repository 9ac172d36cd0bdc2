// Issue 5 end to end: the demo page (examples/web) driven in Chromium like a user would. A fixture PNG is chosen,
// its text read from the page, pasted back, and the canvas pixels must equal the source exactly; corrupt text must
// show the PixtextError code. Expected pixels come from pngjs (an independent decoder whose output matches the
// corpus oracle's hash), never from pixtext itself. Screenshots go to test-output/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDemo } from '../../examples/web/build.mjs';
import { describeInChromium, launchChromium } from './support/chromium.js';
import { ROOT } from './support/consumer.js';
import { serveStatic } from './support/static-server.js';
import type { StaticServer } from './support/static-server.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'browser', 'basn2c08.png');
const fileBytes = readFileSync(FIXTURE);
const expected = PNG.sync.read(fileBytes); // 32×32 RGB, read as RGBA8 with opaque alpha
// The shared conformance corpus's oracle (Pillow 9.4 `convert('RGBA').tobytes()`) for this file.
const ORACLE_RGBA_SHA256 = '23a53c674ec50d5a5eb9c3f679b6b19ba5304ae99dff76801bec4939e0f0c99e';
const OUTPUT = join(ROOT, 'test-output');

describeInChromium('demo page (examples/web) in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const [launched, files] = await Promise.all([launchChromium(), buildDemo()]);
    browser = launched;
    server = await serveStatic(files);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
    mkdirSync(OUTPUT, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function canvasPixels(): Promise<{ width: number; height: number; data: number[] }> {
    return page.evaluate(() => {
      const canvas = document.getElementById('output-canvas') as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      return { width: canvas.width, height: canvas.height, data: Array.from(data) };
    });
  }

  async function pasteAndShow(text: string): Promise<void> {
    await page.fill('#text-in', text);
    await page.click('#show-image');
  }

  const textOut = (): Promise<string> => page.inputValue('#text-out');

  it('an image file becomes envelope text holding the file itself (raw pixels on request), with the sizes shown', async () => {
    await page.setInputFiles('#image-file', FIXTURE);
    await page.waitForFunction(() => (document.getElementById('text-out') as HTMLTextAreaElement).value !== '');
    const fileCrc = crc32(fileBytes).toString(16).padStart(8, '0');
    expect(await textOut()).toBe(
      `{"pixtext":1,"width":32,"height":32,"mode":"RGB","encoding":"png","source":"png","byteLength":${fileBytes.length},` +
        `"crc32":"${fileCrc}","data":"${fileBytes.toString('base64')}"}`,
    );
    await page.selectOption('#opt-encoding', 'raw');
    await page.waitForFunction(() => (document.getElementById('text-out') as HTMLTextAreaElement).value.includes('"encoding":"raw"'));
    const rgb = Buffer.from(expected.data.filter((_, i) => i % 4 !== 3));
    const crc = crc32(rgb).toString(16).padStart(8, '0');
    expect(await textOut()).toBe(
      `{"pixtext":1,"width":32,"height":32,"mode":"RGB","encoding":"raw","source":"png","byteLength":3072,` +
        `"crc32":"${crc}","data":"${rgb.toString('base64')}"}`,
    );
    const text = await textOut();
    expect(await page.textContent('#size-file')).toBe('145 B');
    expect(await page.textContent('#size-raw')).toContain('3,072 B');
    expect(await page.textContent('#size-raw')).toContain('32×32 RGB');
    expect(await page.textContent('#size-text')).toContain(`${text.length.toLocaleString('en')} characters`);
    expect(await page.isEnabled('#copy-text')).toBe(true);
    await page.selectOption('#opt-encoding', 'default');
    await page.waitForFunction(() => (document.getElementById('text-out') as HTMLTextAreaElement).value.includes('"encoding":"png"'));
  });

  it('the text pasted back draws exactly the source pixels, with the header shown', async () => {
    await pasteAndShow(await page.inputValue('#text-out'));
    await page.waitForSelector('#header-info:not([hidden])');
    const pixels = await canvasPixels();
    expect({ width: pixels.width, height: pixels.height }).toEqual({ width: 32, height: 32 });
    expect(pixels.data).toEqual(Array.from(expected.data));
    expect(createHash('sha256').update(Uint8Array.from(pixels.data)).digest('hex')).toBe(ORACLE_RGBA_SHA256);
    expect(await page.textContent('#info-size')).toBe('32 × 32');
    expect(await page.textContent('#info-mode')).toBe('RGB');
    expect(await page.textContent('#info-form')).toBe('pixtext envelope');
    expect(await page.isHidden('#to-image-error')).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'demo-web.png'), fullPage: true });
  });

  it('Download PNG saves a file with the same pixels', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="png"]')]);
    expect(download.suggestedFilename()).toBe('image.png');
    const saved = PNG.sync.read(readFileSync((await download.path())!));
    expect(Buffer.from(saved.data).equals(Buffer.from(expected.data))).toBe(true);
  });

  it('as a data URL, the text is the original file in base64 and reads back to the same pixels', async () => {
    await page.selectOption('#opt-as', 'data-url');
    await page.waitForFunction(() => (document.getElementById('text-out') as HTMLTextAreaElement).value.startsWith('data:'));
    const text = await page.inputValue('#text-out');
    expect(text).toBe(`data:image/png;base64,${fileBytes.toString('base64')}`);
    await pasteAndShow(text);
    await page.waitForFunction(() => document.getElementById('info-form')!.textContent === 'Data URL');
    expect((await canvasPixels()).data).toEqual(Array.from(expected.data));
  });

  it('as Pillow dump JSON, the text holds the raw RGB bytes and reads back to the same pixels', async () => {
    await page.selectOption('#opt-as', 'pil');
    await page.waitForFunction(() => (document.getElementById('text-out') as HTMLTextAreaElement).value.includes('img_info'));
    const text = await page.inputValue('#text-out');
    const dump = JSON.parse(text);
    expect(dump.img_info).toMatchObject({ format: 'PNG', size: [32, 32], mode: 'RGB' });
    expect(Buffer.from(dump.img_data, 'base64').equals(Buffer.from(expected.data.filter((_, i) => i % 4 !== 3)))).toBe(true);
    await pasteAndShow(text);
    await page.waitForFunction(() => document.getElementById('info-form')!.textContent === 'Pillow dump JSON');
    expect((await canvasPixels()).data).toEqual(Array.from(expected.data));
    await page.selectOption('#opt-as', 'envelope');
  });

  it('corrupt text shows the error code and message, and no image', async () => {
    const text = await page.inputValue('#text-out');
    const envelope = JSON.parse(text);
    // One base64 digit changed early in the payload: still valid base64, different bytes, so the CRC-32 fails.
    const at = text.indexOf('"data":"') + 8 + 10;
    const flipped = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    expect(JSON.parse(flipped).data).not.toBe(envelope.data);
    await pasteAndShow(flipped);
    await page.waitForSelector('#to-image-error:not([hidden])');
    expect(await page.textContent('#error-code')).toBe('ERR_CHECKSUM');
    expect((await page.textContent('#error-message'))!.length).toBeGreaterThan(10);
    expect(await page.getAttribute('#output-canvas', 'width')).toBe('0');
    expect(await page.isDisabled('[data-download="png"]')).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'demo-web-error.png'), fullPage: true });

    // A stray character in the payload is a base64 error, reported as such.
    await pasteAndShow(text.slice(0, at) + '!' + text.slice(at + 1));
    await page.waitForFunction(() => document.getElementById('error-code')!.textContent === 'ERR_BASE64');
    expect(await page.isVisible('#to-image-error')).toBe(true);
  });

  it('the page raised no uncaught error', () => {
    expect(pageErrors).toEqual([]);
  });
});
