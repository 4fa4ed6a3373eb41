import type { Kysely } from 'kysely';
import { BadRequestError } from '../../errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Tables } from '../../storage/tables.ts';
import { checkEmailAddress } from '../email-address.ts';
import { appendLedger, findSubscriberByHash, type SubscriptionStatus } from './subscriber-store.ts';

/*
 * What an operator does about one subscriber, on request: export everything we hold about
 * them (their right of access) and erase it (their right to erasure). An erasure deletes
 * the subscriber, their subscriptions, tokens and ledger entries, and leaves one tombstone
 * entry and a suppression holding only the address's hash, so an import cannot bring the
 * address back (a reader may still sign up again through the form and confirm).
 */

export interface SubscriberExport {
  format: 'dossier-newsletter-subscriber/1';
  exportedAt: string;
  email: string;
  emailHash: string;
  subscriber: { id: number; status: string; createdAt: string; updatedAt: string } | null;
  subscriptions: Array<{
    list: string | null;
    status: SubscriptionStatus;
    createdAt: string;
    updatedAt: string;
  }>;
  /** Every ledger entry, oldest first, with the consent wording each sign-up was shown. */
  consentLedger: Array<{
    at: string;
    event: string;
    channel: string;
    list: string | null;
    ip: string | null;
    userAgent: string | null;
    form: string | null;
    page: string | null;
    consentVersion: string | null;
    consentWording: string | null;
    detail: unknown;
  }>;
  suppression: { reason: string; detail: string; createdAt: string } | null;
}

export interface SubscriberSummary {
  email: string;
  list: string;
  status: SubscriptionStatus;
  since: string;
}

export interface SubscriberRecords {
  /** Everything held about one address (also after an erasure: the tombstone). */
  exportOne(email: string): Promise<SubscriberExport>;
  /** Erases the address; `hadSubscriber` says whether there was anything beyond a hash. */
  erase(email: string, channel: string): Promise<{ hadSubscriber: boolean }>;
  list(filter: { list?: string; status?: SubscriptionStatus }): Promise<SubscriberSummary[]>;
}

export function createSubscriberRecords(deps: {
  db: Kysely<Tables>;
  clock: Clock;
}): SubscriberRecords {
  const { db, clock } = deps;
  return {
    async exportOne(email) {
      const { address, hash } = requireAddress(email);
      const subscriber = await db
        .selectFrom('newsletter_subscribers')
        .selectAll()
        .where('email_hash', '=', hash)
        .executeTakeFirst();
      const subscriptions = subscriber
        ? await db
            .selectFrom('newsletter_subscriptions as s')
            .leftJoin('newsletter_lists as l', 'l.id', 's.list_id')
            .select(['l.slug', 's.status', 's.created_at', 's.updated_at'])
            .where('s.subscriber_id', '=', subscriber.id)
            .orderBy('s.list_id')
            .execute()
        : [];
      const ledger = await db
        .selectFrom('newsletter_consent_ledger as e')
        .leftJoin('newsletter_lists as l', 'l.id', 'e.list_id')
        .leftJoin('newsletter_consent_texts as t', 't.version', 'e.consent_version')
        .select([
          'e.at',
          'e.event',
          'e.channel',
          'l.slug',
          'e.ip',
          'e.user_agent',
          'e.form',
          'e.page',
          'e.consent_version',
          't.wording',
          'e.detail',
        ])
        .where('e.email_hash', '=', hash)
        .orderBy('e.id')
        .execute();
      const suppression = await db
        .selectFrom('newsletter_suppressions')
        .selectAll()
        .where('email_hash', '=', hash)
        .executeTakeFirst();
      return {
        format: 'dossier-newsletter-subscriber/1',
        exportedAt: clock.now().toISOString(),
        email: subscriber?.email ?? address,
        emailHash: hash,
        subscriber: subscriber
          ? {
              id: subscriber.id,
              status: subscriber.status,
              createdAt: subscriber.created_at,
              updatedAt: subscriber.updated_at,
            }
          : null,
        subscriptions: subscriptions.map((s) => ({
          list: s.slug,
          status: s.status,
          createdAt: s.created_at,
          updatedAt: s.updated_at,
        })),
        consentLedger: ledger.map((e) => ({
          at: e.at,
          event: e.event,
          channel: e.channel,
          list: e.slug,
          ip: e.ip,
          userAgent: e.user_agent,
          form: e.form,
          page: e.page,
          consentVersion: e.consent_version,
          consentWording: e.wording,
          detail: e.detail === null ? null : JSON.parse(e.detail),
        })),
        suppression: suppression
          ? {
              reason: suppression.reason,
              detail: suppression.detail,
              createdAt: suppression.created_at,
            }
          : null,
      };
    },

    async erase(email, channel) {
      const { hash } = requireAddress(email);
      const at = clock.now().toISOString();
      return db.transaction().execute(async (trx) => {
        const subscriber = await findSubscriberByHash(trx, hash);
        // The ledger's only deletion: the erased person's own entries.
        await trx.deleteFrom('newsletter_consent_ledger').where('email_hash', '=', hash).execute();
        if (subscriber)
          await trx.deleteFrom('newsletter_subscribers').where('id', '=', subscriber.id).execute();
        await appendLedger(trx, {
          subscriber_id: null,
          email_hash: hash,
          list_id: null,
          event: 'erase',
          channel,
          at,
          ip: null,
          user_agent: null,
          form: null,
          page: null,
          consent_version: null,
          detail: null,
        });
        await trx
          .insertInto('newsletter_suppressions')
          .values({ email_hash: hash, reason: 'erased', detail: '', created_at: at })
          .onConflict((oc) => oc.column('email_hash').doNothing())
          .execute();
        return { hadSubscriber: subscriber !== undefined };
      });
    },

    async list(filter) {
      let query = db
        .selectFrom('newsletter_subscriptions as s')
        .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
        .innerJoin('newsletter_lists as l', 'l.id', 's.list_id')
        .select(['r.email', 'l.slug', 's.status', 's.updated_at'])
        .orderBy('l.slug')
        .orderBy('r.email');
      if (filter.list !== undefined) query = query.where('l.slug', '=', filter.list);
      if (filter.status !== undefined) query = query.where('s.status', '=', filter.status);
      const rows = await query.execute();
      return rows.map((r) => ({
        email: r.email,
        list: r.slug,
        status: r.status,
        since: r.updated_at,
      }));
    },
  };
}

function requireAddress(email: string): { address: string; hash: string } {
  const checked = checkEmailAddress(email);
  if (!checked.ok)
    throw new BadRequestError({
      code: 'EMAIL_INVALID',
      field: 'email',
      message: `The email address ${checked.reason}.`,
    });
  return checked;
}
