import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/app.ts';
import { backupSite } from '../../src/backup/backup-site.ts';
import { restoreSite } from '../../src/backup/restore-site.ts';
import { loadConfig } from '../../src/config/load.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createDatabase, type Database } from '../../src/storage/database.ts';
import { createPostgresDatabase, testDialects } from '../helpers/dialects.ts';
import { isCi, warnLoudly } from '../helpers/environment.ts';
import { baseWorld, makePublication, seed } from '../helpers/factories.ts';
import { snapshotTables } from './table-snapshot.ts';

/*
 * PostgreSQL backups run pg_dump and pg_restore. They run where the PostgreSQL suites run
 * (testDialects decides: CI without DATABASE_URL fails) and need those programs: in CI
 * their absence fails the run too, elsewhere it is a loud skip.
 */
const serverUrl = testDialects().some((d) => d.name === 'postgres')
  ? process.env.DATABASE_URL
  : undefined;
const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;
if (serverUrl !== undefined && !hasPgDump) {
  const message = 'PostgreSQL backup tests need pg_dump and pg_restore on PATH';
  if (isCi()) throw new Error(`${message}: .ci/run installs them with Debian's postgresql.`);
  warnLoudly(`${message}: SKIPPED`);
}

const clock = fixedClock('2026-06-01T12:00:00Z');

describe.skipIf(serverUrl === undefined || !hasPgDump)(
  'dossier backup and restore (postgres)',
  () => {
    let dir: string;
    const databases: Database[] = [];
    const drops: (() => Promise<void>)[] = [];
    const fresh = async () => {
      const created = await createPostgresDatabase(serverUrl ?? '');
      drops.push(created.drop);
      return created.url;
    };
    const configFor = (url: string, dataDir: string) =>
      loadConfig({ DATABASE_URL: url, DOSSIER_DATA_DIR: dataDir });
    const open = (url: string, dataDir: string) => {
      const database = createDatabase(configFor(url, dataDir).database);
      databases.push(database);
      return database;
    };
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dossier-pg-backup-'));
    });
    afterAll(async () => {
      for (const database of databases) await database.destroy();
      for (const drop of drops) await drop();
      await rm(dir, { recursive: true, force: true });
    });

    it('dumps a live database with pg_dump and restores it into an empty one', async () => {
      const liveUrl = await fresh();
      const live = open(liveUrl, join(dir, 'live'));
      await live.migrate();
      await seed(live, join(dir, 'live', 'uploads'), [
        ...baseWorld(),
        makePublication({ slug: 'kept', authors: ['alice-archer', 'bruno-bell'] }),
      ]);
      const manifest = await backupSite(
        { config: configFor(liveUrl, join(dir, 'live')), database: live, clock, env: process.env },
        join(dir, 'backup'),
      );
      expect(manifest).toMatchObject({ dialect: 'postgres', database: 'dossier.pgdump' });

      const targetUrl = await fresh();
      const config = configFor(targetUrl, join(dir, 'restored'));
      await restoreSite({ config, env: process.env }, join(dir, 'backup'));
      const restored = open(targetUrl, join(dir, 'restored'));
      expect(await restored.migrate()).toEqual([]);
      expect(await snapshotTables(restored)).toEqual(await snapshotTables(live));

      const app = await buildServer({ config, database: restored, clock, logger: false });
      try {
        const page = await app.inject({ method: 'GET', url: '/research/kept' });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('Bruno Bell');
        const logo = await app.inject({ method: 'GET', url: '/uploads/media/logo.svg' });
        expect(logo.statusCode).toBe(200);
      } finally {
        await app.close();
      }

      // Again into the same database: it has tables now, so nothing is touched.
      await expect(
        restoreSite(
          { config: configFor(targetUrl, join(dir, 'other')), env: process.env },
          join(dir, 'backup'),
        ),
      ).rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
    }, 120_000);

    it('names the missing program when pg_dump is not installed', async () => {
      const liveUrl = await fresh();
      const live = open(liveUrl, join(dir, 'live-2'));
      await live.migrate();
      await expect(
        backupSite(
          {
            config: configFor(liveUrl, join(dir, 'live-2')),
            database: live,
            clock,
            env: { PATH: '/nonexistent' },
          },
          join(dir, 'backup-2'),
        ),
      ).rejects.toMatchObject({ code: 'TOOL_FAILED', message: expect.stringContaining('pg_dump') });
    });
  },
);
