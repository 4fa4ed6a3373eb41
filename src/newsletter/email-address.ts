import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';

/*
 * Reader-supplied email addresses, checked before they go anywhere near an SMTP command
 * or a mail header. We accept what mail servers reliably deliver: an ASCII dot-atom local
 * part and a domain name (an international domain is turned into its ASCII form). Quoted
 * local parts, comments, IP-literal domains and UTF-8 local parts are legal in the RFCs
 * but rare, and each is a way to smuggle something into a header: we refuse them with a
 * reason a reader can act on.
 */

export type AddressCheck =
  | { ok: true; address: string; hash: string }
  | { ok: false; reason: string };

/** RFC 5322 atext: the characters of a dot-atom. */
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Normalises and checks one address; `address` is what we store and send to. */
export function checkEmailAddress(input: unknown): AddressCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'is missing' };
  const trimmed = input.normalize('NFC').trim();
  if (trimmed === '') return { ok: false, reason: 'is empty' };
  if (trimmed.length > 254) return { ok: false, reason: 'is longer than 254 characters' };
  // Control characters (CR and LF above all) would end a header or an SMTP command.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: this is the check for them
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(trimmed))
    return { ok: false, reason: 'contains a line break or a control character' };
  if (/\s/u.test(trimmed)) return { ok: false, reason: 'contains a space' };
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return { ok: false, reason: 'has no @' };
  const local = trimmed.slice(0, at);
  const domainPart = trimmed.slice(at + 1);
  if (local === '') return { ok: false, reason: 'has nothing before the @' };
  if (local.length > 64) return { ok: false, reason: 'has more than 64 characters before the @' };
  if (local.includes('@')) return { ok: false, reason: 'has more than one @' };
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return { ok: false, reason: 'has a misplaced dot before the @' };
  if (!local.split('.').every((atom) => ATEXT.test(atom)))
    return {
      ok: false,
      reason: 'has characters before the @ that mail servers do not reliably accept',
    };
  if (domainPart === '') return { ok: false, reason: 'has nothing after the @' };
  if (domainPart.startsWith('['))
    return { ok: false, reason: 'names an IP address instead of a domain' };
  const domain = domainToASCII(domainPart.toLowerCase().replace(/\.$/, ''));
  if (domain === '') return { ok: false, reason: 'has a domain that is not valid' };
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)))
    return { ok: false, reason: 'has a domain that is not valid' };
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels.at(-1) ?? ''))
    return { ok: false, reason: 'has a domain that is not valid' };
  if (domain.length > 253) return { ok: false, reason: 'has a domain that is too long' };
  const address = `${local}@${domain}`;
  return { ok: true, address, hash: emailHash(address) };
}

/**
 * The address's lasting fingerprint (SHA-256, hex) of its lower-cased form: mail servers
 * treat the local part's case as the same mailbox in practice, and an erasure or a
 * bounce must catch every spelling of it.
 */
export function emailHash(address: string): string {
  return createHash('sha256').update(address.toLowerCase()).digest('hex');
}
