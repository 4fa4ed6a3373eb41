import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createImportService,
  type ImportService,
  type SourceRecord,
} from '../../src/import/import-service.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, FIXTURES_DIR, makePublication, seed } from '../helpers/factories.ts';

/*
 * The importer writes many records per transaction, each in a savepoint of its own: a
 * record that fails after it has written something must take back all of it and only it.
 */
for (const dialect of testDialects()) {
  describe(`dossier import: records sharing a transaction (${dialect.name})`, () => {
    let database: Database;
    let service: ImportService;
    let dir: string;
    beforeAll(async () => {
      database = await dialect.open();
      dir = await mkdtemp(join(tmpdir(), 'dossier-import-batch-'));
      await seed(database, join(dir, 'uploads'), baseWorld());
      service = createImportService({
        db: database.db,
        uploadsDir: join(dir, 'uploads'),
        clock: fixedClock('2026-01-01T00:00:00Z'),
      });
    });
    afterAll(async () => {
      await database.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    const lines = (values: unknown[]): SourceRecord[] =>
      values.map((value, i) => ({ line: i + 1, value }));
    const slugsOf = async (table: 'publications' | 'centers') =>
      (await database.db.selectFrom(table).select('slug').execute()).map((r) => r.slug);

    it('takes back all of a record that failed after writing, and keeps the records around it', async () => {
      const report = await service.importRecords(
        lines([
          makePublication({ slug: 'batch-before' }),
          // Takes the headquarters from hq (an update), then collides on asia's host.
          {
            kind: 'center',
            slug: 'usurper',
            name: 'Usurper',
            shortName: 'U',
            headquarters: true,
            host: 'asia.example.test',
          },
          // Writes its new parent, then finds it made a cycle (france is under europe).
          { kind: 'term', taxonomy: 'region', slug: 'europe', name: 'Europe', parent: 'france' },
          makePublication({ slug: 'batch-after' }),
        ]),
        { file: 'batch', baseDir: FIXTURES_DIR },
      );
      expect(report.rejected.map((r) => r.line)).toEqual([2, 3]);
      expect(report.rejected[1]?.field).toBe('parent');
      expect(report.imported).toEqual({ publication: 2 });

      expect(await slugsOf('publications')).toEqual(
        expect.arrayContaining(['batch-before', 'batch-after']),
      );
      expect(await slugsOf('centers')).not.toContain('usurper');
      const hq = await database.db
        .selectFrom('centers')
        .select('is_headquarters')
        .where('slug', '=', 'hq')
        .executeTakeFirstOrThrow();
      expect(hq.is_headquarters).toBe(1);
      const europe = await database.db
        .selectFrom('terms')
        .select('parent_id')
        .where('taxonomy', '=', 'region')
        .where('slug', '=', 'europe')
        .executeTakeFirstOrThrow();
      expect(europe.parent_id).toBeNull();
    });

    it('keeps what it wrote before its source failed, and reports the failure', async () => {
      async function* failing(): AsyncGenerator<SourceRecord> {
        yield { line: 1, value: makePublication({ slug: 'before-the-failure' }) };
        throw new Error('the disk went away');
      }
      await expect(
        service.importRecords(failing(), { file: 'failing', baseDir: FIXTURES_DIR }),
      ).rejects.toThrow('the disk went away');
      expect(await slugsOf('publications')).toContain('before-the-failure');
    });

    it('writes records beyond one transaction, numbered past its limit', async () => {
      const many = Array.from({ length: 1_234 }, (_, i) => makePublication({ slug: `many-${i}` }));
      const report = await service.importRecords(lines(many), {
        file: 'many',
        baseDir: FIXTURES_DIR,
      });
      expect(report.rejected).toEqual([]);
      const slugs = await slugsOf('publications');
      expect(slugs.filter((s) => s.startsWith('many-'))).toHaveLength(1_234);
    });
  });
}
