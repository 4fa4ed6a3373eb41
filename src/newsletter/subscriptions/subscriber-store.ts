import type { Insertable, Kysely, Transaction } from 'kysely';
import type {
  NewsletterConsentLedgerTable,
  NewsletterSubscriptionsTable,
  Tables,
} from '../../storage/tables.ts';
import type { ConsentWording } from '../consent-wording.ts';
import { newLinkKey, newLinkSecret } from '../links.ts';

/*
 * The SQL of subscriptions, one statement per function, each taking the connection or
 * the transaction it runs in: the services decide what goes into one transaction.
 */

export type Db = Kysely<Tables> | Transaction<Tables>;
export type SubscriptionStatus = NewsletterSubscriptionsTable['status'];
export type LedgerEntry = Omit<Insertable<NewsletterConsentLedgerTable>, 'id'>;

export interface SubscriberRow {
  id: number;
  email: string;
  emailHash: string;
  status: 'active' | 'bounced';
  linkKey: string;
  linkSecret: string;
  createdAt: string;
}

export async function findSubscriberByHash(db: Db, hash: string) {
  const row = await db
    .selectFrom('newsletter_subscribers')
    .selectAll()
    .where('email_hash', '=', hash)
    .executeTakeFirst();
  return row && toSubscriber(row);
}

export async function findSubscriberByKey(db: Db, linkKey: string) {
  const row = await db
    .selectFrom('newsletter_subscribers')
    .selectAll()
    .where('link_key', '=', linkKey)
    .executeTakeFirst();
  return row && toSubscriber(row);
}

export async function findSubscriberById(db: Db, id: number) {
  const row = await db
    .selectFrom('newsletter_subscribers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toSubscriber(row);
}

/** The subscriber with this address, created (with a fresh link key and secret) if new. */
export async function ensureSubscriber(
  db: Db,
  address: { address: string; hash: string },
  at: string,
): Promise<SubscriberRow> {
  await db
    .insertInto('newsletter_subscribers')
    .values({
      email: address.address,
      email_hash: address.hash,
      status: 'active',
      link_key: newLinkKey(),
      link_secret: newLinkSecret(),
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('email_hash').doNothing())
    .execute();
  const row = await findSubscriberByHash(db, address.hash);
  if (!row) throw new Error('the subscriber row vanished after its insert');
  return row;
}

export async function findSubscription(db: Db, subscriberId: number, listId: number) {
  return db
    .selectFrom('newsletter_subscriptions')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .where('list_id', '=', listId)
    .executeTakeFirst();
}

export async function subscriptionsOf(db: Db, subscriberId: number) {
  return db
    .selectFrom('newsletter_subscriptions')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('list_id')
    .execute();
}

export async function setSubscription(
  db: Db,
  subscriberId: number,
  listId: number,
  status: SubscriptionStatus,
  at: string,
): Promise<void> {
  await db
    .insertInto('newsletter_subscriptions')
    .values({
      subscriber_id: subscriberId,
      list_id: listId,
      status,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['subscriber_id', 'list_id']).doUpdateSet({ status, updated_at: at }),
    )
    .execute();
}

/** The ledger is append-only: this insert is the only way the app writes to it. */
export async function appendLedger(db: Db, entry: LedgerEntry): Promise<void> {
  await db.insertInto('newsletter_consent_ledger').values(entry).execute();
}

/** Records a wording the first time a sign-up is made under it. */
export async function ensureConsentText(db: Db, wording: ConsentWording, at: string) {
  await db
    .insertInto('newsletter_consent_texts')
    .values({ version: wording.version, wording: wording.wording, created_at: at })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
}

export async function findSuppression(db: Db, hash: string) {
  return db
    .selectFrom('newsletter_suppressions')
    .selectAll()
    .where('email_hash', '=', hash)
    .executeTakeFirst();
}

export async function hasTombstone(db: Db, hash: string): Promise<boolean> {
  const row = await db
    .selectFrom('newsletter_consent_ledger')
    .select('id')
    .where('email_hash', '=', hash)
    .where('event', '=', 'erase')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertToken(
  db: Db,
  token: { hash: string; subscriberId: number; listId: number; at: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('newsletter_tokens')
    .values({
      token_hash: token.hash,
      purpose: 'confirm',
      subscriber_id: token.subscriberId,
      list_id: token.listId,
      created_at: token.at,
      expires_at: token.expiresAt,
      used_at: null,
    })
    .execute();
}

export async function findToken(db: Db, hash: string) {
  return db
    .selectFrom('newsletter_tokens')
    .selectAll()
    .where('token_hash', '=', hash)
    .where('purpose', '=', 'confirm')
    .executeTakeFirst();
}

/** Marks a token used; false if another request used it first (single use under races). */
export async function useToken(db: Db, hash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('newsletter_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function toSubscriber(row: {
  id: number;
  email: string;
  email_hash: string;
  status: 'active' | 'bounced';
  link_key: string;
  link_secret: string;
  created_at: string;
}): SubscriberRow {
  return {
    id: row.id,
    email: row.email,
    emailHash: row.email_hash,
    status: row.status,
    linkKey: row.link_key,
    linkSecret: row.link_secret,
    createdAt: row.created_at,
  };
}
