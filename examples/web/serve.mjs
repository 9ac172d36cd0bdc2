// `npm run demo:web`: builds the demo page and serves it on 127.0.0.1 (port 5178, or PORT; PORT=0 picks a free one).
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { buildDemo } from './build.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
};

const files = await buildDemo();
const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const key = path === '/' ? '/index.html' : path;
  const body = files.get(key);
  if (body === undefined) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(key)] ?? 'application/octet-stream' }).end(body);
});

const port = Number(process.env.PORT ?? 5178);
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`pixtext demo: http://127.0.0.1:${address.port}/  (Ctrl+C to stop)`);
});
