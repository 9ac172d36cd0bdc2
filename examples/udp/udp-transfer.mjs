// Reliable transfer of one text (an image envelope, typically) over UDP on one machine, in chunks that each fit
// a datagram: the sender sends every chunk, the receiver answers with NACKs listing what it still lacks until the
// text is whole, then with DONE. Every wait is bounded and every socket and timer is closed when a side stops.
//
// Wire protocol (all JSON, one message per datagram):
//   sender -> receiver: the chunks of `splitText`, and a final {"pixtextBye":1,"id":...} (best effort).
//   receiver -> sender: {"pixtextNack":1,"id":...,"missing":[[first,last],...]}  (inclusive ranges)
//                       {"pixtextDone":1,"id":...}
import dgram from 'node:dgram';
import { PixtextError, Reassembler, splitText } from 'pixtext';

/** Datagram payload budget: 1,200 bytes fits any IPv4/IPv6 path without fragmentation (as QUIC assumes). */
export const MAX_DATAGRAM = 1200;

const HOST = '127.0.0.1';

/**
 * Sends `text` to a receiver and resolves when it confirms the whole text (DONE). Rejects on a bad option (a
 * `PixtextError` from `splitText`, or a `RangeError` for the port), a socket error, or when a bound is reached.
 * @param {string} text
 * @param {{ port: number, host?: string, maxChunkLength?: number, id?: string, retryMs?: number,
 *   maxSilentRetries?: number, timeoutMs?: number, burst?: number }} options
 *   `retryMs` (default 200): silence after which the last requested chunks are sent again;
 *   `maxSilentRetries` (default 25): consecutive silent periods before giving up; `timeoutMs` (default 60,000):
 *   overall limit; `burst` (default 32): datagrams sent before yielding to the event loop.
 * @returns {Promise<{ id: string, count: number, datagramsSent: number, resends: number, nacks: number, ms: number }>}
 */
export async function sendText(text, options) {
  const {
    port,
    host = HOST,
    maxChunkLength = MAX_DATAGRAM,
    id,
    retryMs = 200,
    maxSilentRetries = 25,
    timeoutMs = 60_000,
    burst = 32,
  } = options;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`sender: invalid port ${port}`);
  const chunks = splitText(text, id === undefined ? { maxChunkLength } : { maxChunkLength, id });
  const messageId = JSON.parse(chunks[0]).id;
  const started = performance.now();
  const stats = { id: messageId, count: chunks.length, datagramsSent: 0, resends: 0, nacks: 0, ms: 0 };
  const socket = dgram.createSocket('udp4');

  return new Promise((resolve, reject) => {
    let requested = chunks.map((_, i) => i);
    let silent = 0;
    let silenceTimer;
    let queue = [];
    let pumping = false;
    let finished = false;

    const overall = setTimeout(() => finish(new Error(`sender: no DONE within ${timeoutMs} ms`)), timeoutMs);

    // Stops everything; with `bye`, first tells the receiver it may stop lingering (best effort: if the BYE is
    // lost the receiver stops on its own).
    function finish(error, bye = false) {
      if (finished) return;
      finished = true;
      clearTimeout(overall);
      clearTimeout(silenceTimer);
      queue = [];
      stats.ms = Math.round(performance.now() - started);
      const close = () => socket.close(() => (error ? reject(error) : resolve(stats)));
      if (bye) socket.send(JSON.stringify({ pixtextBye: 1, id: messageId }), port, host, close);
      else close();
    }

    function armSilence() {
      clearTimeout(silenceTimer);
      silenceTimer = setTimeout(() => {
        if (++silent > maxSilentRetries) return finish(new Error(`sender: no answer after ${maxSilentRetries} retries`));
        stats.resends += requested.length;
        enqueue(requested);
      }, retryMs);
    }

    function enqueue(indexes) {
      queue.push(...indexes);
      if (!pumping) pump();
    }

    // Sends the queue in bursts, yielding between them so the receiver (often in this same process) can drain.
    function pump() {
      if (finished) return;
      pumping = true;
      const batch = queue.splice(0, burst);
      let pending = batch.length;
      if (pending === 0) {
        pumping = false;
        armSilence();
        return;
      }
      for (const index of batch) {
        socket.send(chunks[index], port, host, (error) => {
          if (error) return finish(error);
          stats.datagramsSent++;
          if (--pending === 0) setImmediate(pump);
        });
      }
    }

    socket.on('error', (error) => finish(error));
    socket.on('message', (datagram) => {
      const message = parseControl(datagram, messageId);
      if (message === undefined || finished) return;
      silent = 0;
      if (message.done) return finish(undefined, true);
      stats.nacks++;
      const wanted = expandRanges(message.missing, chunks.length);
      if (wanted.length === 0) return;
      requested = wanted;
      stats.resends += wanted.length;
      enqueue(wanted);
    });
    socket.bind(0, HOST, () => enqueue(requested));
  });
}

