import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/app.ts';
import { backupSite } from '../../src/backup/backup-site.ts';
import { restoreSite } from '../../src/backup/restore-site.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createImportService } from '../../src/import/import-service.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createDatabase, type Database } from '../../src/storage/database.ts';
import { knownSchemaVersions } from '../../src/storage/schema-version.ts';
import { baseWorld, FIXTURES_DIR, makePublication, seed } from '../helpers/factories.ts';

const clock = fixedClock('2026-06-01T12:00:00Z');
const configFor = (dataDir: string) =>
  loadConfig({ DOSSIER_DATA_DIR: dataDir, DOSSIER_SERVER_PUBLIC_URL: 'http://dossier.test' });

describe('dossier backup and restore (sqlite)', () => {
  let dir: string;
  let live: Database;
  const liveDir = () => join(dir, 'live');
  const backupDir = () => join(dir, 'backup');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dossier-backup-'));
    live = createDatabase(configFor(liveDir()).database);
    await live.migrate();
    await seed(live, join(liveDir(), 'uploads'), baseWorld());
  });
  afterAll(async () => {
    await live?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a consistent backup while an import keeps writing', async () => {
    const importer = createImportService({
      db: live.db,
      uploadsDir: join(liveDir(), 'uploads'),
      clock,
    });
    let written = 0;
    let isStopped = false;
    const writer = (async () => {
      while (!isStopped) {
        const record = makePublication({
          slug: `live-${written}`,
          authors: ['alice-archer', 'bruno-bell', 'chen-cho'],
          topics: ['energy'],
        });
        const report = await importer.importRecords([{ line: 1, value: record }], {
          file: 'writer',
          baseDir: FIXTURES_DIR,
        });
        expect(report.rejected).toEqual([]);
        written++;
        // Give the event loop a turn, as a server between requests does: on SQLite the
        // import settles through promises alone, and would otherwise starve every timer.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    while (written < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    const writtenBefore = written;
    const manifest = await backupSite(
      { config: configFor(liveDir()), database: live, clock, env: process.env },
      backupDir(),
    );
    const writtenDuring = written - writtenBefore;
    isStopped = true;
    await writer;
    expect(writtenDuring).toBeGreaterThan(0);

    expect(manifest).toMatchObject({
      dialect: 'sqlite',
      schemaVersion: (await knownSchemaVersions()).at(-1),
      database: 'dossier.sqlite',
      createdAt: '2026-06-01T12:00:00.000Z',
    });
    expect(manifest.files.map((f) => f.path)).toEqual(['dossier.sqlite', 'uploads/media/logo.svg']);
    const copy = new SqliteDatabase(join(backupDir(), 'dossier.sqlite'), { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const pieces = copy
        .prepare(
          `select p.slug, (select count(*) from publication_authors a where a.publication_id = p.id) as authors
           from publications p where p.slug like 'live-%'`,
        )
        .all() as { slug: string; authors: number }[];
      expect(pieces.length).toBeGreaterThanOrEqual(writtenBefore);
      expect(pieces.filter((p) => p.authors !== 3)).toEqual([]);
    } finally {
      copy.close();
    }
  }, 60_000);

  it('restores into a fresh folder, and the site serves its pages and files', async () => {
    const target = join(dir, 'restored');
    const config = configFor(target);
    await restoreSite({ config, env: process.env }, backupDir());
    const database = createDatabase(config.database);
    const app = await buildServer({ config, database, clock, logger: false });
    try {
      expect(await database.migrate()).toEqual([]);
      const page = await app.inject({ method: 'GET', url: '/research/live-0' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Title of live-0');
      expect(page.body).toContain('Alice Archer');
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      const logo = await app.inject({ method: 'GET', url: '/uploads/media/logo.svg' });
      expect(logo.statusCode).toBe(200);
    } finally {
      await app.close();
      await database.destroy();
    }
  });

  it('refuses to restore over a database that is there, changing nothing', async () => {
    const target = join(dir, 'restored');
    const file = join(target, 'dossier.sqlite');
    const before = await stat(file);
    await expect(
      restoreSite({ config: configFor(target), env: process.env }, backupDir()),
    ).rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('refuses a damaged, partial or foreign backup, writing nothing', async () => {
    const target = join(dir, 'never');
    const attempt = (from: string) =>
      restoreSite({ config: configFor(target), env: process.env }, from);
    await expect(attempt(join(dir, 'no-such-backup'))).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
    });

    const manifestFile = join(backupDir(), 'manifest.json');
    const manifest = await readFile(manifestFile, 'utf8');
    const upload = join(backupDir(), 'uploads', 'media', 'logo.svg');
    const logo = await readFile(upload);
    try {
      await writeFile(upload, Buffer.concat([logo, Buffer.from(' ')]));
      await expect(attempt(backupDir())).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
      await writeFile(upload, logo);
      await writeFile(manifestFile, manifest.replace('"sqlite"', '"postgres"'));
      await expect(attempt(backupDir())).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
      await writeFile(manifestFile, '{ "format": "dossier-backup"');
      await expect(attempt(backupDir())).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    } finally {
      await writeFile(manifestFile, manifest);
      await writeFile(upload, logo);
    }
    expect(await stat(target).catch(() => undefined)).toBeUndefined();
  });

  it('refuses to back up into a folder that is not empty', async () => {
    await expect(
      backupSite(
        { config: configFor(liveDir()), database: live, clock, env: process.env },
        backupDir(),
      ),
    ).rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
  });
});
