import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables.ts';
import { writeChecked } from './checked-write.ts';
import type { ExportSink } from './export-sink.ts';
import { groupBy, keysetPages } from './keyset.ts';

/**
 * Newsletter issues: editorial content (a subject, an introduction, pieces in order),
 * each numbered among its list's issues, the key the import upserts by. Who received an
 * issue (the outbox) is not exported: an issue caught mid-send is listed as a problem,
 * since the copy cannot know who still had to receive it.
 */
export async function writeNewsletterIssues(db: Kysely<Tables>, sink: ExportSink): Promise<void> {
  for await (const rows of keysetPages((after, limit) =>
    db
      .selectFrom('newsletter_issues as i')
      .innerJoin('newsletter_lists as l', 'l.id', 'i.list_id')
      .selectAll('i')
      .select('l.slug as list')
      .select((eb) =>
        eb
          .selectFrom('newsletter_issues as prior')
          .select(eb.fn.countAll<number | string>().as('n'))
          .whereRef('prior.list_id', '=', 'i.list_id')
          .whereRef('prior.id', '<=', 'i.id')
          .as('number'),
      )
      .where('i.id', '>', after)
      .orderBy('i.id')
      .limit(limit)
      .execute(),
  )) {
    const items = groupBy(
      await db
        .selectFrom('newsletter_issue_items as item')
        .innerJoin('publications as p', 'p.id', 'item.publication_id')
        .select(['item.issue_id', 'p.slug'])
        .where(
          'item.issue_id',
          'in',
          rows.map((row) => row.id),
        )
        .orderBy('item.issue_id')
        .orderBy('item.position')
        .orderBy('p.slug')
        .execute(),
      (item) => item.issue_id,
    );
    for (const row of rows) {
      const name = `newsletterIssue ${row.list}/${row.number}`;
      if (row.status === 'sending')
        sink.problem({
          record: name,
          field: 'status',
          message:
            'is being sent: the copy marks it sent without reaching the readers still waiting for it (export again once the send has finished)',
        });
      await writeChecked(
        sink,
        {
          kind: 'newsletterIssue',
          list: row.list,
          number: Number(row.number),
          status: row.status,
          subject: row.subject,
          intro: row.intro_markdown,
          coversFrom: row.covers_from ?? undefined,
          coversUntil: row.covers_until,
          scheduledFor: row.scheduled_for ?? undefined,
          queuedAt: row.queued_at ?? undefined,
          finishedAt: row.finished_at ?? undefined,
          createdAt: row.created_at,
          publications: (items.get(row.id) ?? []).map((item) => item.slug),
        },
        name,
      );
    }
  }
}
