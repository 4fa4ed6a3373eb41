import type { Kysely } from 'kysely';
import type { Tables } from '../../storage/tables.ts';
import { newMessageId } from './compose-message.ts';

/** Subscribers read and rows written this many at a time. */
const FILL_PAGE = 1_000;

/**
 * Queues an issue: one outbox row for every subscriber who may receive the list now
 * (active subscriber, active subscription, address not on the suppression list), and
 * the issue becomes `sending`. One transaction: the audience is fixed at this moment,
 * and the status change comes first, so of two processes queuing the same issue the
 * second finds it already `sending` and adds nothing (the unique (issue, subscriber)
 * key would refuse a second row anyway). Returns the number of rows queued, or null
 * when the issue was no longer a draft or scheduled.
 */
export async function fillOutbox(
  db: Kysely<Tables>,
  issue: { id: number; listId: number },
  options: { at: Date; senderAddress: string },
): Promise<number | null> {
  const at = options.at.toISOString();
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('newsletter_issues')
      .set({ status: 'sending', queued_at: at, updated_at: at })
      .where('id', '=', issue.id)
      .where('status', 'in', ['draft', 'scheduled'])
      .executeTakeFirst();
    if (claimed.numUpdatedRows !== 1n) return null;
    let queued = 0;
    let after = 0;
    for (;;) {
      const page = await trx
        .selectFrom('newsletter_subscriptions as sub')
        .innerJoin('newsletter_subscribers as s', 's.id', 'sub.subscriber_id')
        .select('s.id')
        .where('sub.list_id', '=', issue.listId)
        .where('sub.status', '=', 'active')
        .where('s.status', '=', 'active')
        .where('s.id', '>', after)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('newsletter_suppressions as sup')
                .select('sup.email_hash')
                .whereRef('sup.email_hash', '=', 's.email_hash'),
            ),
          ),
        )
        .orderBy('s.id')
        .limit(FILL_PAGE)
        .execute();
      if (page.length === 0) break;
      await trx
        .insertInto('newsletter_outbox')
        .values(
          page.map((row) => ({
            issue_id: issue.id,
            subscriber_id: Number(row.id),
            message_id: newMessageId(issue.id, Number(row.id), options.senderAddress),
          })),
        )
        .onConflict((oc) => oc.columns(['issue_id', 'subscriber_id']).doNothing())
        .execute();
      queued += page.length;
      after = Number(page[page.length - 1]?.id);
    }
    return queued;
  });
}
