import { randomBytes } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { Sender } from './sender-identity.ts';

/*
 * One subscriber's message as bytes, built by nodemailer from structured fields: every
 * header is encoded and folded by it, nothing is concatenated into a header by us.
 * The stream transport with `buffer` is nodemailer's message builder with its List-*
 * header support and no sending.
 */
const builder = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

export interface MessageParts {
  sender: Sender;
  /** Checked by checkEmailAddress. */
  to: string;
  subject: string;
  date: Date;
  /** `<…@…>`, stable for the outbox row: a resend carries the same one. */
  messageId: string;
  /** List-Id: `<slug.host>` and the list's name. */
  listId: { id: string; name: string };
  unsubscribeUrl: string;
  unsubscribeMailto: string;
  html: string;
  text: string;
  /** Force the parts' transfer encoding (message-template.ts needs quoted-printable). */
  encoding?: 'quoted-printable';
}

export async function composeMessage(parts: MessageParts): Promise<Buffer> {
  const info = await builder.sendMail({
    from: { name: parts.sender.name, address: parts.sender.address },
    to: parts.to,
    subject: parts.subject,
    date: parts.date,
    messageId: parts.messageId,
    text: parts.text,
    html: parts.html,
    list: {
      id: { url: parts.listId.id, comment: parts.listId.name },
      // One header with both, https first (RFC 2369, RFC 8058).
      unsubscribe: [[{ url: parts.unsubscribeUrl }, { url: parts.unsubscribeMailto }]],
    },
    headers: {
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      Precedence: 'bulk',
    },
    xMailer: false,
    ...(parts.encoding && { encoding: parts.encoding }),
  });
  return info.message as Buffer;
}

/** A Message-ID for an outbox row: unique, and at the sender's domain. */
export function newMessageId(issueId: number, subscriberId: number, senderAddress: string): string {
  const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1) || 'localhost';
  return `<dossier.${issueId}.${subscriberId}.${randomBytes(6).toString('hex')}@${domain}>`;
}
