import { createHash, randomBytes } from 'node:crypto';

/** A secret for a cookie or a link: 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: enough to find it, useless to present. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
