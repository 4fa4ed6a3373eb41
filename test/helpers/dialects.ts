import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  createDatabase,
  type Database,
  type DatabaseOptions,
  type DialectName,
} from '../../src/storage/database.ts';
import { isCi, warnLoudly } from './environment.ts';

export interface TestDialect {
  name: DialectName;
  /**
   * A fresh, migrated, empty database of its own: a new SQLite file in a temp folder, or a
   * new `dossier_test_<random>` database on the PostgreSQL server from DATABASE_URL.
   * Its `destroy()` closes it and removes it (folder deleted, database dropped).
   */
  open(options?: DatabaseOptions): Promise<Database>;
}

/** Set by the global setup once it has printed the skip warning for the whole run. */
export const SKIP_WARNED_ENV = 'DOSSIER_TEST_PG_SKIP_WARNED';
export const SKIP_WARNING =
  'PostgreSQL tests SKIPPED: set DATABASE_URL or use scripts/with-postgres.sh';

let hasWarned = false;

/**
 * The dialects every storage, search and web suite runs on:
 * `for (const dialect of testDialects()) describe(dialect.name, () => { ... })`.
 *
 * PostgreSQL is included when DATABASE_URL is set. Without it, CI throws (a PostgreSQL
 * suite must never skip silently there) and a developer's run warns and gets SQLite only.
 */
export function testDialects(): TestDialect[] {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    if (isCi()) {
      throw new Error(
        'DATABASE_URL is not set in CI: the PostgreSQL suites cannot run. .ci/run starts a throwaway cluster (scripts/pg-throwaway.sh) and exports it.',
      );
    }
    if (!hasWarned && process.env[SKIP_WARNED_ENV] === undefined) warnLoudly(SKIP_WARNING);
    hasWarned = true;
    return [sqliteDialect()];
  }
  return [sqliteDialect(), postgresDialect(url)];
}

function sqliteDialect(): TestDialect {
  return {
    name: 'sqlite',
    async open(options) {
      const folder = await mkdtemp(join(tmpdir(), 'dossier-test-'));
      const database = createDatabase(
        { sqlitePath: join(folder, 'dossier.sqlite'), poolSize: 1 },
        options,
      );
      return withCleanup(database, () => rm(folder, { recursive: true, force: true }));
    },
  };
}

function postgresDialect(serverUrl: string): TestDialect {
  return {
    name: 'postgres',
    async open(options) {
      const { url, drop } = await createPostgresDatabase(serverUrl);
      const database = createDatabase({ url, sqlitePath: ':memory:', poolSize: 4 }, options);
      return withCleanup(database, drop);
    },
  };
}

/**
 * A new, empty (unmigrated) `dossier_test_<random>` database on the PostgreSQL server at
 * `serverUrl`, for tests that need its URL (pg_dump, pg_restore) or an empty target.
 * `drop()` removes it; close every connection to it first.
 */
export async function createPostgresDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `dossier_test_${randomBytes(6).toString('hex')}`;
  await runOnServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(serverUrl, name) };
}

/** Migrates, and makes `destroy()` also remove the storage (once, even if called twice). */
async function withCleanup(database: Database, remove: () => Promise<void>): Promise<Database> {
  let destroyed: Promise<void> | undefined;
  const destroy = () => {
    destroyed ??= database.destroy().finally(remove);
    return destroyed;
  };
  try {
    await database.migrate();
  } catch (error) {
    await destroy();
    throw error;
  }
  return { ...database, destroy };
}

/**
 * pg's `pool.end()` resolves before its connections have finished closing. Dropping WITH
 * (FORCE) right away would kill those sessions, and the FATAL they receive surfaces as an
 * uncaught error in whichever test runs next: so wait for them to go first (FORCE stays as
 * the fallback for a database someone forgot to close).
 */
async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, async (client) => {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

// CREATE/DROP DATABASE cannot run inside a transaction or a pool's session to that database,
// so each goes through a short-lived connection to the server's own database.
async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  await onServer(serverUrl, (client) => client.query(statement));
}

async function onServer(serverUrl: string, use: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.end();
  }
}
