// The newsletter bench's baseline: the same SMTP sink fed one constant, pre-built message
// of the digest's size by nodemailer's own SMTP pool, with no database and no rendering.
// What is left is the cost of SMTP itself on this machine: the floor any sender sits on.
//
//   node bench/newsletter/constant-sender.mjs SMTP_URL COUNT BYTES CONNECTIONS
//
// Prints one JSON line: { messages, ms }.
import nodemailer from 'nodemailer';

const [url, countText, bytesText, connectionsText] = process.argv.slice(2);
const count = Number(countText);
const bytes = Number(bytesText);
const line = `${'x'.repeat(76)}\r\n`;
const raw = Buffer.from(
  `From: bench@example.test\r\nTo: reader@example.test\r\nSubject: constant\r\n\r\n${line.repeat(Math.max(1, Math.ceil(bytes / line.length)))}`,
);
const { hostname, port } = new URL(url);
const transport = nodemailer.createTransport({
  host: hostname,
  port: Number(port),
  secure: false,
  pool: true,
  maxConnections: Number(connectionsText),
  maxMessages: Number.POSITIVE_INFINITY,
});
const started = performance.now();
let next = 0;
async function worker() {
  while (next < count) {
    const i = next++;
    await transport.sendMail({
      envelope: { from: 'bench@example.test', to: `reader-${i}@example.test` },
      raw,
    });
  }
}
await Promise.all(Array.from({ length: Number(connectionsText) }, worker));
const ms = performance.now() - started;
transport.close();
process.stdout.write(`${JSON.stringify({ messages: count, ms })}\n`);
