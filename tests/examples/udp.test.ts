import { describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { imageToText, textToImage } from 'pixtext';
// @ts-expect-error plain ESM example without type declarations
import { sendText, startReceiver, MAX_DATAGRAM } from '../../examples/udp/udp-transfer.mjs';
// @ts-expect-error plain ESM example without type declarations
import { startLossyRelay } from '../../examples/udp/lossy-relay.mjs';
// @ts-expect-error plain ESM example without type declarations
import { imageFromText, sendImage } from '../../examples/udp/image-transfer.mjs';

const udpHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'UDPWRAP').length;

/** Timings for loopback: fast NACKs and retries so 20 lossy transfers take a few seconds. */
const RECEIVER = { nackIntervalMs: 20, quietMs: 10, lingerMs: 400, idleTimeoutMs: 3000, timeoutMs: 8000 };
const SENDER = { retryMs: 60, maxSilentRetries: 40, timeoutMs: 8000 };

type Send = (port: number) => Promise<{ count: number; nacks: number }>;

async function transfer(send: Send, relayOptions: Record<string, number>) {
  const receiver = await startReceiver(RECEIVER);
  const relay = await startLossyRelay({ targetPort: receiver.port, ...relayOptions });
  try {
    const [sent, received] = await Promise.all([send(relay.port), receiver.result]);
    await receiver.closed;
    return { sent, received, relay: relay.stats };
  } finally {
    receiver.close();
    await relay.close();
    await receiver.closed.catch(() => {});
  }
}

// Each case normally takes 0.1-2 s; the explicit limit keeps a hung socket from stalling the suite.
describe(`UDP example (${process.env.PIXTEXT_PROJECT})`, { timeout: 30_000 }, () => {
  const text = 'envelope "with" \\ escapes é 😀 '.repeat(2500);
  const sendPlain: Send = (port) => sendText(text, { port, ...SENDER });

  it('transfers the exact image through 10 % loss and reordering, 20 seeds, closing every socket', async () => {
    const png = readFileSync(new URL('../../examples/sample.png', import.meta.url));
    // Oracle: pngjs's decoding (RGBA8) of the same file, alpha dropped: the sample is an opaque RGB image.
    const reference = PNG.sync.read(png);
    const expectedRgb = Buffer.alloc(reference.width * reference.height * 3);
    for (let i = 0, j = 0; i < reference.data.length; i += 4, j += 3) reference.data.copy(expectedRgb, j, i, i + 3);
    const envelope = imageToText(png, { encoding: 'original' });

    const before = udpHandles();
    let dropped = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const send: Send = (port) => sendImage(png, { port, ...SENDER });
      const { sent, received, relay } = await transfer(send, { loss: 0.1, maxDelayMs: 4, seed });
      const where = `seed ${seed}`;
      expect(sent.count, where).toBeGreaterThan(30);
      expect(received.text, where).toBe(envelope);
      const image = textToImage(received.text);
      expect([image.width, image.height, image.mode], where).toEqual([reference.width, reference.height, 'RGB']);
      const pixels = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
      expect(pixels.equals(expectedRgb), `${where}: pixels equal pngjs's decoding`).toBe(true);
      dropped += relay.dropped;
    }
    expect(dropped).toBeGreaterThan(50);
    expect(udpHandles()).toBe(before);
    // What the receiver writes: a PNG with the same pixels.
    const written = PNG.sync.read(Buffer.from(imageFromText(envelope).png));
    expect(written.data.equals(reference.data)).toBe(true);
  });

  it('survives corrupted and duplicated datagrams too (each damaged chunk rejected by its own CRC)', async () => {
    const options = { loss: 0.05, corrupt: 0.05, duplicate: 0.1, maxDelayMs: 4, seed: 99 };
    const { received, relay } = await transfer(sendPlain, options);
    expect(received.text).toBe(text);
    expect(relay.corrupted).toBeGreaterThan(0);
    expect(received.stats.rejected).toBeGreaterThan(0);
  });

  it('keeps every datagram within one MTU-safe payload', async () => {
    const receiver = await startReceiver(RECEIVER);
    const sizes: number[] = [];
    const spy = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => spy.bind(0, '127.0.0.1', resolve));
    const spyPort = (spy.address() as { port: number }).port;
    // Forward everything from the spy to the receiver and back, recording sizes.
    let client: dgram.RemoteInfo | undefined;
    spy.on('message', (msg, from) => {
      if (from.port === receiver.port) return client && spy.send(msg, client.port, client.address);
      client = from;
      sizes.push(msg.length);
      spy.send(msg, receiver.port, '127.0.0.1');
    });
    try {
      await Promise.all([sendText(text, { port: spyPort, ...SENDER }), receiver.result]);
    } finally {
      receiver.close();
      await receiver.closed;
      await new Promise<void>((resolve) => spy.close(() => resolve()));
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_DATAGRAM);
  });

  it('gives up within its bounds when nobody answers, and closes its socket', async () => {
    const before = udpHandles();
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const deadPort = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const started = performance.now();
    await expect(sendText('hello', { port: deadPort, retryMs: 20, maxSilentRetries: 5 })).rejects.toThrow(/no answer/);
    expect(performance.now() - started).toBeLessThan(2000);

    await expect(sendText('hello', { port: 0 })).rejects.toThrow(RangeError);
    await expect(sendText('hello', { port: deadPort, maxChunkLength: 10 })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });

    const receiver = await startReceiver({ ...RECEIVER, idleTimeoutMs: 150 });
    await expect(receiver.result).rejects.toThrow(/nothing useful/);
    await receiver.closed;
    expect(udpHandles()).toBe(before);
  });

  it('asks again for what it lacks: a receiver that got only some chunks NACKs the rest', async () => {
    const receiver = await startReceiver(RECEIVER);
    // At 50 % loss in both directions the first pass leaves half the chunks missing and NACKs get lost too.
    const relay = await startLossyRelay({ targetPort: receiver.port, loss: 0.5, maxDelayMs: 2, seed: 7 });
    try {
      const [sent, received] = await Promise.all([sendText(text, { port: relay.port, ...SENDER }), receiver.result]);
      expect(received.text).toBe(text);
      expect(sent.nacks).toBeGreaterThan(0);
      expect(received.stats.nacksSent).toBeGreaterThan(0);
    } finally {
      receiver.close();
      await relay.close();
      await receiver.closed;
    }
  });
});
