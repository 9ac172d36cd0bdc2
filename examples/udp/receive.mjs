#!/usr/bin/env node
// Receives one image over UDP on 127.0.0.1 and writes it as PNG (see README.md).
//   node examples/udp/receive.mjs [--port 41234] [--out received.png] [--timeout 60000]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { imageFromText } from './image-transfer.mjs';
import { startReceiver } from './udp-transfer.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '41234' },
    out: { type: 'string', default: 'received.png' },
    timeout: { type: 'string', default: '60000' },
  },
});
const receiver = await startReceiver({ port: Number(values.port), timeoutMs: Number(values.timeout) });
console.log(`listening on 127.0.0.1:${receiver.port}`);
try {
  const { text, stats } = await receiver.result;
  const { image, png } = imageFromText(text);
  writeFileSync(values.out, png);
  console.log(
    `received ${image.width}x${image.height} ${image.mode} (${text.length} characters of text) in ${stats.ms} ms: ` +
      `${stats.added} chunks, ${stats.duplicates} duplicates, ${stats.rejected} rejected, ${stats.nacksSent} NACKs; ` +
      `wrote ${values.out}`,
  );
} catch (error) {
  console.error(`receive failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await receiver.closed;
}
