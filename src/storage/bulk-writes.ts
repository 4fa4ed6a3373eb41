import { type Kysely, SqliteAdapter, sql } from 'kysely';
import type { Tables } from './tables.ts';

/**
 * SQLite's page cache during an import, in KiB (its default is 2 MB). An import inserts
 * into a dozen indexes at scattered places (by date, by person, by term, by center); at
 * 100,000 publications those indexes pass 80 MB, and with the default cache most inserts
 * read an index page back from the file and the batch wrote it out again. A fixed size, so
 * an import's memory does not grow with its file.
 */
const IMPORT_CACHE_KIB = 65_536;

/**
 * Runs `work` with this connection set up for a long run of writes, and sets it back
 * afterwards. Only SQLite has anything to set: PostgreSQL's server owns its buffers.
 */
export async function withBulkWriteSettings<T>(
  db: Kysely<Tables>,
  work: () => Promise<T>,
): Promise<T> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return work();
  // Raw SQL: PRAGMAs have no query-builder form. The values are our own integers.
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  const previous = Number(rows[0]?.cache_size ?? -2000);
  await sql.raw(`pragma cache_size = ${-IMPORT_CACHE_KIB}`).execute(db);
  try {
    return await work();
  } finally {
    await sql.raw(`pragma cache_size = ${previous}`).execute(db);
  }
}
