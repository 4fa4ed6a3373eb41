import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../helpers/dialects.ts';
import { addLiveActivity } from './live-activity.ts';
import { richWorld, writeRichWorldFiles } from './rich-world.ts';
import { expectSameFolders, exportTo, importFile, load, type SiteCopy } from './site-copies.ts';
import { snapshotTables } from './table-snapshot.ts';

/*
 * A site moves between engines through an export: SQLite → PostgreSQL → SQLite gives the
 * same tables and the same export at every step. Runs where the PostgreSQL suites run
 * (testDialects: in CI a missing DATABASE_URL fails the run; elsewhere it warns and skips).
 */
const dialects = testDialects();
const WITH_HASHES = { withPasswordHashes: true };
const AS_EXPORT = { as: 'export' } as const;
const sqlite = dialects.find((d) => d.name === 'sqlite');
const postgres = dialects.find((d) => d.name === 'postgres');

describe.skipIf(postgres === undefined)('a SQLite export imported into PostgreSQL and back', () => {
  let dir: string;
  const copies: SiteCopy[] = [];
  const open = async (dialect: typeof sqlite, name: string) => {
    if (!dialect) throw new Error('no such dialect');
    const copy = { database: await dialect.open(), uploadsDir: join(dir, `uploads-${name}`) };
    copies.push(copy);
    return copy;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dossier-cross-engine-'));
    await writeRichWorldFiles(join(dir, 'world'));
  });
  afterAll(async () => {
    for (const copy of copies) await copy.database.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every table and writes the same export on each engine', async () => {
    const original = await open(sqlite, 'sqlite');
    await load(original, richWorld(), join(dir, 'world'));
    await addLiveActivity(original, join(dir, 'data-sqlite'));
    const expected = await snapshotTables(original.database, AS_EXPORT);
    const fromSqlite = await exportTo(original, join(dir, 'export-sqlite'), WITH_HASHES);

    const onPostgres = await open(postgres, 'postgres');
    expect((await importFile(onPostgres, fromSqlite.file)).rejected).toEqual([]);
    expect(await snapshotTables(onPostgres.database, AS_EXPORT)).toEqual(expected);
    const fromPostgres = await exportTo(onPostgres, join(dir, 'export-postgres'), WITH_HASHES);
    await expectSameFolders(join(dir, 'export-sqlite'), join(dir, 'export-postgres'));

    const back = await open(sqlite, 'back');
    expect((await importFile(back, fromPostgres.file)).rejected).toEqual([]);
    expect(await snapshotTables(back.database, AS_EXPORT)).toEqual(expected);
    await exportTo(back, join(dir, 'export-back'), WITH_HASHES);
    await expectSameFolders(join(dir, 'export-sqlite'), join(dir, 'export-back'));
  }, 240_000);
});
