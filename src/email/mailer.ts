import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config/schema.ts';
import { ValidationError } from '../errors.ts';
import { checkEmailAddress } from '../newsletter/email-address.ts';

/** A display name and an address, encoded by nodemailer (quoted, RFC 2047) when sent. */
export interface MailAddress {
  name: string;
  address: string;
}

export interface OutgoingMail {
  /** Defaults to the `email.from` setting (else `Dossier <no-reply@localhost>`). */
  from?: MailAddress | undefined;
  /** One recipient; refused unless `checkEmailAddress` accepts it. */
  to: string;
  replyTo?: MailAddress | undefined;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra headers (List-Unsubscribe…): single-line names and values only. */
  headers?: Record<string, string> | undefined;
}

export interface SentMail {
  messageId: string;
  /** Where the message went: the SMTP server's reply, or the .eml file written. */
  deliveredTo: { smtpResponse: string } | { file: string };
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

const DEFAULT_FROM = 'Dossier <no-reply@localhost>';

/** SMTP when `email.smtpUrl` is set, else .eml files in `<data dir>/outbox/`. */
export function createMailer(config: Pick<Config, 'email' | 'data'>): Mailer {
  const from = config.email.from ?? DEFAULT_FROM;
  if (config.email.smtpUrl) {
    // A small pool: confirmations come in bursts, and each new SMTP session costs a
    // greeting (servers pause before it to catch clients that talk too soon).
    const transport = nodemailer.createTransport({
      url: config.email.smtpUrl,
      pool: true,
      maxConnections: 2,
    });
    return {
      async send(mail) {
        const info = await transport.sendMail(messageOf(mail, from));
        return { messageId: info.messageId, deliveredTo: { smtpResponse: info.response } };
      },
      close: () => transport.close(),
    };
  }
  const folder = join(config.data.dir, 'outbox');
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  let sequence = 0;
  return {
    async send(mail) {
      const info = await transport.sendMail(messageOf(mail, from));
      await mkdir(folder, { recursive: true });
      // Sortable by time; the sequence keeps two messages of one millisecond apart.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++sequence}.eml`;
      const file = join(folder, name);
      await writeFile(file, info.message as Buffer, { flag: 'wx' });
      return { messageId: info.messageId, deliveredTo: { file } };
    },
    close: () => transport.close(),
  };
}

/** The nodemailer message, after refusing anything that could break a header. */
function messageOf(mail: OutgoingMail, defaultFrom: string) {
  const to = checkEmailAddress(mail.to);
  if (!to.ok) throw refused('to', `The recipient's address ${to.reason}.`);
  assertSingleLine('subject', mail.subject);
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!/^[A-Za-z0-9-]{1,76}$/.test(name)) throw refused('headers', `Bad header name ${name}.`);
    assertSingleLine(`headers.${name}`, value);
  }
  return {
    from: mail.from ? address(mail.from) : defaultFrom,
    to: to.address,
    ...(mail.replyTo ? { replyTo: address(mail.replyTo) } : {}),
    subject: mail.subject,
    text: mail.text,
    ...(mail.html === undefined ? {} : { html: mail.html }),
    ...(mail.headers ? { headers: mail.headers } : {}),
  };
}

/** A name from the database goes out on one line, whatever an editor typed. */
function address({ name, address }: MailAddress): MailAddress {
  const checked = checkEmailAddress(address);
  if (!checked.ok) throw refused('from', `The sender's address ${checked.reason}.`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks would end the header
  const oneLine = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return { name: oneLine, address: checked.address };
}

function assertSingleLine(field: string, value: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a line break would start a new header
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value))
    throw refused(field, `The ${field} contains a line break or a control character.`);
}

function refused(field: string, message: string): ValidationError {
  return new ValidationError({ code: 'EMAIL_REFUSED', field, message });
}
