// A UDP relay on 127.0.0.1 that loses, delays (and so reorders), optionally duplicates and corrupts datagrams in both
// directions, driven by a seeded PRNG: an unreliable network to test the transfer against, repeatably.
import dgram from 'node:dgram';

const HOST = '127.0.0.1';

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Starts a relay: datagrams from clients go to `targetPort`; datagrams from the target go back to the client
 * that sent last. Each datagram is dropped with probability `loss`, else delivered after a random delay of up to
 * `maxDelayMs` (which reorders them), delivered twice with probability `duplicate`, and with one byte changed
 * with probability `corrupt`.
 * @param {{ targetPort: number, port?: number, loss?: number, maxDelayMs?: number, duplicate?: number,
 *   corrupt?: number, seed?: number }} options
 *   Defaults: port 0 (any free one), loss 0.1, maxDelayMs 5, duplicate 0, corrupt 0, seed 1.
 * @returns {Promise<{ port: number, stats: { forwarded: number, dropped: number, duplicated: number,
 *   corrupted: number }, close: () => Promise<void> }>}
 */
export function startLossyRelay(options) {
  const { targetPort, port = 0, loss = 0.1, maxDelayMs = 5, duplicate = 0, corrupt = 0, seed = 1 } = options;
  const random = mulberry32(seed);
  const socket = dgram.createSocket('udp4');
  const stats = { forwarded: 0, dropped: 0, duplicated: 0, corrupted: 0 };
  const timers = new Set();
  let client;
  let closed = false;

  function deliver(datagram, toPort, toHost) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) socket.send(datagram, toPort, toHost);
    }, Math.floor(random() * (maxDelayMs + 1)));
    timers.add(timer);
  }

  socket.on('message', (datagram, from) => {
    const fromTarget = from.port === targetPort && from.address === HOST;
    if (!fromTarget) client = { port: from.port, address: from.address };
    const to = fromTarget ? client : { port: targetPort, address: HOST };
    if (to === undefined) return;
    if (random() < loss) {
      stats.dropped++;
      return;
    }
    stats.forwarded++;
    if (random() < corrupt && datagram.length > 0) {
      stats.corrupted++;
      datagram = Buffer.from(datagram);
      const at = Math.floor(random() * datagram.length);
      datagram[at] ^= 1 + Math.floor(random() * 255);
    }
    deliver(datagram, to.port, to.address);
    if (random() < duplicate) {
      stats.duplicated++;
      deliver(datagram, to.port, to.address);
    }
  });

  const close = () =>
    new Promise((resolve) => {
      if (closed) return resolve();
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      socket.close(() => resolve());
    });

  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, HOST, () => {
      socket.off('error', reject);
      resolve({ port: socket.address().port, stats, close });
    });
  });
}
