import type { Kysely } from 'kysely';
import { preparedQuery } from '../prepared-query.ts';
import type { ChangeEntity, Tables } from '../tables.ts';

export type { ChangeEntity };

export interface Change {
  seq: number;
  entity: ChangeEntity;
  entityId: number;
}

/**
 * The log of item changes that database triggers write (migration 2026-12-06-01), read
 * by whoever keeps a copy of the items (the search index) to catch up on every
 * process's writes.
 *
 * On PostgreSQL a seq is taken at insert, not at commit: while several processes write,
 * a transaction still open can commit a lower seq after a higher one was read. On
 * SQLite writers take turns, so seqs become visible in order.
 */
export interface ChangeLogRepository {
  /** The newest seq, 0 while the log is empty. Cheap: one index probe, compiled once. */
  latestSeq(): Promise<number>;
  /** Up to `limit` changes with a seq above `seq`, oldest first. */
  changesAfter(seq: number, limit: number): Promise<Change[]>;
  /** Deletes changes made before `isoTime` (ISO-8601 UTC); returns how many. */
  pruneBefore(isoTime: string): Promise<number>;
}

export function createChangeLogRepository(db: Kysely<Tables>): ChangeLogRepository {
  // Runs before every search: compiled once, then only executed.
  const latest = preparedQuery(db, () =>
    db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')),
  );
  const after = preparedQuery(db, (seq: number, limit: number) =>
    db
      .selectFrom('change_log')
      .select(['seq', 'entity', 'entity_id'])
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(limit),
  );
  return {
    async latestSeq() {
      const [row] = await latest();
      return Number(row?.seq ?? 0);
    },
    async changesAfter(seq, limit) {
      const rows = await after(seq, limit);
      return rows.map((row) => ({ seq: row.seq, entity: row.entity, entityId: row.entity_id }));
    },
    async pruneBefore(isoTime) {
      const result = await db
        .deleteFrom('change_log')
        .where('changed_at', '<', isoTime)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
