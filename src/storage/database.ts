import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type LogEvent, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/schema.ts';
import { staticMigrationProvider } from './migrations/index.ts';
import { withStatementCache } from './statement-cache.ts';
import type { Tables } from './tables.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
  /** How it was opened: another thread opens its own connection with the same. */
  config: DatabaseConfig;
  /** Brings the schema up to date; returns the names of the migrations it applied. */
  migrate(): Promise<string[]>;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  /** Called for every executed query: the N+1 tests count them through this. */
  onQuery?: (event: LogEvent) => void;
}

/** Opens SQLite (a file, created with its folder on first use) or PostgreSQL by config. */
export function createDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Database {
  const log = options.onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query') options.onQuery?.(event);
      }
    : undefined;

  if (config.url !== undefined) {
    // Return int8 (counts) as numbers: our counts never approach 2^53.
    pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize });
    return wrap(
      new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), log }),
      'postgres',
      config,
    );
  }

  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  const sqlite = new SqliteDatabase(config.sqlitePath);
  // WAL lets readers go on while the importer or an editor writes; NORMAL is durable
  // across application crashes, which is what WAL mode needs.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return wrap(
    new Kysely<Tables>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      log,
    }),
    'sqlite',
    config,
  );
}

function wrap(db: Kysely<Tables>, dialect: DialectName, config: DatabaseConfig): Database {
  return {
    db,
    dialect,
    config,
    async migrate() {
      const migrator = new Migrator({ db, provider: staticMigrationProvider });
      const { error, results = [] } = await migrator.migrateToLatest();
      if (error) throw error;
      return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    destroy: () => db.destroy(),
  };
}
