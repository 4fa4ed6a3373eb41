import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/** Enough for every query shape the app issues; the oldest is dropped beyond it. */
const MAX_STATEMENTS = 500;

/**
 * Hands Kysely a better-sqlite3 database whose `prepare` reuses statements by SQL
 * text. Kysely prepares every query anew, and preparing cost as much as running on a
 * publication page (15% of its time); a prepared statement is safe to reuse because
 * better-sqlite3 binds parameters per call and runs one statement at a time.
 */
export function withStatementCache(database: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Map order is insertion order: re-inserting keeps recently used ones last.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= MAX_STATEMENTS) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
