import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../../src/demo/random.ts';
import type { PublicationStatus } from '../../src/domain/publication.ts';
import { visibleFrom } from '../../src/domain/visibility.ts';
import type { ImportRecordInput } from '../../src/import/records.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createSearchIndex, type SearchIndexDeps } from '../../src/search/create-search-index.ts';
import type {
  FacetName,
  SearchIndex,
  SearchQuery,
  SearchResult,
} from '../../src/search/search-index.ts';
import type { Database } from '../../src/storage/database.ts';
import type { TestDialect } from '../helpers/dialects.ts';
import { seed } from '../helpers/factories.ts';

/** Where the search suites stand unless a test moves the clock. */
export const NOW = '2026-06-01T12:00:00.000Z';

export type PublicationRecord = Extract<ImportRecordInput, { kind: 'publication' }>;

/** A migrated database of one dialect, content imported as users do, and its search index. */
export interface SearchWorld {
  database: Database;
  dataDir: string;
  clock: ReturnType<typeof fixedClock>;
  index: SearchIndex;
  /** Another app process's index over the same database (closed with the world). */
  openIndex(
    options?: Pick<SearchIndexDeps, 'buildThreads' | 'threadedBuildFrom' | 'firstBuildWaitMs'>,
  ): SearchIndex;
  /** Imports records through the real import path (a rejection fails the test). */
  seed(records: ImportRecordInput[]): Promise<void>;
  close(): Promise<void>;
}

export async function openSearchWorld(
  dialect: TestDialect,
  records: ImportRecordInput[],
  now: string = NOW,
): Promise<SearchWorld> {
  const database = await dialect.open();
  const dataDir = await mkdtemp(join(tmpdir(), 'searchtest-'));
  const clock = fixedClock(now);
  const indexes: SearchIndex[] = [];
  const openIndex = (
    options: Pick<SearchIndexDeps, 'buildThreads' | 'threadedBuildFrom' | 'firstBuildWaitMs'> = {},
  ) => {
    const index = createSearchIndex({ database, clock, dataDir, ...options });
    indexes.push(index);
    return index;
  };
  const world: SearchWorld = {
    database,
    dataDir,
    clock,
    index: openIndex(),
    openIndex,
    seed: async (more) => {
      await seed(database, join(dataDir, 'uploads'), more);
    },
    async close() {
      for (const index of indexes) await index.close();
      await database.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  if (records.length > 0) await world.seed(records);
  return world;
}

/** A query with the defaults a search page sends. */
export function query(text: string, more: Partial<SearchQuery> = {}): SearchQuery {
  return { text, filters: {}, sort: 'relevance', page: 1, ...more };
}

export function slugsOf(result: SearchResult): string[] {
  return result.hits.map((hit) => hit.slug);
}

/** Every hit of a query, page after page (sorted, so order does not matter). */
export async function allSlugs(index: SearchIndex, q: SearchQuery): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const result = await index.search({ ...q, page, pageSize: 100 });
    out.push(...slugsOf(result));
    if (result.hits.length < 100) break;
  }
  return out.sort();
}

/** A facet's counts as value → count, leaving out values listed with no documents. */
export function countsOf(result: SearchResult, facet: FacetName): Record<string, number> {
  return Object.fromEntries(
    result.facets[facet].filter((entry) => entry.count > 0).map((e) => [e.value, e.count]),
  );
}

export interface VisibilityWrite {
  status: PublicationStatus;
  publishedAt: string | null;
  embargoUntil: string | null;
}

/**
 * Changes a piece's status and times with a plain UPDATE, as an admin tool or another
 * process would: `visible_from` is worked out by the domain rule, as the app's writers do.
 */
export async function setVisibility(
  database: Database,
  slug: string,
  facts: VisibilityWrite,
): Promise<void> {
  const { db } = database;
  const visible_from = visibleFrom(facts);
  const { id } = await db
    .selectFrom('publications')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('publications')
      .set({
        status: facts.status,
        published_at: facts.publishedAt,
        embargo_until: facts.embargoUntil,
        visible_from,
      })
      .where('id', '=', id)
      .execute();
    for (const table of [
      'publication_authors',
      'publication_centers',
      'publication_terms',
    ] as const)
      await trx
        .updateTable(table)
        .set({ published_at: facts.publishedAt, visible_from })
        .where('publication_id', '=', id)
        .execute();
  });
}

/** A seeded PRNG (the demo generator's): the same seed, the same run. */
export function prng(seed: number): () => number {
  const random = createRandom(seed);
  return () => random.next();
}
