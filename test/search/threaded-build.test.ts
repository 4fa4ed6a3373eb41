import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../src/cli/commands/demo-file.ts';
import { createImportService } from '../../src/import/import-service.ts';
import type { SearchQuery } from '../../src/search/search-index.ts';
import { testDialects } from '../helpers/dialects.ts';
import { openSearchWorld, query, type SearchWorld } from './search-world.ts';

// Queries that touch every part a threaded build joins: postings (words, several per
// part), positions (phrases), spellings (prefixes), facet values, dates and lengths.
const QUERIES: SearchQuery[] = [
  query('energy'),
  query('trade policy'),
  query('"subsidy reform"'),
  query('"the cost of delay"'),
  query('negotia*'),
  query('econ*', { sort: 'date' }),
  query('', { sort: 'date', pageSize: 100 }),
  query('', { filters: { region: ['europe'] }, sort: 'date' }),
  query('security', {
    filters: { topic: ['energy-transition', 'nuclear-energy'], type: ['report'] },
  }),
  query('water', { from: '2020-01-01', to: '2024-12-31' }),
  query('climate', { page: 2 }),
];

for (const dialect of testDialects()) {
  describe(`${dialect.name}: an index built by several threads`, () => {
    let world: SearchWorld;
    beforeAll(async () => {
      world = await openSearchWorld(dialect, [], '2026-11-28T12:00:00Z');
      const report = await createImportService({
        db: world.database.db,
        uploadsDir: `${world.dataDir}/uploads`,
        clock: world.clock,
      }).importFile(DEMO_FILE);
      expect(report.rejected).toEqual([]);
    }, 180_000);
    afterAll(() => world?.close());

    it('answers exactly as one built in one thread', async () => {
      const single = world.openIndex({ buildThreads: 1 });
      // Three threads over 300 pieces: uneven runs, and a term missing from some runs.
      const threaded = world.openIndex({ buildThreads: 3, threadedBuildFrom: 0 });
      for (const q of QUERIES) {
        const [a, b] = await Promise.all([single.search(q), threaded.search(q)]);
        const { tookMs: _a, ...expected } = a;
        const { tookMs: _b, ...actual } = b;
        expect(actual, JSON.stringify(q)).toEqual(expected);
      }
      expect(threaded.stats().buildThreads).toBe(3);
      expect(threaded.stats().buildProblem).toBeUndefined();
      expect(single.stats().buildThreads).toBe(1);
      expect(threaded.stats().documents).toBe(single.stats().documents);
      expect(threaded.stats().terms).toBe(single.stats().terms);
      expect(await threaded.suggest('ener')).toEqual(await single.suggest('ener'));
    }, 120_000);

    it('keeps current after a threaded build like any other', async () => {
      const threaded = world.openIndex({ buildThreads: 2, threadedBuildFrom: 0 });
      const before = await threaded.search(query('zanzibarite'));
      expect(before.total).toBe(0);
      await world.database.db
        .updateTable('publications')
        .set({ title: 'Zanzibarite Findings' })
        .where('slug', '=', 'power-lines-are-the-new-trade-routes')
        .execute();
      const after = await threaded.search(query('zanzibarite'));
      expect(after.hits.map((hit) => hit.slug)).toEqual(['power-lines-are-the-new-trade-routes']);
    });
  });
}
