import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../src/cli/commands/demo-file.ts';
import { testDialects } from '../helpers/dialects.ts';
import { expectSameFolders, exportTo, importFile, type SiteCopy } from './site-copies.ts';
import { snapshotTables } from './table-snapshot.ts';

const sqlite = testDialects().find((d) => d.name === 'sqlite');

describe('the demo site through export and import (sqlite)', () => {
  let dir: string;
  const copies: SiteCopy[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dossier-demo-round-trip-'));
  });
  afterAll(async () => {
    for (const copy of copies) await copy.database.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('comes back table for table and exports the same files again', async () => {
    if (!sqlite) throw new Error('SQLite is always tested');
    const open = async (name: string) => {
      const copy = { database: await sqlite.open(), uploadsDir: join(dir, `uploads-${name}`) };
      copies.push(copy);
      return copy;
    };
    const demo = await open('demo');
    expect((await importFile(demo, DEMO_FILE)).rejected).toEqual([]);
    const first = await exportTo(demo, join(dir, 'export-1'));
    expect(first.counts).toMatchObject({ publication: 300, center: 6, page: 36 });

    const copy = await open('copy');
    expect((await importFile(copy, first.file)).rejected).toEqual([]);
    expect(await snapshotTables(copy.database)).toEqual(await snapshotTables(demo.database));
    await expectSameFolders(demo.uploadsDir, copy.uploadsDir);
    await exportTo(copy, join(dir, 'export-2'));
    await expectSameFolders(join(dir, 'export-1'), join(dir, 'export-2'));
  }, 180_000);
});
