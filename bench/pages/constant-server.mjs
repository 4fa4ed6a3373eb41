// The "constant page" baseline for bench/pages/run.mjs.
//
// A bare Fastify server (the same Fastify the app uses, resolved from this project's
// node_modules) with one wildcard GET route that looks the request URL up in a Map and
// sends the pre-rendered HTML string fetched from the real server for that URL, with the
// same response headers the real server sent (content-type, etag, cache-control, vary and
// the security headers). No database, no rendering, no hooks: the ceiling for "Fastify
// answering a page of this size" on this machine.
//
// Usage: node bench/pages/constant-server.mjs PAGES.json PORT
//   PAGES.json: { "<url path>": { "headers": { name: value }, "body": "<html>" }, ... }
// Prints "listening <port>" on stdout once it accepts connections; stops on SIGTERM/SIGINT.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [file, portText] = process.argv.slice(2);
if (!file || portText === undefined) {
  console.error('usage: node bench/pages/constant-server.mjs PAGES.json PORT');
  process.exit(2);
}

const pages = new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8'))));
const app = Fastify({ logger: { level: 'warn' } });

app.get('/*', (request, reply) => {
  const page = pages.get(request.url);
  if (page === undefined) return reply.code(404).send('not a pre-rendered page');
  reply.headers(page.headers);
  return reply.send(page.body);
});

await app.listen({ host: '127.0.0.1', port: Number(portText) });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : portText}`);

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
