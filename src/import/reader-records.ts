import type { Selectable } from 'kysely';
import { z } from 'zod';
import { LINK_KEY } from '../newsletter/links.ts';
import type {
  NewsletterConsentLedgerTable,
  NewsletterIssuesTable,
  NewsletterSubscribersTable,
  NewsletterSubscriptionsTable,
} from '../storage/tables.ts';
import { occurrence } from './account-records.ts';
import { emailAddress, emailHash, isoTime, jsonDetail, slug, text } from './record-fields.ts';

/*
 * Record kinds of a site's readers (docs/newsletters.md): the consent wordings, the
 * subscribers with their per-list state and link key and secret, the consent ledger, the
 * suppression list, and the issues editors made. Never the confirmation tokens or the
 * outbox: those are sends in flight, tied to one install.
 */

type SubscriberStatus = Selectable<NewsletterSubscribersTable>['status'];
const SUBSCRIBER_STATUSES = {
  active: 'active',
  bounced: 'bounced',
} as const satisfies Record<SubscriberStatus, SubscriberStatus>;
type SubscriptionStatus = NewsletterSubscriptionsTable['status'];
const SUBSCRIPTION_STATUSES = {
  pending: 'pending',
  active: 'active',
  unsubscribed: 'unsubscribed',
} as const satisfies Record<SubscriptionStatus, SubscriptionStatus>;
type IssueStatus = Selectable<NewsletterIssuesTable>['status'];
const ISSUE_STATUSES = {
  draft: 'draft',
  scheduled: 'scheduled',
  sending: 'sending',
  sent: 'sent',
} as const satisfies Record<IssueStatus, IssueStatus>;

type LedgerEvent = NewsletterConsentLedgerTable['event'];
const LEDGER_EVENTS = {
  signup: 'signup',
  confirm: 'confirm',
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  import: 'import',
  bounce: 'bounce',
  erase: 'erase',
} as const satisfies Record<LedgerEvent, LedgerEvent>;

/** A consent wording's version, `YYYY-MM-DD-n` (newsletter/consent-wording.ts). */
const consentVersion = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}-\d{1,4}$/, 'must be a wording version such as 2026-12-06-1');

/** A short lowercase word naming how or why (`form`, `one-click`, `bounce`). */
const token = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lowercase word such as form or one-click');

/** One released wording of the consent text; never changed once a site holds it. */
export const consentTextRecord = z.strictObject({
  kind: z.literal('consentText'),
  version: consentVersion,
  wording: text(5000).min(1),
  createdAt: isoTime.optional(),
});

const subscription = z.strictObject({
  list: slug,
  status: z.enum(SUBSCRIPTION_STATUSES),
  /** When this status began: a stored one that began later wins (see the docs). */
  since: isoTime,
  createdAt: isoTime.optional(),
});

/**
 * A reader and their state on each list they ever joined, with what the links in their
 * messages are checked against: the key that names them and the secret that signs them.
 */
export const subscriberRecord = z
  .strictObject({
    kind: z.literal('subscriber'),
    email: emailAddress,
    status: z.enum(SUBSCRIBER_STATUSES).default('active'),
    createdAt: isoTime.optional(),
    subscriptions: z.array(subscription).max(1000).default([]),
    linkKey: z
      .string()
      .regex(LINK_KEY, 'must be 22 to 64 characters of A-Z, a-z, 0-9, - and _')
      .optional(),
    // At least 128 bits, as base64url or hex: a short secret would make links guessable.
    linkSecret: z
      .string()
      .regex(/^[A-Za-z0-9_-]{22,128}$/, 'must be 22 to 128 characters of A-Z, a-z, 0-9, - and _')
      .optional(),
  })
  .refine((r) => new Set(r.subscriptions.map((s) => s.list)).size === r.subscriptions.length, {
    path: ['subscriptions'],
    message: 'names the same list twice',
  })
  // Links are checked against both: one without the other could check none.
  .refine((r) => r.linkKey === undefined || r.linkSecret !== undefined, {
    path: ['linkSecret'],
    message: 'is missing: a linkKey comes with its linkSecret',
  })
  .refine((r) => r.linkSecret === undefined || r.linkKey !== undefined, {
    path: ['linkKey'],
    message: 'is missing: a linkSecret comes with its linkKey',
  });

/**
 * One entry of the consent ledger (append-only). Keyed by every field and `occurrence`,
 * so importing a file twice adds nothing the second time.
 */
export const consentEntryRecord = z.strictObject({
  kind: z.literal('consentEntry'),
  emailHash,
  /** Whether it belongs to the subscriber of that address (not so for an erasure's tombstone). */
  subscriber: z.boolean().default(true),
  list: slug.optional(),
  event: z.enum(LEDGER_EVENTS),
  channel: token,
  at: isoTime,
  ip: text(200).optional(),
  userAgent: text(500).optional(),
  form: text(100).optional(),
  page: text(2000).optional(),
  consentVersion: consentVersion.optional(),
  detail: jsonDetail.optional(),
  occurrence,
});

/** An address no send may reach (bounced, complained, erased, or added by hand). */
export const suppressionRecord = z.strictObject({
  kind: z.literal('suppression'),
  emailHash,
  reason: token,
  detail: text(1000).default(''),
  createdAt: isoTime.optional(),
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: one line, as the digest service checks a subject
const SUBJECT = /^[^\u0000-\u001f\u007f]+$/;

/** A newsletter issue, the `number`-th of its list (from 1, oldest first), with its pieces. */
export const newsletterIssueRecord = z
  .strictObject({
    kind: z.literal('newsletterIssue'),
    list: slug,
    number: z.int().min(1).max(1_000_000),
    status: z.enum(ISSUE_STATUSES).default('draft'),
    subject: z.string().max(200).regex(SUBJECT, 'must be one line of 1 to 200 characters'),
    intro: text(20_000).default(''),
    coversFrom: isoTime.optional(),
    coversUntil: isoTime,
    scheduledFor: isoTime.optional(),
    queuedAt: isoTime.optional(),
    finishedAt: isoTime.optional(),
    createdAt: isoTime.optional(),
    /** Publication slugs, in the order the issue shows them. */
    publications: z.array(slug).max(200).default([]),
  })
  .refine((r) => new Set(r.publications).size === r.publications.length, {
    path: ['publications'],
    message: 'names the same publication twice',
  });

export type ConsentTextRecord = z.infer<typeof consentTextRecord>;
export type SubscriberRecord = z.infer<typeof subscriberRecord>;
export type ConsentEntryRecord = z.infer<typeof consentEntryRecord>;
export type NewsletterIssueRecord = z.infer<typeof newsletterIssueRecord>;
