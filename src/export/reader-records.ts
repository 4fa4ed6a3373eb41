import type { Kysely, Selectable } from 'kysely';
import { entryKey } from '../import/repeated-entries.ts';
import { emailHash } from '../newsletter/email-address.ts';
import type { NewsletterConsentLedgerTable, Tables } from '../storage/tables.ts';
import { readerName, storedJson, writeChecked } from './checked-write.ts';
import type { ExportSink } from './export-sink.ts';
import {
  byCodeUnits,
  groupBy,
  keysetPages,
  numberRepeats,
  PAGE_SIZE,
  tablePages,
} from './keyset.ts';

type Db = Kysely<Tables>;

/*
 * Newsletter readers: the consent wordings, subscribers with their state on each list
 * and their link key and secret (what the links in mail already sent are checked
 * against, so they keep working on the copy), the consent ledger and the suppression
 * list. Never the confirmation tokens or the outbox: sends in flight, tied to one install.
 */

/** Every wording a sign-up was made under, by version (a handful: read at once). */
export async function writeConsentTexts(db: Db, sink: ExportSink): Promise<void> {
  const rows = await db.selectFrom('newsletter_consent_texts').selectAll().execute();
  // In code-unit order, not SQL's: collations differ between engines and installs.
  rows.sort((a, b) => byCodeUnits(a.version, b.version));
  for (const row of rows) {
    await writeChecked(
      sink,
      {
        kind: 'consentText',
        version: row.version,
        wording: row.wording,
        createdAt: row.created_at,
      },
      `consentText ${row.version}`,
    );
  }
}

/**
 * Every subscriber with each subscription (by list slug), when its status began, and
 * their link key and secret.
 */
export async function writeSubscribers(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of tablePages(db, 'newsletter_subscribers')) {
    const subscriptions = groupBy(
      await db
        .selectFrom('newsletter_subscriptions as s')
        .innerJoin('newsletter_lists as l', 'l.id', 's.list_id')
        .select(['s.subscriber_id', 'l.slug', 's.status', 's.created_at', 's.updated_at'])
        .where(
          's.subscriber_id',
          'in',
          rows.map((row) => row.id),
        )
        .execute(),
      (row) => row.subscriber_id,
    );
    for (const row of rows) {
      const name = readerName('subscriber', row.email_hash);
      if (emailHash(row.email) !== row.email_hash)
        sink.problem({
          record: name,
          field: 'email',
          message: "does not match the stored hash of the subscriber's address",
        });
      const lists = [...(subscriptions.get(row.id) ?? [])].sort((a, b) =>
        byCodeUnits(a.slug, b.slug),
      );
      await writeChecked(
        sink,
        {
          kind: 'subscriber',
          email: row.email,
          status: row.status,
          createdAt: row.created_at,
          subscriptions: lists.map((s) => ({
            list: s.slug,
            status: s.status,
            since: s.updated_at,
            createdAt: s.created_at,
          })),
          linkKey: row.link_key,
          linkSecret: row.link_secret,
        },
        name,
      );
    }
  }
}

type LedgerRow = Selectable<NewsletterConsentLedgerTable>;

/** The consent ledger, oldest first, tombstones included. */
export async function writeConsentLedger(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of keysetPages((after, limit) =>
    db
      .selectFrom('newsletter_consent_ledger as e')
      .leftJoin('newsletter_lists as l', 'l.id', 'e.list_id')
      .leftJoin('newsletter_subscribers as s', 's.id', 'e.subscriber_id')
      .selectAll('e')
      .select(['l.slug as list', 's.email_hash as subscriberHash'])
      .where('e.id', '>', after)
      .orderBy('e.id')
      .limit(limit)
      .execute(),
  )) {
    const occurrences = await ledgerOccurrences(db, rows);
    for (const row of rows) {
      const name = readerName('consentEntry', row.email_hash, row.at);
      if (row.subscriber_id !== null && row.subscriberHash !== row.email_hash)
        sink.problem({
          record: name,
          field: 'subscriber',
          message: 'belongs to a subscriber of another address; the copy links it by its own',
        });
      const occurrence = occurrences.get(row.id) ?? 1;
      await writeChecked(
        sink,
        {
          kind: 'consentEntry',
          emailHash: row.email_hash,
          subscriber: row.subscriber_id !== null,
          list: row.list ?? undefined,
          event: row.event,
          channel: row.channel,
          at: row.at,
          ip: row.ip ?? undefined,
          userAgent: row.user_agent ?? undefined,
          form: row.form ?? undefined,
          page: row.page ?? undefined,
          consentVersion: row.consent_version ?? undefined,
          detail: row.detail === null ? undefined : storedJson(row.detail, sink, name, 'detail'),
          occurrence: occurrence > 1 ? occurrence : undefined,
        },
        name,
      );
    }
  }
}

/**
 * Each entry's number among equal entries (repeated-entries.ts). Equal entries share
 * their address's hash, so only the ledger of this page's addresses is read.
 */
async function ledgerOccurrences(db: Db, rows: LedgerRow[]): Promise<Map<number, number>> {
  const earlier = await db
    .selectFrom('newsletter_consent_ledger')
    .selectAll()
    .where('email_hash', 'in', [...new Set(rows.map((row) => row.email_hash))])
    .where('id', '<=', rows.at(-1)?.id ?? 0)
    .orderBy('id')
    .execute();
  return numberRepeats(earlier, (row) => entryKey('newsletter_consent_ledger', row));
}

/**
 * The suppression list, by address hash. Paged by the hash itself (the table has no id):
 * hex digits sort the same under every engine's collation, so the order is stable.
 */
export async function writeSuppressions(db: Db, sink: ExportSink): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('newsletter_suppressions')
      .selectAll()
      .where('email_hash', '>', after)
      .orderBy('email_hash')
      .limit(PAGE_SIZE)
      .execute();
    for (const row of rows) {
      await writeChecked(
        sink,
        {
          kind: 'suppression',
          emailHash: row.email_hash,
          reason: row.reason,
          detail: row.detail,
          createdAt: row.created_at,
        },
        readerName('suppression', row.email_hash),
      );
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE_SIZE) return;
    after = last.email_hash;
  }
}
