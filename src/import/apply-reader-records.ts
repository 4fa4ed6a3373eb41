import type { Kysely } from 'kysely';
import { emailHash } from '../newsletter/email-address.ts';
import { newLinkKey, newLinkSecret } from '../newsletter/links.ts';
import {
  findSubscriberByHash,
  findSubscriberByKey,
  findSubscription,
  hasTombstone,
} from '../newsletter/subscriptions/subscriber-store.ts';
import type { Tables } from '../storage/tables.ts';
import { type ApplyContext, RecordError, required, unlessUnresolved } from './apply-record.ts';
import type {
  ConsentEntryRecord,
  ConsentTextRecord,
  NewsletterIssueRecord,
  SubscriberRecord,
} from './reader-records.ts';
import type { ImportRecord } from './records.ts';
import { type EntryRow, storedCopies } from './repeated-entries.ts';
import type { SlugIndex } from './slug-index.ts';

/*
 * Writes the readers' records: consent wordings (never changed once held), subscribers
 * with their per-list state (a state that began later on this site wins), consent
 * ledger entries (appended once), suppressions, and newsletter issues (the n-th of a
 * list). An import never brings back a reader this site has erased.
 */

export type ReaderRecord = Extract<
  ImportRecord,
  { kind: 'consentText' | 'subscriber' | 'consentEntry' | 'suppression' | 'newsletterIssue' }
>;

const KINDS = new Set<string>([
  'consentText',
  'subscriber',
  'consentEntry',
  'suppression',
  'newsletterIssue',
]);

export function isReaderRecord(record: ImportRecord): record is ReaderRecord {
  return KINDS.has(record.kind);
}

export async function applyReaderRecord(record: ReaderRecord, ctx: ApplyContext): Promise<void> {
  switch (record.kind) {
    case 'consentText':
      return applyConsentText(record, ctx);
    case 'subscriber':
      return applySubscriber(record, ctx);
    case 'consentEntry': {
      const row = await ledgerRow(record, ctx);
      if ((await storedCopies(ctx.db, 'newsletter_consent_ledger', row)) >= record.occurrence)
        return;
      await ctx.db.insertInto('newsletter_consent_ledger').values(row).execute();
      return;
    }
    case 'suppression': {
      const values = {
        reason: record.reason,
        detail: record.detail,
        ...(record.createdAt === undefined ? {} : { created_at: record.createdAt }),
      };
      await ctx.db
        .insertInto('newsletter_suppressions')
        .values({ email_hash: record.emailHash, created_at: ctx.at, ...values })
        .onConflict((oc) => oc.column('email_hash').doUpdateSet(values))
        .execute();
      return;
    }
    case 'newsletterIssue':
      return applyIssue(record, ctx);
  }
}

/** Whether the site holds what the record writes (a dry run counts it as an update). */
export async function holdsReaderRecord(
  db: Kysely<Tables>,
  record: ReaderRecord,
  slugs: SlugIndex,
): Promise<boolean> {
  switch (record.kind) {
    case 'consentText':
      return (await storedWording(db, record.version)) !== undefined;
    case 'subscriber':
      return (await findSubscriberByHash(db, emailHash(record.email))) !== undefined;
    case 'consentEntry': {
      const row = await ledgerRow(record, { db, slugs }).catch(unlessUnresolved);
      return (
        row !== undefined &&
        (await storedCopies(db, 'newsletter_consent_ledger', row)) >= record.occurrence
      );
    }
    case 'suppression':
      return (
        (await db
          .selectFrom('newsletter_suppressions')
          .select('email_hash')
          .where('email_hash', '=', record.emailHash)
          .executeTakeFirst()) !== undefined
      );
    case 'newsletterIssue': {
      const list = await slugs.find(db, 'newsletter_lists', record.list);
      return list !== undefined && (await issueIds(db, list)).length >= record.number;
    }
  }
}

async function applyConsentText(record: ConsentTextRecord, ctx: ApplyContext): Promise<void> {
  const stored = await storedWording(ctx.db, record.version);
  if (stored === undefined) {
    await ctx.db
      .insertInto('newsletter_consent_texts')
      .values({
        version: record.version,
        wording: record.wording,
        created_at: record.createdAt ?? ctx.at,
      })
      .execute();
    return;
  }
  // The ledger names a wording by version: changing its words would change what
  // readers are recorded as having agreed to.
  if (stored !== record.wording)
    throw new RecordError(
      'wording',
      `differs from wording ${record.version} on this site; a released wording never changes (give new words a new version)`,
    );
}

