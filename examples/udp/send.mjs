#!/usr/bin/env node
// Sends an image over UDP to a receiver on 127.0.0.1 (see README.md).
//   node examples/udp/send.mjs <image> [--port 41234] [--encoding original|raw|png] [--chunk 1200]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sendImage } from './image-transfer.mjs';
import { MAX_DATAGRAM } from './udp-transfer.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '41234' },
    encoding: { type: 'string', default: 'original' },
    chunk: { type: 'string', default: String(MAX_DATAGRAM) },
  },
});
if (positionals.length !== 1) {
  console.error('usage: node examples/udp/send.mjs <image> [--port 41234] [--encoding original|raw|png] [--chunk 1200]');
  process.exit(2);
}
try {
  const stats = await sendImage(readFileSync(positionals[0]), {
    port: Number(values.port),
    encoding: values.encoding,
    maxChunkLength: Number(values.chunk),
  });
  console.log(
    `sent ${stats.count} chunks (message ${stats.id}) in ${stats.ms} ms: ${stats.datagramsSent} datagrams, ` +
      `${stats.resends} resent after ${stats.nacks} NACKs`,
  );
} catch (error) {
  console.error(`send failed: ${error.message}`);
  process.exitCode = 1;
}
