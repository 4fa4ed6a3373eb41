import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A reply the sink gives instead of accepting: `code` 4xx (try later) or 5xx (bounce). */
export interface SinkReply {
  code: number;
  message: string;
}

export interface CountingSinkOptions {
  /** Answer RCPT TO for this address with a refusal. */
  atRecipient?: (address: string) => SinkReply | undefined;
  /** Answer the end of DATA (after the whole message) with a refusal. */
  afterData?: (address: string) => SinkReply | undefined;
  /** Keep each accepted message's bytes (off for the big runs). */
  keepMessages?: boolean;
  /** Called after each accepted message, with the number accepted so far. */
  onAccepted?: (total: number) => void;
}

export interface CountingSink {
  url: string;
  /** Accepted messages per envelope recipient (lower case). Only a DATA that got its "." counts. */
  counts: Map<string, number>;
  accepted(): number;
  /** Raw accepted messages, oldest first, when `keepMessages`. */
  messages: { to: string; raw: Buffer }[];
  /** DATA transfers the client abandoned (connection closed before the "."). */
  abandoned(): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process that counts what it accepts, per recipient:
 * for exactly-once tests (a message counts only when its DATA completed, as on a real
 * server) and for bounces and deferrals (it can refuse chosen recipients at RCPT or after
 * DATA). test/newsletter/smtp-sink.ts parses every message; this one stays cheap at
 * thousands of messages.
 */
export async function startCountingSink(options: CountingSinkOptions = {}): Promise<CountingSink> {
  const counts = new Map<string, number>();
  const messages: { to: string; raw: Buffer }[] = [];
  let total = 0;
  let abandoned = 0;
  const refusal = (reply: SinkReply) =>
    Object.assign(new Error(reply.message), { responseCode: reply.code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const reply = options.atRecipient?.(address.address.toLowerCase());
      callback(reply ? refusal(reply) : undefined);
    },
    onData(stream, session, callback) {
      const to = (session.envelope.rcptTo[0]?.address ?? '').toLowerCase();
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (options.keepMessages) chunks.push(chunk);
      });
      stream.on('error', () => {
        abandoned++;
      });
      stream.on('end', () => {
        const reply = options.afterData?.(to);
        if (reply) {
          callback(refusal(reply));
          return;
        }
        counts.set(to, (counts.get(to) ?? 0) + 1);
        total++;
        if (options.keepMessages) messages.push({ to, raw: Buffer.concat(chunks) });
        callback();
        options.onAccepted?.(total);
      });
    },
  });
  // A client killed mid-session resets its connection: expected here, not a test failure.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    counts,
    accepted: () => total,
    messages,
    abandoned: () => abandoned,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