async function applySubscriber(record: SubscriberRecord, ctx: ApplyContext): Promise<void> {
  const { db, at } = ctx;
  const hash = emailHash(record.email);
  const stored = await findSubscriberByHash(db, hash);
  const fields = {
    status: record.status,
    ...(record.createdAt === undefined ? {} : { created_at: record.createdAt }),
    updated_at: at,
  };
  let subscriberId: number;
  if (stored) {
    subscriberId = stored.id;
    // A reader this site holds keeps their link key and secret: the links it has mailed
    // them must keep working.
    await db
      .updateTable('newsletter_subscribers')
      .set(fields)
      .where('id', '=', stored.id)
      .execute();
  } else {
    if (await hasTombstone(db, hash))
      throw new RecordError(
        'email',
        'was erased from this site (its consent ledger records the erasure): an import never brings an erased reader back; they may sign up again through the form',
      );
    const inserted = await db
      .insertInto('newsletter_subscribers')
      .values({
        email: record.email,
        email_hash: hash,
        ...(await linkKeyAndSecret(db, record)),
        created_at: at,
        ...fields,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    subscriberId = inserted.id;
  }
  for (const [i, subscription] of record.subscriptions.entries()) {
    const listId = await required(
      ctx,
      'newsletter_lists',
      subscription.list,
      `subscriptions.${i}.list`,
    );
    const current = await findSubscription(db, subscriberId, listId);
    // A reader who left (or joined) after the export was taken keeps that choice.
    if (current && current.updated_at > subscription.since) continue;
    const values = {
      status: subscription.status,
      created_at: subscription.createdAt ?? subscription.since,
      updated_at: subscription.since,
    };
    await db
      .insertInto('newsletter_subscriptions')
      .values({ subscriber_id: subscriberId, list_id: listId, ...values })
      .onConflict((oc) => oc.columns(['subscriber_id', 'list_id']).doUpdateSet(values))
      .execute();
  }
}

/**
 * What the links in a new subscriber's messages are checked against: the record's, so
 * that links mailed before a move keep working; new ones when a file has none.
 */
async function linkKeyAndSecret(
  db: Kysely<Tables>,
  record: SubscriberRecord,
): Promise<{ link_key: string; link_secret: string }> {
  if (record.linkKey === undefined || record.linkSecret === undefined)
    return { link_key: newLinkKey(), link_secret: newLinkSecret() };
  if (await findSubscriberByKey(db, record.linkKey))
    throw new RecordError(
      'linkKey',
      'is already the link key of another subscriber of this site: each reader needs their own (leave linkKey and linkSecret out to make new ones, voiding the links mailed to this reader so far)',
    );
  return { link_key: record.linkKey, link_secret: record.linkSecret };
}

async function ledgerRow(
  record: ConsentEntryRecord,
  ctx: Pick<ApplyContext, 'db' | 'slugs'>,
): Promise<EntryRow<'newsletter_consent_ledger'>> {
  const { db } = ctx;
  let subscriberId: number | null = null;
  if (record.subscriber) {
    const subscriber = await findSubscriberByHash(db, record.emailHash);
    if (!subscriber)
      throw new RecordError(
        'emailHash',
        'belongs to no subscriber of this site: import the subscriber first, or set subscriber to false',
      );
    subscriberId = subscriber.id;
  }
  let listId: number | null = null;
  if (record.list !== undefined) {
    listId = await required(ctx, 'newsletter_lists', record.list, 'list');
  }
  if (
    record.consentVersion !== undefined &&
    (await storedWording(db, record.consentVersion)) === undefined
  )
    throw new RecordError(
      'consentVersion',
      `names wording ${record.consentVersion}, which this site does not hold (import its consentText first)`,
    );
  return {
    email_hash: record.emailHash,
    subscriber_id: subscriberId,
    list_id: listId,
    event: record.event,
    channel: record.channel,
    at: record.at,
    ip: record.ip ?? null,
    user_agent: record.userAgent ?? null,
    form: record.form ?? null,
    page: record.page ?? null,
    consent_version: record.consentVersion ?? null,
    detail: record.detail === undefined ? null : JSON.stringify(record.detail),
  };
}

async function applyIssue(record: NewsletterIssueRecord, ctx: ApplyContext): Promise<void> {
  const { db, at } = ctx;
  const listId = await required(ctx, 'newsletter_lists', record.list, 'list');
  const issues = await issueIds(db, listId);
  if (record.number > issues.length + 1)
    throw new RecordError(
      'number',
      `is ${record.number}, but list "${record.list}" has ${issues.length} issue(s) here: issues are numbered from 1 and imported in order`,
    );
  const publicationIds: number[] = [];
  for (const [i, slug] of record.publications.entries()) {
    publicationIds.push(await required(ctx, 'publications', slug, `publications.${i}`));
  }
  const values = {
    status: record.status,
    subject: record.subject,
    intro_markdown: record.intro,
    covers_from: record.coversFrom ?? null,
    covers_until: record.coversUntil,
    scheduled_for: record.scheduledFor ?? null,
    queued_at: record.queuedAt ?? null,
    finished_at: record.finishedAt ?? null,
    ...(record.createdAt === undefined ? {} : { created_at: record.createdAt }),
    updated_at: at,
  };
  let issueId = issues[record.number - 1];
  if (issueId === undefined) {
    const inserted = await db
      .insertInto('newsletter_issues')
      .values({ list_id: listId, created_at: at, ...values })
      .returning('id')
      .executeTakeFirstOrThrow();
    issueId = inserted.id;
  } else {
    await db.updateTable('newsletter_issues').set(values).where('id', '=', issueId).execute();
    await db.deleteFrom('newsletter_issue_items').where('issue_id', '=', issueId).execute();
  }
  if (publicationIds.length > 0) {
    const id = issueId;
    await db
      .insertInto('newsletter_issue_items')
      .values(
        publicationIds.map((publication_id, position) => ({
          issue_id: id,
          publication_id,
          position,
        })),
      )
      .execute();
  }
}

async function storedWording(db: Kysely<Tables>, version: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('newsletter_consent_texts')
    .select('wording')
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.wording;
}

async function issueIds(db: Kysely<Tables>, listId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('newsletter_issues')
    .select('id')
    .where('list_id', '=', listId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