/**
 * Starts a receiver on 127.0.0.1 and resolves once it is listening.
 * @param {{ port?: number, nackIntervalMs?: number, quietMs?: number, idleTimeoutMs?: number, timeoutMs?: number,
 *   lingerMs?: number, maxCount?: number, maxLength?: number }} [options]
 *   `nackIntervalMs` (default 50): how often to ask for missing chunks once nothing new has arrived for `quietMs`
 *   (default 30); `idleTimeoutMs` (default 10,000): give up after this long without a useful datagram;
 *   `timeoutMs` (default 60,000): overall limit, lingering included; `lingerMs` (default 2,000): after completion,
 *   keep answering DONE until the sender has been silent this long (its BYE ends it sooner);
 *   `maxCount`/`maxLength`: Reassembler limits.
 * @returns {Promise<{ port: number, result: Promise<{ text: string, stats: object }>, closed: Promise<void>, close: () => void }>}
 *   `result` settles when the text is whole and verified (or on failure); `closed` when the socket is closed.
 */
export function startReceiver(options = {}) {
  const {
    port = 0,
    nackIntervalMs = 50,
    quietMs = 30,
    idleTimeoutMs = 10_000,
    timeoutMs = 60_000,
    lingerMs = 2_000,
    maxCount,
    maxLength,
  } = options;
  const reassembler = new Reassembler({ maxCount, maxLength });
  const socket = dgram.createSocket('udp4');
  // `ms`: from the first chunk to the verified text.
  const stats = { datagrams: 0, added: 0, duplicates: 0, rejected: 0, nacksSent: 0, ms: 0 };
  const started = performance.now();
  let firstChunkAt;
  let sender;
  let lastUseful = started;
  let text;
  let state = 'receiving'; // -> 'lingering' -> 'closed'
  let resolveResult, rejectResult, resolveClosed;
  const result = new Promise((res, rej) => ((resolveResult = res), (rejectResult = rej)));
  const closed = new Promise((res) => (resolveClosed = res));
  // A failure nobody awaits must not crash the process; callers still see it through `result`.
  result.catch(() => {});

  // The hard limit on the receiver's life, lingering included.
  const overall = setTimeout(() => {
    if (text === undefined) fail(new Error(`receiver: not complete within ${timeoutMs} ms`));
    else close();
  }, timeoutMs);
  const ticker = setInterval(tick, nackIntervalMs);
  let lingerTimer;

  function close() {
    if (state === 'closed') return;
    if (text === undefined) return fail(new Error('receiver: closed before the text was complete'));
    state = 'closed';
    clearTimeout(overall);
    clearInterval(ticker);
    clearTimeout(lingerTimer);
    socket.close(() => resolveClosed());
  }

  function fail(error) {
    if (text !== undefined || state === 'closed') return;
    stats.ms = Math.round(performance.now() - (firstChunkAt ?? started));
    rejectResult(Object.assign(error, { stats, missing: reassembler.missing(20) }));
    text = null;
    close();
  }

  function reply(message) {
    if (sender) socket.send(JSON.stringify(message), sender.port, sender.address);
  }

  function tick() {
    if (state !== 'receiving') return;
    const now = performance.now();
    if (now - lastUseful > idleTimeoutMs) return fail(new Error(`receiver: nothing useful for ${idleTimeoutMs} ms`));
    if (reassembler.count === undefined || now - lastUseful < quietMs) return;
    stats.nacksSent++;
    reply(nackFor(reassembler));
  }

  socket.on('error', (error) => fail(error));
  socket.on('message', (datagram, from) => {
    stats.datagrams++;
    const message = datagram.toString('latin1');
    if (state === 'lingering') {
      if (isBye(message, reassembler.id)) return close();
      // The sender has not heard DONE yet: answer, and stay while it keeps asking (its retries are bounded).
      reply({ pixtextDone: 1, id: reassembler.id });
      return lingerFor(lingerMs);
    }
    if (state !== 'receiving') return;
    let status;
    try {
      status = reassembler.add(message);
    } catch (error) {
      if (!(error instanceof PixtextError)) return fail(error);
      stats.rejected++; // damaged, foreign or not a chunk: what it carried will be asked for again
      return;
    }
    sender ??= { address: from.address, port: from.port };
    firstChunkAt ??= performance.now();
    if (status.status === 'duplicate') {
      stats.duplicates++;
      return;
    }
    stats.added++;
    lastUseful = performance.now();
    if (!status.complete) return;
    try {
      text = reassembler.text();
    } catch (error) {
      return fail(error);
    }
    stats.ms = Math.round(performance.now() - firstChunkAt);
    resolveResult({ text, stats });
    state = 'lingering';
    reply({ pixtextDone: 1, id: reassembler.id });
    lingerFor(lingerMs);
  });

  function lingerFor(ms) {
    clearTimeout(lingerTimer);
    lingerTimer = setTimeout(close, ms);
  }

  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, HOST, () => {
      socket.off('error', reject);
      resolve({ port: socket.address().port, result, closed, close });
    });
  });
}

