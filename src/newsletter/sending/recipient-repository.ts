import type { Kysely } from 'kysely';
import type { Tables } from '../../storage/tables.ts';

/** What a send needs to know about a subscriber right before their message. */
export interface Recipient {
  id: number;
  email: string;
  emailHash: string;
  linkKey: string;
  linkSecret: string;
  /** Why nothing may be sent to them now, or null when it may. */
  blockedBecause: string | null;
}

export interface Bounce {
  subscriberId: number;
  emailHash: string;
  listId: number;
  issueId: number;
  /** The SMTP reply code and text. */
  code: number;
  response: string;
  at: Date;
}

export interface RecipientRepository {
  /** The subscriber as of now (undefined when erased since the outbox was filled). */
  findRecipient(subscriberId: number, listId: number): Promise<Recipient | undefined>;
  /**
   * A permanent refusal: the subscriber becomes `bounced`, their address joins the
   * suppression list (by hash, so it outlives an erasure) and the consent ledger records
   * the bounce; all in one transaction.
   */
  recordBounce(bounce: Bounce): Promise<void>;
}

export function createRecipientRepository(db: Kysely<Tables>): RecipientRepository {
  return {
    async findRecipient(subscriberId, listId) {
      const row = await db
        .selectFrom('newsletter_subscribers as s')
        .leftJoin('newsletter_subscriptions as sub', (join) =>
          join.onRef('sub.subscriber_id', '=', 's.id').on('sub.list_id', '=', listId),
        )
        .leftJoin('newsletter_suppressions as sup', 'sup.email_hash', 's.email_hash')
        .select([
          's.id',
          's.email',
          's.email_hash',
          's.link_key',
          's.link_secret',
          's.status',
          'sub.status as subscription',
          'sup.reason as suppressed',
        ])
        .where('s.id', '=', subscriberId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: Number(row.id),
        email: row.email,
        emailHash: row.email_hash,
        linkKey: row.link_key,
        linkSecret: row.link_secret,
        blockedBecause:
          row.suppressed !== null
            ? `suppressed (${row.suppressed})`
            : row.status !== 'active'
              ? `subscriber ${row.status}`
              : row.subscription !== 'active'
                ? `subscription ${row.subscription ?? 'gone'}`
                : null,
      };
    },

    async recordBounce(bounce) {
      const at = bounce.at.toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('newsletter_subscribers')
          .set({ status: 'bounced', updated_at: at })
          .where('id', '=', bounce.subscriberId)
          .execute();
        await trx
          .insertInto('newsletter_suppressions')
          .values({
            email_hash: bounce.emailHash,
            reason: 'bounce',
            detail: `${bounce.code} ${bounce.response}`.slice(0, 300),
            created_at: at,
          })
          .onConflict((oc) => oc.column('email_hash').doNothing())
          .execute();
        await trx
          .insertInto('newsletter_consent_ledger')
          .values({
            subscriber_id: bounce.subscriberId,
            email_hash: bounce.emailHash,
            list_id: bounce.listId,
            event: 'bounce',
            channel: 'smtp',
            at,
            ip: null,
            user_agent: null,
            form: null,
            page: null,
            consent_version: null,
            detail: JSON.stringify({
              issue: bounce.issueId,
              code: bounce.code,
              response: bounce.response.slice(0, 300),
            }),
          })
          .execute();
      });
    },
  };
}
