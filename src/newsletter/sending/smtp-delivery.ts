import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { commitBeforeEnd } from './commit-before-end.ts';
import type { Delivery, DeliveryOutcome, Envelope } from './delivery.ts';

/** Where to send: the parts of `config.email.smtpUrl`. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps:// (TLS from the first byte); smtp:// upgrades with STARTTLS when offered. */
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
}

export function smtpSettingsFromUrl(smtpUrl: string): SmtpSettings {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    auth:
      url.username === ''
        ? undefined
        : { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
  };
}

/**
 * One SMTP connection (opened on first use, reopened after a failure) that sends one
 * message at a time, each as a stream whose end waits for the outbox commit (see
 * commit-before-end.ts). A worker owns one; several workers mean several connections.
 */
export function createSmtpDelivery(settings: SmtpSettings): Delivery {
  let current: SMTPConnection | undefined;

  async function connection(): Promise<SMTPConnection> {
    if (current && !current.destroyed) return current;
    const opened = new SMTPConnection({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 120_000,
    });
    await new Promise<void>((resolve, reject) => {
      opened.once('error', reject);
      opened.connect(() => {
        opened.off('error', reject);
        resolve();
      });
    });
    // Later socket errors reach the send callback; without a listener they would crash us.
    opened.on('error', () => dropConnection(opened));
    opened.on('end', () => dropConnection(opened));
    if (settings.auth) {
      await new Promise<void>((resolve, reject) =>
        opened.login(settings.auth, (error) => (error ? reject(error) : resolve())),
      );
    }
    current = opened;
    return opened;
  }

  function dropConnection(which: SMTPConnection): void {
    if (current === which) current = undefined;
    which.close();
  }

  return {
    async deliver(envelope, message, _key, end) {
      let smtp: SMTPConnection;
      try {
        smtp = await connection();
      } catch (error) {
        return { kind: 'not-sent', error: `SMTP server unreachable: ${describe(error)}` };
      }
      let committed = false;
      const stream = commitBeforeEnd(
        message,
        {
          prepare: () => end.prepare(),
          handOver() {
            end.handOver();
            committed = true;
          },
        },
        () => {
          const socket = smtp._socket;
          return !socket || socket.writableLength === 0;
        },
      );
      const outcome = await send(smtp, envelope, stream, () => committed);
      if (outcome.kind === 'refused' && outcome.code !== 421) await reset(smtp);
      else if (outcome.kind !== 'delivered') dropConnection(smtp);
      return outcome;
    },

    async close() {
      if (!current) return;
      const closing = current;
      current = undefined;
      await new Promise<void>((resolve) => {
        closing.once('end', () => resolve());
        closing.quit();
        setTimeout(() => {
          closing.close();
          resolve();
        }, 2_000).unref();
      });
    },
  };

  /** RSET after a refused message, so the connection can carry the next one. */
  function reset(smtp: SMTPConnection): Promise<void> {
    return new Promise((resolve) =>
      smtp.reset((error) => {
        if (error) dropConnection(smtp);
        resolve();
      }),
    );
  }
}

function send(
  smtp: SMTPConnection,
  envelope: Envelope,
  stream: NodeJS.ReadableStream,
  isCommitted: () => boolean,
): Promise<DeliveryOutcome> {
  return new Promise((resolve) => {
    smtp.send(
      { from: envelope.from, to: [envelope.to] },
      stream as Parameters<SMTPConnection['send']>[1],
      (error, info) => {
        const committed = isCommitted();
        if (!error) {
          resolve(
            committed
              ? { kind: 'delivered', response: info?.response ?? '' }
              : { kind: 'not-sent', error: 'the message ended without being committed' },
          );
          return;
        }
        const { responseCode, command, response } = error as Error & {
          responseCode?: number;
          command?: string;
          response?: string;
        };
        if (typeof responseCode === 'number' && responseCode >= 400) {
          resolve({
            kind: 'refused',
            stage:
              command === 'MAIL FROM' ? 'sender' : command === 'RCPT TO' ? 'recipient' : 'data',
            code: responseCode,
            response: (response ?? error.message).slice(0, 300),
            committed,
          });
          return;
        }
        resolve(
          committed
            ? { kind: 'unconfirmed', error: describe(error) }
            : { kind: 'not-sent', error: describe(error) },
        );
      },
    );
  });
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
