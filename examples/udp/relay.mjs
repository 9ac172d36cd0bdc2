#!/usr/bin/env node
// A lossy relay between sender and receiver, to watch the transfer recover (see README.md).
//   node examples/udp/relay.mjs --to 41234 [--port 41235] [--loss 0.1] [--delay 5] [--duplicate 0]
//     [--corrupt 0] [--seed 1] [--idle 10000]
import { parseArgs } from 'node:util';
import { startLossyRelay } from './lossy-relay.mjs';

const { values } = parseArgs({
  options: {
    to: { type: 'string', default: '41234' },
    port: { type: 'string', default: '41235' },
    loss: { type: 'string', default: '0.1' },
    delay: { type: 'string', default: '5' },
    duplicate: { type: 'string', default: '0' },
    corrupt: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    idle: { type: 'string', default: '10000' },
  },
});
const relay = await startLossyRelay({
  targetPort: Number(values.to),
  port: Number(values.port),
  loss: Number(values.loss),
  maxDelayMs: Number(values.delay),
  duplicate: Number(values.duplicate),
  corrupt: Number(values.corrupt),
  seed: Number(values.seed),
});
console.log(`relaying 127.0.0.1:${relay.port} -> 127.0.0.1:${values.to} with ${Number(values.loss) * 100} % loss`);
// Stops by itself once traffic has been idle for --idle milliseconds.
let last = -1;
const timer = setInterval(async () => {
  const seen = relay.stats.forwarded + relay.stats.dropped;
  if (seen !== last) return void (last = seen);
  clearInterval(timer);
  await relay.close();
  console.log(`relay done: ${relay.stats.forwarded} forwarded, ${relay.stats.dropped} dropped, ` +
    `${relay.stats.duplicated} duplicated, ${relay.stats.corrupted} corrupted`);
}, Number(values.idle));
