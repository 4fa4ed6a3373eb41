import type { ControlledTransaction, Kysely } from 'kysely';
import type { Tables } from '../storage/tables.ts';

/*
 * An import writes many records per transaction, each inside a savepoint of its own.
 * With a transaction per record, a third of a JSON-lines import's time went into commits
 * (each writes the pages the record changed to SQLite's WAL, or waits for PostgreSQL's WAL
 * flush). A record that fails rolls back to its savepoint alone: nothing of it stays, and
 * the records before it in the batch still commit. A crash loses the open batch; running
 * the import again writes those records and doubles none (records are upserted by slug or
 * external id).
 */

/**
 * Records per transaction. A commit writes out every page the batch changed; index pages
 * are changed by many records of a batch, so the more records share a commit, the fewer
 * times each is written (100,000 publications on SQLite, read on one thread: 88 s with
 * 500 a batch, 75 s with 5,000).
 */
const MAX_RECORDS = 5_000;
/**
 * How long a batch stays open at most (checked after each record): other writers (an
 * editor saving, a second import) wait for it, and SQLite gives up on them after 5 s.
 */
const MAX_MS = 2_500;

export interface RecordBatch {
  /**
   * Runs one record's reads and writes (through the transaction it is given) in the open
   * batch, opening one when none is. When `work` throws, everything it wrote is undone
   * and the error rethrown; the batch goes on.
   */
  write<T>(work: (trx: Kysely<Tables>) => Promise<T>): Promise<T>;
  /** Commits the open batch, if any. */
  commit(): Promise<void>;
  /** Abandons the open batch, if any; never throws (the connection may be gone already). */
  rollback(): Promise<void>;
}

export function createRecordBatch(db: Kysely<Tables>): RecordBatch {
  let open: { trx: ControlledTransaction<Tables>; records: number; since: number } | undefined;
  const batch: RecordBatch = {
    async write<T>(work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
      open ??= { trx: await db.startTransaction().execute(), records: 0, since: Date.now() };
      const current = open;
      const record = await current.trx.savepoint('record').execute();
      let result: T;
      try {
        result = await work(record);
      } catch (error) {
        // Released too, so savepoints do not pile up on the stack of the batch.
        const undone = await record.rollbackToSavepoint('record').execute();
        await undone.releaseSavepoint('record').execute();
        throw error;
      }
      await record.releaseSavepoint('record').execute();
      current.records++;
      if (current.records >= MAX_RECORDS || Date.now() - current.since >= MAX_MS)
        await batch.commit();
      return result;
    },
    async commit() {
      const current = open;
      open = undefined;
      await current?.trx.commit().execute();
    },
    async rollback() {
      const current = open;
      open = undefined;
      await current?.trx
        .rollback()
        .execute()
        .catch(() => {});
    },
  };
  return batch;
}
