import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { NotFoundError } from '../errors.ts';

/*
 * The links every newsletter message carries: a subscriber's preferences page and
 * one-click unsubscribe from one list. A link names the subscriber by their random public
 * `link_key` and the list by its slug, and is signed with the subscriber's own random
 * `link_secret` (newsletter_subscribers). Key, secret and slug all travel with a site
 * export, so a link mailed before a move still works on the new install; it cannot be
 * forged or pointed at someone else; and an erasure (which deletes the row) voids every
 * link ever sent to them.
 *
 * Links mailed before keys existed named the subscriber and list by row id (`s=`, `l=`).
 * They are still read, but ids are local to one install: such a link only works on the
 * install that sent it.
 */

export type LinkPurpose = 'preferences' | 'unsubscribe';

/** Whose links these are: what a subscriber row holds for them. */
export interface LinkHolder {
  linkKey: string;
  linkSecret: string;
}

/** A preferences link as read from its URL or form. */
export type PreferencesLink =
  | { form: 'key'; key: string; token: string }
  | { form: 'id'; subscriberId: number; token: string };

/** An unsubscribe link as read from its URL. */
export type UnsubscribeLink =
  | { form: 'key'; key: string; listSlug: string; token: string }
  | { form: 'id'; subscriberId: number; listId: number; token: string };

/** 16 random bytes as base64url; imported keys may be longer (up to 48 bytes). */
export const LINK_KEY = /^[A-Za-z0-9_-]{22,64}$/;

export function newLinkKey(): string {
  return randomBytes(16).toString('base64url');
}

export function newLinkSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** `{origin}/newsletters/preferences?k=…&t=…` */
export function preferencesUrl(origin: string, holder: LinkHolder): string {
  const token = signByKey(holder.linkSecret, 'preferences', holder.linkKey, '');
  return `${origin}/newsletters/preferences?${linkQuery({ form: 'key', key: holder.linkKey, token })}`;
}

/**
 * `{origin}/newsletters/unsubscribe?k=…&list=…&t=…`: a POST with the body
 * `List-Unsubscribe=One-Click` unsubscribes at once (RFC 8058); a GET only shows a page
 * with a button, because mail scanners follow GET links.
 */
export function unsubscribeUrl(origin: string, holder: LinkHolder, listSlug: string): string {
  const token = signByKey(holder.linkSecret, 'unsubscribe', holder.linkKey, listSlug);
  const link: UnsubscribeLink = { form: 'key', key: holder.linkKey, listSlug, token };
  return `${origin}/newsletters/unsubscribe?${linkQuery(link)}`;
}

/** The query string that carries a link (the unsubscribe page posts back to it). */
export function linkQuery(link: PreferencesLink | UnsubscribeLink): string {
  const fields: Record<string, string> =
    link.form === 'key'
      ? { k: link.key, ...('listSlug' in link ? { list: link.listSlug } : {}) }
      : { s: String(link.subscriberId), ...('listId' in link ? { l: String(link.listId) } : {}) };
  return new URLSearchParams({ ...fields, t: link.token }).toString();
}

/**
 * Whether the link was signed for this subscriber, in constant time. The caller found
 * the subscriber by the key or id the link names; this checks the signature over it.
 */
export function isSignedFor(
  holder: LinkHolder & { id: number },
  link: PreferencesLink | UnsubscribeLink,
  purpose: LinkPurpose,
): boolean {
  const expected =
    link.form === 'key'
      ? link.key === holder.linkKey &&
        signByKey(holder.linkSecret, purpose, link.key, 'listSlug' in link ? link.listSlug : '')
      : link.subscriberId === holder.id &&
        signById(holder.linkSecret, purpose, link.subscriberId, 'listId' in link ? link.listId : 0);
  if (expected === false) return false;
  const given = Buffer.from(link.token);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

const token = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const key = z.string().regex(LINK_KEY);
const id = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31);
const listSlug = z.string().regex(/^[a-z0-9-]{1,200}$/);
const preferencesByKey = z.object({ k: key, t: token });
const preferencesById = z.object({ s: id, t: token });
const unsubscribeByKey = z.object({ k: key, list: listSlug, t: token });
const unsubscribeById = z.object({ s: id, l: id, t: token });

/** The preferences link in a query or form; NEWSLETTER_LINK_INVALID (404) if it is none. */
export function readPreferencesLink(fields: unknown): PreferencesLink {
  if (hasField(fields, 'k')) {
    const link = preferencesByKey.safeParse(fields);
    if (link.success) return { form: 'key', key: link.data.k, token: link.data.t };
  } else {
    const link = preferencesById.safeParse(fields);
    if (link.success) return { form: 'id', subscriberId: link.data.s, token: link.data.t };
  }
  throw invalidLink();
}

/** The unsubscribe link in a query; NEWSLETTER_LINK_INVALID (404) if it is none. */
export function readUnsubscribeLink(fields: unknown): UnsubscribeLink {
  if (hasField(fields, 'k')) {
    const link = unsubscribeByKey.safeParse(fields);
    if (link.success)
      return { form: 'key', key: link.data.k, listSlug: link.data.list, token: link.data.t };
  } else {
    const link = unsubscribeById.safeParse(fields);
    if (link.success)
      return {
        form: 'id',
        subscriberId: link.data.s,
        listId: link.data.l,
        token: link.data.t,
      };
  }
  throw invalidLink();
}

/**
 * The one answer to every link that does not work (mistyped, tampered, another
 * subscriber's, an unknown list, an erased reader): it must not tell them apart.
 */
export function invalidLink(): NotFoundError {
  return new NotFoundError({
    code: 'NEWSLETTER_LINK_INVALID',
    message:
      'This newsletter link is not valid: it may be mistyped or cut short by your mail program, or its subscription no longer exists.',
    hint: 'Use the link in your most recent newsletter email.',
  });
}

function hasField(fields: unknown, name: string): boolean {
  return typeof fields === 'object' && fields !== null && name in fields;
}

/** The signature of a link: base64url HMAC-SHA256, truncated to 128 bits. */
function signByKey(secret: string, purpose: LinkPurpose, linkKey: string, slug: string): string {
  // `|` never appears in an id-form message below, so one can never stand for the other.
  return createHmac('sha256', secret)
    .update(`${purpose}|${linkKey}|${slug}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** The signature of an id-form link, as mailed before link keys (listId 0: preferences). */
export function signById(
  secret: string,
  purpose: LinkPurpose,
  subscriberId: number,
  listId: number,
): string {
  return createHmac('sha256', secret)
    .update(`${purpose}:${subscriberId}:${listId}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}
