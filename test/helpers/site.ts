import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { LogEvent } from 'kysely';
import { buildServer } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import type { TestDialect } from './dialects.ts';
import { seed } from './factories.ts';

export interface TestSite {
  app: FastifyInstance;
  database: Database;
  /** The data folder (uploads live in its uploads/). */
  dataDir: string;
  clock: ReturnType<typeof fixedClock>;
  /** Every SQL statement run since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  /** Imports records (failing the test on any rejection), then refreshes the server. */
  seed(records: ImportRecordInput[]): Promise<void>;
  /** Rebuilds the server (after importing centers, so its site directory sees them). */
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh database of the dialect and a server on it, at a fixed moment in 2026. */
export async function openTestSite(
  dialect: TestDialect,
  now = '2026-06-01T12:00:00Z',
): Promise<TestSite> {
  const queries: string[] = [];
  const database = await dialect.open({
    onQuery: (event: LogEvent) => queries.push(event.query.sql),
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'dossier-site-'));
  const config = loadConfig({
    DOSSIER_DATA_DIR: dataDir,
    DOSSIER_SERVER_PUBLIC_URL: 'http://dossier.test',
  });
  const clock = fixedClock(now);
  const site: TestSite = {
    app: await buildServer({ config, database, clock, logger: false }),
    database,
    dataDir,
    clock,
    queries,
    resetQueries: () => {
      queries.length = 0;
    },
    async seed(records) {
      await seed(database, join(dataDir, 'uploads'), records);
      await site.rebuild();
    },
    async rebuild() {
      await site.app.close();
      site.app = await buildServer({ config, database, clock, logger: false });
    },
    async close() {
      await site.app.close();
      await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return site;
}
