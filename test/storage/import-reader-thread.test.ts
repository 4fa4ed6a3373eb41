import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeJsonLinesCorpus } from '../../bench/import/jsonl-corpus.mts';
import { createImportService, type ImportReport } from '../../src/import/import-service.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Database } from '../../src/storage/database.ts';
import { testDialects } from '../helpers/dialects.ts';

/*
 * A large JSON-lines file is read, checked and rendered in a worker thread; a small one in
 * the importing thread. Both must write the same rows and report the same bad lines.
 */

/** Comfortably past the size from which import-service.ts reads in a worker (4 MiB). */
const PUBLICATIONS = 1_400;

for (const dialect of testDialects()) {
  describe(`dossier import of a large file, read in a worker thread (${dialect.name})`, () => {
    let dir: string;
    const databases: Database[] = [];
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dossier-import-thread-'));
    });
    afterAll(async () => {
      for (const database of databases) await database.destroy();
      await rm(dir, { recursive: true, force: true });
    });

    const importInto = async (
      run: (service: ReturnType<typeof createImportService>) => Promise<ImportReport>,
    ) => {
      const database = await dialect.open();
      databases.push(database);
      const service = createImportService({
        db: database.db,
        uploadsDir: join(dir, `uploads-${databases.length}`),
        clock: fixedClock('2026-01-01T00:00:00Z'),
      });
      return { database, report: await run(service) };
    };
    const rowsOf = (database: Database) =>
      database.db
        .selectFrom('publications')
        .select(['slug', 'title', 'body_html', 'published_at', 'primary_center_id'])
        .orderBy('slug')
        .execute();

    it('writes what the importing thread writes, and reports the same bad lines', async () => {
      const file = join(dir, 'large.jsonl');
      writeJsonLinesCorpus(file, { publications: PUBLICATIONS, seed: 3 });
      const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
      const count = lines.length;
      const piece = JSON.parse(lines[count - 1] ?? '{}');
      lines.push(
        '{ not json',
        JSON.stringify({ ...piece, slug: 'bad-date', publishedAt: 'yesterday' }),
        JSON.stringify({ ...piece, slug: 'no-author', authors: ['nobody-here'] }),
      );
      await writeFile(file, `${lines.join('\n')}\n`);
      expect((await stat(file)).size).toBeGreaterThan(4 * 2 ** 20);

      const threaded = await importInto((service) => service.importFile(file));
      const values = lines.map((text, i) => {
        try {
          return { line: i + 1, value: JSON.parse(text) };
        } catch (error) {
          return { line: i + 1, value: error as SyntaxError };
        }
      });
      const here = await importInto((service) =>
        service.importRecords(values, { file: 'large.jsonl', baseDir: dir }),
      );

      const where = (report: ImportReport) => report.rejected.map((r) => [r.line, r.field]);
      expect(where(threaded.report)).toEqual([
        [count + 1, ''],
        [count + 2, 'publishedAt'],
        [count + 3, 'authors.0'],
      ]);
      expect(where(here.report)).toEqual(where(threaded.report));
      expect(threaded.report.rejected.map((r) => r.message)).toEqual(
        here.report.rejected.map((r) => r.message),
      );
      expect(threaded.report.imported).toEqual(here.report.imported);
      expect(threaded.report.imported.publication).toBe(PUBLICATIONS);
      expect(await rowsOf(threaded.database)).toEqual(await rowsOf(here.database));
    }, 120_000);
  });
}
