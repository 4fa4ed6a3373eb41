import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { NewsletterConfig } from '../../config/schema.ts';

/** Where a consent came from, as the request told us. */
export interface ReaderEvidence {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export type IpStorage = NewsletterConfig['ipStorage'];

/**
 * The IP address as the ledger may keep it (the `newsletter.ipStorage` setting): its
 * network only (`truncate`: /24 for IPv4, /48 for IPv6, enough to show where a sign-up
 * came from without naming a household), a SHA-256 (`hash`: pseudonymous, not anonymous —
 * the IPv4 space is small enough to try every address), the address (`full`), or nothing.
 */
export function storedIp(ip: string | undefined, storage: IpStorage): string | null {
  if (ip === undefined || storage === 'none') return null;
  const address = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (!isIPv4(address) && !isIPv6(address)) return null;
  switch (storage) {
    case 'full':
      return address;
    case 'hash':
      return `sha256:${createHash('sha256').update(address).digest('hex')}`;
    case 'truncate':
      return isIPv4(address) ? truncateIpv4(address) : truncateIpv6(address);
  }
}

/** A user agent fit for the ledger: one line, at most 500 characters. */
export function storedUserAgent(userAgent: string | undefined): string | null {
  if (userAgent === undefined) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: keep the ledger's text on one line
  const clean = userAgent.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return clean === '' ? null : clean.slice(0, 500);
}

function truncateIpv4(ip: string): string {
  return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
}

function truncateIpv6(ip: string): string {
  const [head = '', tail] = ip.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? headGroups
      : [
          ...headGroups,
          ...Array(8 - headGroups.length - tailGroups.length).fill('0'),
          ...tailGroups,
        ];
  const network = groups.slice(0, 3).map((g) => Number.parseInt(g, 16).toString(16));
  return `${network.join(':')}::/48`;
}
