import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';
import { preparedQuery } from '../prepared-query.ts';
import type { ChangeEntity, Tables } from '../tables.ts';

export type { ChangeEntity };

export interface Change {
  seq: number;
  entity: ChangeEntity;
  entityId: number;
}

/**
 * How far a reader has read. On SQLite, the last seq: writers take turns, so seqs become
 * visible in order. On PostgreSQL a seq is handed out at insert, not at commit, so a
 * transaction still open can commit a lower seq after a higher one was read. There the
 * cursor also keeps `xmin`, the oldest transaction still running at the last read (every
 * older one has ended, so its rows are all there), and the seqs already read from
 * transactions at or after it: the next read takes every row from xmin on that it has
 * not seen. A committed change is seen at once, and a late one is never lost.
 */
export interface ChangeCursor {
  seq: number;
  xmin: string | null;
  seen?: ReadonlySet<number>;
}

/**
 * The log of item changes that database triggers write (migration 2026-12-06-01), read
 * by whoever keeps a copy of the items (the search index) to catch up on every
 * process's writes.
 */
export interface ChangeLogRepository {
  /** Where the log stands now: read from here on to see every later change. */
  cursor(): Promise<ChangeCursor>;
  /**
   * The changes settled since `from`, oldest first, and the cursor after them; null when
   * there is nothing new (one cheap statement, compiled once: it runs before every
   * search). On PostgreSQL a change waits until every older transaction has ended.
   */
  changesSince(from: ChangeCursor): Promise<{ changes: Change[]; next: ChangeCursor } | null>;
  /** The newest seq, 0 while the log is empty. */
  latestSeq(): Promise<number>;
  /** Up to `limit` changes with a seq above `seq`, oldest first. */
  changesAfter(seq: number, limit: number): Promise<Change[]>;
  /**
   * Deletes changes made before `isoTime` (ISO-8601 UTC), leaving a `pruned` row that
   * names the last seq deleted; returns how many were deleted.
   */
  pruneBefore(isoTime: string): Promise<number>;
}

const PAGE = 5_000;

export function createChangeLogRepository(
  db: Kysely<Tables>,
  dialect: DialectName,
): ChangeLogRepository {
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
  const toChange = (row: { seq: number; entity: ChangeEntity; entity_id: number }): Change => ({
    seq: Number(row.seq),
    entity: row.entity,
    entityId: row.entity_id,
  });

  async function changesAfter(seq: number, limit: number) {
    return (await after(seq, limit)).map(toChange);
  }

  async function latestSeq() {
    const [row] = await latest();
    return Number(row?.seq ?? 0);
  }

  /**
   * The oldest running transaction, the newest seq, and how many rows stand from `since`
   * on (few: those of transactions still running at the last read, and newer ones).
   */
  async function where(since: string | null): Promise<{ xmin: string; seq: number; open: number }> {
    const { rows } = await sql<{ xmin: string; seq: string | null; open: string | null }>`
      select pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
        (select max(seq) from change_log) as seq,
        (select count(*) from change_log where ${since}::xid8 is not null and txid >= ${since}::xid8) as open`.execute(
      db,
    );
    const row = rows[0] as { xmin: string; seq: string | null; open: string | null };
    return { xmin: row.xmin, seq: Number(row.seq ?? 0), open: Number(row.open ?? 0) };
  }

  return {
    async cursor() {
      if (dialect === 'sqlite') return { seq: await latestSeq(), xmin: null };
      const now = await where(null);
      // Rows from transactions still running now will be read (again) from xmin on.
      return { seq: now.seq, xmin: now.xmin, seen: new Set() };
    },
    async changesSince(from) {
      if (dialect === 'sqlite' || from.xmin === null) {
        const seq = await latestSeq();
        if (seq <= from.seq) return null;
        const changes: Change[] = [];
        let last = from.seq;
        for (;;) {
          const page = await changesAfter(last, PAGE);
          changes.push(...page);
          if (page.length > 0) last = (page[page.length - 1] as Change).seq;
          if (page.length < PAGE) break;
        }
        return { changes, next: { seq: last, xmin: from.xmin } };
      }
      const seen = from.seen ?? new Set<number>();
      const now = await where(from.xmin);
      // Nothing new: no newer seq, and no row committed late among those read from xmin.
      if (now.xmin === from.xmin && now.seq === from.seq && now.open === seen.size) return null;
      const { rows } = await sql<{
        seq: number;
        entity: ChangeEntity;
        entity_id: number;
        txid: string;
      }>`
        select seq, entity, entity_id, txid::text as txid from change_log
        where txid >= ${from.xmin}::xid8
        order by seq`.execute(db);
      const changes = rows.filter((row) => !seen.has(Number(row.seq))).map(toChange);
      // Rows of transactions older than the new xmin will not be read again.
      const stillOpen = new Set(
        rows.filter((row) => Number(row.txid) >= Number(now.xmin)).map((row) => Number(row.seq)),
      );
      const seq = rows.reduce((max, row) => Math.max(max, Number(row.seq)), from.seq);
      return { changes, next: { seq, xmin: now.xmin, seen: stillOpen } };
    },
    latestSeq,
    changesAfter,
    async pruneBefore(isoTime) {
      return db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('change_log')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('changed_at', '<', isoTime)
          .executeTakeFirst();
        if (last?.seq == null) return 0;
        const result = await trx
          .deleteFrom('change_log')
          .where('seq', '<=', Number(last.seq))
          .executeTakeFirst();
        // Tells a reader that had not read this far that it can no longer catch up by
        // reading: it must start again from the items themselves.
        await trx
          .insertInto('change_log')
          .values({ entity: 'pruned', entity_id: Number(last.seq) })
          .execute();
        return Number(result.numDeletedRows);
      });
    },
  };
}
