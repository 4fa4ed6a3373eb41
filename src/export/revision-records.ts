import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables.ts';
import { writeChecked } from './checked-write.ts';
import type { ExportSink } from './export-sink.ts';
import { keysetPages } from './keyset.ts';

type Db = Kysely<Tables>;

/*
 * What editors did to publications that the publication records do not show: every
 * saved revision (a pending one stays pending), and the transitions still to happen.
 */

/**
 * Every revision of every piece, oldest first, each numbered among its piece's revisions
 * (the natural key the import upserts by), with who saved it and when.
 */
export async function writeRevisions(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of keysetPages((after, limit) =>
    db
      .selectFrom('publication_revisions as r')
      .innerJoin('publications as p', 'p.id', 'r.publication_id')
      .leftJoin('users as u', 'u.id', 'r.user_id')
      .selectAll('r')
      .select(['p.slug as publication', 'u.email as account'])
      .select((eb) =>
        eb
          .selectFrom('publication_revisions as prior')
          .select(eb.fn.countAll<number | string>().as('n'))
          .whereRef('prior.publication_id', '=', 'r.publication_id')
          .whereRef('prior.id', '<=', 'r.id')
          .as('number'),
      )
      .where('r.id', '>', after)
      .orderBy('r.id')
      .limit(limit)
      .execute(),
  )) {
    for (const row of rows) {
      const name = `revision ${row.publication}/${row.number}`;
      let record: unknown;
      try {
        record = JSON.parse(row.record);
      } catch {
        sink.problem({ record: name, field: 'record', message: 'is not JSON; left out' });
        continue;
      }
      const read = await writeChecked(
        sink,
        {
          kind: 'revision',
          publication: row.publication,
          number: Number(row.number),
          at: row.created_at,
          user: row.account ?? undefined,
          userEmail: row.user_email,
          action: row.kind,
          pending: row.pending === 1,
          record: record as Extract<Parameters<ExportSink['write']>[0], { kind: 'publication' }>,
        },
        name,
      );
      // The import stores the record as it reads it (defaults filled in, as the editor
      // saves it): a record stored in any other spelling would come back different.
      if (read && JSON.stringify(read.record) !== row.record)
        sink.problem({
          record: name,
          field: 'record',
          message: 'is stored in a form the import would write differently; the copy will differ',
        });
    }
  }
}

/**
 * Transitions still to happen (queued, or running when the export began: a running one
 * is written to run again, since its claim belongs to a process of this install). Done,
 * cancelled and failed jobs are history: the piece's status and the audit log keep it.
 */
export async function writeScheduledJobs(db: Db, sink: ExportSink): Promise<void> {
  for await (const rows of keysetPages((after, limit) =>
    db
      .selectFrom('scheduled_jobs as j')
      .innerJoin('publications as p', 'p.id', 'j.publication_id')
      .select([
        'j.id',
        'j.kind',
        'j.run_at',
        'j.created_by',
        'j.created_at',
        'p.slug as publication',
      ])
      .where('j.status', 'in', ['queued', 'running'])
      .where('j.id', '>', after)
      .orderBy('j.id')
      .limit(limit)
      .execute(),
  )) {
    for (const row of rows) {
      await writeChecked(
        sink,
        {
          kind: 'scheduledJob',
          publication: row.publication,
          action: row.kind,
          runAt: row.run_at,
          createdBy: row.created_by,
          createdAt: row.created_at,
        },
        `scheduledJob ${row.publication}/${row.kind}`,
      );
    }
  }
}
