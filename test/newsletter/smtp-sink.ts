import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** One message as the SMTP server received it: the envelope, the raw bytes, and parsed. */
export interface SunkMessage {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
  /** Parsed headers by lower-case name, each value as mailparser's `headerLines` line text. */
  headerLines: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT, for `email.smtpUrl`. */
  url: string;
  messages: SunkMessage[];
  /** Every SMTP command line received (EHLO, MAIL FROM, RCPT TO…), message data left out. */
  commands: string[];
  /** Messages addressed to `address` (envelope recipient, case-insensitive). */
  to(address: string): SunkMessage[];
  /** How many messages each envelope recipient got. */
  countsByRecipient(): Map<string, number>;
  /** Waits until `count` messages have arrived in all (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<SunkMessage[]>;
  clear(): void;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Recipients the server refuses with 550 (a bounce at RCPT time). */
  rejectRecipients?: (address: string) => boolean;
}

/**
 * A real SMTP server on 127.0.0.1 in the test process (no TLS, no auth), collecting what
 * it receives and parsing each message back with mailparser.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const commands: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // No DNS in tests: a reverse lookup of 127.0.0.1 costs each connection ~100 ms.
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (options.rejectRecipients?.(address.address)) {
        const error = new Error('No such mailbox') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            const envelope = session.envelope;
            messages.push({
              envelope: {
                from: envelope.mailFrom ? envelope.mailFrom.address : '',
                to: envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed,
              headerLines: new Map(parsed.headerLines.map((h) => [h.key, h.line])),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  // A client that is killed mid-message resets its connection: that is not the sink's
  // failure, and without a listener smtp-server would throw it as uncaught.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  // smtp-server has no hook per command line: read them off each connection, skipping the
  // message data (from DATA's 354 to the lone dot), so tests can see every command sent.
  server.server.on('connection', (socket) => {
    let pending = '';
    let inData = false;
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      const lines = pending.split('\r\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (inData) {
          if (line === '.') inData = false;
          continue;
        }
        commands.push(line);
        if (/^DATA$/i.test(line)) inData = true;
      }
    });
  });

  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    commands,
    to: (address) =>
      messages.filter((m) => m.envelope.to.some((t) => t.toLowerCase() === address.toLowerCase())),
    countsByRecipient() {
      const counts = new Map<string, number>();
      for (const m of messages)
        for (const to of m.envelope.to)
          counts.set(to.toLowerCase(), (counts.get(to.toLowerCase()) ?? 0) + 1);
      return counts;
    },
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `expected ${count} message(s), got ${messages.length} in ${timeoutMs} ms`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return messages;
    },
    clear() {
      messages.length = 0;
      commands.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return sink;
}
