import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportService } from '../../src/import/import-service.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { testDialects } from '../helpers/dialects.ts';
import { baseWorld, FIXTURES_DIR, makePerson, makePublication } from '../helpers/factories.ts';
import { openTestSite, type TestSite } from '../helpers/site.ts';

for (const dialect of testDialects()) {
  describe(`ORCID iDs on entry and on pages (${dialect.name})`, () => {
    let site: TestSite;
    beforeAll(async () => {
      site = await openTestSite(dialect);
      await site.seed(baseWorld());
    });
    afterAll(() => site.close());

    const importPeople = (records: ReturnType<typeof makePerson>[]) =>
      createImportService({
        db: site.database.db,
        uploadsDir: join(site.dataDir, 'uploads'),
        clock: fixedClock('2026-01-01T00:00:00Z'),
      }).importRecords(
        records.map((value, i) => ({ line: i + 1, value })),
        { file: 'people.jsonl', baseDir: FIXTURES_DIR },
      );

    it('rejects a mistyped iD by its check character, naming the field', async () => {
      const report = await importPeople([
        makePerson({ slug: 'typo-person', orcid: '0000-0002-1825-0098' }),
        makePerson({ slug: 'shape-person', orcid: '0000-0002-1825' }),
        makePerson({ slug: 'good-person', orcid: '0000-0002-1694-233X' }),
      ]);
      expect(report.imported).toEqual({ person: 1 });
      expect(report.rejected.map((r) => [r.line, r.slug, r.field])).toEqual([
        [1, 'typo-person', 'orcid'],
        [2, 'shape-person', 'orcid'],
      ]);
      expect(report.rejected[0]?.message).toContain('should be 7');
    });

    it('stores an iD given as its orcid.org link in the bare form, and links it', async () => {
      const report = await importPeople([
        makePerson({ slug: 'linked-person', orcid: 'https://orcid.org/0000-0001-5109-3700' }),
      ]);
      expect(report.rejected).toEqual([]);
      await site.seed([
        makePublication({ slug: 'by-linked', authors: ['linked-person', 'bruno-bell'] }),
      ]);
      const person = await site.app.inject({ method: 'GET', url: '/experts/linked-person' });
      expect(person.body).toContain(
        'ORCID iD: <a href="https://orcid.org/0000-0001-5109-3700">0000-0001-5109-3700</a>',
      );
      const piece = await site.app.inject({ method: 'GET', url: '/research/by-linked' });
      expect(piece.body).toContain(
        '<a class="orcid" href="https://orcid.org/0000-0001-5109-3700">',
      );
      expect(piece.body.match(/class="orcid"/g)).toHaveLength(1);
    });
  });
}
