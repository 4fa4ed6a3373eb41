import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The links every newsletter message carries: a subscriber's preferences page and
 * one-click unsubscribe from one list. Each is signed with the subscriber's own random
 * `link_secret` (newsletter_subscribers), so a link works for as long as they are
 * subscribed, cannot be forged or pointed at someone else, and an erasure (which deletes
 * the secret with the row) voids every link ever sent to them.
 */

export type LinkPurpose = 'preferences' | 'unsubscribe';

/** The signature of one link: base64url HMAC-SHA256, truncated to 128 bits. */
export function linkToken(
  secret: string,
  purpose: LinkPurpose,
  subscriberId: number,
  listId = 0,
): string {
  return createHmac('sha256', secret)
    .update(`${purpose}:${subscriberId}:${listId}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** Whether `token` signs that link for that subscriber, in constant time. */
export function linkTokenMatches(
  secret: string,
  token: string,
  purpose: LinkPurpose,
  subscriberId: number,
  listId = 0,
): boolean {
  const expected = Buffer.from(linkToken(secret, purpose, subscriberId, listId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `{origin}/newsletters/preferences?s=…&t=…` */
export function preferencesUrl(origin: string, subscriberId: number, secret: string): string {
  const token = linkToken(secret, 'preferences', subscriberId);
  return `${origin}/newsletters/preferences?s=${subscriberId}&t=${token}`;
}

/**
 * `{origin}/newsletters/unsubscribe?s=…&l=…&t=…`: a POST with the body
 * `List-Unsubscribe=One-Click` unsubscribes at once (RFC 8058); a GET only shows a page
 * with a button, because mail scanners follow GET links.
 */
export function unsubscribeUrl(
  origin: string,
  subscriberId: number,
  listId: number,
  secret: string,
): string {
  const token = linkToken(secret, 'unsubscribe', subscriberId, listId);
  return `${origin}/newsletters/unsubscribe?s=${subscriberId}&l=${listId}&t=${token}`;
}
