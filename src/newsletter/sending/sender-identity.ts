import addressparser from 'nodemailer/lib/addressparser';
import type { Config } from '../../config/schema.ts';
import { ValidationError } from '../../errors.ts';
import type { DigestList } from '../digests/list-lookup.ts';
import { checkEmailAddress } from '../email-address.ts';

/** Who a list's messages come from (the From header and the envelope's MAIL FROM). */
export interface Sender {
  name: string;
  address: string;
}

const DEFAULT_FROM = 'Dossier <no-reply@localhost>';

/**
 * The list's own sender when it has one, else `config.email.from`. The list's address
 * is checked like a reader's (it goes into a header and an SMTP command); nodemailer
 * encodes the name.
 */
export function senderOf(list: DigestList, config: Config): Sender {
  if (list.senderEmail !== '') {
    const checked = checkEmailAddress(list.senderEmail);
    if (!checked.ok)
      throw new ValidationError({
        code: 'NEWSLETTER_SENDER_INVALID',
        field: 'sender_email',
        message: `The sender address of the list "${list.slug}" ${checked.reason}.`,
        hint: 'Give the list a plain address such as news@example.org.',
      });
    return { name: list.senderName || list.name, address: checked.address };
  }
  const [parsed] = addressparser(config.email.from ?? DEFAULT_FROM, { flatten: true });
  if (!parsed?.address || /[\r\n]/.test(parsed.address))
    throw new ValidationError({
      code: 'NEWSLETTER_SENDER_INVALID',
      field: 'email.from',
      message: 'DOSSIER_EMAIL_FROM does not hold an email address.',
      hint: 'Set it to a name and address, e.g. "Policy Institute <news@example.org>".',
    });
  return { name: parsed.name || list.name, address: parsed.address };
}

/**
 * The origin every link in a message starts with: `config.server.publicUrl`, else
 * http://localhost:PORT, which only works on this machine (`warning` says so).
 */
export function linkOrigin(config: Config): { origin: string; warning: string | null } {
  const { publicUrl, port } = config.server;
  if (publicUrl) {
    const origin = publicUrl.replace(/\/+$/, '');
    return {
      origin,
      warning: origin.startsWith('https://')
        ? null
        : 'DOSSIER_SERVER_PUBLIC_URL is not https: mail providers expect https unsubscribe links (RFC 8058).',
    };
  }
  return {
    origin: `http://localhost:${port}`,
    warning: `DOSSIER_SERVER_PUBLIC_URL is not set: links in messages point at http://localhost:${port}, which readers cannot open.`,
  };
}