/** A NACK listing missing chunks as inclusive ranges, as many as fit one datagram. */
function nackFor(reassembler) {
  const head = `{"pixtextNack":1,"id":${JSON.stringify(reassembler.id)},"missing":[`;
  const ranges = [];
  let size = head.length + 2;
  const missing = reassembler.missing(4096);
  for (let i = 0; i < missing.length; ) {
    let j = i;
    while (j + 1 < missing.length && missing[j + 1] === missing[j] + 1) j++;
    const range = `[${missing[i]},${missing[j]}]`;
    if (size + range.length + 1 > MAX_DATAGRAM) break;
    ranges.push(range);
    size += range.length + 1;
    i = j + 1;
  }
  return JSON.parse(`${head}${ranges.join(',')}]}`);
}

/** A control message for message `id`, or undefined for anything else (stray or damaged datagrams). */
function parseControl(datagram, id) {
  let value;
  try {
    value = JSON.parse(datagram.toString('latin1'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || value.id !== id) return undefined;
  if (value.pixtextDone === 1) return { done: true };
  if (value.pixtextNack === 1 && Array.isArray(value.missing)) return { done: false, missing: value.missing };
  return undefined;
}

function isBye(text, id) {
  try {
    const value = JSON.parse(text);
    return value?.pixtextBye === 1 && value.id === id;
  } catch {
    return false;
  }
}

/** Indexes from untrusted inclusive ranges, clipped to [0, count), without duplicates, at most `count`. */
function expandRanges(ranges, count) {
  const seen = new Uint8Array(count);
  const out = [];
  for (const range of ranges) {
    if (!Array.isArray(range) || !Number.isSafeInteger(range[0]) || !Number.isSafeInteger(range[1])) continue;
    const first = Math.max(0, range[0]);
    const last = Math.min(count - 1, range[1]);
    for (let i = first; i <= last && out.length < count; i++) {
      if (!seen[i]) {
        seen[i] = 1;
        out.push(i);
      }
    }
  }
  return out;
}
